import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** The long title is what the Council votes on; by convention it opens "An ordinance ...". */
const rule: Rule = {
  id: 'title-an-ordinance',
  description: 'The title begins "An ordinance"',
  defaultSeverity: 'error',
  jurisdictionScoped: true,
  appliesTo: ['ordinance'],
  check({ ordinance }, report) {
    const title = ordinance.meta.title;
    if (!title || /^An ordinance\b/.test(title)) return;
    report(ordinance.file, `Unexpected title \`${title.slice(0, 40)}${title.length > 40 ? '…' : ''}\`, expected it to begin \`An ordinance\``, placeOf(ordinance.file, 'title'));
  },
};
export default rule;
