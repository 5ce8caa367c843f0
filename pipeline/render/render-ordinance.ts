/**
 * The render stage: a validated ordinance to its PDF, with the appendix of the
 * relations the resolve stage found. pdfkit and its fonts are loaded here, on
 * first use: they are most of start-up time, and `check` never draws.
 */
import type { Provenance } from '../model/provenance.js';
import type { ComparativePrintInput } from './pdf/comparative-print.js';
import type { RedlineInput } from './pdf/redline.js';
import type { RenderWorld } from './pdf/context.js';
import { comparedSections, type ComparedSource } from './compared-sections.js';
import type { Ordinance } from '../model/types.js';
import type { InstructionOutcome } from '../amend/instruction.js';
import type { ResolvedOrdinance } from '../resolve/resolve-ordinance.js';
import type { Template } from '../template/template-schema.js';

/** The ordinance's PDF, by file name (`<slug>.pdf`). */
export async function renderOrdinance(resolved: ResolvedOrdinance, template: Template, provenance: Provenance, world: RenderWorld): Promise<Record<string, Buffer>> {
  const { renderOrdinancePdf } = await import('./pdf/document.js');
  const { ordinance } = resolved;
  // A code title's appendix would list every law it cites: its history notes already say so.
  const relations = ordinance.meta.type === 'code-title' ? [] : resolved.relations;
  return { [`${ordinance.slug}.pdf`]: await renderOrdinancePdf(ordinance, template, provenance, world, relations) };
}

/**
 * The comparative print of an amending ordinance (`comparative-print.pdf`):
 * each section of the code it amends, before and after, with the changes
 * marked, and the summary of its instructions' outcomes first.
 */
export async function renderComparativePrint(input: ComparativePrintInput, template: Template, provenance: Provenance, world: RenderWorld): Promise<Record<string, Buffer>> {
  const { COMPARATIVE_PRINT, renderComparativePrintPdf } = await import('./pdf/comparative-print.js');
  return { [COMPARATIVE_PRINT]: await renderComparativePrintPdf(input, template, provenance, world) };
}

/**
 * The comparative print from what the amend stage gives (each section's
 * source before and after, with its outcomes; every outcome in order): its
 * file (none when no section of the code changes), and the sections it
 * prints, by designation and heading, for the digest to name and link.
 */
export async function renderComparativePrintOf(
  ordinance: Ordinance,
  amended: { sections: readonly ComparedSource[]; outcomes: readonly InstructionOutcome[] },
  template: Template,
  provenance: Provenance,
  world: RenderWorld,
): Promise<{ files: Record<string, Buffer>; sections: { designation: string; heading: string }[] }> {
  const input = comparedSections(ordinance, amended.sections, amended.outcomes);
  if (input.amended.length === 0) return { files: {}, sections: [] };
  const sections = input.amended.map(({ after }) => ({ designation: after.designation ?? after.id, heading: after.heading }));
  return { files: await renderComparativePrint(input, template, provenance, world), sections };
}

/**
 * The redline of an ordinance between two versions (`redline.pdf`, what
 * `ordinance diff` writes): the models compared and their diff
 * (history/versions.ts `compareVersions`, or compare/diff.ts
 * `diffOrdinances`), and the versions' names.
 */
export async function renderRedline(input: RedlineInput, template: Template, provenance: Provenance, world: RenderWorld): Promise<Record<string, Buffer>> {
  const { REDLINE, renderRedlinePdf } = await import('./pdf/redline.js');
  return { [REDLINE]: await renderRedlinePdf(input, template, provenance, world) };
}
