import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';
import { vocabularyOf } from '../../template/vocabulary.js';

/** The Clerk assigns the ordinance number on adoption: not before, and not left out after. */
const rule: Rule = {
  id: 'number-when-adopted',
  description: 'An ordinance number is given once adopted, and only then',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    const { status, number } = ordinance.meta;
    const document = vocabularyOf(jurisdiction).document;
    const adopted = status === 'adopted' || status === 'effective';
    if (number && !adopted) {
      report(ordinance.file, `Unexpected ${document} number \`${number}\` while the status is \`${status}\`, expected no number until adopted`, placeOf(ordinance.file, 'number'));
    } else if (!number && adopted) {
      report(ordinance.file, `Missing ${document} number for an ${status} ${document}, expected \`number:\` as the Clerk assigned it`, placeOf(ordinance.file, 'status'));
    }
  },
};
export default rule;
