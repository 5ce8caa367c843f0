/**
 * Render: the council PDF of an ordinance, assembled from small concerns on
 * one pdfkit document (title block, sections, signatures, page furniture).
 * The same model, template and provenance always give the same bytes.
 */
import type { Group, Ordinance } from '../../model/types.js';
import type { Provenance } from '../../model/provenance.js';
import type { Template } from '../../template/schema.js';
import type { DirectiveRelation } from '../../xref/relations.js';
import { drawRelationsAppendix } from './appendix.js';
import { drawAmendmentLegend, drawSection, sectionStart, sectionTitle } from './blocks.js';
import { ensureSpace, fontName, lineHeight, pdfContext, widthFrom, type PdfContext } from './context.js';
import { APPENDIX_KEY, drawContents, type ContentsPages } from './contents.js';
import { drawPageFurniture, PageTotal } from './furniture.js';
import { sectionDestination } from './inline.js';
import { splitLargeTrees } from './limits.js';
import { openDocument } from './setup.js';
import { drawSignatures } from './signatures.js';
import { headingRole } from './tags.js';
import { drawTitleBlock } from './title-block.js';
import { numberName } from '../../template/vocabulary.js';

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
    const titleOf = (group: Group) => [group.prefix, group.num].filter(Boolean).join(' ') + (group.heading ? `. ${group.heading.replace(/\.$/, '')}.` : '.');
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
export async function renderOrdinancePdf(ordinance: Ordinance, template: Template, provenance: Provenance, relations: DirectiveRelation[] = []): Promise<Buffer> {
  const toc = template.layout.toc;
  const plain = await renderOnce(ordinance, template, provenance, relations, undefined);
  if (!toc.enabled || ordinance.meta.type === 'code-title' || plain.pages <= toc.minPages) return plain.bytes;
  const placed = await renderOnce(ordinance, template, provenance, relations, null);
  return (await renderOnce(ordinance, template, provenance, relations, placed.sectionPages)).bytes;
}

/** One layout; `contents` undefined: no table of contents; null: one with placeholder page numbers. */
function renderOnce(ordinance: Ordinance, template: Template, provenance: Provenance, relations: DirectiveRelation[], contents: ContentsPages | undefined): Promise<Rendered> {
  const { layout } = template;
  const { meta } = ordinance;
  // Pages are written as they are finished (furniture.ts): memory stays flat however long the title.
  const { doc, bytes } = openDocument(
    ordinance,
    template,
    provenance,
    { title: documentTitle(ordinance, template), subject: meta.title, keywords: [meta['short-title'], ...(meta.codifies ?? [])].join(', ') },
    false,
  );
  let pageCount = 0;
  const done = bytes.then((pdf): Rendered => ({ bytes: pdf, pages: pageCount, sectionPages: new Map([...ctx.sectionPages].map(([id, index]) => [id, index + 1])) }));
  const ctx = pdfContext(doc, template, ordinance, provenance);
  nameLinkTargets(ctx, relations);
  const stopRecording = layout.lineNumbers.enabled ? recordBodyLines(ctx) : () => {};
  // Each page gets its furniture as it is finished, before the next begins; text running
  // over the page is still in its marked content then (furniture closes and reopens it).
  const total = new PageTotal(ctx);
  const currentPage = () => doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  const finishPage = () => drawPageFurniture(ctx, currentPage(), total);
  doc.onLeavePage(finishPage);
  doc.font(fontName('regular'));
  drawTitleBlock(ctx, () => {
    if (contents !== undefined) drawContents(ctx, contents, relations.length > 0);
    drawAmendmentLegend(ctx);
  });
  drawSections(ctx);
  if (meta.type !== 'code-title') drawSignatures(ctx);
  drawRelationsAppendix(ctx, relations);
  finishPage();
  doc.onLeavePage(null);
  stopRecording();
  ctx.tags.end();
  pageCount = currentPage();
  total.finish(pageCount);
  splitLargeTrees(doc);
  doc.end();
  return done;
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
}

/** Note where each line of body text is drawn (page, y), for the line numbers; returns what stops it. */
function recordBodyLines(ctx: PdfContext): () => void {
  ctx.doc.onTextFragment((text, y) => {
    if (ctx.inFurniture || !text.trim()) return;
    const range = ctx.doc.bufferedPageRange();
    const page = range.start + range.count - 1;
    let lines = ctx.bodyLines.get(page);
    if (!lines) {
      lines = new Set();
      ctx.bodyLines.set(page, lines);
    }
    // Pieces of one line (a marker and its text, runs of several styles) share one number.
    const y0 = Math.round(y);
    if (![...lines].some((seen) => Math.abs(seen - y0) <= 2)) lines.add(y0);
  });
  return () => ctx.doc.onTextFragment(null);
}
