import { placeOf } from '../../parse/front-matter.js';
import { expectedOneOf } from '../../text/did-you-mean.js';
import type { Rule } from '../rule.js';

/**
 * A document's other numbers (`numbers`) and its officials (`officials`) are
 * named as its jurisdiction's template declares them (`numbers`, `roles`):
 * the title block and the signature rows print them by those names, so a
 * name the form does not have would never print. A document's own review
 * period (`review-days`) replaces the form's (`reviewPeriods`): where the form
 * has none, nothing would count it, and the digest would never state it.
 */
const rule: Rule = {
  id: 'metadata-declared',
  description: "Numbers, officials and a review period are the ones the jurisdiction's template declares",
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    // Without a template (an unknown jurisdiction, reported by its own rule) there is nothing to hold the names to.
    if (!jurisdiction) return;
    const lists = [
      { key: 'numbers', given: ordinance.meta.numbers, declared: jurisdiction.numbers, what: 'number' },
      { key: 'officials', given: ordinance.meta.officials, declared: jurisdiction.roles, what: 'official' },
    ] as const;
    for (const { key, given, declared, what } of lists) {
      const names = Object.keys(declared ?? {});
      for (const name of Object.keys(given ?? {})) {
        if (names.includes(name)) continue;
        const expected = names.length ? expectedOneOf(name, names) : `none: the template of \`${jurisdiction.id}\` declares no ${key === 'numbers' ? 'numbers' : 'roles'}`;
        report(
          ordinance.file,
          `Unknown ${what} \`${name}\` for ${jurisdiction.name}, expected ${expected} (the template's \`${key === 'numbers' ? 'numbers' : 'roles'}\`)`,
          placeOf(ordinance.file, `${key}.${name}`),
        );
      }
    }
    // A review period of the document's own counts only where the form has one to count (the District's Congressional review).
    const reviewDays = ordinance.meta['review-days'];
    if (reviewDays !== undefined && !(jurisdiction.reviewPeriods ?? []).some((period) => !period.urgency)) {
      report(
        ordinance.file,
        `Unexpected \`review-days: ${reviewDays}\` for ${jurisdiction.name}, expected none: the template of \`${jurisdiction.id}\` has no review period after approval for it to replace (the template's \`reviewPeriods\`), so nothing would count it`,
        placeOf(ordinance.file, 'review-days'),
      );
    }
  },
};
export default rule;
