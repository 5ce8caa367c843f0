import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** Every amending instruction targets a section (and subdivision) the code has; the ordinance names a code that exists. */
const rule: Rule = {
  id: 'amendment-target',
  description: 'Amending instructions target a section and subdivision that exist in the code the ordinance names',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, amendments }, report) {
    if (!amendments) return;
    if (amendments.unnamed) return; // read, not applied: nothing to check against
    if (amendments.codeError) {
      const place = placeOf(ordinance.file, 'amends-code') ?? { line: 1, column: 1 };
      report(ordinance.file, `Unknown code: ${amendments.codeError}, expected the folder of the code's titles, relative to the workspace`, place);
      return;
    }
    for (const outcome of amendments.outcomes) {
      if (outcome.applied || outcome.failure !== 'target') continue;
      const { source } = outcome.instruction;
      report(source.file, `Unknown target: ${outcome.reason}`, source.position);
    }
  },
};
export default rule;
