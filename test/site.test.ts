/**
 * The publication site as files: the catalog, the ordinance and directive
 * pages, the versions from git, the lock's checksums, manifest.json and
 * SHA256SUMS, the same bytes again, and hostile input escaped. The browser's
 * view of the same sites is test/site-browser.test.ts.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PUBLISH_USAGE, runPublish } from '../pipeline/cli/commands/publish.js';
import { UsageError } from '../pipeline/report/failure.js';
import { liveHref } from '../pipeline/site/links.js';
import { markdownToHast } from '../pipeline/site/markdown-html.js';
import { readManifest as readManifestOf } from '../pipeline/outputs/dist.js';
import { runCli, sampleCopy, workspace } from './helpers.js';
import { runMain } from './in-process.js';
import { readPdf } from './pdf.js';
import { filesUnder, HOSTILE, hostileSite, type PublishedSite, shippedSite } from './site-fixtures.js';

const SLUG = 'la-sanctuary-city';

function read(site: PublishedSite, file: string): string {
  return readFileSync(path.join(site.site, file), 'utf8');
}

/** The text of some HTML, as a reader sees it: inline tags dropped, blocks apart, the entities hast-util-to-html writes decoded, white space collapsed. */
function shownText(html: string): string {
  return html
    .replace(/<\/?(?:a|span|dfn|em|strong|code|ins|del|mark|bdi)\b[^>]*>/g, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

describe('the site of the shipped ordinance and a draft', () => {
  let site: PublishedSite;
  beforeAll(async () => {
    site = await shippedSite();
  });

  it('lists both in the catalog, the adopted final told apart from the draft', () => {
    const catalog = JSON.parse(read(site, 'catalog.json')) as {
      ordinances: { slug: string; number: string | null; status: string; final: boolean; page: string; codifies: string[]; sections: unknown[] }[];
    };
    expect(catalog.ordinances.map((o) => [o.slug, o.status, o.final, o.page])).toEqual([
      [SLUG, 'effective', true, `ordinances/${SLUG}/index.html`],
      ['sample', 'draft', false, 'ordinances/sample/index.html'],
    ]);
    expect(catalog.ordinances[0]!.number).toBe('188441');
    expect(catalog.ordinances[0]!.codifies).toEqual(['lapd-special-order-40', 'la-executive-directive-20']);
    expect(catalog.ordinances[0]!.sections).toHaveLength(10);
    const index = shownText(read(site, 'index.html'));
    expect(index).toContain('2 published: 1 adopted final and 1 not adopted.');
    expect(index).toContain('Ordinance No. 188441 Sanctuary City Ordinance');
    expect(index).toContain('Final: effective');
    expect(index).toContain('Not adopted: draft');
    expect(index).toContain('Introduced 2024-11-19 Passed 2024-12-04 Approved 2024-12-09 Effective 2024-12-09');
    expect(index).toContain('Councilmember Nithya Raman; Councilmember Eunisses Hernandez; Councilmember Hugo Soto-Martinez');
    expect(index).toContain('Codifies Special Order 40; Executive Directive No. 20');
  });

  it('gives each ordinance a page with its text, sections linked to each other and citations to their directives', () => {
    const html = read(site, `ordinances/${SLUG}/index.html`);
    const text = shownText(html);
    expect(text).toContain('This is the adopted final (effective, version 2).');
    expect(shownText(read(site, 'ordinances/sample/index.html'))).toContain('This is a draft (draft, version 1). It has not been adopted and is not law.');
    // Every section under its heading, the words the drafter wrote.
    for (const [id, heading] of [
      ['findings', 'Section 1. Findings.'],
      ['prohibitions', 'Section 4. Prohibition on Use of City Resources for Immigration Enforcement.'],
      ['exceptions', 'Section 6. Exceptions.'],
    ]) {
      expect(html).toContain(`<section id="s-${id}" aria-labelledby="s-${id}-heading" class="law-section">`);
      expect(text).toContain(heading);
    }
    expect(text).toContain('Except as provided in Section 6, no City Resources shall be used, directly or indirectly, for Immigration Enforcement');
    // A :ref goes to the section on the page; a subdivision has its own anchor.
    expect(html).toContain('<a href="#s-exceptions" class="reference">Section 6</a>');
    expect(html).toContain('<li id="s-prohibitions-f-2" class="level-2">');
    // Defined terms are marked where they are defined.
    expect(html).toMatch(/<dfn id="t-[a-z0-9-]+">City Agency<\/dfn>/);
    // A citation goes to its directive's page; that page says what cites it.
    expect(html).toContain('href="../../directives/lapd-special-order-40.html" class="citation"');
    const directive = shownText(read(site, 'directives/lapd-special-order-40.html'));
    expect(directive).toContain('What cites it Sanctuary City Ordinance (adopted final): codifies, cites in Section 1, Section 2, Section 5');
    // Both ways inside the text.
    expect(text).toContain('Section 6, referred to by Section 4');
  });

  it('lists the versions from git with the status each had', () => {
    const text = shownText(read(site, `ordinances/${SLUG}/index.html`));
    expect(text).toMatch(
      /Versions .* 2024-12-09 Adopted on December 4, 2024 \(redline\) effective, version 2 [0-9a-f]{12} 2024-11-19 Introduce it, with the warrant clause amended \(redline\) introduced, version 1 [0-9a-f]{12} 2024-11-01 Draft the sanctuary city ordinance draft, version 1 [0-9a-f]{12}/,
    );
  });

  it("links each version's redline against the version before it, published beside the page", async () => {
    const html = read(site, `ordinances/${SLUG}/index.html`);
    const links = [...html.matchAll(/href="(redlines\/[0-9a-f]{12}\.pdf)"/g)].map((m) => m[1]!);
    // Introduced (the warrant clause changed) against the draft, and effective against introduced; the first version has none.
    expect(links).toHaveLength(2);
    expect(read(site, 'SHA256SUMS')).toContain(`ordinances/${SLUG}/${links[1]}`);
    const introduced = await readPdf(readFileSync(path.join(site.site, 'ordinances', SLUG, links[1]!)));
    const text = introduced.content.join('\n').replace(/\s+/g, ' ');
    expect(text).toMatch(/Changes from the version of 2024-11-01 \([0-9a-f]{7}\) to the version of 2024-11-19 \([0-9a-f]{7}\)\./);
    expect(text).toContain('status: draft introduced');
    expect(text).toContain('Judicial Warrant that authorizes that access');
    const effective = (await readPdf(readFileSync(path.join(site.site, 'ordinances', SLUG, links[0]!)))).content.join('\n').replace(/\s+/g, ' ');
    expect(effective).toContain('status: introduced effective');
  });

  it('publishes every file with its checksum in SHA256SUMS and manifest.json, the files equal to the build', () => {
    const sums = read(site, 'SHA256SUMS');
    const check = spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: site.site, encoding: 'utf8' });
    expect(check.status, check.stdout + check.stderr).toBe(0);
    const listed = sums
      .trim()
      .split('\n')
      .map((line) => line.slice(66));
    // Every file but SHA256SUMS itself and the publish's own list of what it wrote.
    expect(listed).toEqual(filesUnder(site.site).filter((f) => f !== 'SHA256SUMS' && f !== '.ordinance-outputs.json'));
    const manifest = JSON.parse(read(site, 'manifest.json')) as { files: { path: string; size: number; sha256: string }[] };
    expect(manifest.files.map((f) => f.path)).toEqual(listed.filter((f) => f !== 'manifest.json'));
    for (const file of manifest.files) expect(sha256(path.join(site.site, file.path)), file.path).toBe(file.sha256);
    for (const name of [`${SLUG}.pdf`, 'summary.pdf', 'summary.md', 'xref.json'])
      expect(sha256(path.join(site.site, 'ordinances', SLUG, name)), name).toBe(sha256(path.join(site.out, SLUG, name)));
    // The page shows the same checksum beside the download.
    expect(read(site, `ordinances/${SLUG}/index.html`)).toContain(sha256(path.join(site.out, SLUG, `${SLUG}.pdf`)));
  });

  it('gives the same bytes when published again, from another folder', async () => {
    const before = read(site, 'SHA256SUMS');
    const again = await runMain(['publish', path.join(site.dir, 'ordinance'), path.join(site.dir, 'drafts', 'ordinance'), '--out', site.out, '--quiet'], path.dirname(site.dir));
    expect(again.code, again.stderr).toBe(0);
    expect(read(site, 'SHA256SUMS')).toBe(before);
  });

  it("shows a final's lock and whether each published file is the one it records", async () => {
    const pdf = sha256(path.join(site.out, SLUG, `${SLUG}.pdf`));
    const lockFile = path.join(site.dir, 'ordinance', SLUG, 'ordinance.lock.json');
    const lock = {
      lock: 1,
      slug: SLUG,
      number: '188441',
      adopted: '2024-12-04',
      tool: { name: 'ordinance-pipeline', version: '0.1.0', sha256: 'a'.repeat(64) },
      build: { date: '2024-12-04T00:00:00.000Z', commit: null },
      fonts: { 'Tinos-Regular.ttf': 'b'.repeat(64) },
      sources: { 'ordinance.md': sha256(path.join(site.dir, 'ordinance', SLUG, 'ordinance.md')) },
      outputs: Object.fromEntries(readManifestOf(path.join(site.out, SLUG)).map((name) => [name, sha256(path.join(site.out, SLUG, name))])),
    };
    const sums = read(site, 'SHA256SUMS');
    try {
      // A final whose build is not the bytes its lock records is not published at all, each file named at its entry in the lock; the site stays as it was.
      writeFileSync(lockFile, JSON.stringify({ ...lock, outputs: { ...lock.outputs, 'summary.md': '0'.repeat(64) } }, null, 2));
      const refused = await runMain(['publish', 'ordinance', 'drafts/ordinance', '--out', site.out, '--quiet'], site.dir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(
        /^ordinance\/la-sanctuary-city\/ordinance\.lock\.json:\d+:\d+: error Unexpected `summary\.md` in the build whose sha256 [0-9a-f]{12}… is not the lock's 000000000000…, expected the bytes the final was adopted with/,
      );
      expect(refused.stderr).toContain("nothing published: an adopted final's build is not the bytes its lock records");
      expect(read(site, 'SHA256SUMS')).toBe(sums);
      // One it does not record, and one it records that is not built, alike.
      const { 'summary.md': _summary, ...fewer } = lock.outputs;
      writeFileSync(lockFile, JSON.stringify({ ...lock, outputs: { ...fewer, 'extra.pdf': pdf } }, null, 2));
      const other = await runMain(['publish', 'ordinance', 'drafts/ordinance', '--out', site.out, '--quiet'], site.dir);
      expect(other.code).toBe(1);
      expect(other.stderr).toContain('error Missing `extra.pdf` in the build, which the lock records');
      expect(other.stderr).toContain('error Unexpected `summary.md` in the build, which the lock does not record');
      writeFileSync(lockFile, JSON.stringify(lock));
      expect((await runMain(['publish', 'ordinance', 'drafts/ordinance', '--out', site.out, '--quiet'], site.dir)).code).toBe(0);
      const text = shownText(read(site, `ordinances/${SLUG}/index.html`));
      expect(text).toContain('Adopted 2024-12-04 as No. 188441. Made by ordinance-pipeline 0.1.0');
      expect(text).toContain(`${SLUG}.pdf ${pdf} matches the published file`);
      // SHA256SUMS lists each file of the final with its lock's sha256.
      for (const [name, digest] of Object.entries(lock.outputs))
        if (!['record.json', 'text.html'].includes(name)) expect(read(site, 'SHA256SUMS')).toContain(`${digest}  ordinances/${SLUG}/${name}\n`);
      // A lock that does not read is said on the page and on stderr, at its place, and the rest is published.
      writeFileSync(lockFile, JSON.stringify({ ...lock, lock: 2 }));
      const result = await runMain(['publish', 'ordinance', 'drafts/ordinance', '--out', site.out, '--quiet'], site.dir);
      expect(result.code).toBe(0);
      expect(result.stderr).toBe('ordinance/la-sanctuary-city/ordinance.lock.json:1:9: warning: the lock does not read: Unexpected number `2` for `lock`, expected `1`\n');
      expect(shownText(read(site, `ordinances/${SLUG}/index.html`))).toContain(
        'Lock The lock beside the sources (ordinance.lock.json) does not read: Unexpected number `2` for `lock`, expected `1` (line 1, column 9).',
      );
      // One written by an older version, without the build's date and commit, does not read either: the site and `verify` read one format.
      const { build: _build, ...older } = lock;
      writeFileSync(lockFile, JSON.stringify(older));
      const missing = runCli(['publish', 'ordinance', 'drafts/ordinance', '--out', site.out, '--quiet'], site.dir);
      expect(missing.stderr).toContain('ordinance/la-sanctuary-city/ordinance.lock.json:1:1: warning: the lock does not read: Missing `build` in ordinance lock');
    } finally {
      rmSync(lockFile);
    }
  });
  it('removes what the last publish wrote and this one does not, and nothing else', async () => {
    writeFileSync(path.join(site.site, 'notes.txt'), "the clerk's own file\n");
    expect((await runMain(['publish', 'ordinance', '--out', site.out, '--quiet'], site.dir)).code).toBe(0);
    expect(filesUnder(site.site).filter((f) => f.startsWith('ordinances/'))).not.toContainEqual(expect.stringMatching(/^ordinances\/sample\//));
    expect(readFileSync(path.join(site.site, 'notes.txt'), 'utf8')).toBe("the clerk's own file\n");
    expect(spawnSync('sha256sum', ['--check', '--strict', 'SHA256SUMS'], { cwd: site.site }).status).toBe(0);
    expect(read(site, 'SHA256SUMS')).not.toContain('notes.txt');
  });
});

describe('publish', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('prints its usage for --help, and refuses what it does not take', async () => {
    const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    expect(await runPublish(['--help'])).toBe(0);
    expect(write).toHaveBeenCalledWith(PUBLISH_USAGE);
    expect(PUBLISH_USAGE).toMatch(/^Usage: ordinance publish \[paths\.\.\.\] \[--out <dir>\] \[--quiet\]\n/);
    await expect(runPublish(['--format', 'json'])).rejects.toThrow(UsageError);
  });

  it('leaves out an ordinance that is not built, says so, and with nothing built writes no site at all', async () => {
    const dir = workspace();
    const out = path.join(dir, 'dist');
    const result = await runMain(['publish', 'ordinance', '--out', out], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('not published: ordinance/sample (not built: run `ordinance build` first, and fix its errors)\n');
    expect(result.stderr).toContain(`nothing published: no ordinance of ordinance is built in ${out}; run \`ordinance build\` first (with the same --out)\n`);
    expect(existsSync(path.join(out, 'site'))).toBe(false);
  });

  it('refuses an option it does not take, and an output folder among the sources', () => {
    const dir = workspace();
    expect(runCli(['publish', 'ordinance', '--nonsense'], dir)).toMatchObject({ code: 2 });
    const inside = runCli(['publish', 'ordinance', '--out', 'ordinance/sample/dist'], dir);
    expect(inside.code).toBe(2);
    expect(inside.stderr).toContain('lies inside the source folder');
  });
});

describe('links on the site', () => {
  it('are live only for http, https and mailto', () => {
    for (const url of ['https://example.org/a?b=1&c="2"', 'http://example.org', 'mailto:clerk@example.org', 'HTTPS://EXAMPLE.ORG']) expect(liveHref(url), url).toBe(url);
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'data:text/html,x',
      'vbscript:x',
      'file:///etc/passwd',
      '../secret.txt',
      '//example.org',
      'https://',
      'https://a b',
      '',
    ])
      expect(liveHref(url), url).toBeNull();
  });

  it("in Markdown written by others keep only those, and the files of the page's folder", () => {
    const html = (markdown: string) => JSON.stringify(markdownToHast(markdown, { topLevel: 3, localFiles: new Set(['sample.pdf']) }));
    expect(html('[a](sample.pdf#section-records)')).toContain('"href":"sample.pdf#section-records"');
    for (const link of ['[a](other.pdf)', '[a](../sample.pdf)', '[a](javascript:alert(1))', '[a](sample.pdf/../../x)']) expect(html(link), link).not.toContain('"href"');
    // A heading nests under the page's own; HTML is text.
    expect(html('# Digest\n\n<b>bold</b>')).toMatch(/"tagName":"h3".*"value":"<b>".*"value":"<\/b>"/);
  });
});

describe('the site of hostile input', () => {
  let site: PublishedSite;
  beforeAll(async () => {
    site = await hostileSite();
  });

  it('shows every value as text, never as markup', () => {
    const page = read(site, 'ordinances/sample/index.html');
    const text = shownText(page);
    for (const value of [HOSTILE.title, HOSTILE.shortTitle, HOSTILE.sponsor, HOSTILE.heading]) expect(text).toContain(value);
    expect(text).toContain('Every Stop shall be recorded <script>alert(4)</script> & see the list, data and the site.');
    const directive = read(site, 'directives/example-order.html');
    expect(shownText(directive)).toContain(HOSTILE.directiveTitle);
    expect(shownText(directive)).toContain(HOSTILE.directiveBody);
    expect(shownText(directive)).toContain('bad and <a href="javascript:alert(9)">raw</a>, up and mail.');
    for (const file of filesUnder(site.site).filter((f) => f.endsWith('.html'))) {
      const html = read(site, file);
      // The only scripts are the site's own files; no element carries an event handler.
      expect(html.match(/<script[^>]*>/g) ?? [], file).toEqual((html.match(/<script src="[^"]+" defer><\/script>/g) ?? []).map((s) => s.replace('</script>', '')));
      expect(html, file).not.toMatch(/<[a-z][^<>]*\son[a-z]+=/i);
      // Only http, https and mailto links go out; the rest are the site's own files.
      for (const [, href] of html.matchAll(/<[a-z][^<>]*\shref="([^"]*)"/g)) expect(href, file).toMatch(/^(?:https?:\/\/|mailto:|#|[a-z0-9._/-]+(?:#[^"]*)?$)/i);
    }
    expect(page).toContain('<a href="https://example.org/?a=1&#x26;b=&#x22;2&#x22;" rel="noopener noreferrer">the site</a>');
    expect(read(site, 'directives/example-order.html')).toContain('<a href="mailto:clerk@example.org">mail</a>');
  });

  it('says there is no history outside git', () => {
    expect(() => execFileSync('git', ['rev-parse', '--show-toplevel'], { cwd: site.dir, stdio: 'ignore' })).toThrow();
    expect(shownText(read(site, 'ordinances/sample/index.html'))).toContain('Versions No history: the sources are not in a git repository.');
  });

  it('writes the search index as a script that no value can end', () => {
    const script = read(site, 'search-index.js');
    expect(script).not.toMatch(/[<>]/);
    const index = JSON.parse(script.replace(/^window\.ordinanceSearchIndex = /, '').replace(/;\n$/, '')) as { words: string[] };
    expect(index.words).toContain('script');
    expect(index.words).toContain('alert');
  });
});

describe("a council's numbers on the site", () => {
  it('prints each in its own case: "D.C. Act 24-726", never "D.c. Act" (issue 31, finding 14)', async () => {
    const dir = sampleCopy(['dc-wmata-board', 'dc-code']);
    const out = path.join(dir, 'dist');
    const build = await runMain(['build', 'ordinance', '--out', out, '--quiet'], dir);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect((await runMain(['publish', 'ordinance', '--out', out, '--quiet'], dir)).code).toBe(0);
    const catalog = shownText(readFileSync(path.join(out, 'site', 'index.html'), 'utf8'));
    expect(catalog).toContain('D.C. Act 24-726');
    expect(catalog).not.toMatch(/D\.c\./);
    expect(shownText(readFileSync(path.join(out, 'site', 'ordinances', 'dc-wmata-board', 'index.html'), 'utf8'))).toContain('D.C. Act 24-726');
  });
});
