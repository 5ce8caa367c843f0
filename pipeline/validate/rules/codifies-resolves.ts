import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** The relation lists of the front matter that name registry ids. */
const RELATION_KEYS = ['codifies', 'supersedes'] as const;

/** The directives an ordinance says it codifies or supersedes must be registered. */
const rule: Rule = {
  id: 'codifies-resolves',
  description: 'Directives listed under `codifies` and `supersedes` are registered',
  defaultSeverity: 'error',
  check({ ordinance, registry }, report) {
    for (const key of RELATION_KEYS) {
      ordinance.meta[key]?.forEach((id, index) => {
        if (registry.get(id)) return;
        const place = placeOf(ordinance.file, `${key}.${index}`);
        const broken = registry.unusable.get(id);
        if (broken) {
          report(ordinance.file, `Unusable directive \`${id}\` in \`${key}\`, expected a registry entry without errors (fix \`${broken.path}\`)`, place);
          return;
        }
        const candidates = registry.candidates(id);
        report(
          ordinance.file,
          `Unknown directive \`${id}\` in \`${key}\`, expected a registered id${candidates.length ? ` (did you mean ${candidates.map((c) => `\`${c}\``).join(', ')}?)` : ''}`,
          place,
          { fix: { actual: id, expected: candidates } },
        );
      });
    }
  },
};
export default rule;
