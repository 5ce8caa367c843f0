import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** Stable ids are what references point at, so two sections may not share one. */
const rule: Rule = {
  id: 'section-id-unique',
  description: 'Each section has its own stable id',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    const first = new Map<string, (typeof ordinance.sections)[number]>();
    for (const section of ordinance.sections) {
      if (!section.id) continue;
      const earlier = first.get(section.id);
      if (!earlier) {
        first.set(section.id, section);
        continue;
      }
      report(section.file, `Unexpected duplicate section id \`${section.id}\`, expected an id no other section has`, placeOf(section.file, 'id'), {
        related: { file: earlier.file, place: placeOf(earlier.file, 'id') ?? { line: 1, column: 1 }, message: 'first used' },
      });
    }
  },
};
export default rule;
