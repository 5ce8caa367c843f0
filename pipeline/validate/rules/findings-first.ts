import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';

const OPERATIVE = new Set(['operative', 'amendment', 'exception', 'enforcement']);

/** Findings state why the Council acts; they come before what it enacts. */
const rule: Rule = {
  id: 'findings-first',
  description: 'Findings come before the operative sections',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    const firstOperative = ordinance.sections.find((s) => OPERATIVE.has(s.kind));
    if (!firstOperative) return;
    for (const section of ordinance.sections) {
      if (section.kind !== 'findings' || section.number < firstOperative.number) continue;
      report(
        section.file,
        `Unexpected findings after ${sectionName(vocabularyOf(jurisdiction), firstOperative)} (\`${firstOperative.id}\`), expected findings before the operative sections`,
        placeOf(section.file, 'kind'),
      );
    }
  },
};
export default rule;
