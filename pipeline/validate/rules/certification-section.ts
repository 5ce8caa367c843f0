import type { Rule } from '../rule.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';

/** The last section directs the Clerk to certify the ordinance's passage and publish it. */
const rule: Rule = {
  id: 'certification-section',
  description: "The last section is the Clerk's certification and publication",
  defaultSeverity: 'error',
  jurisdictionScoped: true,
  byStatus: { draft: 'warning' },
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    // Sections whose front matter could not be read have no id; their own error says why.
    const sections = ordinance.sections.filter((s) => s.id);
    const last = sections[sections.length - 1];
    if (!last || last.kind === 'certification') return;
    const elsewhere = sections.find((s) => s.kind === 'certification');
    if (elsewhere) {
      report(
        elsewhere.file,
        `Unexpected certification in ${sectionName(vocabularyOf(jurisdiction), elsewhere)}, expected it last (after ${sectionName(vocabularyOf(jurisdiction), last)})`,
        { line: 1, column: 1 },
      );
    } else {
      report(
        ordinance.file,
        'Missing certification section, expected a last section with `kind: certification` (the City Clerk shall certify to the passage of this ordinance...)',
        { line: 1, column: 1 },
      );
    }
  },
};
export default rule;
