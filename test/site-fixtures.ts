/**
 * Workspaces the site's tests publish: the shipped ordinance with a git
 * history made here (draft, introduced with a change, adopted) beside the
 * base fixture's draft; and an ordinance and a registry entry whose every
 * value is hostile.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { FIXTURES, laSampleCopy, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';

export const EPOCH = { SOURCE_DATE_EPOCH: '1733702400' };

/** Commit everything in `dir` at a fixed date, as a fixed person. */
export function commit(dir: string, subject: string, date: string): void {
  const env = {
    ...process.env,
    GIT_AUTHOR_NAME: 'Clerk',
    GIT_AUTHOR_EMAIL: 'clerk@example.org',
    GIT_COMMITTER_NAME: 'Clerk',
    GIT_COMMITTER_EMAIL: 'clerk@example.org',
    GIT_AUTHOR_DATE: date,
    GIT_COMMITTER_DATE: date,
  };
  execFileSync('git', ['add', '-A'], { cwd: dir, env });
  execFileSync('git', ['commit', '-q', '-m', subject], { cwd: dir, env });
}

function edit(file: string, from: string | RegExp, to: string): void {
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(from, to);
  expect(changed, `${file}: ${String(from)}`).not.toBe(text);
  writeFileSync(file, changed);
}

export interface PublishedSite {
  /** The workspace's folder (the git repository). */
  dir: string;
  /** The build's output folder. */
  out: string;
  /** out/site. */
  site: string;
}

/** The shipped ordinance, committed as draft, introduced (with a change of its text) and effective, and the base fixture's draft beside it, built and published. */
export async function shippedSite(): Promise<PublishedSite> {
  const dir = laSampleCopy();
  cpSync(path.join(FIXTURES, 'base', 'ordinance'), path.join(dir, 'drafts', 'ordinance'), { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: dir });
  const meta = path.join(dir, 'ordinance', 'la-sanctuary-city', 'ordinance.md');
  const prohibitions = path.join(dir, 'ordinance', 'la-sanctuary-city', '04-prohibitions.md');
  const shipped = { meta: readFileSync(meta, 'utf8'), prohibitions: readFileSync(prohibitions, 'utf8') };
  edit(meta, 'status: effective', 'status: draft');
  edit(meta, 'version: 2', 'version: 1');
  edit(prohibitions, 'Judicial Warrant that authorizes that access', 'Judicial Warrant');
  commit(dir, 'Draft the sanctuary city ordinance', '2024-11-01T10:00:00Z');
  edit(meta, 'status: draft', 'status: introduced');
  writeFileSync(prohibitions, shipped.prohibitions);
  commit(dir, 'Introduce it, with the warrant clause amended', '2024-11-19T10:00:00Z');
  writeFileSync(meta, shipped.meta);
  commit(dir, 'Adopted on December 4, 2024', '2024-12-09T10:00:00Z');
  const out = tempDir();
  const build = await runMain(['build', 'ordinance', 'drafts/ordinance', '--out', out, '--quiet'], dir, EPOCH);
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const publish = await runMain(['publish', 'ordinance', 'drafts/ordinance', '--out', out], dir);
  expect(publish.code, publish.stderr).toBe(0);
  return { dir, out, site: path.join(out, 'site') };
}

/** What the hostile ordinance holds, to be shown as text. */
export const HOSTILE = {
  title: `An ordinance on <script>alert('title')</script> & "quotes" 'single' </title><b>bold`,
  shortTitle: '<img src=x onerror=alert(1)> & Co',
  sponsor: '"><script>alert(2)</script>',
  heading: 'Records <script>alert(3)</script> & "More"',
  directiveTitle: 'Example Order <script>alert(8)</script>',
  directiveBody: '<script>alert(6)</script>',
};

/** The base fixture with hostile text in every value a page shows: titles, sponsors, a heading, the text, links of every scheme, and a registry entry's title, citation form and body. */
export async function hostileSite(): Promise<PublishedSite> {
  const dir = workspace();
  const sample = path.join(dir, 'ordinance', 'sample');
  const yaml = (value: string) => JSON.stringify(value);
  edit(path.join(sample, 'ordinance.md'), /^title: .*$/m, `title: ${yaml(HOSTILE.title)}`);
  edit(path.join(sample, 'ordinance.md'), /^short-title: .*$/m, `short-title: ${yaml(HOSTILE.shortTitle)}`);
  edit(path.join(sample, 'ordinance.md'), '  - "Councilmember A"', `  - ${yaml(HOSTILE.sponsor)}`);
  edit(path.join(sample, '02-records.md'), 'heading: Records of Stops', `heading: ${yaml(HOSTILE.heading)}`);
  edit(
    path.join(sample, '02-records.md'),
    '(a) Every Stop shall be recorded.',
    '(a) Every Stop shall be recorded \\<script>alert(4)\\</script> & see [the list](javascript:alert(5)), [data](data:text/html,hi) and [the site](https://example.org/?a=1&b="2").',
  );
  const order = path.join(dir, 'ordinance', 'directives', 'example-order.md');
  edit(order, 'title: "Example Order No. 7"', `title: ${yaml(HOSTILE.directiveTitle)}`);
  edit(order, '  - "Example Order 7"', `  - "Example Order 7"\n  - ${yaml('Order "7" & <b>')}`);
  writeFileSync(
    order,
    `${readFileSync(order, 'utf8')}\n${HOSTILE.directiveBody}\n\n[bad](javascript:alert(7)) and <a href="javascript:alert(9)">raw</a>, [up](../secret.txt) and [mail](mailto:clerk@example.org).\n`,
  );
  // The link-scheme rule would stop the build; off, such a link is printed as text.
  writeFileSync(path.join(dir, 'ordinance.config.json'), `${JSON.stringify({ rules: { 'link-scheme': { severity: 'off', reason: 'the site shows it as text' } } })}\n`);
  const out = tempDir();
  const build = await runMain(['build', 'ordinance', '--out', out, '--quiet'], dir, EPOCH);
  expect(build.code, build.stdout + build.stderr).toBe(0);
  const publish = await runMain(['publish', 'ordinance', '--out', out], dir);
  expect(publish.code, publish.stderr).toBe(0);
  return { dir, out, site: path.join(out, 'site') };
}

/** Every file under `dir`, relative to it, with forward slashes. */
export function filesUnder(dir: string, prefix = ''): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesUnder(dir, path.posix.join(prefix, entry.name)) : [path.posix.join(prefix, entry.name)]))
    .sort();
}
