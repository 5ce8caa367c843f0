import { editDistance } from '../../text/did-you-mean.js';
import type { DirectiveRegistry } from '../../registry/registry.js';
import type { Rule } from '../rule.js';

/** Registered citation forms nearest to what was written, best first: "Executive Directive No. 20" for "… No. 21". */
function nearestForms(written: string, registry: DirectiveRegistry, limit = 3): string[] {
  const scored = registry
    .all()
    .flatMap((d) => d.meta['cited-as'].map((form) => ({ form, id: d.meta.id, distance: editDistance(written.toLowerCase(), form.toLowerCase()) })))
    .filter((s) => s.distance <= Math.max(3, written.length / 3))
    .sort((a, b) => a.distance - b.distance || a.form.localeCompare(b.form));
  return [...new Set(scored.map((s) => `\`${s.form}\` (\`${s.id}\`)`))].slice(0, limit);
}

/**
 * A citation found in prose (by the jurisdiction's citation grammar or the
 * registry's citation forms) must name a registered directive.
 */
const rule: Rule = {
  id: 'prose-citation-resolves',
  description: 'Citations written as prose name a registered directive',
  defaultSeverity: 'warning',
  check({ ordinance, registry }, report) {
    for (const citation of ordinance.citations) {
      if (!citation.detected || citation.directive) continue;
      const written = citation.written ?? citation.children.map((c) => (c.type === 'text' ? c.value : '')).join('');
      const broken = citation.directiveId ? registry.unusable.get(citation.directiveId) : undefined;
      if (broken) {
        report(
          citation.source.file,
          `Unusable directive \`${citation.directiveId}\` for \`${written}\`, expected a registry entry without errors (fix \`${broken.path}\`)`,
          citation.source.position,
        );
        continue;
      }
      // Suggest only directives of the same series ("us-code-8-…" for "us-code-8-1324"): a form names its series exactly.
      const series = (id: string) => id.split('-').slice(0, 2).join('-');
      const near = citation.directiveId
        ? registry
            .candidates(citation.directiveId)
            .filter((id) => series(id) === series(citation.directiveId))
            .map((id) => `\`${id}\``)
        : nearestForms(written, registry);
      const suggestion = near.length ? ` (did you mean ${near.join(', ')}?)` : '';
      const reason = citation.directiveId
        ? `Unknown directive \`${citation.directiveId}\` for \`${written}\`, expected a registered directive${suggestion}; register it as \`${registry.dir}/${citation.directiveId}.md\` or write the citation as \`:cite\``
        : `Unknown citation \`${written}\`, expected a form the registry knows${suggestion}`;
      report(citation.source.file, reason, citation.source.position);
    }
  },
};
export default rule;
