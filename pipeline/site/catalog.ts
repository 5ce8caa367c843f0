/**
 * The catalog: every published ordinance in one table (number, title,
 * status, dates, sponsors, what it amends, codifies or repeals) that a clerk
 * can sort, filter by status and kind, and search by its words. The table is
 * the page's own HTML (it reads without scripts); catalog.js filters and
 * sorts it over search-index.js, an inverted index of the words (a script,
 * not JSON fetched, so it works from disk too). catalog.json is the same
 * catalog for programs.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { Type, type Static } from 'typebox';
import { page, said, saidList, statusBadge, isFinal } from './page.js';
import { RECORD_FIELDS, type OrdinanceRecord } from './record.js';

/** A published ordinance as the catalog lists it: its record and where its page is. */
export interface CatalogEntry {
  record: OrdinanceRecord;
  /** Its page, from the site's top ("ordinances/la-sanctuary-city/index.html"). */
  href: string;
}

const DATE_KEYS = ['introduced', 'passed', 'approved', 'effective'] as const;

/** "Ordinance No. 188441", "Title 24" or, without a number, the short title. */
export function numberText(record: OrdinanceRecord): string {
  // The council's own words and case ("D.C. Act 24-726"), never a case the site makes up.
  if (record.number) return `${record.numberName} ${record.number}`;
  return record.type === 'code-title' ? record.shortTitle : 'No number yet';
}

/** How a registry id reads on a page: the directive's citation form, or the id when the registry does not hold it. */
export type DirectiveName = (id: string) => string;

/** What an ordinance does to other law, in words, the directives it codifies or supersedes by their names. */
export function relationsText(record: OrdinanceRecord, nameOf: DirectiveName = (id) => id): string[] {
  const out: string[] = [];
  if (record.adds.length) out.push(`Adds ${record.adds.join('; ')}`);
  if (record.amends.length) out.push(`Amends ${record.amends.join('; ')}`);
  if (record.amendsCode) out.push(`Amends the code in ${record.amendsCode}`);
  if (record.codifies.length) out.push(`Codifies ${record.codifies.map(nameOf).join('; ')}`);
  if (record.repeals.length) out.push(`Repeals ${record.repeals.join('; ')}`);
  if (record.supersedes.length) out.push(`Supersedes ${record.supersedes.map(nameOf).join('; ')}`);
  return out;
}

function datesText(record: OrdinanceRecord): ElementContent[] {
  const lines = DATE_KEYS.flatMap((key) => (record.dates[key] ? [`${key[0]!.toUpperCase()}${key.slice(1)} ${record.dates[key]}`] : []));
  return lines.flatMap((line, i): ElementContent[] => (i > 0 ? [h('br'), { type: 'text', value: line }] : [{ type: 'text', value: line }]));
}

/** A column header that sorts the table by the column's text, or by the rows' `data-<key>` when given. */
function sortHeader(label: string, key?: string): ElementContent {
  return h('th', { scope: 'col' }, [h('button', { type: 'button', className: ['sort'], dataSortKey: key }, label)]);
}

/** index.html: the catalog page. */
export function catalogPage(entries: CatalogEntry[], nameOf?: DirectiveName): string {
  const finals = entries.filter((e) => isFinal(e.record.status)).length;
  const statuses = [...new Set(entries.map((e) => e.record.status))].sort();
  const kinds = [...new Set(entries.map((e) => e.record.type))].sort();
  const rows = entries.map(({ record, href }) =>
    h(
      'tr',
      {
        dataSlug: record.slug,
        dataStatus: record.status,
        dataFinal: String(isFinal(record.status)),
        dataType: record.type,
        dataDate: record.dates.effective ?? record.dates.passed ?? record.dates.introduced ?? '',
      },
      [
        h('td', [said(numberText(record))]),
        h('td', [h('a', { href }, [said(record.shortTitle)]), h('br'), h('span', { className: ['long-title'] }, [said(record.title)])]),
        h('td', [statusBadge(record.status)]),
        h('td', datesText(record)),
        h('td', saidList(record.sponsors)),
        h(
          'td',
          relationsText(record, nameOf).flatMap((line, i): ElementContent[] => (i > 0 ? [h('br'), said(line)] : [said(line)])),
        ),
      ],
    ),
  );
  const main: ElementContent[] = [
    h('h1', 'Catalog of ordinances'),
    h('p', [
      `${entries.length} published: ${finals} adopted final${finals === 1 ? '' : 's'} and ${entries.length - finals} not adopted. `,
      'An adopted final is marked "Final"; anything else is a draft and not law.',
    ]),
    h('form', { id: 'catalog-controls', className: ['controls'], role: 'search', hidden: true }, [
      h('label', [' Search by words', h('input', { id: 'search', type: 'search', name: 'q', autocomplete: 'off' })]),
      h('label', [
        'Status',
        h('select', { id: 'status-filter', name: 'status' }, [
          h('option', { value: '' }, 'Any status'),
          h('option', { value: 'final' }, 'Adopted finals'),
          h('option', { value: 'not-final' }, 'Not adopted'),
          ...statuses.map((s) => h('option', { value: s }, s)),
        ]),
      ]),
      h('label', [
        'Kind',
        h('select', { id: 'kind-filter', name: 'kind' }, [
          h('option', { value: '' }, 'Any kind'),
          ...kinds.map((k) => h('option', { value: k }, k === 'code-title' ? 'Code title' : 'Ordinance')),
        ]),
      ]),
    ]),
    h('p', { id: 'catalog-count', role: 'status' }, `${entries.length} of ${entries.length} shown`),
    h('div', { className: ['table-scroll'] }, [
      h('table', { id: 'catalog' }, [
        h('caption', 'Ordinances, with their status, dates, sponsors and what they do to other law'),
        h('thead', [
          h('tr', [
            sortHeader('Number'),
            sortHeader('Title'),
            sortHeader('Status'),
            sortHeader('Dates', 'date'),
            h('th', { scope: 'col' }, 'Sponsors'),
            h('th', { scope: 'col' }, 'Amends, codifies, repeals'),
          ]),
        ]),
        h('tbody', rows),
      ]),
    ]),
    h('p', ['For programs: ', h('a', { href: 'catalog.json' }, 'catalog.json'), '.']),
  ];
  return page({ title: 'Catalog', root: '', scripts: ['search-index.js', 'assets/catalog.js'], main });
}

/** search-index.js: every word of the published ordinances, sorted, with the ordinances holding it. */
export function searchIndexScript(entries: CatalogEntry[]): string {
  const postings = new Map<string, number[]>();
  entries.forEach(({ record }, n) => {
    for (const word of record.words) {
      let list = postings.get(word);
      if (!list) {
        list = [];
        postings.set(word, list);
      }
      list.push(n);
    }
  });
  const words = [...postings.keys()].sort();
  const index = { ordinances: entries.map((e) => e.record.slug), words, postings: words.map((w) => postings.get(w)!) };
  return `window.ordinanceSearchIndex = ${scriptJson(index)};\n`;
}

/** JSON safe inside any script: no character that could end it or start markup. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** catalog.json: the catalog for programs. */
export const CatalogSchema = Type.Object(
  {
    catalog: Type.Literal(1, { description: 'The version of this format' }),
    ordinances: Type.Array(
      Type.Object(
        {
          ...RECORD_FIELDS,
          page: Type.String({ description: 'Its page, from the site\'s top ("ordinances/la-sanctuary-city/index.html")' }),
          final: Type.Boolean({ description: 'Whether its status is a final one' }),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false, title: 'Site catalog', description: "Every ordinance the site publishes: its record without its words, and its page (the site's catalog.json)." },
);

export type Catalog = Static<typeof CatalogSchema>;

/** catalog.json: the catalog for programs (each record without its words, with its page). */
export function catalogJson(entries: CatalogEntry[]): string {
  const ordinances = entries.map(({ record: { words: _words, ...rest }, href }) => ({ ...rest, page: href, final: isFinal(rest.status) }));
  const catalog: Catalog = { catalog: 1, ordinances };
  return `${JSON.stringify(catalog, null, 2)}\n`;
}
