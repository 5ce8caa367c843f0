import type { Rule } from '../rule.js';

/** `:cite{to=...}` must name an entry of the registry of prior directives. */
const rule: Rule = {
  id: 'citation-resolves',
  description: 'Citations name a directive registered in ordinance/directives/',
  defaultSeverity: 'error',
  check({ ordinance, registry }, report) {
    for (const citation of ordinance.citations) {
      if (citation.directive || !citation.directiveId || citation.detected) continue;
      const broken = registry.unusable.get(citation.directiveId);
      if (broken) {
        report(citation.source.file, `Unusable directive \`${citation.directiveId}\`, expected a registry entry without errors (fix \`${broken.path}\`)`, citation.source.position);
        continue;
      }
      const candidates = registry.candidates(citation.directiveId);
      report(
        citation.source.file,
        `Unknown directive \`${citation.directiveId}\`, expected a registered id${candidates.length ? ` (did you mean ${candidates.map((c) => `\`${c}\``).join(', ')}?)` : ''}; register it as \`${registry.dir}/${citation.directiveId}.md\``,
        citation.source.position,
        { fix: { actual: citation.directiveId, expected: candidates } },
      );
    }
  },
};
export default rule;
