/**
 * Apply amending instructions to a code section: the section's source file
 * (as `ordinance import dc-code` writes it) and the instructions that target
 * it in, the amended source file and what became of each instruction out.
 *
 * The section is read into a flat list of units (a subdivision opening with
 * its designation and depth, more text of the open subdivision, a table),
 * each instruction changes the units it targets, and the units are written
 * back the way the importer writes them: with "(a)" markers where the
 * format's inference reads them back exactly, with explicit `::subdivision`
 * depths otherwise. Only the instructed words change: struck words are found
 * in the text as written (straight and curly quotes alike), inserted words are
 * the instruction's own.
 *
 * Here: each instruction dispatched, and a section's heading. The units are
 * read and written in apply-units.ts, a target found in apply-target.ts,
 * words struck and inserted in apply-words.ts, subdivisions added and
 * redesignated in apply-subdivisions.ts.
 */
import type { Text } from 'mdast';
import { failed, ok, quote } from './apply-outcome.js';
import { applyAdd, applyRedesignate } from './apply-subdivisions.js';
import { ancestors, citeTarget, describeMissing, findRange } from './apply-target.js';
import { dropUndefined, parseText, plain, readSection, sectionHeading, writeSection, type SectionSource, type Unit } from './apply-units.js';
import { applyWords } from './apply-words.js';
import { illFormed } from './well-formed.js';
import { fillGaps, hasGaps } from './marked-text.js';
import { hasMarkup } from './marks.js';
import { sectionId } from '../dc-xml/section.js';
import type { Instruction, InstructionOutcome } from './instruction.js';

export { addsSection } from './apply-subdivisions.js';
export { citeTarget } from './apply-target.js';

/** How the code marks what an instruction repealed (the District's codification: "Repealed." and "(b) [Repealed]."). */
export interface RepealWording {
  section: string;
  subdivision: string;
}

export const DEFAULT_REPEAL_WORDING: RepealWording = { section: 'Repealed.', subdivision: 'Repealed.' };

export interface ApplyOptions {
  repealed?: RepealWording;
}

/** A section after its instructions: its new source, and each instruction's outcome in order. */
export interface SectionAmendment {
  /** The amended source file (unchanged text when nothing applied). */
  source: string;
  changed: boolean;
  outcomes: InstructionOutcome[];
}

/** Apply `instructions` (all targeting this section) to a section file's source, one after another. */
export function applyToSection(source: string, instructions: readonly Instruction[], options: ApplyOptions = {}): SectionAmendment {
  const section = readSection(source);
  const outcomes: InstructionOutcome[] = [];
  let changed = false;
  const repealed = options.repealed ?? repealWordingOf(section.units);
  for (const instruction of instructions) {
    const outcome = applyOne(section, instruction, repealed);
    outcomes.push(outcome);
    if (outcome.applied) changed = true;
  }
  return { source: changed ? writeSection(section) : source, changed, outcomes };
}

/**
 * The source file of a section an instruction adds to the code ("by adding a
 * new section 223a to read as follows:"): `number` is its designation in the
 * code, the instruction's `heading` its heading and its text the body.
 */
export function newSectionSource(instruction: Instruction & { op: 'add' }, number: string): string {
  const { units, heading } = newSectionUnits(instruction);
  return writeNewSection(units, heading, number);
}

/** What is wrong with the text of a section an instruction adds (well-formed.ts), or undefined. */
export function newSectionProblem(instruction: Instruction & { op: 'add' }): string | undefined {
  return illFormed(newSectionUnits(instruction).units);
}

/** A new section's units and heading: the new text may open with the section's own heading line ("§ 24-211.07. Heading.", "Sec. 4.1003. Heading."). */
function newSectionUnits(instruction: Instruction & { op: 'add' }): { units: Unit[]; heading: string | undefined } {
  let units = parseText(instruction.text, []);
  let heading = instruction.heading;
  const line = units[0]?.kind === 'text' ? sectionHeading(plain(units[0].children)) : null;
  if (line !== null) {
    heading ??= line;
    units = units.slice(1);
  }
  return { units, heading };
}

function writeNewSection(units: Unit[], heading: string | undefined, number: string): string {
  const meta: Record<string, unknown> = { id: sectionId(number), number, heading: heading || undefined, kind: 'code-section' };
  return writeSection({ front: dropUndefined(meta), units, tail: [] });
}

/** How the section already marks a repealed subdivision ("[Repealed]." or "Repealed."), else the default. */
function repealWordingOf(units: readonly Unit[]): RepealWording {
  for (const unit of units) {
    const text = plain(unit.children).trim();
    if (unit.kind === 'open' && /^\[?repealed\]?\.?$/i.test(text)) return { ...DEFAULT_REPEAL_WORDING, subdivision: text };
  }
  return DEFAULT_REPEAL_WORDING;
}

/** Apply one instruction to a section in place. */
function applyOne(section: SectionSource, instruction: Instruction, repealed: RepealWording): InstructionOutcome {
  const { target } = instruction;
  const where = citeTarget(target.section, target.path, target.nth);
  if (target.part === 'heading') return applyToHeading(section, instruction, where);
  if (instruction.op === 'add') return applyAdd(section, instruction);
  const range = findRange(section.units, target.path, target.nth);
  if (!range) return failed(instruction, 'target', `${where} does not exist: ${describeMissing(section.units, target.section, target.path)}`);
  switch (instruction.op) {
    case 'strike':
    case 'insert':
      return applyWords(section, instruction, range, where);
    case 'rewrite': {
      const around = ancestors(section.units, range);
      let units = parseText(instruction.text, around);
      // San Francisco's form: the text as it will read, its changes marked and unchanged parts left out ("* * * *").
      const old = range.open === -1 ? section.units : section.units.slice(range.start, range.end);
      const marks = hasGaps(units) || hasMarkup(instruction.text);
      const fill = (from: Unit[]): Unit[] | string => (marks ? fillGaps(from, old) : from);
      // Marked text shows the law as it reads now, unmarked: it must be that law, or a change would go in unmarked.
      const shown = marks ? unmarkedDifference(instruction.text, around, old, range.open === -1) : undefined;
      if (shown) return failed(instruction, 'applies', `the text of ${where} shown unmarked is not the law: ${shown}`);
      if (range.open === -1) {
        const heading = units[0]?.kind === 'text' ? sectionHeading(plain(units[0].children)) : null;
        if (heading !== null) units = units.slice(1);
        const filled = fill(units);
        if (typeof filled === 'string') return failed(instruction, 'applies', `the new text of ${where} does not fit the law: ${filled}`);
        units = filled;
        const wrong = illFormed(units);
        if (wrong) return failed(instruction, 'applies', `the new text of ${where} would leave ${wrong}`);
        if (heading) section.front.heading = heading;
        const struck = section.units.map((u) => plain(u.children));
        section.units = units;
        return ok(
          instruction,
          struck,
          units.map((u) => plain(u.children)),
        );
      }
      const filled = fill(units);
      if (typeof filled === 'string') return failed(instruction, 'applies', `the new text of ${where} does not fit the law: ${filled}`);
      units = filled;
      const wrong = illFormed(units);
      if (wrong) return failed(instruction, 'applies', `the new text of ${where} would leave ${wrong}`);
      const opener = section.units[range.open]!;
      if (units[0]?.kind !== 'open') {
        const first = units[0];
        units = [{ kind: 'open', num: opener.num, depth: opener.depth, children: first?.kind === 'text' ? first.children : [] }, ...units.slice(first?.kind === 'text' ? 1 : 0)];
      }
      const struck = section.units.slice(range.start, range.end).map((u) => plain(u.children));
      section.units.splice(range.start, range.end - range.start, ...units);
      return ok(
        instruction,
        struck,
        units.map((u) => plain(u.children)),
      );
    }
    case 'repeal': {
      const struck = section.units.slice(range.start, range.end).map((u) => plain(u.children));
      if (range.open === -1) {
        section.front.status = 'repealed';
        section.units = [{ kind: 'text', num: '', depth: 0, children: [{ type: 'text', value: repealed.section }] }];
        return ok(instruction, struck, []);
      }
      const opener = section.units[range.open]!;
      section.units.splice(range.start, range.end - range.start, { kind: 'open', num: opener.num, depth: opener.depth, children: [{ type: 'text', value: repealed.subdivision }] });
      return ok(instruction, struck, []);
    }
    case 'redesignate':
      return applyRedesignate(section, instruction, range, where);
  }
}

function applyToHeading(section: SectionSource, instruction: Instruction, where: string): InstructionOutcome {
  const heading = typeof section.front.heading === 'string' ? section.front.heading : '';
  if (instruction.op === 'rewrite') {
    section.front.heading = instruction.text.trim();
    return ok(instruction, [heading], [instruction.text.trim()]);
  }
  if (instruction.op !== 'strike' && instruction.op !== 'insert')
    return failed(instruction, 'applies', `the heading of ${where} can only have words struck, inserted or be rewritten`);
  const node: Text = { type: 'text', value: heading };
  const unit: Unit = { kind: 'text', num: '', depth: 0, children: [node] };
  const outcome = applyWords({ ...section, units: [unit] }, instruction, { start: 0, end: 1, open: -1 }, `the heading of ${where}`);
  if (outcome.applied) section.front.heading = node.value;
  return outcome;
}

/**
 * Where marked new text, read as the law reads now (its deletions kept, its
 * additions dropped, its gaps filled), differs from that law: the first unit
 * that does, quoted both ways; undefined when it is the law.
 */
function unmarkedDifference(text: string, around: readonly Unit[], old: readonly Unit[], whole: boolean): string | undefined {
  let before = parseText(text, around, 'before');
  if (whole && before[0]?.kind === 'text' && sectionHeading(plain(before[0].children)) !== null) before = before.slice(1);
  const filled = fillGaps(before, old);
  if (typeof filled === 'string') return filled;
  const words = (u: Unit | undefined) => (u ? `${u.kind === 'open' ? `${u.num} ` : ''}${plain(u.children)}`.replace(/\s+/g, ' ').trim() : '');
  for (let i = 0; i < Math.max(filled.length, old.length); i++) {
    const shown = words(filled[i]);
    const law = words(old[i]);
    if (shown === law) continue;
    if (!law) return `${quote(shown)} is not in the law: mark new text as an addition (:ins[…])`;
    if (!shown) return `the law goes on with ${quote(law)}, which the text leaves out without a gap ("* * * *") or a deletion (:del[…])`;
    return `the law reads ${quote(law)}, the text shows ${quote(shown)}: mark what changes (:ins[…], :del[…])`;
  }
  return undefined;
}
