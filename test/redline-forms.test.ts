/**
 * `ordinance diff` tells one story in its three forms (issue 28): the redline
 * PDF, the Markdown report and the JSON diff, made in-process from two
 * versions of the Los Angeles sample, show the same sections, the same
 * words, and the same words struck and inserted, character for character:
 * a replaced period, a new subdivision, a section moved, sections
 * renumbered by a new one, a heading changed. Each form is read back as its
 * reader reads it (the PDF from its tags, where an insertion reads
 * "[inserted: …]") and put in one notation to compare.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import { parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';
import { diffOrdinances, redlineForm, type OrdinanceDiff } from '../pipeline/compare/diff.js';
import { diffJson, diffMarkdown } from '../pipeline/history/diff-report.js';
import { imageProblem } from '../pipeline/load/image-files.js';
import { loadOrdinanceSources, loadRegistrySources } from '../pipeline/load/sources.js';
import { jurisdictionContext, layoutById, loadTemplate } from '../pipeline/load/templates.js';
import type { Ordinance } from '../pipeline/model/types.js';
import type { OrdinanceSources } from '../pipeline/model/workspace.js';
import { DirectiveRegistry } from '../pipeline/registry/registry.js';
import { renderRedline } from '../pipeline/render/render-ordinance.js';
import { resolveOrdinance } from '../pipeline/resolve/resolve-ordinance.js';
import type { Template } from '../pipeline/template/template-schema.js';
import { spaceBetweenMarks } from '../pipeline/text/word-diff.js';
import { ROOT } from './helpers.js';
import { readTags, type TaggedElement } from './pdf.js';

const SAMPLE = path.join(ROOT, 'ordinance', 'la-sanctuary-city');
const REGISTRY = path.join(ROOT, 'ordinance', 'registry');
const PROVENANCE = { date: new Date(1_700_000_000_000), commit: null };
const INSERTED = ['[inserted: ', ']'] as const;

/** The sample as sources, each section file's text changed by `edit` (a file's new name and text; null: left out). */
function version(edit: (name: string, text: string) => [string, string] | null = (name, text) => [name, text], added: Record<string, string> = {}): Ordinance {
  const sources = loadOrdinanceSources(SAMPLE);
  const files: VFile[] = [];
  for (const file of sources.sectionFiles) {
    const changed = edit(path.basename(file.path), String(file.value));
    if (changed) files.push(new VFile({ path: path.join(SAMPLE, changed[0]), value: changed[1] }));
  }
  for (const [name, value] of Object.entries(added)) files.push(new VFile({ path: path.join(SAMPLE, name), value }));
  files.sort((a, b) => a.path.localeCompare(b.path));
  const edited: OrdinanceSources = { ...sources, sectionFiles: files };
  const ordinance = modelOrdinance(parseOrdinance(edited)!);
  return resolveOrdinance(ordinance, DirectiveRegistry.fromFiles(REGISTRY, loadRegistrySources(REGISTRY)), jurisdictionContext(ordinance.meta.jurisdiction)).ordinance;
}

function replace(text: string, from: string, to: string): string {
  expect(text).toContain(from);
  return text.replace(from, to);
}

/** The edits: each a real kind of change a committee makes between versions. */
function amended(name: string, text: string): [string, string] {
  switch (name) {
    // A replaced period and a new paragraph after it.
    case '04-prohibitions.md':
      return [name, replace(text, 'or by any other means.', "or by any other means; or\n\n(4) Any record of a person's Citizenship or Immigration Status kept by a City Agency.")];
    // A new subdivision at the end, and a heading changed.
    case '06-exceptions.md':
      return [
        name,
        replace(
          replace(text, 'heading: Exceptions', 'heading: Exceptions and Limits'),
          /\n$/.test(text) ? 'for which it was collected.\n' : 'for which it was collected.',
          'for which it was collected.\n\n(e) Nothing in this ordinance limits a court order.\n',
        ),
      ];
    // Moved: the notice after severability.
    case '07-notice.md':
      return ['08b-notice.md', text];
    default:
      return [name, text];
  }
}

/** A new section before the others renumbers them. */
const NEW_SECTION = `---
id: scope
heading: Scope
kind: operative
---
This ordinance applies to every City Agency.
`;

/** The three forms in one notation: struck words in the form's marks (or as "[deleted: …]" where it prints none), inserted words as "[inserted: …]", quotation marks as typed (the PDF sets them typographically), white space single. */
function normal(text: string): string {
  return text.replace(/[‘’]/g, "'").replace(/[“”]/g, '"').replace(/\s+/g, ' ').trim();
}

function struck(words: string, marks: OrdinanceDiff['marks']): string {
  return marks.deletionOpen || marks.deletionClose ? `${marks.deletionOpen}${words}${marks.deletionClose}` : `[deleted: ${words}]`;
}

function fromParts(parts: OrdinanceDiff['sections'][number]['text'], marks: OrdinanceDiff['marks']): string {
  let out = '';
  parts.forEach((part, i) => {
    const previous = parts[i - 1];
    // Where a struck and an inserted stretch meet, the forms print the one space the rule gives.
    if (previous && ((part.added && previous.removed) || (part.removed && previous.added))) out += spaceBetweenMarks(previous.value, part.value);
    out += part.added ? `${INSERTED[0]}${part.value}${INSERTED[1]}` : part.removed ? struck(part.value, marks) : part.value;
  });
  return normal(out);
}

function fromMarkdown(markdown: string, marks: OrdinanceDiff['marks']): Map<string, string> {
  const sections = new Map<string, string>();
  for (const block of markdown.split(/^### /m).slice(1)) {
    const [title, , , , ...body] = block.split('\n');
    const text = body
      .filter((line) => !line.startsWith('- '))
      .join('\n')
      .replace(/~~(.*?)~~/g, (_, words: string) => (marks.deletionOpen || marks.deletionClose ? words : struck(words, marks)))
      .replace(/<ins>(.*?)<\/ins>/g, (_, words: string) => `${INSERTED[0]}${words}${INSERTED[1]}`)
      .replace(/\\(.)/g, '$1')
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&amp;/g, '&');
    sections.set(title!.split('.')[0]!, normal(text));
  }
  return sections;
}

/** The redline's own changes as a reader hears them in San Francisco's form ("[Board amendment, inserted: …]"), in the notation of the others. */
function generic(text: string): string {
  return text.replace(/\[Board amendment, (inserted|deleted): /g, '[$1: ');
}

/** Each section the PDF draws, by its number ("Section 5"): its text from the tags, heading and the note on where it stands left out (a section over two pages is one element on each). */
function fromPdf(elements: TaggedElement[], headings = new Map<string, string>()): Map<string, string> {
  const sections = new Map<string, string>();
  let last: string | null = null;
  for (const sect of elements.filter((e) => e.role === 'Sect')) {
    const heading = sect.children.find((c) => /^H\d$/.test(c.role));
    const text = generic(sect.text);
    if (heading) {
      const title = generic(heading.text);
      // A section added reads as inserted, heading and all: "[inserted: Section 2. Scope.]".
      last = title.replace(/^\[inserted: /, '').split('.')[0]!;
      // The note under the heading says where the section stands; md and json say it in the section's title line.
      const body = text.slice(text.indexOf(title) + title.length).replace(/^\s*(Added in this version\.|Moved: .*? now\.|Renumbered: .*? before\.)/, '');
      sections.set(last, normal(body));
      headings.set(last, title);
    } else if (last) sections.set(last, normal(`${sections.get(last)} ${text}`));
  }
  return sections;
}

describe.each([
  ['los-angeles', null],
  ['san-francisco marks', 'san-francisco'],
])('the redline of the Los Angeles sample between two versions, in %s', (_, layout) => {
  let diff: OrdinanceDiff;
  let markdown: string;
  let json: OrdinanceDiff;
  let pdf: Map<string, string>;
  const headings = new Map<string, string>();
  let spans: string[];
  beforeAll(async () => {
    const base = loadTemplate('los-angeles');
    const template: Template = layout ? { ...base, layout: layoutById(layout) } : base;
    const before = version();
    const after = version(amended, { '01a-scope.md': NEW_SECTION });
    diff = diffOrdinances(before, after, redlineForm(template));
    const versions = { from: 'v1', to: 'v2' };
    markdown = diffMarkdown(diff, versions);
    json = (JSON.parse(diffJson([diff], versions)) as { ordinances: OrdinanceDiff[] }).ordinances[0]!;
    const files = await renderRedline({ before, after, diff, from: 'v1', to: 'v2' }, template, PROVENANCE, { imageProblem });
    const tags = await readTags(files['redline.pdf']!);
    if (process.env.REDLINE_DUMP) (await import('node:fs')).writeFileSync(`${process.env.REDLINE_DUMP}-${layout ?? 'la'}.pdf`, files['redline.pdf']!);
    pdf = fromPdf(tags.elements, headings);
    spans = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text);
    if (layout === 'san-francisco') {
      // The Board's own amendments read as such (its code changes would read "[inserted: …]").
      expect(spans).toContain('[Board amendment, inserted: ; or]');
      expect(spans).toContain('[Board amendment, inserted: Section 2. Scope.]');
      spans = spans.map(generic);
    }
  }, 60_000);

  it('names the same changes: the new section, the move, the renumbering', () => {
    const kinds = json.sections.map((s) => [s.id, s.change, s.moved, s.before?.number ?? null, s.after?.number ?? null]);
    expect(kinds).toContainEqual(['scope', 'added', false, null, '2']);
    // Moved, and changed as printed: its reference to the prohibitions reads their new number.
    expect(kinds).toContainEqual(['notice', 'changed', true, '7', '9']);
    expect(kinds).toContainEqual(['severability', 'unchanged', false, '8', '8']);
    expect(kinds).toContainEqual(['prohibitions', 'changed', false, '4', '5']);
    expect(markdown).toContain('### Section 9. Notice to City Agencies and City Personnel (moved from Section 7, changed)');
    expect(markdown).toContain('### Section 5. Prohibition on Use of City Resources for Immigration Enforcement (renumbered from Section 4, changed)');
  });

  it('shows every changed section in the three forms with the same words, struck and inserted alike', () => {
    const md = fromMarkdown(markdown, json.marks);
    const changed = json.sections.filter((s) => s.change !== 'unchanged');
    // Sections whose references to renumbered sections now print other numbers are changed too.
    expect(changed.map((s) => s.id)).toEqual(['scope', 'purpose', 'prohibitions', 'codification', 'exceptions', 'notice']);
    for (const section of changed) {
      // Each form names a section by its number now ("Section 5").
      const name = `Section ${section.after!.number}`;
      // A changed heading is shown first, with its change, in each form.
      const fromJson = normal(`${section.heading ? `Heading: ${fromParts(section.heading, json.marks)} ` : ''}${fromParts(section.text, json.marks)}`);
      expect(md.get(name), `${section.id}: md`).toBe(fromJson);
      expect(pdf.get(name), `${section.id}: pdf`).toBe(fromJson);
    }
  });

  it('shows the section added as inserted, heading and all', () => {
    expect(headings.get('Section 2')).toBe('[inserted: Section 2. Scope.]');
    expect(headings.get('Section 5')).toBe('Section 5. Prohibition on Use of City Resources for Immigration Enforcement.');
  });

  it('marks the replaced period and the new paragraph as the form marks them', () => {
    const prohibitions = json.sections.find((s) => s.id === 'prohibitions')!;
    const text = fromParts(prohibitions.text, json.marks);
    // The period struck, "; or" inserted against it, no space that is in neither text.
    expect(text).toContain(`by any other means${struck('.', json.marks)}[inserted: ; or]`);
    expect(text).toContain("[inserted: (4)] [inserted: Any record of a person's Citizenship or Immigration Status kept by a City Agency.]");
    expect(spans).toContain('[inserted: ; or]');
    // Unchanged paragraphs are left out as the form leaves them out, in all three: one line for each stretch, never two
    // in a row (the paragraphs of (a) and the subsections after it are one stretch).
    expect(text).not.toContain('(b) Hold or detain any person');
    expect(text).toMatch(/including by: [* ]+ \(e\) Take part/);
    expect(text).not.toMatch(/\* \* \* \* \* \*/);
  });

  it('shows a changed heading with its change in each form', () => {
    const exceptions = json.sections.find((s) => s.id === 'exceptions')!;
    expect(fromParts(exceptions.heading!, json.marks)).toBe('Exceptions [inserted: and Limits]');
    expect(markdown).toContain('Heading: Exceptions <ins>and Limits</ins>');
  });
});
