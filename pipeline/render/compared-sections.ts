/**
 * What the comparative print is made of, from what the amend stage gives: each
 * section of the code an ordinance amends as source text before and after
 * (the code's section files, as the importer writes them) with the outcomes
 * of the instructions that target it. Each text is modelled as a section of a
 * code title of the ordinance's jurisdiction, on its own, as `check` would
 * model it in the code's folder.
 */
import type { InstructionOutcome } from '../amend/instruction.js';
import type { Ordinance } from '../model/types.js';
import { modelSection } from '../analyze/parse-ordinance.js';
import type { ComparativePrintInput } from './pdf/comparative-print.js';

/** One section of the code an ordinance amends, as source text (the amend stage's amended section). */
export interface ComparedSource {
  /** Its file, relative to the code's folder. */
  file: string;
  /** Its source before; null for a section the ordinance adds. */
  before: string | null;
  /** Its source with the instructions that applied. */
  after: string;
  /** What became of each instruction that targets it. */
  outcomes: InstructionOutcome[];
}

/**
 * The comparative print's input: each changed section modelled before and
 * after; the outcomes of instructions whose section is not printed (a section
 * the code lacks, one that did not change) are listed in its summary only.
 */
export function comparedSections(ordinance: Ordinance, sections: readonly ComparedSource[], outcomes: readonly InstructionOutcome[]): ComparativePrintInput {
  const jurisdiction = ordinance.meta.jurisdiction;
  const amended: ComparativePrintInput['amended'] = [];
  const printed = new Set<InstructionOutcome>();
  for (const source of sections) {
    if (source.before === source.after) continue;
    const after = modelSection(source.after, source.file, jurisdiction, { failOnFatal: true });
    const before = source.before === null ? null : modelSection(source.before, source.file, jurisdiction, { failOnFatal: true });
    if (!after || (source.before !== null && !before)) continue;
    amended.push({ before, after, outcomes: source.outcomes });
    for (const outcome of source.outcomes) printed.add(outcome);
  }
  return { ordinance, amended, unplaced: outcomes.filter((o) => !printed.has(o)), outcomes: [...outcomes] };
}
