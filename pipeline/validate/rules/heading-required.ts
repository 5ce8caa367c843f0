import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/**
 * A section of an ordinance has a heading: without one its number prints alone. Real codes have sections without
 * one (an imported code title is not checked); a jurisdiction whose enactments number sections without headings
 * turns the rule off in its template's `rules`.
 */
const rule: Rule = {
  id: 'heading-required',
  description: 'Sections of an ordinance have a heading',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance }, report) {
    for (const section of ordinance.sections) {
      // A section whose front matter could not be read has no id; its own error says why. One kept for its number
      // only (repealed, reserved...) may have none.
      if (!section.id || section.heading.trim() || (section.status && section.status !== 'in-force')) continue;
      report(
        section.file,
        `Missing \`heading\` in the front matter of section \`${section.id}\`, expected the section's heading (without it the section's number prints alone)`,
        placeOf(section.file, 'id') ?? { line: 1, column: 1 },
      );
    }
  },
};
export default rule;
