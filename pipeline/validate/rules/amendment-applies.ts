import type { Rule } from '../rule.js';

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
      report(source.file, `Instruction does not apply: ${outcome.reason}`, source.position);
    }
  },
};
export default rule;
