import type { Rule } from '../rule.js';

/** A sentence that reads like an amending instruction must be one the jurisdiction's amendment grammar reads. */
const rule: Rule = {
  id: 'amendment-unparsed',
  description: 'Amending sentences read as instructions',
  defaultSeverity: 'error',
  byStatus: { draft: 'warning' },
  appliesTo: ['ordinance'],
  check({ amendments }, report) {
    // The amend stage read the sentences (with the jurisdiction's grammar, when it has one).
    for (const sentence of amendments?.unparsed ?? []) {
      const quoted = sentence.sentence.length > 80 ? `${sentence.sentence.slice(0, 79)}…` : sentence.sentence;
      // In an ordinance that names the code it amends, an instruction that does not read would leave the code short of what the act says: an error whatever the status.
      const applied = amendments !== null && amendments !== undefined && !amendments.unnamed;
      report(
        sentence.source.file,
        `Unexpected amending sentence that does not parse (“${quoted}”), expected ${sentence.expected}`,
        sentence.source.position,
        applied ? { severity: 'error' } : {},
      );
    }
  },
};
export default rule;
