/**
 * Sections and what they hold: headings with bookmarks and link targets,
 * paragraphs, subdivisions with hanging indents, lists, block quotes, tables.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Block, Section, Subdivision } from '../../model/types.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { drawRuns, sectionDestination, toRuns } from './inline.js';

/** "Section 3.", or "§ 24-211.07." for a section with its own designation. */
export function sectionLabel(ctx: PdfContext, section: Section): string {
  const { label, designatedLabel } = ctx.layout.section;
  return section.designation ? designatedLabel.replace('{number}', section.designation) : label.replace('{number}', String(section.number));
}

/** The outline entry of a section: "Section 3. Definitions", "§ 24-211.07. Prohibition on ..." */
export function sectionTitle(ctx: PdfContext, section: Section): string {
  return `${sectionLabel(ctx, section)} ${section.heading}`.trim();
}

/** Draw a section; its bookmark goes under `outlineParent` (a group's, or the document's). */
export function drawSection(ctx: PdfContext, section: Section, outlineParent: PDFKit.PDFOutline = ctx.doc.outline): void {
  const { doc, layout } = ctx;
  const style = layout.section;
  const bodyLine = lineHeight(ctx, layout.body.size, layout.body.lineGap);
  doc.y += style.gapBefore;
  // Keep the heading with the first lines of its text.
  ensureSpace(ctx, lineHeight(ctx, style.headingSize, layout.body.lineGap, style.headingFont) + style.keepWithNextLines * bodyLine);
  const left = doc.page.margins.left;
  const label = sectionLabel(ctx, section);
  const heading = !section.heading || /[.:;!?\]]$/.test(section.heading) ? section.heading : `${section.heading}.`;
  const status = section.status && section.status !== 'in-force' ? style.statusLabels[section.status] : undefined;
  const statusText = status ? ` [${status}${section.statusNote ? `: ${section.statusNote}` : ''}]` : '';
  if (section.id) doc.addNamedDestination(sectionDestination(section.id), 'XYZ', left, doc.y, null);
  outlineParent.addItem(sectionTitle(ctx, section));
  doc.font(fontName(style.headingFont)).fontSize(style.headingSize).fillColor(layout.colors.text);
  doc.text(`${label}${heading ? `${style.separator}${heading}` : ''}${statusText}`, left, doc.y, { width: widthFrom(ctx, left), lineGap: layout.body.lineGap });
  doc.y += style.gapAfter;
  drawBlocks(ctx, section.blocks, 0);
}

/** Draw blocks indented `indent` points from the left margin. */
export function drawBlocks(ctx: PdfContext, blocks: Block[], indent: number): void {
  for (const block of blocks) drawBlock(ctx, block, indent);
}

function drawBlock(ctx: PdfContext, block: Block, indent: number): void {
  const { doc, layout } = ctx;
  const body = layout.body;
  const x = doc.page.margins.left + indent;
  switch (block.type) {
    case 'paragraph':
      ensureSpace(ctx, lineHeight(ctx, body.size, body.lineGap));
      drawImages(ctx, block, x);
      drawRuns(ctx, toRuns(ctx, block.children), {
        x,
        width: widthFrom(ctx, x),
        size: body.size,
        lineGap: body.lineGap,
        align: body.align,
        indent: indent === 0 ? body.firstLineIndent : 0,
      });
      doc.y += body.paragraphGap - body.lineGap;
      return;
    case 'subdivision':
      return drawSubdivision(ctx, block);
    case 'list':
      block.items.forEach((item, index) => {
        const marker = block.ordered ? `${block.start + index}.` : layout.list.bullet;
        const textX = x + layout.list.indent;
        ensureSpace(ctx, lineHeight(ctx, body.size, body.lineGap));
        const y = doc.y;
        doc.font(fontName('regular')).fontSize(body.size).text(marker, x, y, { width: layout.list.indent, lineBreak: false });
        doc.y = y;
        drawListItem(ctx, item, textX - doc.page.margins.left);
      });
      return;
    case 'blockquote': {
      drawBlocks(ctx, block.children, indent + layout.blockquote.indent);
      return;
    }
    case 'table':
      return drawTable(ctx, block, x);
  }
}

function drawListItem(ctx: PdfContext, blocks: Block[], indent: number): void {
  const { doc, layout } = ctx;
  const x = doc.page.margins.left + indent;
  blocks.forEach((block) => {
    if (block.type === 'paragraph') {
      drawRuns(ctx, toRuns(ctx, block.children), { x, width: widthFrom(ctx, x), size: layout.body.size, lineGap: layout.body.lineGap, align: layout.body.align });
      doc.y += layout.body.paragraphGap - layout.body.lineGap;
    } else drawBlock(ctx, block, indent);
  });
}

/** (a) hangs in its marker column; the text wraps at the text column. */
function drawSubdivision(ctx: PdfContext, subdivision: Subdivision): void {
  const { doc, layout } = ctx;
  const body = layout.body;
  const { indentPerLevel, markerWidth } = layout.subdivision;
  const markerX = doc.page.margins.left + (subdivision.level - 1) * indentPerLevel;
  const textX = markerX + markerWidth;
  const line = lineHeight(ctx, body.size, body.lineGap);
  // The marker and at least two lines of its text stay on one page.
  ensureSpace(ctx, 2 * line);
  const y = doc.y;
  doc.font(fontName(body.font)).fontSize(body.size).fillColor(layout.colors.text);
  const marker = subdivision.marker || (subdivision.label ? `(${subdivision.label})` : '');
  if (marker) doc.text(marker, markerX, y, { width: markerWidth, lineBreak: false });
  doc.y = y;
  if (subdivision.children.length > 0) {
    drawRuns(ctx, toRuns(ctx, subdivision.children), { x: textX, y, width: widthFrom(ctx, textX), size: body.size, lineGap: body.lineGap, align: body.align });
    doc.y += body.paragraphGap - body.lineGap;
  } else if (subdivision.blocks[0]?.type !== 'subdivision') {
    doc.y += line;
  }
  for (const [index, block] of subdivision.blocks.entries()) {
    // "(a)(1) text": the first child shares the parent's line.
    if (index === 0 && block.type === 'subdivision' && subdivision.children.length === 0) doc.y = y;
    drawBlock(ctx, block, textX - doc.page.margins.left);
  }
}

function drawTable(ctx: PdfContext, table: Extract<Block, { type: 'table' }>, x: number): void {
  const { doc, layout } = ctx;
  const plain = (cell: Parameters<typeof toRuns>[1]) =>
    toRuns(ctx, cell)
      .map((r) => r.text)
      .join('');
  ensureSpace(ctx, 3 * lineHeight(ctx, layout.table.size, 2));
  doc.font(fontName(layout.table.font)).fontSize(layout.table.size).fillColor(layout.colors.text);
  doc.table({
    position: { x, y: doc.y },
    maxWidth: widthFrom(ctx, x),
    rowStyles: (i: number) => (i === 0 ? { font: { src: fontName(layout.table.headerFont) } } : {}),
    defaultStyle: { padding: layout.table.cellPadding, border: layout.table.ruleWidth },
    data: [table.header.map(plain), ...table.rows.map((row) => row.map(plain))],
  } as unknown as PDFKit.Mixins.TableOptions);
  doc.x = doc.page.margins.left;
  doc.y += layout.body.paragraphGap;
}

/** Images a paragraph holds, each scaled to the text width; one that cannot be read prints its description instead (in the runs). */
function drawImages(ctx: PdfContext, paragraph: Extract<Block, { type: 'paragraph' }>, x: number): void {
  const { doc, layout } = ctx;
  for (const inline of paragraph.children) {
    if (inline.type !== 'image') continue;
    const file = path.resolve(path.dirname(inline.source.file.path), inline.url);
    if (!/\.(jpe?g|png)$/i.test(file) || !existsSync(file)) continue;
    const width = widthFrom(ctx, x);
    ensureSpace(ctx, layout.image.maxHeight);
    doc.image(file, x, doc.y, { fit: [width, layout.image.maxHeight] });
    doc.y += layout.image.maxHeight + layout.body.paragraphGap;
  }
}
