import { sectionBody } from '../../model/quoted-law.js';
import type { Rule } from '../rule.js';

/** A section in force says something. */
const rule: Rule = {
  id: 'empty-section',
  description: 'Sections in force have text',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    for (const section of ordinance.sections) {
      // A section whose front matter could not be read has no id; its own error says why. One whose text is all quoted from files of their own (a chapter it adds) says that.
      if (!section.id || sectionBody(section).length > 0 || (section.status && section.status !== 'in-force')) continue;
      report(section.file, `Unexpected empty section \`${section.id}\`, expected its text (or a \`status\` such as \`repealed\`)`, { line: 1, column: 1 });
    }
  },
};
export default rule;
