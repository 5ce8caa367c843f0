import { Type } from 'typebox';
import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

const options = Type.Object({ max: Type.Integer({ minimum: 1, description: 'The longest heading, in characters.' }) }, { additionalProperties: false });

/** A heading names a section; a sentence belongs in its text. */
const rule: Rule<typeof options> = {
  id: 'heading-length',
  description: 'Headings are short',
  defaultSeverity: 'warning',
  options,
  defaultOptions: { max: 100 },
  check({ ordinance }, report, { max }) {
    for (const section of ordinance.sections) {
      if (section.heading.length <= max) continue;
      report(section.file, `Unexpected heading of ${section.heading.length} characters, expected at most ${max}`, placeOf(section.file, 'heading'));
    }
  },
};
export default rule;
