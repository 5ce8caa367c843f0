/**
 * redline.pdf: one ordinance between two versions, with the comparative
 * print's marks (`ordinance diff`): words struck through and in ((double
 * parentheses)), words inserted underlined and tagged as inserted (a Span
 * read as "[inserted: …]"), each changed section merged subdivision by
 * subdivision as the comparative print merges them; a section moved says
 * where it stood, an added or removed one says so, and an unchanged one is a
 * single line. The changes to the front matter come first, each by name with
 * its value before struck and after inserted. Tagged like the ordinance,
 * with its page furniture.
 */
import { redlineForm, redlineSection, unchangedLine, type FrontMatterChange, type ComparedOrdinances, type SectionChange } from '../../compare/diff.js';
import type { Inline, Ordinance, Section, SourceRef } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template } from '../../template/template-schema.js';
import { drawSection, sectionTitle } from './blocks.js';
import { drawParagraph, plain } from './comparative-print.js';
import type { PdfContext } from './context.js';
import { documentTitle } from './document.js';
import { drawFramed } from './frame.js';
import { sectionDestination, toRuns } from './inline.js';
import type { RenderWorld } from './context.js';

/** The redline's file name. */
export const REDLINE = 'redline.pdf';

/** What the redline shows: the two models and their diff, and the versions' names ("a1b2c3d", "working tree"). */
export interface RedlineInput extends ComparedOrdinances {
  from: string;
  to: string;
}

/** A front-matter value in words: a list as its items, one after another; nothing as "(none)". */
function valueText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join('; ');
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** "status: ((draft)) introduced": the name, the value before struck and the value after inserted. */
function frontMatterLine(change: FrontMatterChange, source: SourceRef): Inline[] {
  const before = valueText(change.before);
  const after = valueText(change.after);
  const text = (value: string): Inline => ({ type: 'text', value });
  return [
    text(`${change.name}: `),
    ...(before ? [{ type: 'deletion' as const, children: [text(before)], source, revision: true as const }] : []),
    ...(before && after ? [text(' ')] : []),
    ...(after ? [{ type: 'insertion' as const, children: [text(after)], source, revision: true as const }] : []),
  ];
}

/** "Section 3", or "§ 24-211.07", for a section as it stood in one version. */
function numberLabel(version: { number: string } | null): string {
  if (!version) return '';
  return /^\d+$/.test(version.number) ? `Section ${version.number}` : `§ ${version.number}`;
}

/** The note above a section that is not simply changed in place. */
function placeNote(change: SectionChange): string | null {
  if (change.change === 'added') return 'Added in this version.';
  if (change.change === 'removed') return 'Removed in this version.';
  if (change.moved) return `Moved: ${numberLabel(change.before)} before, ${numberLabel(change.after)} now.`;
  if (change.before && change.after && change.before.number !== change.after.number) return `Renumbered: ${numberLabel(change.before)} before.`;
  return null;
}

/** The section as the redline draws it, with its stable id (so references to it land on it) and its marks: the sections `ordinance diff` reports. */
function markedSection(ctx: PdfContext, change: SectionChange, before: Section | undefined, after: Section | undefined): Section {
  return { ...redlineSection(redlineForm(ctx.template), before, after), id: change.id };
}

/** Render the redline to PDF bytes; the same input always gives the same bytes. */
export function renderRedlinePdf(input: RedlineInput, template: Template, provenance: Provenance, world: RenderWorld): Promise<Buffer> {
  const base = (input.after ?? input.before) as Ordinance;
  const { meta } = base;
  const info = { title: `${documentTitle(base, template)}: Redline, ${input.from} to ${input.to}`, subject: `Changes from ${input.from} to ${input.to}: ${meta.title}` };
  // References resolve against the sections drawn here: every section gets its destination, drawn whole or as its one line.
  const drawing = { ...base, sections: [], references: [], citations: [] };
  return drawFramed({ ordinance: base, template, provenance, world, info, drawing, furniture: 'running' }, (ctx) => drawRedline(ctx, input, base)).bytes;
}

/** The redline's title and legend, the changes in the front matter, then each section: changed, moved, added or removed, or one line. */
function drawRedline(ctx: PdfContext, input: RedlineInput, base: Ordinance): void {
  const { doc, layout, template } = ctx;
  const { meta } = base;
  ctx.redline = true;
  const before = new Map((input.before?.sections ?? []).map((s) => [s.id, s]));
  const after = new Map((input.after?.sections ?? []).map((s) => [s.id, s]));
  const drawn = input.diff.sections.map((change) =>
    change.change === 'unchanged' && !change.moved ? null : markedSection(ctx, change, before.get(change.id), after.get(change.id)),
  );
  ctx.ordinance.sections = drawn.filter((s): s is Section => s !== null);
  input.diff.sections.forEach((change, i) => {
    const section = drawn[i] ?? after.get(change.id)!;
    ctx.linkTargets.set(sectionDestination(change.id), sectionTitle(ctx, section));
  });
  const left = doc.page.margins.left;
  drawParagraph(ctx, [plain('Redline')], left, 'H1', 'bold', layout.group.size + 2);
  drawParagraph(ctx, [plain(`${meta.number ? `${template.jurisdiction.numberLabel} ${meta.number}: ` : ''}${meta.title}`, { italic: true })], left);
  drawParagraph(ctx, [plain(`Changes from ${input.from} to ${input.to}.`)], left);
  drawParagraph(ctx, [plain(layout.amendment.legend, { italic: true })], left);
  const source: SourceRef = { file: base.file, position: undefined };
  doc.addBookmark(doc.outline, 'Changes in the front matter', left, doc.y);
  drawParagraph(ctx, [plain('Changes in the front matter')], left, 'H2', 'bold', layout.section.headingSize);
  if (input.diff.frontMatter.length === 0) drawParagraph(ctx, [plain('None.')], left);
  for (const change of input.diff.frontMatter) drawParagraph(ctx, toRuns(ctx, frontMatterLine(change, source)), left);
  // The sections under a heading of their own, one level below it in the tags and the bookmarks.
  const textOutline = doc.addBookmark(doc.outline, 'Changes in the text', left, doc.y, { expanded: true });
  drawParagraph(ctx, [plain('Changes in the text')], left, 'H2', 'bold', layout.section.headingSize);
  ctx.sectionHeadingDepth = 3;
  input.diff.sections.forEach((change, i) => {
    const section = drawn[i];
    if (!section) {
      // Unchanged: one line, still a destination for references to it.
      doc.addNamedDestination(sectionDestination(change.id), 'XYZ', left, doc.y, null);
      const renumbered = change.before && change.after && change.before.number !== change.after.number ? `${numberLabel(change.before)} before` : '';
      drawParagraph(ctx, [plain(`${unchangedLine(sectionTitle(ctx, after.get(change.id)!), renumbered)}.`, { italic: true })], left);
      return;
    }
    drawSection(ctx, section, textOutline, placeNote(change) ?? undefined);
  });
}
