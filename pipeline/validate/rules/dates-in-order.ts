import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

const ORDER = ['introduced', 'passed', 'approved', 'effective'] as const;

/** An ordinance is introduced, then passed, then approved, then takes effect. */
const rule: Rule = {
  id: 'dates-in-order',
  description: 'Dates run in order: introduced, passed, approved, effective',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    const dates = ordinance.meta.dates ?? {};
    let previous: { key: string; value: string } | undefined;
    for (const key of ORDER) {
      const value = dates[key];
      if (!value) continue;
      if (previous && value < previous.value) {
        report(
          ordinance.file,
          `Unexpected \`${key}\` date ${value} before \`${previous.key}\` (${previous.value}), expected ${ORDER.join(' <= ')}`,
          placeOf(ordinance.file, `dates.${key}`),
        );
      }
      previous = { key, value };
    }
  },
};
export default rule;
