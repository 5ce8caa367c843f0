import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/** The directives an ordinance says it codifies must be registered. */
const rule: Rule = {
  id: 'codifies-resolves',
  description: 'Directives listed under `codifies` are registered',
  defaultSeverity: 'error',
  check({ ordinance, registry }, report) {
    ordinance.meta.codifies?.forEach((id, index) => {
      if (registry.get(id)) return;
      const broken = registry.unusable.get(id);
      if (broken) {
        report(ordinance.file, `Unusable directive \`${id}\` in \`codifies\`, expected a registry entry without errors (fix \`${broken.path}\`)`, placeOf(ordinance.file, `codifies.${index}`));
        return;
      }
      const candidates = registry.candidates(id);
      report(
        ordinance.file,
        `Unknown directive \`${id}\` in \`codifies\`, expected a registered id${candidates.length ? ` (did you mean ${candidates.map((c) => `\`${c}\``).join(', ')}?)` : ''}`,
        placeOf(ordinance.file, `codifies.${index}`),
      );
    });
  },
};
export default rule;
