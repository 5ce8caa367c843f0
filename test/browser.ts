/**
 * A real browser for the site's tests: playwright-core driving Debian's
 * Chromium (installed by .ci/run), with axe-core run in each page, and the
 * links of a page resolved against the files of the site.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Start Chromium headless (without its sandbox: the tests may run as root). */
export async function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is missing: expected ${CHROMIUM} (.ci/run installs Debian's chromium)`);
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
}

/** A page that records every console error and warning, uncaught error and dialog (an alert means a script ran). */
export interface WatchedPage {
  page: Page;
  problems: string[];
  dialogs: string[];
}

export async function watchedPage(browser: Browser): Promise<WatchedPage> {
  const page = await browser.newPage();
  const watched: WatchedPage = { page, problems: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') watched.problems.push(`${page.url()}: console ${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => watched.problems.push(`${page.url()}: ${error.message}`));
  page.on('dialog', (dialog) => {
    watched.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  return watched;
}

export function fileUrl(file: string): string {
  return pathToFileURL(file).href;
}

/** The accessibility violations axe-core finds in the page as it stands (injected through the debugger, which the page's security policy does not govern). */
export async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE_SOURCE);
  // A string, evaluated in the page (this program is not typed for the DOM).
  return page.evaluate(`window.axe.run(document, { resultTypes: ['violations'], preload: false }).then((result) =>
    result.violations.map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`) as Promise<string[]>;
}

/** Every address the page links to or loads (a, link, script, img), resolved against the page. */
export async function pageAddresses(page: Page): Promise<string[]> {
  return page.evaluate(`[...document.querySelectorAll('a[href], link[href], script[src], img[src]')].map((element) =>
    new URL(element.getAttribute(element.hasAttribute('href') ? 'href' : 'src'), document.baseURI).href)`) as Promise<string[]>;
}

/**
 * Why `address` does not resolve, or null when it does: a file of the site
 * that exists, and, for a fragment into a page, an element with that id
 * there. Web and mail addresses are not fetched (the tests run offline): they
 * must be http, https or mailto.
 */
export function unresolved(address: string): string | null {
  const url = new URL(address);
  if (url.protocol === 'http:' || url.protocol === 'https:' || url.protocol === 'mailto:') return null;
  if (url.protocol !== 'file:') return `${address}: a link of scheme ${url.protocol}`;
  const file = fileURLToPath(new URL(url.pathname, url));
  if (!existsSync(file)) return `${address}: no such file`;
  const fragment = decodeURIComponent(url.hash.slice(1));
  if (fragment && file.endsWith('.html') && !readFileSync(file, 'utf8').includes(` id="${fragment}"`)) return `${address}: no element with id "${fragment}"`;
  return null;
}
