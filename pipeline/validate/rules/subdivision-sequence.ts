import { eachSubdivisionGroup } from '../../resolve/resolve.js';
import { isInserted, labelFor, ordinalAt } from '../../model/subdivisions.js';
import type { Rule } from '../rule.js';

/** (a), (b), (c): no gaps, no repeats, each run starting at the first label of its level. */
const rule: Rule = {
  id: 'subdivision-sequence',
  description: 'Subdivisions are numbered in order without gaps or duplicates',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    for (const section of ordinance.sections) {
      eachSubdivisionGroup(section.blocks, (siblings) => {
        siblings.forEach((subdivision, index) => {
          // Explicit designations ("1.", "A.") and inserted ones ("1A", "a-1") stand outside the plain run.
          if (subdivision.explicit || isInserted(subdivision.label)) return;
          const previous = siblings[index - 1];
          // Each label follows the one before it, so one gap is reported once, not on every later label.
          const expectedOrdinal = previous && previous.level === subdivision.level ? ordinalAt(previous.label, previous.level) + 1 : 1;
          const expected = labelFor(expectedOrdinal, subdivision.level);
          if (ordinalAt(subdivision.label, subdivision.level) === expectedOrdinal) return;
          report(subdivision.source.file, `Unexpected subdivision \`(${subdivision.label})\`, expected \`(${expected})\``, subdivision.source.position);
        });
      });
    }
  },
};
export default rule;
