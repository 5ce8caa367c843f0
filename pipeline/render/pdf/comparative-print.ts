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
import { citeWhere } from '../../amend/apply-target.js';
import type { InstructionOutcome, NewGroup } from '../../amend/instruction.js';
import { markChanges, printedComparison, type ComparedSection } from '../../compare/marked-section.js';
import type { Ordinance, Section } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template, Vocabulary } from '../../template/template-schema.js';
import { groupTitle, sectionName, vocabularyOf } from '../../template/vocabulary.js';
import { subdivisionAt } from '../../model/law-path.js';
import { drawSection, sectionTitle } from './blocks.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext, type RenderWorld } from './context.js';
import { amendedSectionDestination } from './destinations.js';
import { titleCase } from '../../text/title-case.js';
import { documentTitle } from './document.js';
import { drawFramed } from './frame.js';
import { comparedMarks, drawRuns, typographicQuotes, type Run } from './inline.js';
import { printedReading } from '../../template/printed-reading.js';

export { COMPARATIVE_PRINT } from './destinations.js';
export type { ComparedSection } from '../../compare/marked-section.js';
export { readableDiff } from '../../text/word-diff.js';

/** What the comparative print is made from: the amending ordinance, and each section it changes. */
export interface ComparativePrintInput {
  ordinance: Ordinance;
  amended: ComparedSection[];
  /** Outcomes of instructions whose target is in no amended section (a section the code lacks): listed in the summary only. */
  unplaced?: InstructionOutcome[];
  /** Every outcome, in the ordinance's order, for the summary; by default each section's, then the unplaced. */
  outcomes?: InstructionOutcome[];
}

/** The section as the comparative print shows it: its differences marked as the template prints them, under its id in the print. */
export function comparativeSection(ctx: PdfContext, amended: ComparedSection): Section {
  return { ...markChanges(printedReading(ctx.template), amended), id: amendedSectionId(amended.after) };
}

/** The stable id of an amended section in the print ("amended-24-211.07"): its named destination is amendedSectionDestination's. */
function amendedSectionId(section: Section): string {
  return `amended-${section.designation ?? section.id}`;
}

/** "§ 25-822(a)(2)": an instruction's target as cited. */
export function targetLabel(outcome: InstructionOutcome): string {
  const { target } = outcome.instruction;
  return `${citeWhere(target)}${target.part === 'heading' ? ' (heading)' : ''}`;
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
    // A sentence read from prose is where it stands; the Council's annotations after one sentence ("Paragraphs (1) and
    // (2) are repealed", one annotation for each) stand apart, and are that sentence's while they follow one another.
    const place = instruction.form === 'annotation' ? `after ${entries.length}` : start ? `${start.line}:${start.column}` : '';
    const key = `${instruction.sectionId}\0${place}\0${instruction.prose}`;
    const found =
      bySentence.get(key) ?? (instruction.form === 'annotation' ? bySentence.get(`${instruction.sectionId}\0after ${entries.length - 1}\0${instruction.prose}`) : undefined);
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

/**
 * The note beside a section of the print that names the act's sections that change it, each with the units it
 * changes there: "Changed by Sec. 2(a): (a)(1), (a)(2); Sec. 2(a)(2): (a)(3)(B), (a)(3)(C)." (the whole section
 * rewritten: "Changed by Sec. 3."; a section it adds: "Added by Sec. 3."). Only the instructions that applied; null
 * when none did.
 */
export function attributionNote(ordinance: Ordinance, amended: ComparedSection, vocabulary: Vocabulary): string | null {
  const applied = amended.outcomes.filter((o) => o.applied);
  if (applied.length === 0) return null;
  // A section the act adds: "Added by Sec. 3."
  if (!amended.before) {
    const makers = [...new Set(summaryEntries(ordinance, applied, vocabulary).map((e) => e.made || 'the act'))];
    return `Added by ${makers.join('; ')}.`;
  }
  const byMaker = new Map<string, string[]>();
  for (const entry of summaryEntries(ordinance, applied, vocabulary)) {
    const units = byMaker.get(entry.made) ?? [];
    for (const { instruction } of entry.outcomes) {
      const at = instruction.target.path.join('');
      // A unit added is named by its own designation ("(a)(3)(D)"), not by the unit it is added to.
      const added = instruction.op === 'add' && instruction.designations?.length ? instruction.designations.map((d) => `${at}${d}`) : null;
      for (const unit of added ?? [`${at || 'the section'}${instruction.target.part === 'heading' ? ' (heading)' : ''}`]) if (!units.includes(unit)) units.push(unit);
    }
    byMaker.set(entry.made, units);
  }
  // The whole section changed ("amended to read as follows"): the maker alone.
  const parts = [...byMaker].map(([made, units]) => (units.length === 1 && units[0] === 'the section' ? made || 'the act' : `${made || 'the act'}: ${units.join(', ')}`));
  return `Changed by ${parts.join('; ')}.`;
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
 * The codifier's conforming edits of what a sentence put into the code (`amend --codify`), apart from the act's own
 * changes: "Conformed as the code is published: "this act" as "this chapter"; "section 106" as "§ 4-251.06"."; null
 * when it made none.
 */
export function conformingNote(outcomes: readonly InstructionOutcome[]): string | null {
  const edits = outcomes.flatMap((o) => (o.applied ? (o.conforming ?? []) : []));
  if (edits.length === 0) return null;
  const seen = new Set<string>();
  const phrases = edits.flatMap(({ before, after }) => {
    const phrase = after === '' ? `"${before.trim()}" left out` : `"${before}" as "${after}"`;
    if (seen.has(phrase)) return [];
    seen.add(phrase);
    return [phrase];
  });
  return `Conformed as the code is published: ${phrases.join('; ')}.`;
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
      // The codifier's edits of the words it put into the code, apart from the act's own words.
      const conformed = conformingNote(entry.outcomes);
      const runs = typographicQuotes([
        ...targets,
        plain(entry.made ? ` (${entry.made}): ` : ': '),
        plain(resultOf(entry.outcomes), { italic: true }),
        ...(conformed ? [plain(` ${conformed}`, { italic: true })] : []),
        plain(` ${entry.prose}`),
      ]);
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
  // Unchanged text left out, where the template says how the print marks it ("* * *").
  const vocabulary = vocabularyOf(ctx.template.jurisdiction);
  const sections = input.amended.map((amended) => ({
    ...printedComparison(printedReading(ctx.template), omissionOf(input.ordinance, layout), amended, attributionNote(input.ordinance, amended, vocabulary)),
    id: amendedSectionId(amended.after),
  }));
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
  // A group the ordinance adds ("Chapter 12I") heads its new sections, inserted as they are.
  const marks = comparedMarks(ctx, 'insertion');
  let group: string | null = null;
  sections.forEach((section, i) => {
    const added = addedGroup(input.amended[i]!);
    const title = added ? groupTitle(layout, { ...added, heading: added.heading ?? '' }) : null;
    if (title && title !== group) {
      doc.y += layout.body.paragraphGap;
      drawParagraph(
        ctx,
        [plain(title, { bold: true, inserted: true, underline: marks.underline && !marks.double, double: marks.double, alternate: marks.alternate, italic: marks.italic })],
        left,
        'P',
        'bold',
        layout.section.headingSize,
      );
    }
    group = title;
    drawSection(ctx, section);
  });
}

/** The line that stands for unchanged text left out of the print: the layout's, unless the ordinance asks for every section whole (`comparative-print: whole`). */
export function omissionOf(ordinance: Ordinance, layout: Template['layout']): string | undefined {
  return ordinance.meta['comparative-print'] === 'whole' ? undefined : layout.amendment.omission;
}

/** The group a section the ordinance adds stands in, when the ordinance adds that group too ("adding Chapter 12I, consisting of Sections 12I.1 through 12I.3"). */
function addedGroup(amended: ComparedSection): NewGroup | undefined {
  if (amended.before) return undefined;
  for (const { instruction, applied } of amended.outcomes) if (applied && instruction.op === 'add' && instruction.group) return instruction.group;
  return undefined;
}
