/**
 * The publication site in a real browser (playwright-core driving Debian's
 * Chromium), opened from disk as a clerk would: the catalog loads, filters
 * and finds ordinances by their words; every link on every page resolves; no
 * page logs an error; axe-core finds no accessibility violation; hostile
 * input is shown as text and never runs. Then the same for an imported D.C.
 * Code title.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations, fileUrl, launchBrowser, pageAddresses, unresolved, type WatchedPage, watchedPage } from './browser.js';
import { DC_CODE } from './corpora.js';
import { ROOT, runCli, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';
import { EPOCH, filesUnder, HOSTILE, hostileSite, type PublishedSite, shippedSite } from './site-fixtures.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Open every page of `site` in turn: what the links that do not resolve, the console's errors and axe's violations (on the pages `audited` picks) are, page by page. */
async function visitEvery(
  site: string,
  pages: string[],
  audited: (file: string) => boolean = () => true,
): Promise<{ unresolved: string[]; problems: string[]; violations: string[]; visited: number }> {
  const watched = await watchedPage(browser);
  const found = { unresolved: [] as string[], problems: watched.problems, violations: [] as string[], visited: 0 };
  for (const file of pages) {
    await watched.page.goto(fileUrl(path.join(site, file)));
    found.visited++;
    for (const address of await pageAddresses(watched.page)) {
      const problem = unresolved(address);
      if (problem) found.unresolved.push(`${file}: ${problem}`);
    }
    if (audited(file)) for (const violation of await axeViolations(watched.page)) found.violations.push(`${file}: ${violation}`);
  }
  expect(watched.dialogs).toEqual([]);
  await watched.page.close();
  return found;
}

describe('the site of the shipped ordinance and a draft, in a browser', () => {
  let site: PublishedSite;
  let catalog: WatchedPage;
  beforeAll(async () => {
    site = await shippedSite();
    catalog = await watchedPage(browser);
    await catalog.page.goto(fileUrl(path.join(site.site, 'index.html')));
  });

  const shown = () => catalog.page.locator('#catalog tbody tr:visible td:nth-child(2) a').allTextContents();
  const count = () => catalog.page.locator('#catalog-count').textContent();

  it('loads the catalog with its controls', async () => {
    expect(await catalog.page.title()).toBe('Catalog · Ordinances');
    expect(await catalog.page.locator('#catalog-controls').isVisible()).toBe(true);
    expect(await shown()).toEqual(['Sanctuary City Ordinance', 'Stop Records Ordinance']);
    expect(await count()).toBe('2 of 2 shown');
  });

  it('finds an ordinance by the words of its text, each word the start of one', async () => {
    const search = catalog.page.getByLabel('Search by words');
    await search.fill('judicial warrant');
    expect(await shown()).toEqual(['Sanctuary City Ordinance']);
    await search.fill('detention by a police offic');
    expect(await shown()).toEqual(['Stop Records Ordinance']);
    await search.fill('RECORDS');
    expect(await shown()).toEqual(['Sanctuary City Ordinance', 'Stop Records Ordinance']);
    await search.fill('warrant zebra');
    expect(await shown()).toEqual([]);
    expect(await count()).toBe('0 of 2 shown');
    await search.fill('');
    expect(await count()).toBe('2 of 2 shown');
  });

  it('filters by status, adopted finals apart from drafts', async () => {
    const status = catalog.page.getByLabel('Status');
    await status.selectOption('final');
    expect(await shown()).toEqual(['Sanctuary City Ordinance']);
    await status.selectOption('not-final');
    expect(await shown()).toEqual(['Stop Records Ordinance']);
    await status.selectOption('draft');
    expect(await shown()).toEqual(['Stop Records Ordinance']);
    await catalog.page.getByLabel('Search by words').fill('immigration');
    expect(await shown()).toEqual([]);
    await catalog.page.getByLabel('Search by words').fill('');
    await status.selectOption('');
    expect(await shown()).toEqual(['Sanctuary City Ordinance', 'Stop Records Ordinance']);
  });

  it('sorts by a column, either way', async () => {
    const title = catalog.page.getByRole('button', { name: 'Title' });
    await title.click();
    expect(await catalog.page.locator('th', { has: title }).getAttribute('aria-sort')).toBe('ascending');
    expect(await shown()).toEqual(['Sanctuary City Ordinance', 'Stop Records Ordinance']);
    await title.click();
    expect(await catalog.page.locator('th', { has: title }).getAttribute('aria-sort')).toBe('descending');
    expect(await shown()).toEqual(['Stop Records Ordinance', 'Sanctuary City Ordinance']);
    const status = catalog.page.getByRole('button', { name: 'Status' });
    await status.click();
    expect(await catalog.page.locator('th', { has: title }).getAttribute('aria-sort')).toBeNull();
    expect(await shown()).toEqual(['Sanctuary City Ordinance', 'Stop Records Ordinance']);
    expect(catalog.problems).toEqual([]);
  });

  it('goes from the catalog to the ordinance, and from a reference to its section', async () => {
    await catalog.page.getByRole('link', { name: 'Sanctuary City Ordinance' }).click();
    await catalog.page.waitForURL(/la-sanctuary-city\/index\.html$/, { waitUntil: 'load' });
    expect(await catalog.page.locator('h1').textContent()).toMatch(/^An ordinance adding/);
    expect(await catalog.page.locator('.status').first().textContent()).toBe('Final: effective');
    await catalog.page.locator('#s-prohibitions').getByRole('link', { name: 'Section 6' }).click();
    expect(new URL(catalog.page.url()).hash).toBe('#s-exceptions');
    expect(await catalog.page.locator('#s-exceptions h2').textContent()).toBe('Section 6. Exceptions.');
  });

  it('resolves every link on every page, logs no error, and has no accessibility violation', async () => {
    const pages = filesUnder(site.site).filter((f) => f.endsWith('.html'));
    // The catalog, the directives' index, the two ordinances' pages, and a page for each registry entry (the shipped ones and the draft's one).
    const entries = readdirSync(path.join(ROOT, 'ordinance', 'directives')).filter((f) => f.endsWith('.md')).length + 1;
    expect(pages).toHaveLength(4 + entries);
    const found = await visitEvery(site.site, pages);
    expect(found.visited).toBe(4 + entries);
    expect(found.unresolved).toEqual([]);
    expect(found.problems).toEqual([]);
    expect(found.violations).toEqual([]);
  });
});

describe('the site of hostile input, in a browser', () => {
  let site: PublishedSite;
  beforeAll(async () => {
    site = await hostileSite();
  });

  it('shows every value as text and runs none of it', async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(fileUrl(path.join(site.site, 'ordinances', 'sample', 'index.html')));
    expect(await watched.page.locator('h1').textContent()).toBe(HOSTILE.title);
    expect(await watched.page.title()).toBe(`\u2068${HOSTILE.shortTitle}\u2069 · Ordinances`);
    expect(await watched.page.locator('#s-records h2').textContent()).toBe(`Section 2. ${HOSTILE.heading}.`);
    expect(await watched.page.locator('#s-records-a').textContent()).toContain('recorded <script>alert(4)</script> & see the list, data and the site.');
    // The links of other schemes are text; the web address is live, as written.
    expect(await watched.page.locator('#s-records-a a').evaluateAll((links) => links.map((a) => a.getAttribute('href')))).toEqual(['https://example.org/?a=1&b="2"']);
    expect(await watched.page.evaluate('document.querySelectorAll("script:not([src]), img, iframe, object, embed").length')).toBe(0);
    await watched.page.goto(fileUrl(path.join(site.site, 'directives', 'example-order.html')));
    expect(await watched.page.locator('h1').textContent()).toBe(HOSTILE.directiveTitle);
    expect(await watched.page.locator('.directive-body').textContent()).toContain(HOSTILE.directiveBody);
    await watched.page.goto(fileUrl(path.join(site.site, 'index.html')));
    await watched.page.getByLabel('Search by words').fill('alert');
    expect(await watched.page.locator('#catalog tbody tr:visible td:nth-child(2) a').allTextContents()).toEqual([HOSTILE.shortTitle]);
    expect(watched.dialogs).toEqual([]);
    expect(watched.problems).toEqual([]);
  });

  it('resolves every link, logs no error and has no accessibility violation', async () => {
    const found = await visitEvery(
      site.site,
      filesUnder(site.site).filter((f) => f.endsWith('.html')),
    );
    expect(found.unresolved).toEqual([]);
    expect(found.problems).toEqual([]);
    expect(found.violations).toEqual([]);
  });
});

describe('text that would turn the page around or push it off the screen, in a browser (issue 31, finding 14)', () => {
  /** An unterminated right-to-left override in the short title, and a long title of 1,200 letters with no place to break. */
  const OVERRIDE = 'Stop Records \u202EOrdinance';
  const UNBREAKABLE = `An${'x'.repeat(1200)}`;
  let site: PublishedSite;
  beforeAll(async () => {
    const dir = workspace();
    const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
    writeFileSync(
      meta,
      readFileSync(meta, 'utf8')
        .replace(/^short-title: .*$/m, `short-title: ${JSON.stringify(OVERRIDE)}`)
        .replace(/^title: .*$/m, `title: ${JSON.stringify(UNBREAKABLE)}`),
    );
    writeFileSync(path.join(dir, 'ordinance.config.json'), `${JSON.stringify({ rules: { 'title-an-ordinance': { severity: 'off', reason: 'a title made to be too long' } } })}\n`);
    const out = tempDir();
    const build = await runMain(['build', 'ordinance', '--out', out, '--quiet'], dir, EPOCH);
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect((await runMain(['publish', 'ordinance', '--out', out], dir)).code).toBe(0);
    site = { dir, out, site: path.join(out, 'site') };
  });

  it("keeps the site's own words in their order after a right-to-left override in a title", async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(fileUrl(path.join(site.site, 'directives', 'example-order.html')));
    // The words after the title, in the same line: drawn left to right (their first character left of their last), not turned around by the override.
    const drawn = (await watched.page.evaluate(`(() => {
      const item = [...document.querySelectorAll('li')].find((li) => li.textContent.includes('(not adopted)'));
      const text = [...item.childNodes].find((n) => n.nodeType === 3 && n.textContent.includes('(not adopted)'));
      const at = (i) => { const r = document.createRange(); r.setStart(text, i); r.setEnd(text, i + 1); return r.getBoundingClientRect().left; };
      const start = text.textContent.indexOf('(');
      return { first: at(start), last: at(text.textContent.indexOf(')')) };
    })()`)) as { first: number; last: number };
    expect(drawn.first).toBeLessThan(drawn.last);
    expect(await watched.page.title()).toBe('\u2068Example Order No. 7\u2069 · Ordinances');
    await watched.page.close();
  });

  it('wraps a title of 1,200 letters with no break at 1280×800: every column of the catalog stays on the screen', async () => {
    const watched = await watchedPage(browser);
    await watched.page.setViewportSize({ width: 1280, height: 800 });
    await watched.page.goto(fileUrl(path.join(site.site, 'index.html')));
    const right = (await watched.page.evaluate(`[...document.querySelectorAll('#catalog thead th')].map((th) => Math.round(th.getBoundingClientRect().right))`)) as number[];
    expect(right).toHaveLength(6);
    for (const edge of right) expect(edge).toBeLessThanOrEqual(1280);
    expect(await watched.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
    await watched.page.goto(fileUrl(path.join(site.site, 'ordinances', 'sample', 'index.html')));
    expect(await watched.page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(1280);
    expect(watched.problems).toEqual([]);
    await watched.page.close();
  });

  it('served over HTTP, asks for nothing the site lacks (its favicon is its own) and logs no error', async () => {
    const server = createServer((request, response) => {
      const file = path.join(site.site, decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname));
      if (!file.startsWith(site.site) || !existsSync(file) || statSync(file).isDirectory()) {
        response.writeHead(404).end('not found');
        return;
      }
      const type = file.endsWith('.svg') ? 'image/svg+xml' : file.endsWith('.html') ? 'text/html' : file.endsWith('.css') ? 'text/css' : 'application/octet-stream';
      response.writeHead(200, { 'content-type': type }).end(readFileSync(file));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const watched = await watchedPage(browser);
    const missing: string[] = [];
    watched.page.on('response', (response) => {
      if (response.status() >= 400) missing.push(response.url());
    });
    try {
      await watched.page.goto(`http://127.0.0.1:${port}/index.html`);
      await watched.page.waitForLoadState('networkidle');
      expect(missing).toEqual([]);
      expect(watched.problems).toEqual([]);
    } finally {
      await watched.page.close();
      server.close();
    }
  });
});

describe.skipIf(!DC_CODE.present)(`the site of an imported D.C. Code title, in a browser (${DC_CODE.needed})`, () => {
  let site: string;
  beforeAll(() => {
    const xml = tempDir('dc-xml-');
    execFileSync('tar', ['-xJf', DC_CODE.file, '-C', xml, 'us/dc/council/code/index.xml', 'us/dc/council/code/titles/24']);
    const code = path.join(tempDir('dc-import-'), 'dc');
    expect(runCli(['import', 'dc-code', xml, code, '--titles', '24'], ROOT).code).toBe(0);
    const out = tempDir('dc-out-');
    const build = runCli(['build', code, '--out', out, '--quiet'], ROOT, EPOCH);
    expect(build.code, build.stderr).toBe(0);
    const publish = runCli(['publish', code, '--out', out], ROOT);
    expect(publish.code, publish.stderr).toBe(0);
    site = path.join(out, 'site');
  }, 120_000);

  it('finds the title by its words and shows its sections, its citations linked', async () => {
    const watched = await watchedPage(browser);
    await watched.page.goto(fileUrl(path.join(site, 'index.html')));
    await watched.page.getByLabel('Search by words').fill('corrections information council');
    const found = watched.page.locator('#catalog tbody tr:visible td:nth-child(2) a');
    expect(await found.count()).toBe(1);
    await found.click();
    await watched.page.waitForURL(/dc-code-title-24\/index\.html$/, { waitUntil: 'load' });
    expect(await watched.page.locator('h1').textContent()).toMatch(/^Title 24\./);
    // A citation of a section of the same title goes to it on the page.
    const own = watched.page.locator('.law-text a.citation[href^="#s-"]').first();
    const target = (await own.getAttribute('href'))!.slice(1);
    expect(await watched.page.locator(`[id="${target}"]`).count()).toBe(1);
    const sections = await watched.page.locator('section.law-section').count();
    const record = JSON.parse(readFileSync(path.join(site, '..', 'dc-code-title-24', 'record.json'), 'utf8')) as { sections: unknown[] };
    expect(sections).toBe(record.sections.length);
    expect(watched.problems).toEqual([]);
  });

  it('resolves every link on every page, with no error, and no accessibility violation on each kind of page', async () => {
    const pages = filesUnder(site).filter((f) => f.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(100);
    // axe on the catalog, the title, the directives' index and a few directive pages: the other directive pages are made alike.
    const directives = pages.filter((f) => f.startsWith('directives/dc-')).slice(0, 5);
    const found = await visitEvery(site, pages, (file) => !file.startsWith('directives/') || file === 'directives/index.html' || directives.includes(file));
    expect(found.unresolved).toEqual([]);
    expect(found.problems).toEqual([]);
    expect(found.violations).toEqual([]);
  }, 300_000);
});
