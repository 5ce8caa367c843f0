import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';

const NEEDS_SUMMARY = new Set(['operative', 'amendment', 'exception', 'enforcement']);

/**
 * Residents read the summary, not the ordinance: every section that acts needs
 * one before it passes. Law already in effect (an enacted act imported as the
 * Council enrolled it) is told of a missing one as a warning: its text is
 * fixed, and the enrolled act has none to give.
 */
const rule: Rule = {
  id: 'summary-required',
  description: 'Sections that act have a plain-language summary',
  defaultSeverity: 'error',
  byStatus: { draft: 'warning', effective: 'warning' },
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    for (const section of ordinance.sections) {
      if (!NEEDS_SUMMARY.has(section.kind) || section.summary?.trim()) continue;
      report(
        section.file,
        `Missing plain-language summary for ${sectionName(vocabularyOf(jurisdiction), section)} (\`${section.kind}\`), expected \`summary:\` in its front matter`,
        placeOf(section.file, 'kind'),
      );
    }
  },
};
export default rule;
