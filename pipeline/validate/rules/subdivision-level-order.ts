import { Type, type Static } from 'typebox';
import type { Subdivision } from '../../model/types.js';
import type { Rule } from '../rule.js';

const STYLE = ['', '(a)', '(1)', '(A)', '(i)', '(I)', '(aa)', '(AA)'];

const options = Type.Object(
  {
    sectionMayOpenWith: Type.Array(Type.Enum(['(a)', '(1)']), {
      minItems: 1,
      description:
        'The styles a section\'s first subdivision may take: `(a)` only, or also `(1)` where the council opens a section with paragraphs when it has no subsections (the District\'s definitions: "For the purposes of this act, the term: (1) …").',
    }),
  },
  { additionalProperties: false },
);
export type LevelOrderOptions = Static<typeof options>;

/** Levels nest in order: (a), then (1), then (A), then (i), then (I). */
const rule: Rule<typeof options> = {
  id: 'subdivision-level-order',
  description: 'Subdivision levels nest in order: (a), (1), (A), (i), (I)',
  defaultSeverity: 'error',
  appliesTo: ['ordinance'],
  options,
  defaultOptions: { sectionMayOpenWith: ['(a)'] },
  check({ ordinance }, report, options) {
    const openings = new Set(options.sectionMayOpenWith.map((style) => STYLE.indexOf(style)));
    for (const section of ordinance.sections) {
      const walk = (siblings: Subdivision[], parent: Subdivision | null) => {
        for (const subdivision of siblings) {
          if (subdivision.explicit) continue;
          const expected = parent ? parent.level + 1 : 1;
          const allowed = parent ? subdivision.level === expected : openings.has(subdivision.level);
          if (!allowed && subdivision === siblings[0]) {
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
