import { citeTarget } from '../../amend/apply-target.js';
import type { InstructionOutcome } from '../../amend/instruction.js';
import type { Rule } from '../rule.js';

/** The amend stage's reason when an addition's new text has no designation where it begins. */
const NO_DESIGNATION = /does not begin with a designation/;

/** The opening quote mark an enrolled act writes before a quoted paragraph's designation ("\"(d) …"), and that designation. */
const QUOTED_DESIGNATION = /^\s*(["“”'‘])\s*(\([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\))/;

/**
 * Why an instruction does not apply, as the finding says it. The amend stage
 * gives its reasons as text; the one for new text that does not begin with a
 * designation is worded here from the instruction itself, so that it shows
 * the designation as written ("(d)") and names the quote mark that stands
 * before it when that is what the text begins with.
 */
function reasonOf({ instruction, reason = '' }: InstructionOutcome): string {
  if (instruction.op !== 'add' || !NO_DESIGNATION.test(reason)) return reason;
  const where = citeTarget(instruction.target.section, instruction.target.path);
  const opening = QUOTED_DESIGNATION.exec(instruction.text);
  if (opening)
    return `the new text for ${where} begins with the quote mark \`${opening[1]}\` before its designation “${opening[2]}”, expected the designation first (“${opening[2]} …”)`;
  return `the new text for ${where} does not begin with a designation such as “${instruction.designations[0] ?? '(a)'}”`;
}

/** Every amending instruction fits the law it amends: struck words occur as often as it says, a new subdivision's designation fits its place. */
const rule: Rule = {
  id: 'amendment-applies',
  description: 'Amending instructions fit the law they amend: struck words occur as often as said, new designations fit their place',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ amendments }, report) {
    if (!amendments) return;
    for (const outcome of amendments.outcomes) {
      if (outcome.applied || outcome.failure !== 'applies') continue;
      const { source } = outcome.instruction;
      report(source.file, `Instruction does not apply: ${reasonOf(outcome)}`, source.position);
    }
  },
};
export default rule;
