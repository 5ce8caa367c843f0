/**
 * A section between two versions as one, its differences marked: the
 * section after, with what the section before had and it lacks struck
 * (deletion) and what it adds inserted (insertion), subdivisions paired by
 * their designation, units rewritten whole ("amended to read as follows")
 * struck whole then inserted whole, and text designated anew marked as such.
 * What the comparative print, the redline and `ordinance diff` all show, from
 * this one function: the words are read as `reading` says (the template's
 * printed reading), so every form compares the words the PDF prints.
 */
import { diffArrays, diffWords } from 'diff';
import type { InstructionOutcome } from '../amend/instruction.js';
import { hasMarkup } from '../amend/marks.js';
import { writesGaps } from '../amend/marked-text.js';
import { inlineText, type Reading } from '../model/inline-text.js';
import type { Block, Inline, Section, SourceRef, Subdivision } from '../model/types.js';
import { readableDiff } from '../text/word-diff.js';

/** One section of the code as an ordinance would change it (or of an ordinance between two versions). */
export interface ComparedSection {
  /** The section as it stands; null for a section added. */
  before: Section | null;
  /** The section with the changes made. */
  after: Section;
  /** What became of each instruction that targets it, in the ordinance's order (none between versions of an ordinance). */
  outcomes: InstructionOutcome[];
}

type Change = 'insertion' | 'deletion';

/** Inline content wrapped as inserted or deleted. */
function marked(children: Inline[], change: Change, source: SourceRef): Inline[] {
  return children.length === 0 ? [] : [{ type: change, children, source, revision: true }];
}

/** A block, all of it inserted or deleted. */
export function markedBlock(block: Block, change: Change, source: SourceRef): Block {
  switch (block.type) {
    case 'paragraph':
      return { ...block, children: marked(block.children, change, source) };
    case 'subdivision':
      return { ...block, change, children: marked(block.children, change, source), blocks: block.blocks.map((b) => markedBlock(b, change, source)) };
    case 'list':
      return { ...block, items: block.items.map((item) => item.map((b) => markedBlock(b, change, source))) };
    case 'blockquote':
      return { ...block, children: block.children.map((b) => markedBlock(b, change, source)) };
    case 'table':
      return {
        ...block,
        header: block.header.map((cell) => marked(cell, change, source)),
        rows: block.rows.map((row) => row.map((cell) => marked(cell, change, source))),
      };
  }
}

/**
 * The units an instruction rewrites whole ("… is amended to read as follows"), by path ("(a)(6)"; "" for the
 * section): `whole` for the unit with its children, `text` for its own text before them ("the lead-in language
 * is amended to read as follows"). The print shows these as the old text struck, then the new inserted, as the
 * House's comparative prints do, never as a diff of their words.
 */
type Rewrites = ReadonlyMap<string, 'whole' | 'text'>;

/** The units the applied instructions rewrite whole, from their outcomes. */
function rewrittenUnits(outcomes: readonly InstructionOutcome[]): Rewrites {
  const units = new Map<string, 'whole' | 'text'>();
  for (const { instruction, applied } of outcomes) {
    if (!applied || instruction.op !== 'rewrite' || instruction.target.part === 'heading') continue;
    // New text that marks its own changes (San Francisco's `:ins`/`:del`, "* * * *") states them word by word: the print shows those.
    if (hasMarkup(instruction.text) || writesGaps(instruction.text)) continue;
    units.set(instruction.target.path.join(''), instruction.target.part === 'text' ? 'text' : 'whole');
  }
  return units;
}

/** Old inline content struck, then the new inserted, a space between. */
function replacedInlines(before: Inline[], after: Inline[], source: SourceRef): Inline[] {
  const struck = marked(before, 'deletion', source);
  const inserted = marked(after, 'insertion', source);
  return struck.length && inserted.length ? [...struck, { type: 'text', value: ' ' }, ...inserted] : [...struck, ...inserted];
}

/** What pairs two blocks of the sections before and after, among siblings: a subdivision by its designation, any other block by its kind. */
function keyOf(block: Block): string {
  return block.type === 'subdivision' ? `subdivision ${designationOf(block)}` : block.type;
}

/** A subdivision's designation as printed: "(a)", or its own marker ("1."). */
function designationOf(subdivision: Subdivision): string {
  return subdivision.marker || (subdivision.label ? `(${subdivision.label})` : '');
}

/** The words of inline content as printed. */
function wordsOf(reading: Reading, inlines: Inline[]): string {
  return inlineText(inlines, reading).replace(/\s+/g, ' ').trim();
}

/**
 * The text after, with what the text before had and it lacks struck, and what
 * it adds inserted: a word diff that keeps every space of both. Unchanged text keeps its own inline content
 * (citations and their links); changed text is its words. White space at the
 * edges of a change stays outside its marks where the other version has white
 * space there too, so neither version gains a space ("places, and" never reads
 * "places , and" once an insertion before the comma is taken out).
 */
export function diffInlines(reading: Reading, before: Inline[], after: Inline[], source: SourceRef): Inline[] {
  const old = wordsOf(reading, before);
  const now = wordsOf(reading, after);
  if (old === now) return after;
  const out: Inline[] = [];
  const parts = readableDiff(old, now);
  parts.forEach((part, index) => {
    if (!part.added && !part.removed) {
      out.push({ type: 'text', value: part.value });
      return;
    }
    const type = part.added ? 'insertion' : 'deletion';
    // The characters beside the change in the version without it (the text's edge counts as white space).
    const other = (p: (typeof parts)[number]) => (part.added ? !p.added : !p.removed);
    const before = parts.slice(0, index).findLast(other)?.value.at(-1) ?? ' ';
    const after =
      parts
        .slice(index + 1)
        .find(other)
        ?.value.at(0) ?? ' ';
    if (!/\s/.test(before) && !/\s/.test(after)) {
      out.push({ type, children: [{ type: 'text', value: part.value }], source, revision: true });
      return;
    }
    const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value)!;
    if (lead) out.push({ type: 'text', value: lead });
    if (words) out.push({ type, children: [{ type: 'text', value: words }], source, revision: true });
    if (trail) out.push({ type: 'text', value: trail });
  });
  return out;
}

/** Two blocks that stand at the same place, before and after, as one with their differences marked. */
function mergeBlock(reading: Reading, before: Block, after: Block, source: SourceRef, rewrites: Rewrites): Block[] {
  if (before.type === 'subdivision' && after.type === 'subdivision') {
    const rewrite = rewrites.get(after.path);
    // Rewritten whole: the unit as it stood struck, then as it will read inserted (unless the words are the same).
    if (rewrite === 'whole' && blockWords(reading, before) !== blockWords(reading, after))
      return [markedBlock(before, 'deletion', source), markedBlock(after, 'insertion', source)];
    const children =
      rewrite === 'text' && wordsOf(reading, before.children) !== wordsOf(reading, after.children)
        ? replacedInlines(before.children, after.children, source)
        : diffInlines(reading, before.children, after.children, source);
    const merged: Subdivision = { ...after, children, blocks: mergeBlocks(reading, before.blocks, after.blocks, source, rewrites) };
    return [merged];
  }
  if (before.type === 'paragraph' && after.type === 'paragraph') return [{ ...after, children: diffInlines(reading, before.children, after.children, source) }];
  if (before.type === 'blockquote' && after.type === 'blockquote') return [{ ...after, children: mergeBlocks(reading, before.children, after.children, source, rewrites) }];
  // A list or table that changed is shown struck whole, then inserted whole.
  if (blockWords(reading, before) === blockWords(reading, after)) return [after];
  return [markedBlock(before, 'deletion', source), markedBlock(after, 'insertion', source)];
}

/** All the words of a block, to tell whether a list or table changed. */
function blockWords(reading: Reading, block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return wordsOf(reading, block.children);
    case 'subdivision':
      return [block.path, wordsOf(reading, block.children), ...block.blocks.map((b) => blockWords(reading, b))].join('\n');
    case 'list':
      return block.items.map((item) => item.map((b) => blockWords(reading, b)).join('\n')).join('\n\n');
    case 'blockquote':
      return block.children.map((b) => blockWords(reading, b)).join('\n');
    case 'table':
      return [block.header, ...block.rows].map((row) => row.map((cell) => wordsOf(reading, cell)).join('\t')).join('\n');
  }
}

/**
 * The blocks after, with the blocks before paired to them (a subdivision by
 * its designation). Of the blocks only before and only after at one place,
 * two that read mostly the same are the same text redesignated ("The existing
 * text is designated as subsection (a)."); any other is struck or inserted whole.
 */
export function mergeBlocks(reading: Reading, before: Block[], after: Block[], source: SourceRef, rewrites: Rewrites = new Map()): Block[] {
  const out: Block[] = [];
  let b = 0;
  let a = 0;
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    out.push(...mergeChanged(reading, removed, added, source));
    removed = [];
    added = [];
  };
  for (const change of diffArrays(before, after, { comparator: (x, y) => keyOf(x) === keyOf(y) })) {
    const count = change.count ?? change.value.length;
    if (change.removed) {
      removed.push(...before.slice(b, b + count));
      b += count;
    } else if (change.added) {
      added.push(...after.slice(a, a + count));
      a += count;
    } else {
      flush();
      for (let i = 0; i < count; i++) out.push(...mergeBlock(reading, before[b++]!, after[a++]!, source, rewrites));
    }
  }
  flush();
  return out;
}

/** Blocks only before (`removed`) and only after (`added`) at one place: each added block paired with the next removed one that reads mostly the same, the rest struck or inserted whole. */
function mergeChanged(reading: Reading, removed: Block[], added: Block[], source: SourceRef): Block[] {
  const out: Block[] = [];
  let r = 0;
  for (const block of added) {
    const match = removed.findIndex((old, i) => i >= r && redesignated(reading, old, block));
    if (match < 0) {
      out.push(markedBlock(block, 'insertion', source));
      continue;
    }
    while (r < match) out.push(markedBlock(removed[r++]!, 'deletion', source));
    const old = removed[r++]!;
    // Text designated as a subdivision takes the subdivisions that followed it along ("(1)" becomes "(a)(1)").
    const absorbed: Block[] = [];
    if (old.type === 'paragraph' && block.type === 'subdivision') {
      const keys = new Set(block.blocks.map(keyOf));
      while (r < removed.length && removed[r]!.type === 'subdivision' && keys.has(keyOf(removed[r]!))) absorbed.push(removed[r++]!);
    }
    out.push(mergeRedesignated(reading, old, block, source, absorbed));
  }
  while (r < removed.length) out.push(markedBlock(removed[r++]!, 'deletion', source));
  return out;
}

/** Whether `after` is `before` designated anew: a paragraph or subdivision become a subdivision (or a paragraph) whose words are mostly the same. */
function redesignated(reading: Reading, before: Block, after: Block): boolean {
  const kinds = new Set(['paragraph', 'subdivision']);
  if (!kinds.has(before.type) || !kinds.has(after.type) || (before.type === 'paragraph' && after.type === 'paragraph')) return false;
  // Their own words (a subdivision's before its children), or all their words when either has none of its own.
  const own = (block: Block) => (block.type === 'paragraph' || block.type === 'subdivision' ? wordsOf(reading, block.children) : '');
  const both = own(before) !== '' && own(after) !== '';
  const old = both ? own(before) : contentOf(reading, before);
  const now = both ? own(after) : contentOf(reading, after);
  if (!old || !now) return false;
  const same = diffWords(old, now)
    .filter((part) => !part.added && !part.removed)
    .reduce((n, part) => n + part.value.length, 0);
  return same >= 0.6 * Math.max(old.length, now.length);
}

/** The words of a paragraph or subdivision, without designations. */
function contentOf(reading: Reading, block: Block): string {
  if (block.type === 'paragraph') return wordsOf(reading, block.children);
  if (block.type !== 'subdivision') return '';
  return [wordsOf(reading, block.children), ...block.blocks.map((b) => contentOf(reading, b))].join(' ').trim();
}

/** A block designated anew (with the blocks before that it takes along): its words compared, the designation it gains inserted and the one it loses struck. */
function mergeRedesignated(reading: Reading, before: Block, after: Block, source: SourceRef, absorbed: Block[] = []): Block {
  const beforeChildren = before.type === 'paragraph' || before.type === 'subdivision' ? before.children : [];
  const beforeBlocks = before.type === 'subdivision' ? before.blocks : absorbed;
  if (after.type === 'subdivision') {
    const formerly = before.type === 'subdivision' ? designationOf(before) : undefined;
    return {
      ...after,
      change: formerly ? undefined : 'insertion',
      formerly,
      children: diffInlines(reading, beforeChildren, after.children, source),
      blocks: mergeBlocks(reading, beforeBlocks, after.blocks, source),
    };
  }
  // A subdivision that is no longer designated: its designation struck at the start of its text.
  const designation = before.type === 'subdivision' ? designationOf(before) : '';
  const children = after.type === 'paragraph' ? diffInlines(reading, beforeChildren, after.children, source) : [];
  const struck: Inline[] = designation ? [...marked([{ type: 'text', value: designation }], 'deletion', source), { type: 'text', value: ' ' }] : [];
  return after.type === 'paragraph' ? { ...after, children: [...struck, ...children] } : after;
}

/** The section after, its text merged with the text before and the differences marked: what a comparative print and a redline show. */
export function markChanges(reading: Reading, amended: ComparedSection): Section {
  const { before, after } = amended;
  const source: SourceRef = { file: after.file, position: undefined };
  const rewrites = rewrittenUnits(amended.outcomes);
  // A section rewritten whole ("Section 9 is amended to read as follows:"): all it said struck, then all it will say inserted.
  const blocks =
    before && rewrites.get('') === 'whole'
      ? [...before.blocks.map((b) => markedBlock(b, 'deletion', source)), ...after.blocks.map((b) => markedBlock(b, 'insertion', source))]
      : mergeBlocks(reading, before?.blocks ?? [], after.blocks, source, rewrites);
  // A heading the ordinance changes is shown with its change, above the text.
  const heading: Block[] =
    before && before.heading !== after.heading
      ? [
          {
            type: 'paragraph',
            children: [{ type: 'text', value: 'Heading: ' }, ...diffInlines(reading, [{ type: 'text', value: before.heading }], [{ type: 'text', value: after.heading }], source)],
            source,
          },
        ]
      : [];
  return {
    ...after,
    heading: before && before.heading !== after.heading ? before.heading : after.heading,
    // A section only after is all inserted already (mergeBlocks inserts what only the text after has), its heading too.
    blocks: [...heading, ...blocks],
    ...(before ? {} : { change: 'insertion' as const }),
    annotations: [],
    groups: [],
  };
}

/** Whether inline content has any words (not only white space). */
function hasWords(inlines: readonly Inline[]): boolean {
  return inlines.some((node) =>
    node.type === 'text' ? /\S/.test(node.value) : 'children' in node && Array.isArray(node.children) ? hasWords(node.children as Inline[]) : node.type !== 'break',
  );
}

/** Whether inline content holds a struck or inserted word. */
function inlinesChanged(inlines: readonly Inline[]): boolean {
  return inlines.some(
    (node) => node.type === 'insertion' || node.type === 'deletion' || ('children' in node && Array.isArray(node.children) && inlinesChanged(node.children as Inline[])),
  );
}

/** Whether a merged block shows a change: a word struck or inserted, a unit struck or inserted whole, a designation changed. */
export function blockChanged(block: Block): boolean {
  switch (block.type) {
    case 'paragraph':
      return inlinesChanged(block.children);
    case 'subdivision':
      return block.change !== undefined || block.formerly !== undefined || inlinesChanged(block.children) || block.blocks.some(blockChanged);
    case 'list':
      return block.items.some((item) => item.some(blockChanged));
    case 'blockquote':
      return block.children.some(blockChanged);
    case 'table':
      return [block.header, ...block.rows].some((row) => row.some(inlinesChanged));
  }
}

/**
 * A merged section's blocks with its unchanged text left out, as comparative prints do: every changed unit
 * whole, the lead-in of each unit that holds one, and one unchanged unit on either side (its own text, its
 * children left out); each stretch left out is one line of `omission` ("* * *").
 */
export function elideUnchanged(blocks: readonly Block[], omission: string, source: SourceRef): Block[] {
  const gap: Block = { type: 'paragraph', children: [{ type: 'text', value: omission }], source };
  const changed = blocks.map(blockChanged);
  // The lead-in: the text before the first subdivision ("For the purposes of this chapter, the term:"), which the units after it read on from.
  const firstUnit = blocks.findIndex((b) => b.type === 'subdivision');
  const leadIn = (i: number) => firstUnit > 0 && i < firstUnit && changed.some(Boolean);
  // A unit of context has words of its own to show: a bare designation whose children are all left out says nothing.
  const context = (block: Block | undefined) => block !== undefined && (block.type !== 'subdivision' || hasWords(block.children));
  const out: Block[] = [];
  blocks.forEach((block, i) => {
    if (changed[i]) {
      // A unit designated anew takes its children along to new designations ("(1)" becomes "(a)(1)"): all of it is shown.
      const designatedAnew = block.type === 'subdivision' && (block.formerly !== undefined || block.change === 'insertion');
      out.push(block.type === 'subdivision' && !designatedAnew ? { ...block, blocks: elideUnchanged(block.blocks, omission, source) } : block);
      return;
    }
    if (leadIn(i) || ((changed[i - 1] || changed[i + 1]) && context(block))) {
      out.push(block.type === 'subdivision' && block.blocks.length > 0 ? { ...block, blocks: [gap] } : block);
      return;
    }
    // One line for each stretch left out: none after a unit whose own last lines are already one (its children left out).
    if (!endsWithGap(out.at(-1), omission)) out.push(gap);
  });
  return out;
}

/**
 * The section as a comparative print prints it: its changes marked, its unchanged text left out as `omission`
 * ("* * *") says, where the form has one and the section stood before, and `note` (which of the act's sections
 * change it) first, in italics, beside the changes it names.
 */
export function printedComparison(reading: Reading, omission: string | undefined, amended: ComparedSection, note?: string | null): Section {
  const section = markChanges(reading, amended);
  const source: SourceRef = { file: section.file, position: undefined };
  const blocks = omission && amended.before ? elideUnchanged(section.blocks, omission, source) : section.blocks;
  const noted: Block[] = note ? [{ type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: note }] }], source }] : [];
  return { ...section, blocks: [...noted, ...blocks] };
}

/** Whether `block` ends with a line of `omission`: it is one, or a subdivision whose last block does. */
function endsWithGap(block: Block | undefined, omission: string): boolean {
  if (!block) return false;
  if (block.type === 'subdivision') return endsWithGap(block.blocks.at(-1), omission);
  return block.type === 'paragraph' && block.children.length === 1 && block.children[0]!.type === 'text' && block.children[0]!.value === omission;
}
