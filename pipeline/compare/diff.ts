/**
 * What changed in an ordinance between two versions: its front matter, key by
 * key, and its sections, matched by their stable id (so a section moved or
 * renumbered is the same section, not one deleted and another added), each
 * merged with its version before and its changes marked (marked-section.ts),
 * unchanged stretches left out as the form leaves them out. The redline PDF
 * draws the same marked sections (redlineSection) that the Markdown and JSON
 * reports give as parts: the three tell the same story in the same words.
 */
import { diffArrays } from 'diff';
import { inlineText, type Reading } from '../model/inline-text.js';
import type { Block, Inline, Ordinance, Section, SourceRef } from '../model/types.js';
import type { DiffPart } from '../text/word-diff.js';
import { elideUnchanged, markChanges, markedBlock } from './marked-section.js';
import { PRINTED, sectionText } from './section-text.js';
import { printedReading } from '../template/printed-reading.js';
import type { Template } from '../template/template-schema.js';

/** How a form prints a redline: its words (the template's printed reading), struck words' marks, and the line that stands for unchanged text left out (none: every word shown). */
export interface RedlineForm {
  reading: Reading;
  deletionOpen: string;
  deletionClose: string;
  omission?: string | undefined;
}

/** A front-matter value that changed: its name (dotted for a nested key, "dates.passed"), before and after (undefined: absent). */
export interface FrontMatterChange {
  name: string;
  before: unknown;
  after: unknown;
}

/** The redline form of a template's documents: its printed words, its marks and its omission line. */
export function redlineForm(template: Pick<Template, 'layout' | 'jurisdiction'>): RedlineForm {
  const { deletionOpen, deletionClose, omission } = template.layout.amendment;
  return { reading: printedReading(template), deletionOpen, deletionClose, omission };
}

/** The one line a redline gives a section left unchanged: "Section 3. Effective Date: unchanged", or, where its title ends in its own punctuation ("… to read as follows:"), "… (unchanged)". */
export function unchangedLine(title: string, renumbered: string): string {
  return /[.:;,]$/.test(title) ? `${title} (unchanged${renumbered ? `; ${renumbered}` : ''})` : `${title}: unchanged${renumbered ? ` (${renumbered})` : ''}`;
}

/** The redline form of no template: struck words in ((double parentheses)), every word shown. */
export const PLAIN_FORM: RedlineForm = { reading: PRINTED, deletionOpen: '((', deletionClose: '))' };

/** A section as it stood in one version. */
export interface SectionVersion {
  /** Its printed number: a code's designation, or its place in the document. */
  number: string;
  heading: string;
  /** Its file, relative to the ordinance folder. */
  file: string;
}

export type SectionChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One section, in either version or both. */
export interface SectionChange {
  id: string;
  change: SectionChangeKind;
  /** Its place among the sections both versions have changed (not only its number: a section added before it renumbers it without moving it). */
  moved: boolean;
  before: SectionVersion | null;
  after: SectionVersion | null;
  /** The heading's word diff, when it changed. */
  heading?: DiffPart[] | undefined;
  /** The text with its changes marked, paragraphs apart by a blank line, unchanged stretches as the form's omission line (every part unchanged when the text is). */
  text: DiffPart[];
}

/** What changed between two versions of one ordinance. */
export interface OrdinanceDiff {
  slug: string;
  /** How struck words are marked in the form (inserted ones have no printed mark to give). */
  marks: { deletionOpen: string; deletionClose: string };
  frontMatter: FrontMatterChange[];
  /** Every section, in the order of the version after; a removed section where it stood before. */
  sections: SectionChange[];
}

/** The models compared, kept beside their diff for the redline, which prints from them. */
export interface ComparedOrdinances {
  before: Ordinance | null;
  after: Ordinance | null;
  diff: OrdinanceDiff;
}

function version(ordinance: Ordinance, section: Section): SectionVersion {
  const relative = section.file.path.startsWith(ordinance.dir) ? section.file.path.slice(ordinance.dir.length).replace(/^[\\/]+/, '') : section.file.basename;
  return { number: section.designation ?? String(section.number), heading: section.heading, file: (relative ?? '').split('\\').join('/') };
}

/** Front matter flattened to dotted names ("dates.passed"); a list is one value. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) out.set(prefix, value);
}

/** Front-matter values that differ, in the order the version after names them, then those only the one before had. */
export function frontMatterChanges(before: Ordinance['meta'] | null, after: Ordinance['meta'] | null): FrontMatterChange[] {
  const old = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  flatten(before ?? {}, '', old);
  flatten(after ?? {}, '', now);
  const names = [...now.keys(), ...[...old.keys()].filter((k) => !now.has(k))];
  return names.filter((name) => JSON.stringify(old.get(name)) !== JSON.stringify(now.get(name))).map((name) => ({ name, before: old.get(name), after: now.get(name) }));
}

/** Ids whose place among the sections both versions hold changed: those the longest common order leaves out. */
function movedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const common = new Set(before.filter((id) => after.includes(id)));
  const moved = new Set<string>();
  for (const part of diffArrays(
    before.filter((id) => common.has(id)),
    after.filter((id) => common.has(id)),
  )) {
    if (part.added) for (const id of part.value) moved.add(id);
  }
  return moved;
}

/**
 * A section between two versions with its changes marked, as the redline
 * shows it: merged with the version before, a section only after all
 * inserted, one only before all struck; a changed heading as the text's first
 * paragraph ("Heading: …"); unchanged stretches left out as the form says.
 */
export function redlineSection(form: RedlineForm, before: Section | undefined, after: Section | undefined): Section {
  const section = after ?? before!;
  const source: SourceRef = { file: section.file, position: undefined };
  const marked = after ? markChanges(form.reading, { before: before ?? null, after, outcomes: [] }) : null;
  const blocks = marked ? marked.blocks : before!.blocks.map((b) => markedBlock(b, 'deletion', source));
  // A changed heading is the first block (markChanges): it is shown whole.
  const headingBlocks = before && after && before.heading !== after.heading ? blocks.slice(0, 1) : [];
  const text = blocks.slice(headingBlocks.length);
  const shown = form.omission && before && after ? elideUnchanged(text, form.omission, source) : text;
  // A section added is inserted heading and all.
  return { ...section, heading: before?.heading ?? section.heading, blocks: [...headingBlocks, ...shown], annotations: [], groups: [], change: marked?.change };
}

/** What changed from `before` to `after` (either null: the ordinance did not exist in that version), in the form's words and marks. */
export function diffOrdinances(before: Ordinance | null, after: Ordinance | null, form: RedlineForm): OrdinanceDiff {
  const slug = after?.slug ?? before?.slug ?? '';
  const old = new Map((before?.sections ?? []).map((s) => [s.id, s]));
  const now = new Map((after?.sections ?? []).map((s) => [s.id, s]));
  const moved = movedIds([...old.keys()], [...now.keys()]);
  const sections: SectionChange[] = [];
  for (const section of after?.sections ?? []) {
    const previous = old.get(section.id);
    if (!previous) {
      sections.push({
        id: section.id,
        change: 'added',
        moved: false,
        before: null,
        after: version(after!, section),
        text: changeParts(redlineSection(form, undefined, section).blocks, form.reading),
      });
      continue;
    }
    const headingChanged = previous.heading !== section.heading;
    const unchanged = sectionText(previous) === sectionText(section) && !headingChanged;
    const marked = unchanged ? null : redlineSection(form, previous, section).blocks;
    sections.push({
      id: section.id,
      change: unchanged ? 'unchanged' : 'changed',
      moved: moved.has(section.id),
      before: version(before!, previous),
      after: version(after!, section),
      ...(headingChanged ? { heading: headingParts(marked![0]!, form.reading) } : {}),
      text: marked ? changeParts(marked.slice(headingChanged ? 1 : 0), form.reading) : [{ value: sectionText(section) }],
    });
  }
  // A removed section is listed where it stood: after the section that came before it then (and the removed ones already put there).
  let previousId: string | null = null;
  for (const section of before?.sections ?? []) {
    if (!now.has(section.id)) {
      const at = previousId === null ? 0 : sections.findIndex((s) => s.id === previousId) + 1;
      sections.splice(at, 0, {
        id: section.id,
        change: 'removed',
        moved: false,
        before: version(before!, section),
        after: null,
        text: changeParts(redlineSection(form, section, undefined).blocks, form.reading),
      });
    }
    previousId = section.id;
  }
  return {
    slug,
    marks: { deletionOpen: form.deletionOpen, deletionClose: form.deletionClose },
    frontMatter: frontMatterChanges(before?.meta ?? null, after?.meta ?? null),
    sections,
  };
}

/** The heading's parts, from the "Heading: …" paragraph markChanges puts first. */
function headingParts(block: Block, reading: Reading): DiffPart[] {
  const parts = block.type === 'paragraph' ? inlineParts(block.children, reading) : [];
  return tidy(parts.map((part, i) => (i === 0 ? { ...part, value: part.value.replace(/^Heading: /, '') } : part)));
}

/** Marked blocks as the parts of a word diff: each paragraph's parts (a subdivision's designation and its own words), paragraphs apart by a blank line, read as sectionText reads the text. */
export function changeParts(blocks: readonly Block[], reading: Reading): DiffPart[] {
  const paragraphs = blocks
    .flatMap((block) => blockParts(block, reading))
    .map(tidy)
    .filter((paragraph) => paragraph.length > 0);
  return join(paragraphs.flatMap((paragraph, i) => (i > 0 ? [{ value: '\n\n' }, ...paragraph] : paragraph)));
}

/** One block's paragraphs, each as parts. */
function blockParts(block: Block, reading: Reading): DiffPart[][] {
  const within = (blocks: readonly Block[]) => blocks.flatMap((b) => blockParts(b, reading));
  switch (block.type) {
    case 'paragraph':
      return [inlineParts(block.children, reading)];
    case 'subdivision': {
      const designation = block.marker || `(${block.label})`;
      const lead: DiffPart[] =
        block.change === 'deletion'
          ? [{ value: designation, removed: true }]
          : block.change === 'insertion'
            ? [{ value: designation, added: true }]
            : block.formerly !== undefined
              ? [{ value: block.formerly, removed: true }, { value: ' ' }, { value: designation, added: true }]
              : [{ value: designation }];
      return [[...lead, { value: ' ' }, ...inlineParts(block.children, reading)], ...within(block.blocks)];
    }
    case 'list':
      return block.items.map((item, i) => [{ value: `${block.ordered ? `${block.start + i}.` : '-'} ` }, ...within(item).flatMap((p, j) => (j > 0 ? [{ value: ' ' }, ...p] : p))]);
    case 'blockquote':
      return within(block.children).map((p) => [{ value: '> ' }, ...p]);
    case 'table':
      return [block.header, ...block.rows].map((row) => row.flatMap((cell, i) => [...(i > 0 ? [{ value: ' | ' }] : []), ...inlineParts(cell, reading)]));
  }
}

/** Inline content as parts: the words a comparison struck or inserted as removed or added, the rest as the form prints it. */
function inlineParts(inlines: readonly Inline[], reading: Reading): DiffPart[] {
  return inlines.flatMap((node): DiffPart[] => {
    if ((node.type === 'insertion' || node.type === 'deletion') && node.revision)
      return [{ value: inlineText(node.children, reading), ...(node.type === 'insertion' ? { added: true } : { removed: true }) }];
    if ((node.type === 'emphasis' || node.type === 'strong' || node.type === 'link' || node.type === 'term') && hasRevision(node.children))
      return inlineParts(node.children, reading);
    return [{ value: inlineText([node], reading) }];
  });
}

function hasRevision(inlines: readonly Inline[]): boolean {
  return inlines.some(
    (node) =>
      ((node.type === 'insertion' || node.type === 'deletion') && node.revision) || ('children' in node && Array.isArray(node.children) && hasRevision(node.children as Inline[])),
  );
}

/** A paragraph's parts with white space single, its edges trimmed, empty parts dropped and neighbours of one kind joined. */
function tidy(parts: readonly DiffPart[]): DiffPart[] {
  const single = parts.map((part) => ({ ...part, value: part.value.replace(/\s+/g, ' ') }));
  if (single.length > 0) {
    single[0] = { ...single[0]!, value: single[0]!.value.trimStart() };
    single[single.length - 1] = { ...single.at(-1)!, value: single.at(-1)!.value.trimEnd() };
  }
  return join(single.filter((part) => part.value !== ''));
}

function join(parts: readonly DiffPart[]): DiffPart[] {
  const out: DiffPart[] = [];
  for (const part of parts) {
    const last = out.at(-1);
    if (last && Boolean(last.added) === Boolean(part.added) && Boolean(last.removed) === Boolean(part.removed)) out[out.length - 1] = { ...last, value: last.value + part.value };
    else out.push(part);
  }
  return out;
}

/** Whether anything changed. */
export function hasChanges(diff: OrdinanceDiff): boolean {
  return diff.frontMatter.length > 0 || diff.sections.some((s) => s.change !== 'unchanged' || s.moved);
}
