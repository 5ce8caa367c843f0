/**
 * The frame every page of the site shares: language, title, a content
 * security policy that runs only the site's own scripts (no inline script,
 * no plugin, no form posting anywhere), a skip link, the site's navigation,
 * and the main content. Pages are hast trees serialized by
 * hast-util-to-html: every text and attribute value is escaped there, so a
 * title or heading holding `<script>` or quotes shows as text.
 */
import type { Element, ElementContent } from 'hast';
import { toHtml } from 'hast-util-to-html';
import { h } from 'hastscript';

/** Run the site's own files only; everything else is refused by the browser. */
const CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'";

export interface PageOptions {
  /** The page's title (the tab, the history); the site's name follows it. Others' words in it are isolated (saidTitle). */
  title: string;
  /** The path from this page to the site's top ("", "../", "../../"). */
  root: string;
  lang?: string | undefined;
  /** Scripts of the site, relative to its top, run after the page is read. */
  scripts?: string[];
  main: ElementContent[];
}

/** The site's name, after each page's title. */
export const SITE_NAME = 'Ordinances';

/** A whole page of the site, as HTML text. */
export function page(options: PageOptions): string {
  const head = h('head', [
    h('meta', { charSet: 'utf-8' }),
    h('meta', { httpEquiv: 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }),
    h('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }),
    h('meta', { name: 'referrer', content: 'no-referrer' }),
    h('title', `${options.title} · ${SITE_NAME}`),
    h('link', { rel: 'icon', type: 'image/svg+xml', href: `${options.root}assets/favicon.svg` }),
    h('link', { rel: 'stylesheet', href: `${options.root}assets/site.css` }),
    ...(options.scripts ?? []).map((src) => h('script', { src: `${options.root}${src}`, defer: true })),
  ]);
  const body = h('body', [
    h('a', { href: '#main', className: ['skip-link'] }, 'Skip to content'),
    h('header', { className: ['site-header'] }, [
      h('nav', { ariaLabel: 'Site' }, [
        h('ul', [
          h('li', [h('a', { href: `${options.root}index.html` }, 'Catalog of ordinances')]),
          h('li', [h('a', { href: `${options.root}directives/index.html` }, 'Prior directives')]),
        ]),
      ]),
    ]),
    h('main', { id: 'main', tabIndex: -1 }, options.main),
    h('footer', { className: ['site-footer'] }, [
      h('p', [
        'Every file of this site is listed with its SHA-256 checksum in ',
        h('a', { href: `${options.root}SHA256SUMS` }, 'SHA256SUMS'),
        ' and ',
        h('a', { href: `${options.root}manifest.json` }, 'manifest.json'),
        '.',
      ]),
    ]),
  ]);
  const html = h('html', { lang: options.lang ?? 'en' }, [head, body]);
  // Raw HTML is only what the site itself put there: an ordinance's text as text.ts serialized it, every value escaped then. Markdown written by others never becomes raw (markdown.ts).
  return `<!doctype html>\n${toHtml(html, { allowDangerousHtml: true })}\n`;
}

/** A status as a reader should see it: an adopted final plainly told apart from a draft, in words, not only colour. */
export function statusBadge(status: string): Element {
  const final = status === 'adopted' || status === 'effective';
  return h('span', { className: ['status', final ? 'status-final' : 'status-draft'] }, final ? `Final: ${status}` : `Not adopted: ${status}`);
}

/** Whether an ordinance of this status is an adopted final. */
export function isFinal(status: string): boolean {
  return status === 'adopted' || status === 'effective';
}

/**
 * Text others wrote (a title, a number, a name, a commit's subject), isolated
 * from the site's words around it (`<bdi>`): a right-to-left name keeps its
 * order beside them, and a direction character in it (an unterminated
 * U+202E) ends where it does, never reversing the page's own text.
 */
export function said(text: string): Element {
  return h('bdi', text);
}

/** A title others wrote, for the page's `<title>` (plain text, no element): isolated by FSI … PDI, so a direction character in it never turns the site's name after it around. */
export function saidTitle(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Items others wrote, each isolated, joined by `separator`. */
export function saidList(items: readonly string[], separator = '; '): ElementContent[] {
  return items.flatMap((item, i): ElementContent[] => [...(i > 0 ? [{ type: 'text' as const, value: separator }] : []), said(item)]);
}

/** A definition list of the facts given (empty values left out); a value given as text is others' words, isolated. */
export function facts(entries: [string, ElementContent | ElementContent[] | string | null | undefined][]): Element {
  const items: ElementContent[] = [];
  for (const [term, value] of entries) {
    if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '') continue;
    items.push(h('div', [h('dt', term), h('dd', typeof value === 'string' ? [said(value)] : Array.isArray(value) ? value : [value])]));
  }
  return h('dl', { className: ['facts'] }, items);
}
