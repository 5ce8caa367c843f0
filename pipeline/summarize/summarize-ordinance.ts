/**
 * The summarize stage: a validated ordinance to its plain-language digest
 * (summary.md, summary.json and, for an ordinance, summary.pdf), scored
 * against the readability targets the validate stage resolved for the
 * summary-readability rule. Loaded on first use, like the render stage.
 */
import type { Provenance } from '../model/provenance.js';
import type { Template } from '../template/template-schema.js';
import type { ResolvedOrdinance } from '../resolve/resolve-ordinance.js';
import type { RuleSettings } from '../validate/engine.js';
import type { AmendedCodeSection } from './summary.js';

/** The digest's files, by name; `amended`: the sections of the code the ordinance's instructions change (linked to its comparative print). */
export async function summarizeOrdinance(
  resolved: ResolvedOrdinance,
  settings: RuleSettings,
  template: Template,
  provenance: Provenance,
  amended: AmendedCodeSection[] = [],
): Promise<Record<string, string | Buffer>> {
  const [{ digestOf, digestMarkdown, digestScores }, { renderSummaryPdf }] = await Promise.all([import('./summary.js'), import('../render/pdf/digest.js')]);
  const { ordinance, registry, relations } = resolved;
  // The same targets the summary-readability rule checked.
  const readability = settings.get('summary-readability')?.options ?? {};
  const digest = digestOf(
    ordinance,
    registry,
    relations,
    template.jurisdiction,
    {
      readingEase: Number(readability.readingEase ?? 60),
      grade: Number(readability.grade ?? 8),
      minWords: Number(readability.minWords ?? 100),
    },
    amended,
  );
  const files: Record<string, string | Buffer> = { 'summary.md': digestMarkdown(digest), 'summary.json': digestScores(digest) };
  // A code title has no drafters' summaries to typeset; an ordinance's digest is also a PDF.
  if (ordinance.meta.type !== 'code-title') files['summary.pdf'] = await renderSummaryPdf(ordinance, digest.tree, template, provenance);
  return files;
}
