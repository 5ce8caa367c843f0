import type { Rule } from '../rule.js';
import { matches } from '../prose-runs.js';

/** "and/or" leaves the reader to guess; say "or", "and", or "A or B, or both". */
const rule: Rule = {
  id: 'and-or',
  description: 'No "and/or"',
  defaultSeverity: 'warning',
  check({ ordinance }, report) {
    for (const { run, position } of matches(ordinance, /\band\/or\b/gi)) {
      report(run.file, 'Unexpected `and/or`, expected `or`, `and`, or `A or B, or both`', position);
    }
  },
};
export default rule;
