/**
 * comparative-print.pdf: the sections of the code an amending ordinance
 * changes, each as it stands with the changes marked (the House's "changes in
 * existing law"): struck words struck through and in ((double parentheses)),
 * inserted words underlined and tagged as inserted (a Span whose /ActualText
 * reads "[inserted: …]"), the same marks the ordinance's own `:del` and `:ins`
 * print with. A summary of changes comes first: each instruction as written,
 * its target (linked to the section below) and whether it applied.
 *
 * The marks come from the sections themselves, not from the instructions: a
 * word diff (jsdiff) of each subdivision's text before and after, with
 * subdivisions paired by their path, so the print shows exactly what changed
 * in the law, whatever instruction changed it. Tagged like the ordinance,
 * with its page furniture; PDF/A-1b for adopted versions.
 */
import { diffArrays, diffWords } from 'diff';
import type { InstructionOutcome } from '../../amend/instruction.js';
import type { Block, Inline, Ordinance, Section, SourceRef, Subdivision } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template, Vocabulary } from '../../template/template-schema.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';
import { subdivisionAt } from '../../model/law-path.js';
import { drawSection, sectionTitle } from './blocks.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext, type RenderWorld } from './context.js';
import { amendedSectionDestination } from './destinations.js';
import { titleCase } from '../../text/title-case.js';
import { documentTitle } from './document.js';
import { drawFramed } from './frame.js';
import { drawRuns, toRuns, typographicQuotes, type Run } from './inline.js';
import { readableDiff } from '../../text/word-diff.js';
import { hasMarkup } from '../../amend/marks.js';
import { writesGaps } from '../../amend/marked-text.js';

export { COMPARATIVE_PRINT } from './destinations.js';
export { readableDiff } from '../../text/word-diff.js';

/** One section of the code as the ordinance would change it. */
export interface ComparedSection {
  /** The section as it stands; null for a section the ordinance adds. */
  before: Section | null;
  /** The section with the instructions applied. */
  after: Section;
  /** What became of each instruction that targets it, in the ordinance's order. */
  outcomes: InstructionOutcome[];
}

/** What the comparative print is made from: the amending ordinance, and each section it changes. */
export interface ComparativePrintInput {
  ordinance: Ordinance;
  amended: ComparedSection[];
  /** Outcomes of instructions whose target is in no amended section (a section the code lacks): listed in the summary only. */
  unplaced?: InstructionOutcome[];
  /** Every outcome, in the ordinance's order, for the summary; by default each section's, then the unplaced. */
  outcomes?: InstructionOutcome[];
}

type Change = 'insertion' | 'deletion';

/** Inline content wrapped as inserted or deleted. */
function marked(children: Inline[], change: Change, source: SourceRef): Inline[] {
  return children.length === 0 ? [] : [{ type: change, children, source }];
}

/** A block, all of it inserted or deleted. */
function markedBlock(block: Block, change: Change, source: SourceRef): Block {
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
function wordsOf(ctx: PdfContext, inlines: Inline[]): string {
  return toRuns(ctx, inlines)
    .map((run) => run.text)
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * The text after, with what the text before had and it lacks struck, and what
 * it adds inserted: a word diff that keeps every space of both. Unchanged text keeps its own inline content
 * (citations and their links); changed text is its words. White space at the
 * edges of a change stays outside its marks where the other version has white
 * space there too, so neither version gains a space ("places, and" never reads
 * "places , and" once an insertion before the comma is taken out).
 */
export function diffInlines(ctx: PdfContext, before: Inline[], after: Inline[], source: SourceRef): Inline[] {
  const old = wordsOf(ctx, before);
  const now = wordsOf(ctx, after);
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
      out.push({ type, children: [{ type: 'text', value: part.value }], source });
      return;
    }
    const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value)!;
    if (lead) out.push({ type: 'text', value: lead });
    if (words) out.push({ type, children: [{ type: 'text', value: words }], source });
    if (trail) out.push({ type: 'text', value: trail });
  });
  return out;
}

/** Two blocks that stand at the same place, before and after, as one with their differences marked. */
function mergeBlock(ctx: PdfContext, before: Block, after: Block, source: SourceRef, rewrites: Rewrites): Block[] {
  if (before.type === 'subdivision' && after.type === 'subdivision') {
    const rewrite = rewrites.get(after.path);
    // Rewritten whole: the unit as it stood struck, then as it will read inserted (unless the words are the same).
    if (rewrite === 'whole' && blockWords(ctx, before) !== blockWords(ctx, after)) return [markedBlock(before, 'deletion', source), markedBlock(after, 'insertion', source)];
    const children =
      rewrite === 'text' && wordsOf(ctx, before.children) !== wordsOf(ctx, after.children)
        ? replacedInlines(before.children, after.children, source)
        : diffInlines(ctx, before.children, after.children, source);
    const merged: Subdivision = { ...after, children, blocks: mergeBlocks(ctx, before.blocks, after.blocks, source, rewrites) };
    return [merged];
  }
  if (before.type === 'paragraph' && after.type === 'paragraph') return [{ ...after, children: diffInlines(ctx, before.children, after.children, source) }];
  if (before.type === 'blockquote' && after.type === 'blockquote') return [{ ...after, children: mergeBlocks(ctx, before.children, after.children, source, rewrites) }];
  // A list or table that changed is shown struck whole, then inserted whole.
  if (blockWords(ctx, before) === blockWords(ctx, after)) return [after];
  return [markedBlock(before, 'deletion', source), markedBlock(after, 'insertion', source)];
}

/** All the words of a block, to tell whether a list or table changed. */
function blockWords(ctx: PdfContext, block: Block): string {
  switch (block.type) {
    case 'paragraph':
      return wordsOf(ctx, block.children);
    case 'subdivision':
      return [block.path, wordsOf(ctx, block.children), ...block.blocks.map((b) => blockWords(ctx, b))].join('\n');
    case 'list':
      return block.items.map((item) => item.map((b) => blockWords(ctx, b)).join('\n')).join('\n\n');
    case 'blockquote':
      return block.children.map((b) => blockWords(ctx, b)).join('\n');
    case 'table':
      return [block.header, ...block.rows].map((row) => row.map((cell) => wordsOf(ctx, cell)).join('\t')).join('\n');
  }
}

/**
 * The blocks after, with the blocks before paired to them (a subdivision by
 * its designation). Of the blocks only before and only after at one place,
 * two that read mostly the same are the same text redesignated ("The existing
 * text is designated as subsection (a)."); any other is struck or inserted whole.
 */
export function mergeBlocks(ctx: PdfContext, before: Block[], after: Block[], source: SourceRef, rewrites: Rewrites = new Map()): Block[] {
  const out: Block[] = [];
  let b = 0;
  let a = 0;
  let removed: Block[] = [];
  let added: Block[] = [];
  const flush = () => {
    out.push(...mergeChanged(ctx, removed, added, source));
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
      for (let i = 0; i < count; i++) out.push(...mergeBlock(ctx, before[b++]!, after[a++]!, source, rewrites));
    }
  }
  flush();
  return out;
}

/** Blocks only before (`removed`) and only after (`added`) at one place: each added block paired with the next removed one that reads mostly the same, the rest struck or inserted whole. */
function mergeChanged(ctx: PdfContext, removed: Block[], added: Block[], source: SourceRef): Block[] {
  const out: Block[] = [];
  let r = 0;
  for (const block of added) {
    const match = removed.findIndex((old, i) => i >= r && redesignated(ctx, old, block));
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
    out.push(mergeRedesignated(ctx, old, block, source, absorbed));
  }
  while (r < removed.length) out.push(markedBlock(removed[r++]!, 'deletion', source));
  return out;
}

/** Whether `after` is `before` designated anew: a paragraph or subdivision become a subdivision (or a paragraph) whose words are mostly the same. */
function redesignated(ctx: PdfContext, before: Block, after: Block): boolean {
  const kinds = new Set(['paragraph', 'subdivision']);
  if (!kinds.has(before.type) || !kinds.has(after.type) || (before.type === 'paragraph' && after.type === 'paragraph')) return false;
  // Their own words (a subdivision's before its children), or all their words when either has none of its own.
  const own = (block: Block) => (block.type === 'paragraph' || block.type === 'subdivision' ? wordsOf(ctx, block.children) : '');
  const both = own(before) !== '' && own(after) !== '';
  const old = both ? own(before) : contentOf(ctx, before);
  const now = both ? own(after) : contentOf(ctx, after);
  if (!old || !now) return false;
  const same = diffWords(old, now)
    .filter((part) => !part.added && !part.removed)
    .reduce((n, part) => n + part.value.length, 0);
  return same >= 0.6 * Math.max(old.length, now.length);
}

/** The words of a paragraph or subdivision, without designations. */
function contentOf(ctx: PdfContext, block: Block): string {
  if (block.type === 'paragraph') return wordsOf(ctx, block.children);
  if (block.type !== 'subdivision') return '';
  return [wordsOf(ctx, block.children), ...block.blocks.map((b) => contentOf(ctx, b))].join(' ').trim();
}

/** A block designated anew (with the blocks before that it takes along): its words compared, the designation it gains inserted and the one it loses struck. */
function mergeRedesignated(ctx: PdfContext, before: Block, after: Block, source: SourceRef, absorbed: Block[] = []): Block {
  const beforeChildren = before.type === 'paragraph' || before.type === 'subdivision' ? before.children : [];
  const beforeBlocks = before.type === 'subdivision' ? before.blocks : absorbed;
  if (after.type === 'subdivision') {
    const formerly = before.type === 'subdivision' ? designationOf(before) : undefined;
    return {
      ...after,
      change: formerly ? undefined : 'insertion',
      formerly,
      children: diffInlines(ctx, beforeChildren, after.children, source),
      blocks: mergeBlocks(ctx, beforeBlocks, after.blocks, source),
    };
  }
  // A subdivision that is no longer designated: its designation struck at the start of its text.
  const designation = before.type === 'subdivision' ? designationOf(before) : '';
  const children = after.type === 'paragraph' ? diffInlines(ctx, beforeChildren, after.children, source) : [];
  const struck: Inline[] = designation ? [...marked([{ type: 'text', value: designation }], 'deletion', source), { type: 'text', value: ' ' }] : [];
  return after.type === 'paragraph' ? { ...after, children: [...struck, ...children] } : after;
}

/** The section as the comparative print shows it: the section after, its text merged with the text before and the differences marked. */
export function comparativeSection(ctx: PdfContext, amended: ComparedSection): Section {
  const { before, after } = amended;
  const source: SourceRef = { file: after.file, position: undefined };
  const rewrites = rewrittenUnits(amended.outcomes);
  // A section rewritten whole ("Section 9 is amended to read as follows:"): all it said struck, then all it will say inserted.
  const blocks =
    before && rewrites.get('') === 'whole'
      ? [...before.blocks.map((b) => markedBlock(b, 'deletion', source)), ...after.blocks.map((b) => markedBlock(b, 'insertion', source))]
      : mergeBlocks(ctx, before?.blocks ?? [], after.blocks, source, rewrites);
  // A heading the ordinance changes is shown with its change, above the text.
  const heading: Block[] =
    before && before.heading !== after.heading
      ? [
          {
            type: 'paragraph',
            children: [{ type: 'text', value: 'Heading: ' }, ...diffInlines(ctx, [{ type: 'text', value: before.heading }], [{ type: 'text', value: after.heading }], source)],
            source,
          },
        ]
      : [];
  return {
    ...after,
    id: amendedSectionId(after),
    heading: before && before.heading !== after.heading ? before.heading : after.heading,
    blocks: before ? [...heading, ...blocks] : blocks.map((block) => markedBlock(block, 'insertion', source)),
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
function blockChanged(block: Block): boolean {
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
function elideUnchanged(blocks: readonly Block[], omission: string, source: SourceRef): Block[] {
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
    if (out.at(-1) !== gap) out.push(gap);
  });
  return out;
}

/** The stable id of an amended section in the print ("amended-24-211.07"): its named destination is amendedSectionDestination's. */
function amendedSectionId(section: Section): string {
  return `amended-${section.designation ?? section.id}`;
}

/** "§ 25-822(a)(2)": an instruction's target as cited. */
export function targetLabel(outcome: InstructionOutcome): string {
  const { target } = outcome.instruction;
  return `§ ${target.section}${target.path.join('')}${target.part === 'heading' ? ' (heading)' : ''}`;
}

/** A run of plain text, styled as `style` says. */
export function plain(text: string, style: Partial<Run> = {}): Run {
  return { text, bold: false, italic: false, underline: false, strike: false, inserted: false, link: null, goTo: null, ...style };
}

/** A paragraph of runs across the text width (tagged P unless inside another leaf). */
export function drawParagraph(ctx: PdfContext, runs: Run[], x: number, role: 'P' | 'H1' | 'H2' = 'P', font: 'regular' | 'bold' = 'regular', size = ctx.layout.body.size): void {
  const { doc, layout } = ctx;
  ensureSpace(ctx, lineHeight(ctx, size, layout.body.lineGap, font));
  ctx.tags.leaf(role, () => drawRuns(ctx, runs, { x, width: widthFrom(ctx, x), size, lineGap: layout.body.lineGap, align: 'left', font }));
  doc.y += layout.body.paragraphGap;
}

/** One entry of the summary of changes: a sentence of the act, the act's section it stands in, and what became of each instruction it gives. */
interface SummaryEntry {
  /** Where the sentence stands in the act, in the council's words: "Sec. 2(a)(1)". */
  made: string;
  /** The sentence (or annotation) as written. */
  prose: string;
  outcomes: InstructionOutcome[];
}

/**
 * The summary's entries: one per sentence of the act, in its order, each with every change the sentence makes
 * ("Paragraphs (1) and (2) are repealed" once, for both paragraphs) and the act's section that makes them.
 */
function summaryEntries(ordinance: Ordinance, outcomes: readonly InstructionOutcome[], vocabulary: Vocabulary): SummaryEntry[] {
  const entries: SummaryEntry[] = [];
  const bySentence = new Map<string, SummaryEntry>();
  for (const outcome of outcomes) {
    const { instruction } = outcome;
    const start = instruction.source.position?.start;
    const key = `${instruction.sectionId}\0${start ? `${start.line}:${start.column}` : ''}\0${instruction.prose}`;
    const found = bySentence.get(key);
    if (found) {
      found.outcomes.push(outcome);
      continue;
    }
    const section = ordinance.sections.find((s) => s.id === instruction.sectionId);
    const at = section ? subdivisionAt(ordinance, instruction.source.file, instruction.source.position) : null;
    const entry = { made: section ? sectionName(vocabulary, section, at?.path ?? '') : '', prose: instruction.prose.replace(/\s+/g, ' ').trim(), outcomes: [outcome] };
    bySentence.set(key, entry);
    entries.push(entry);
  }
  return entries;
}

/** The targets of one sentence's instructions as cited: "§ 4-251.03(a)(1), (a)(2)", each section named once. */
function targetsLabel(outcomes: readonly InstructionOutcome[]): { section: string; label: string }[] {
  const out: { section: string; label: string }[] = [];
  for (const outcome of outcomes) {
    const { section } = outcome.instruction.target;
    const label = targetLabel(outcome);
    const last = out.at(-1);
    if (last?.section === section) last.label += `, ${label.slice(`§ ${section}`.length) || label}`;
    else if (!out.some((o) => o.section === section && o.label === label)) out.push({ section, label });
  }
  return out;
}

/** What became of a sentence's instructions: "Applied.", or each one's reason it did not apply. */
function resultOf(outcomes: readonly InstructionOutcome[]): string {
  const failed = outcomes.filter((o) => !o.applied);
  if (failed.length === 0) return 'Applied.';
  const reasons = [...new Set(failed.map((o) => (o.reason ?? 'the instruction does not fit the law it targets').replace(/[.!?]$/, '')))];
  return `${failed.length < outcomes.length ? 'Partly applied' : 'Not applied'}: ${reasons.join('; ')}.`;
}

/**
 * The summary of changes: each amending sentence of the act in order, numbered: its targets (linked to the
 * section when the print holds it), the act's section that makes the change, what became of it, and the
 * sentence as written, last, so its own punctuation ends it.
 */
function drawSummary(ctx: PdfContext, ordinance: Ordinance, outcomes: InstructionOutcome[], printed: Set<string>): void {
  const { doc, layout } = ctx;
  const left = doc.page.margins.left;
  const indent = layout.list.indent;
  doc.addBookmark(doc.outline, 'Summary of changes', left, doc.y);
  drawParagraph(ctx, [plain('Summary of changes')], left, 'H2', 'bold', layout.section.headingSize);
  if (outcomes.length === 0) {
    drawParagraph(ctx, [plain('This ordinance holds no amending instructions.')], left);
    return;
  }
  const line = lineHeight(ctx, layout.body.size, layout.body.lineGap);
  // The act's own sections (the print draws the code's: ctx.ordinance holds those).
  const entries = summaryEntries(ordinance, outcomes, vocabularyOf(ctx.template.jurisdiction));
  ctx.tags.group('L', () =>
    entries.forEach((entry, index) => {
      // The number stays with the first two lines of its entry.
      ensureSpace(ctx, 2 * line);
      const y = doc.y;
      const targets = targetsLabel(entry.outcomes).flatMap((t, i) => [
        ...(i > 0 ? [plain('; ', { bold: true })] : []),
        plain(t.label, { bold: true, goTo: printed.has(t.section) ? amendedSectionDestination(t.section) : null }),
      ]);
      const runs = typographicQuotes([...targets, plain(entry.made ? ` (${entry.made}): ` : ': '), plain(resultOf(entry.outcomes), { italic: true }), plain(` ${entry.prose}`)]);
      ctx.tags.group('LI', () => {
        ctx.tags.leaf('Lbl', () =>
          doc
            .font(fontName('regular'))
            .fontSize(layout.body.size)
            .fillColor(layout.colors.text)
            .text(`${index + 1}.`, left, y, { width: indent, lineBreak: false }),
        );
        doc.y = y;
        ctx.tags.group('LBody', () =>
          ctx.tags.leaf('P', () =>
            drawRuns(ctx, runs, { x: left + indent, y, width: widthFrom(ctx, left + indent), size: layout.body.size, lineGap: layout.body.lineGap, align: 'left' }),
          ),
        );
      });
      doc.y += layout.body.paragraphGap;
    }),
  );
}

/** Render the comparative print of `input.ordinance` to PDF bytes. The same input always gives the same bytes. */
export function renderComparativePrintPdf(input: ComparativePrintInput, template: Template, provenance: Provenance, world: RenderWorld): Promise<Buffer> {
  const { ordinance } = input;
  const { meta } = ordinance;
  const info = {
    title: `${documentTitle(ordinance, template)}: Comparative Print`,
    subject: `Changes in existing law made by ${meta.title}`,
    keywords: input.amended.map(({ after }) => `§ ${after.designation ?? after.id}`).join(', '),
  };
  // Citations and references in the code's text resolve against the sections printed here, not the amending ordinance's.
  const drawing = { ...ordinance, sections: [], references: [], citations: [] };
  return drawFramed({ ordinance, template, provenance, world, info, drawing, furniture: 'running' }, (ctx) => drawComparativePrint(ctx, input)).bytes;
}

/** The print's title and legend, the summary of changes, then each section as amended. */
function drawComparativePrint(ctx: PdfContext, input: ComparativePrintInput): void {
  const { doc, layout, template } = ctx;
  const { meta } = input.ordinance;
  const omission = layout.amendment.omission ?? '';
  // Unchanged text left out, where the template says how the print marks it ("* * *").
  const sections = input.amended.map((amended) => {
    const section = comparativeSection(ctx, amended);
    return omission && amended.before ? { ...section, blocks: elideUnchanged(section.blocks, omission, { file: section.file, position: undefined }) } : section;
  });
  ctx.ordinance.sections = sections;
  for (const section of sections) ctx.linkTargets.set(amendedSectionDestination(section.designation ?? section.id), sectionTitle(ctx, section));
  const left = doc.page.margins.left;
  drawParagraph(ctx, [plain('Comparative Print')], left, 'H1', 'bold', layout.group.size + 2);
  drawParagraph(ctx, [plain(`${meta.number ? `${template.jurisdiction.numberLabel} ${meta.number}: ` : ''}${meta.title}`, { italic: true })], left);
  const code = template.jurisdiction.codeName ? titleCase(template.jurisdiction.codeName) : 'code';
  drawParagraph(
    ctx,
    [plain(`Changes in existing law: each section of the ${code} this ${template.jurisdiction.vocabulary.document} amends, as it stands, with the changes it makes.`)],
    left,
  );
  drawParagraph(ctx, [plain(layout.amendment.legend, { italic: true })], left);
  const outcomes = input.outcomes ?? [...input.amended.flatMap((a) => a.outcomes), ...(input.unplaced ?? [])];
  drawSummary(ctx, input.ordinance, outcomes, new Set(input.amended.map(({ after }) => after.designation ?? after.id)));
  for (const section of sections) drawSection(ctx, section);
}
