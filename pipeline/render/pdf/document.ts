/**
 * Render: the council PDF of an ordinance, assembled from small concerns on
 * one pdfkit document (title block, sections, signatures, page furniture).
 * The same model, template and provenance always give the same bytes.
 */
import type { Group, Ordinance } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template } from '../../template/template-schema.js';
import type { DirectiveRelation } from '../../xref/relations.js';
import { drawRelationsAppendix } from './appendix.js';
import { drawAmendmentLegend, drawSection, sectionStart, sectionTitle } from './blocks.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext, type RenderWorld } from './context.js';
import { APPENDIX_KEY, drawContents, groupDestination, type ContentsPages } from './contents.js';
import { drawFramed } from './frame.js';
import { citationSource, sectionDestination } from './inline.js';
import { drawSignatures } from './signatures.js';
import { headingRole } from './tags.js';
import { drawTitleBlock } from './title-block.js';
import { groupTitle, numberName } from '../../template/vocabulary.js';

/**
 * Sections in order, with the heading of each group (chapter, subchapter...)
 * where it begins, nested in the outline. Heading levels follow the nesting
 * each section actually has (H1 the title, H2 its outermost group), so they
 * never skip where a level is missing (a subchapter without parts).
 */
function drawSections(ctx: PdfContext): void {
  const { doc, layout } = ctx;
  let open: { group: Group; outline: PDFKit.PDFOutline }[] = [];
  for (const section of ctx.ordinance.sections) {
    let shared = 0;
    while (shared < open.length && open[shared]!.group === section.groups[shared]) shared++;
    open = open.slice(0, shared);
    const starting = section.groups.slice(shared);
    const titleOf = (group: Group) => groupTitle(layout, group);
    // The groups' headings stay on one page with the section's heading and its first lines.
    if (starting.length > 0) {
      const headings = groupHeadings(ctx, starting.map(titleOf)) + layout.section.gapBefore;
      ensureSpace(ctx, headings + sectionStart(ctx, section, headings));
    }
    for (const group of starting) {
      const title = titleOf(group);
      const parent = open[open.length - 1]?.outline ?? doc.outline;
      const style = layout.group;
      doc.y += style.gapBefore;
      ensureSpace(ctx, 4 * lineHeight(ctx, style.size, layout.body.lineGap, style.font));
      // Expanded: PDF/A wants a /Count on every outline item with children.
      const outline = doc.addBookmark(parent, title, doc.page.margins.left, doc.y, { expanded: true });
      // The contents of an act in titles and subtitles list these headings: each a destination, its page kept.
      doc.addNamedDestination(groupDestination(group.key), 'XYZ', doc.page.margins.left, doc.y, null);
      ctx.sectionPages.set(groupDestination(group.key), doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
      doc.font(fontName(style.font)).fontSize(style.size).fillColor(layout.colors.text);
      ctx.tags.leaf(headingRole(open.length + 2), () => doc.text(title, doc.page.margins.left, doc.y, { width: widthFrom(ctx, doc.page.margins.left), align: style.align }));
      doc.y += style.gapAfter;
      open.push({ group, outline });
    }
    ctx.sectionHeadingDepth = open.length + 2;
    drawSection(ctx, section, open[open.length - 1]?.outline ?? doc.outline);
  }
}

/** The height of group headings drawn one after another, with their gaps. */
function groupHeadings(ctx: PdfContext, titles: string[]): number {
  const { doc, layout } = ctx;
  const style = layout.group;
  const width = widthFrom(ctx, doc.page.margins.left);
  doc.font(fontName(style.font)).fontSize(style.size);
  return titles.reduce((height, title) => height + style.gapBefore + doc.heightOfString(title, { width, align: style.align }) + style.gapAfter, 0);
}

/** The PDF's document title: what a viewer shows in its title bar. */
export function documentTitle(ordinance: Ordinance, template: Template): string {
  const { meta } = ordinance;
  const number = numberName(template.jurisdiction.vocabulary, meta.number);
  return number ? `${number}: ${meta['short-title']}` : meta['short-title'];
}

interface Rendered {
  bytes: Buffer;
  pages: number;
  /** The page (1-based) each section starts on, and the appendix. */
  sectionPages: Map<string, number>;
}

/**
 * Render `ordinance` to PDF bytes. An ordinance longer than the layout's
 * `toc.minPages` gets a table of contents: it is laid out again with the
 * contents in place (placeholder page numbers of the same width), and once
 * more with the page numbers that layout gave.
 */
export async function renderOrdinancePdf(
  ordinance: Ordinance,
  template: Template,
  provenance: Provenance,
  world: RenderWorld,
  relations: DirectiveRelation[] = [],
): Promise<Buffer> {
  const toc = template.layout.toc;
  const plain = await renderOnce(ordinance, template, provenance, world, relations, undefined);
  if (!toc.enabled || ordinance.meta.type === 'code-title' || plain.pages <= toc.minPages || (toc.onlyWithGroups && ordinance.groups.length === 0)) return plain.bytes;
  const placed = await renderOnce(ordinance, template, provenance, world, relations, null);
  return (await renderOnce(ordinance, template, provenance, world, relations, placed.sectionPages)).bytes;
}

/** One layout; `contents` undefined: no table of contents; null: one with placeholder page numbers. */
function renderOnce(
  ordinance: Ordinance,
  template: Template,
  provenance: Provenance,
  world: RenderWorld,
  relations: DirectiveRelation[],
  contents: ContentsPages | undefined,
): Promise<Rendered> {
  const { meta } = ordinance;
  const framed = drawFramed(
    {
      ordinance,
      template,
      provenance,
      world,
      info: { title: documentTitle(ordinance, template), subject: meta.title, keywords: [meta['short-title'], ...(meta.codifies ?? [])].join(', ') },
      furniture: 'running',
      lineNumbers: template.layout.lineNumbers.enabled,
    },
    (ctx) => {
      ctx.enacting = true;
      nameLinkTargets(ctx, relations);
      ctx.doc.font(fontName('regular'));
      drawTitleBlock(ctx, () => {
        if (contents !== undefined) drawContents(ctx, contents, relations.length > 0);
        drawAmendmentLegend(ctx);
      });
      drawSections(ctx);
      if (meta.type !== 'code-title') drawSignatures(ctx);
      drawRelationsAppendix(ctx, relations);
    },
  );
  const sectionPages = new Map([...framed.ctx.sectionPages].map(([id, index]) => [id, index + 1]));
  return framed.bytes.then((bytes) => ({ bytes, pages: framed.pages, sectionPages }));
}

/** Name what links may go to (links.ts): each section by its title, the appendix by its heading, each cited directive's source by the directive. */
function nameLinkTargets(ctx: PdfContext, relations: DirectiveRelation[]): void {
  const { linkTargets } = ctx;
  for (const section of ctx.ordinance.sections) if (section.id) linkTargets.set(sectionDestination(section.id), sectionTitle(ctx, section));
  linkTargets.set(APPENDIX_KEY, ctx.layout.appendix.heading);
  const directives = [...relations.map((r) => r.directive), ...ctx.ordinance.citations.flatMap((c) => (c.directive ? [c.directive] : []))];
  for (const { meta } of directives) {
    const form = meta['cited-as'][0] ?? meta.id;
    if (meta.source && !linkTargets.has(meta.source)) linkTargets.set(meta.source, meta.title.includes(form) ? meta.title : `${form}: ${meta.title}`);
  }
  // A citation that goes to its section's own page is described by the section: "D.C. Official Code § 9-1108.11".
  for (const citation of ctx.ordinance.citations) {
    const page = citation.pinpoint && citation.directive ? citationSource(citation) : undefined;
    if (!page || page === citation.directive!.meta.source || linkTargets.has(page)) continue;
    const section = citation.pinpoint!.replace(/\(.*$/, '').trim();
    linkTargets.set(page, `${citation.directive!.meta['cited-as'][0] ?? citation.directive!.meta.title} ${section.startsWith('§') ? section : `§ ${section}`}`);
  }
}
