import { placeOf } from '../../parse/front-matter.js';
import { expectedOneOf } from '../../text/did-you-mean.js';
import type { Rule } from '../rule.js';

/** The jurisdiction picks the template (enacting clause, urgency banner, certification), so it must exist. */
const rule: Rule = {
  id: 'jurisdiction-known',
  description: 'The jurisdiction has a template in templates/jurisdictions/',
  defaultSeverity: 'error',
  check({ ordinance, jurisdictions }, report) {
    const id = ordinance.meta.jurisdiction;
    if (!id || jurisdictions.includes(id)) return; // a missing or malformed value is a front-matter error already
    report(
      ordinance.file,
      `Unknown jurisdiction \`${id}\`, expected ${expectedOneOf(id, jurisdictions)} (templates/jurisdictions/<id>.json)`,
      placeOf(ordinance.file, 'jurisdiction'),
    );
  },
};
export default rule;
