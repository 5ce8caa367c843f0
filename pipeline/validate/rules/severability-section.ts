import type { Rule } from '../rule.js';

/** A severability clause keeps the rest of the ordinance standing if a court strikes part of it. */
const rule: Rule = {
  id: 'severability-section',
  description: 'The ordinance has a severability section',
  defaultSeverity: 'error',
  jurisdictionScoped: true,
  byStatus: { draft: 'warning' },
  appliesTo: ['ordinance'],
  check({ ordinance }, report) {
    if (ordinance.sections.some((s) => s.kind === 'severability')) return;
    report(ordinance.file, 'Missing severability section, expected a section with `kind: severability`', { line: 1, column: 1 });
  },
};
export default rule;
