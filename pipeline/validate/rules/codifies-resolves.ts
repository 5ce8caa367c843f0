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
