/**
 * The page of one ordinance: whether it is an adopted final or a draft, its
 * facts, its files with their checksums (and, for a final, whether each is the
 * file its lock records), its digest, its text, its cross-references both
 * ways, and its versions from git.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import type { Xref } from '../xref/xref.js';
import { type DirectiveName, numberText, relationsText } from './catalog.js';
import { pageName } from './links.js';
import type { LockReading } from './lock-status.js';
import { markdownToHast } from './markdown-html.js';
import { facts, isFinal, page, said, saidList, saidTitle, statusBadge } from './page.js';
import type { OrdinanceRecord } from './record.js';
import type { OrdinanceVersion } from './version-list.js';

/** A file published beside the page, with its checksum. */
export interface PublishedFile {
  name: string;
  sha256: string;
  size: number;
}

/** Another published ordinance that cites this one, and where. */
export interface CitingOrdinance {
  slug: string;
  shortTitle: string;
  /** From this page to its page. */
  href: string;
  sections: string[];
}

/**
 * Where a version's redline is, from this page, when there is one (the
 * history's redlines are linked here: `ordinance publish` passes none yet).
 */
export type RedlineLink = (slug: string, version: OrdinanceVersion) => string | undefined;

export interface OrdinancePageInput {
  record: OrdinanceRecord;
  /** Its text as the build wrote it (text.html, made by text.ts: every value escaped there). */
  textHtml: string;
  xref: Pick<Xref, 'directives' | 'references'> | null;
  /** The digest (summary.md), when the build made one. */
  digest: string | null;
  files: PublishedFile[];
  lock: LockReading;
  versions: OrdinanceVersion[];
  citedBy: CitingOrdinance[];
  /** Registry ids that have a page on the site. */
  directivePages: ReadonlySet<string>;
  /** How a registry id reads (its citation form). */
  nameOf?: DirectiveName | undefined;
  redlineOf?: RedlineLink | undefined;
  lang?: string | undefined;
}

/** What a published file is, for a reader. */
function describe(name: string, slug: string): string {
  if (name === `${slug}.pdf`) return 'The ordinance (PDF, tagged for accessibility)';
  if (name === 'summary.pdf') return 'Plain-language digest (PDF)';
  if (name === 'summary.md') return 'Plain-language digest (Markdown)';
  if (name === 'summary.json') return 'Readability scores of the digest (JSON)';
  if (name === 'comparative-print.pdf') return 'Comparative print: the code as amended, changes marked (PDF)';
  if (name === 'amendments.json') return 'Amending instructions and their outcome (JSON)';
  if (name === 'xref.json') return 'Citations and cross-references (JSON)';
  return name;
}

function directiveLink(id: string, label: string, pages: ReadonlySet<string>): ElementContent {
  return pages.has(id) ? h('a', { href: `../../directives/${pageName(id)}.html` }, [said(label)]) : said(label);
}

function sizeText(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}

/** The page of one ordinance (ordinances/<slug>/index.html). */
export function ordinancePage(input: OrdinancePageInput): string {
  const { record } = input;
  const final = isFinal(record.status);
  const main: ElementContent[] = [
    h('p', { className: ['kicker'] }, [said(numberText(record))]),
    h('h1', [said(record.title)]),
    h('p', [statusBadge(record.status)]),
    h(
      'p',
      { className: ['notice', final ? 'notice-final' : 'notice-draft'] },
      final
        ? `This is the adopted final (${record.status}, version ${record.version}). Check a download against its SHA-256 checksum below.`
        : `This is a draft (${record.status}, version ${record.version}). It has not been adopted and is not law.`,
    ),
    facts([
      ['Short title', record.shortTitle],
      ['Number', record.number],
      ['Status', record.status],
      ['Version', String(record.version)],
      ['Council file', record.councilFile],
      ...Object.entries(record.dates).map(([key, date]): [string, string] => [`${key[0]!.toUpperCase()}${key.slice(1)}`, date]),
      ['Vote', record.vote ? `${record.vote.ayes} ayes, ${record.vote.noes} noes` : null],
      ['Urgency', record.urgency ? 'Yes: takes effect on approval' : null],
      ['Sponsors', saidList(record.sponsors)],
      ['Effect on other law', saidList(relationsText(record, input.nameOf), '. ')],
    ]),
    ...downloads(input),
    ...lockPart(input),
    ...digestPart(input),
    h('h2', { id: 'text' }, 'Text'),
    { type: 'raw', value: input.textHtml },
    ...crossReferences(input),
    ...versionsPart(input),
  ];
  return page({ title: saidTitle(record.shortTitle), root: '../../', lang: input.lang, main });
}

function downloads(input: OrdinancePageInput): ElementContent[] {
  if (input.files.length === 0) return [];
  return [
    h('h2', { id: 'downloads' }, 'Downloads'),
    h('p', ['To check a download, compare its SHA-256 checksum (', h('code', 'sha256sum FILE'), ') with the one listed here and in the site\u2019s SHA256SUMS.']),
    h('div', { className: ['table-scroll'] }, [
      h('table', [
        h('caption', 'Files of this ordinance'),
        h('thead', [h('tr', [h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'Size'), h('th', { scope: 'col' }, 'SHA-256')])]),
        h(
          'tbody',
          input.files.map((file) =>
            h('tr', [
              h('td', [h('a', { href: file.name }, describe(file.name, input.record.slug)), h('br'), h('code', file.name)]),
              h('td', sizeText(file.size)),
              h('td', { className: ['checksum'] }, file.sha256),
            ]),
          ),
        ),
      ]),
    ]),
  ];
}

function lockPart(input: OrdinancePageInput): ElementContent[] {
  const reading = input.lock;
  if (reading.state === 'none')
    return isFinal(input.record.status) ? [h('h2', { id: 'lock' }, 'Lock'), h('p', 'This final has no lock (ordinance.lock.json) beside its sources.')] : [];
  if (reading.state === 'unreadable') {
    const where = reading.line ? ` (line ${reading.line}, column ${reading.column})` : '';
    return [h('h2', { id: 'lock' }, 'Lock'), h('p', `The lock beside the sources (ordinance.lock.json) does not read: ${reading.reason}${where}.`)];
  }
  const { lock } = reading;
  const published = new Map(input.files.map((f) => [f.name, f.sha256]));
  const verdict = (name: string, sha256: string) => {
    const actual = published.get(name);
    return actual === undefined ? 'not published' : actual === sha256 ? 'matches the published file' : 'DIFFERS from the published file';
  };
  const rows = (entries: Record<string, string>, check: boolean) =>
    Object.entries(entries).map(([name, sha256]) =>
      h('tr', [h('td', [h('code', [said(name)])]), h('td', { className: ['checksum'] }, sha256), ...(check ? [h('td', verdict(name, sha256))] : [])]),
    );
  const table = (caption: string, entries: Record<string, string>, check: boolean) =>
    h('div', { className: ['table-scroll'] }, [
      h('table', [
        h('caption', caption),
        h('thead', [h('tr', [h('th', { scope: 'col' }, 'File'), h('th', { scope: 'col' }, 'SHA-256'), ...(check ? [h('th', { scope: 'col' }, 'Published')] : [])])]),
        h('tbody', rows(entries, check)),
      ]),
    ]);
  return [
    h('h2', { id: 'lock' }, 'Lock'),
    h('p', [`Adopted ${lock.adopted} as No. `, said(lock.number), `. Made by ${lock.tool.name} ${lock.tool.version} (SHA-256 ${lock.tool.sha256}).`]),
    table('Outputs recorded at adoption', lock.outputs, true),
    table('Sources recorded at adoption', lock.sources, false),
    table('Fonts recorded at adoption', lock.fonts, false),
  ];
}

function digestPart(input: OrdinancePageInput): ElementContent[] {
  if (input.digest === null) return [];
  return [
    h('h2', { id: 'digest' }, 'Plain-language digest'),
    h('div', { className: ['digest'] }, markdownToHast(input.digest, { topLevel: 3, localFiles: new Set(input.files.map((f) => f.name)) })),
  ];
}

function crossReferences(input: OrdinancePageInput): ElementContent[] {
  const out: ElementContent[] = [h('h2', { id: 'cross-references' }, 'Cross-references')];
  const directives = input.xref?.directives ?? [];
  out.push(h('h3', 'What this ordinance cites'));
  out.push(
    directives.length === 0
      ? h('p', 'No registered prior directive.')
      : h(
          'ul',
          directives.map((d) =>
            h('li', [
              directiveLink(d.id, d.citedAs ?? d.title, input.directivePages),
              ` (${d.relations.join(', ')})`,
              ...(d.sections.length ? [': ', ...saidList(d.sections.slice(0, 50), ', '), ...(d.sections.length > 50 ? [`, and ${d.sections.length - 50} more`] : [])] : []),
            ]),
          ),
        ),
  );
  out.push(h('h3', 'What cites this ordinance'));
  out.push(
    input.citedBy.length === 0
      ? h('p', 'No other published ordinance cites it.')
      : h(
          'ul',
          input.citedBy.map((c) => h('li', [h('a', { href: c.href }, [said(c.shortTitle)]), ...(c.sections.length ? [': ', ...saidList(c.sections, ', ')] : [])])),
        ),
  );
  // Inside the text, both ways: each section with the sections that refer to it.
  const referredTo = new Map<string, Set<string>>();
  const labels = new Map(input.record.sections.map((s) => [s.id, s.label]));
  for (const reference of input.xref?.references ?? []) {
    if (!labels.has(reference.to) || !labels.has(reference.from) || reference.to === reference.from) continue;
    let from = referredTo.get(reference.to);
    if (!from) {
      from = new Set();
      referredTo.set(reference.to, from);
    }
    from.add(reference.from);
  }
  if (referredTo.size > 0) {
    out.push(h('h3', 'Sections referred to by other sections'));
    out.push(
      h(
        'ul',
        [...referredTo].map(([to, from]) =>
          h('li', [
            h('a', { href: `#s-${to}` }, [said(labels.get(to)!)]),
            ', referred to by ',
            ...[...from].flatMap((id, i): ElementContent[] => [...(i > 0 ? [{ type: 'text' as const, value: ', ' }] : []), h('a', { href: `#s-${id}` }, [said(labels.get(id)!)])]),
          ]),
        ),
      ),
    );
  }
  return out;
}

function versionsPart(input: OrdinancePageInput): ElementContent[] {
  const out: ElementContent[] = [h('h2', { id: 'versions' }, 'Versions')];
  if (input.versions.length === 0) return [...out, h('p', 'No history: the sources are not in a git repository.')];
  out.push(
    h('div', { className: ['table-scroll'] }, [
      h('table', [
        h('caption', 'Commits that changed this ordinance, newest first'),
        h('thead', [
          h('tr', [h('th', { scope: 'col' }, 'Date'), h('th', { scope: 'col' }, 'Change'), h('th', { scope: 'col' }, 'Status then'), h('th', { scope: 'col' }, 'Commit')]),
        ]),
        h(
          'tbody',
          input.versions.map((version) => {
            const redline = input.redlineOf?.(input.record.slug, version);
            return h('tr', [
              h('td', version.date.slice(0, 10)),
              h('td', [said(version.subject), ...(redline ? [' (', h('a', { href: redline }, 'redline'), ')'] : [])]),
              h('td', version.status ? `${version.status}${version.version !== null ? `, version ${version.version}` : ''}` : 'unknown'),
              h('td', [h('code', version.commit.slice(0, 12))]),
            ]);
          }),
        ),
      ]),
    ]),
  );
  return out;
}
