import type { Rule } from '../rule.js';

/**
 * An ordinance says when it takes effect: an effective-date section, or for an
 * urgency ordinance its urgency findings (and `urgency: true`, which prints the
 * vote banner and the urgency certification).
 */
const rule: Rule = {
  id: 'effective-date-section',
  description: 'The ordinance says when it takes effect (effective date, or urgency findings for an urgency ordinance)',
  defaultSeverity: 'error',
  byStatus: { draft: 'warning' },
  appliesTo: ['ordinance'],
  check({ ordinance }, report) {
    const urgencySection = ordinance.sections.find((s) => s.kind === 'urgency');
    if (ordinance.meta.urgency && !urgencySection) {
      report(ordinance.file, 'Missing urgency section for an urgency ordinance, expected a section with `kind: urgency` stating the urgency findings', { line: 1, column: 1 });
    } else if (urgencySection && !ordinance.meta.urgency) {
      report(urgencySection.file, 'Unexpected urgency section in an ordinance without `urgency: true`, expected `urgency: true` in ordinance.md (it prints the vote banner)', {
        line: 1,
        column: 1,
      });
    } else if (!urgencySection && !ordinance.sections.some((s) => s.kind === 'effective-date')) {
      report(ordinance.file, 'Missing effective date, expected a section with `kind: effective-date` (or `kind: urgency` and `urgency: true`)', { line: 1, column: 1 });
    }
  },
};
export default rule;
