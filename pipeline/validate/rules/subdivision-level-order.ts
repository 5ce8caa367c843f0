import type { Subdivision } from '../../model/types.js';
import type { Rule } from '../rule.js';

const STYLE = ['', '(a)', '(1)', '(A)', '(i)', '(I)', '(aa)', '(AA)'];

/** Levels nest in order: (a), then (1), then (A), then (i), then (I). */
const rule: Rule = {
  id: 'subdivision-level-order',
  description: 'Subdivision levels nest in order: (a), (1), (A), (i), (I)',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  check({ ordinance }, report) {
    for (const section of ordinance.sections) {
      const walk = (siblings: Subdivision[], parent: Subdivision | null) => {
        for (const subdivision of siblings) {
          if (subdivision.explicit) continue;
          const expected = parent ? parent.level + 1 : 1;
          if (subdivision.level !== expected && subdivision === siblings[0]) {
            report(
              subdivision.source.file,
              `Unexpected ${STYLE[subdivision.level] ?? 'level'}-style subdivision \`(${subdivision.label})\` ${parent ? `under \`${parent.path}\`` : 'at the top of the section'}, expected ${STYLE[expected] ?? 'the next level'}-style`,
              subdivision.source.position,
            );
          }
          walk(
            subdivision.blocks.filter((b): b is Subdivision => b.type === 'subdivision'),
            subdivision,
          );
        }
      };
      walk(
        section.blocks.filter((b): b is Subdivision => b.type === 'subdivision'),
        null,
      );
    }
  },
};
export default rule;
