import { placeOf } from '../../parse/front-matter.js';
import { addDays } from '../../text/dates.js';
import type { Rule } from '../rule.js';

/**
 * A document takes effect only when the periods its jurisdiction's template
 * names (`reviewPeriods`) have run: the District's 30 days of Congressional
 * review after the Mayor's approval, or the document's own `review-days`
 * where the law gives it another (60 days for an act amending criminal law).
 * Legislative days are at least as many calendar days, so the effective date
 * is held to that lower bound.
 */
const rule: Rule = {
  id: 'effective-after-review',
  description: 'The effective date falls after the review periods of the jurisdiction',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance, jurisdiction }, report) {
    const dates = ordinance.meta.dates ?? {};
    if (!dates.effective) return;
    for (const period of jurisdiction?.reviewPeriods ?? []) {
      if (ordinance.meta.urgency && !period.urgency) continue;
      const from = dates[period.from];
      if (!from) continue;
      const count = ordinance.meta['review-days'] ?? period.days;
      const earliest = addDays(from, count);
      if (dates.effective >= earliest) continue;
      const days = `${count} ${period.counting === 'legislative' ? 'legislative days' : 'days'}`;
      report(
        ordinance.file,
        `Unexpected effective date ${dates.effective} before the end of ${period.name} (${days} from the \`${period.from}\` date, ${from}), expected ${earliest} or later`,
        placeOf(ordinance.file, 'dates.effective'),
      );
    }
  },
};
export default rule;
