import type { Rule } from '../rule.js';
import { matches } from '../prose-runs.js';

/** "Said person" is legalese for "the person" or "that person". */
const rule: Rule = {
  id: 'said-adjective',
  description: 'No "said" as an adjective',
  defaultSeverity: 'warning',
  check({ ordinance }, report) {
    const pattern = /(?<=\b(?:of|to|in|by|for|from|on|at|with|under|upon|that|the)\s+)said(?=\s+[a-z])/gi;
    for (const { run, position } of matches(ordinance, pattern)) {
      report(run.file, 'Unexpected `said` as an adjective, expected `the` or `that`', position);
    }
  },
};
export default rule;
