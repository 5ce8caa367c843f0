/**
 * The registry on the site: a page per prior directive (its facts, its
 * source when that is a web address, its text or digest, and which published
 * ordinances cite, codify, amend, supersede or repeal it, and where), and an
 * index of them all.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Directive } from '../model/types.js';
import type { Relation } from '../xref/xref.js';
import { liveHref, pageName } from './links.js';
import { markdownToHast } from './markdown-html.js';
import { facts, page, said, saidList, saidTitle } from './page.js';

/** A published ordinance that touches a directive. */
export interface DirectiveCitation {
  slug: string;
  shortTitle: string;
  final: boolean;
  /** Its page, from the site's top. */
  href: string;
  relations: Relation[];
  sections: string[];
}

/** directives/<id>.html. */
export function directivePage(directive: Directive, citedBy: DirectiveCitation[]): string {
  const meta = directive.meta;
  const source = liveHref(meta.source);
  const main: ElementContent[] = [
    h('p', { className: ['kicker'] }, 'Prior directive'),
    h('h1', [said(meta.title)]),
    facts([
      ['Cited as', saidList(meta['cited-as'])],
      ['Kind', meta.kind],
      ['Issuer', meta.issuer],
      ['Status', meta.status],
      ...Object.entries(meta.dates ?? {}).map(([key, date]): [string, string | undefined] => [`${key[0]!.toUpperCase()}${key.slice(1)}`, date]),
      ['Source', source ? h('a', { href: source, rel: 'noopener noreferrer' }, [said(source)]) : meta.source],
      ['Registry id', h('code', meta.id)],
    ]),
    h('h2', 'What cites it'),
    citedBy.length === 0
      ? h('p', 'No published ordinance cites it.')
      : h(
          'ul',
          citedBy.map((c) =>
            h('li', [
              h('a', { href: `../${c.href}` }, [said(c.shortTitle)]),
              c.final ? ' (adopted final)' : ' (not adopted)',
              `: ${c.relations.join(', ')}`,
              ...(c.sections.length ? [' in ', ...saidList(c.sections.slice(0, 50), ', '), ...(c.sections.length > 50 ? [`, and ${c.sections.length - 50} more`] : [])] : []),
            ]),
          ),
        ),
    ...(directive.digest.trim() ? [h('h2', 'Text or digest'), h('div', { className: ['directive-body'] }, markdownToHast(directive.digest, { topLevel: 3 }))] : []),
  ];
  return page({ title: saidTitle(meta.title), root: '../', main });
}

/** directives/index.html: every directive of the registry, with how many published ordinances touch it. */
export function directivesIndexPage(directives: Directive[], citedByCount: (id: string) => number): string {
  const main: ElementContent[] = [
    h('h1', 'Prior directives'),
    h('p', `${directives.length} directives in the registry: executive directives, orders, statutes, earlier ordinances and code sections that ordinances cite.`),
    h('div', { className: ['table-scroll'] }, [
      h('table', [
        h('caption', 'Registered directives'),
        h('thead', [
          h('tr', [h('th', { scope: 'col' }, 'Directive'), h('th', { scope: 'col' }, 'Kind'), h('th', { scope: 'col' }, 'Status'), h('th', { scope: 'col' }, 'Cited by')]),
        ]),
        h(
          'tbody',
          directives.map((d) =>
            h('tr', [
              h('td', [h('a', { href: `${pageName(d.meta.id)}.html` }, [said(d.meta['cited-as'][0] ?? d.meta.title)])]),
              h('td', d.meta.kind),
              h('td', d.meta.status),
              h('td', String(citedByCount(d.meta.id))),
            ]),
          ),
        ),
      ]),
    ]),
  ];
  return page({ title: 'Prior directives', root: '../', main });
}
