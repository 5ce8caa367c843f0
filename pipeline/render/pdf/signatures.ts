/**
 * The attestation, from the jurisdiction's wording filled with the metadata:
 * the Clerk's certification and the approvals (Mayor; City Attorney as to
 * form) under a heading, the whole kept on one page (when it cannot be, each
 * row stays whole); then, where the form has one, the Declaration of Posting
 * on a page of its own. Each signature block is an element of its own (a Div
 * of its lines), in reading order: row by row, left before right.
 */
import type { SignatureLine, Template } from '../../template/template-schema.js';
import { fill, printedLines } from '../fill.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { headingRole } from './tags.js';
import { breakLongWords } from './wrap.js';

type SignatureRow = Template['jurisdiction']['certification']['rows'][number];

/** Room between a row's left and right blocks. */
const GUTTER = 24;

/** The key (in `sectionPages`, and as a named destination) of a page of the form after the sections: the certification, the Declaration of Posting, the pages after them. */
export function formPageKey(page: 'certification' | 'declaration' | number): string {
  return typeof page === 'number' ? `#page-after-${page + 1}` : `#${page}`;
}

/** The form's pages after the sections that the outline and the contents list, with their keys: in the order they print. */
export function formPages(template: Pick<PdfContext['template'], 'jurisdiction'>): { key: string; title: string }[] {
  const { certification, declarationOfPosting, pagesAfter = [] } = template.jurisdiction;
  return [
    ...(certification.heading ? [{ key: formPageKey('certification'), title: certification.heading }] : []),
    ...(declarationOfPosting ? [{ key: formPageKey('declaration'), title: declarationOfPosting.name ?? declarationOfPosting.heading }] : []),
    ...pagesAfter.map((page, i) => ({ key: formPageKey(i), title: page.name ?? page.heading })),
  ];
}

/** The certification and approvals, and the Declaration of Posting when the form has one. */
export function drawSignatures(ctx: PdfContext): void {
  const { doc, layout, ordinance, template } = ctx;
  const { meta } = ordinance;
  const wording = template.jurisdiction.certification;
  const style = layout.signatures;
  const left = doc.page.margins.left;
  const width = widthFrom(ctx, left);
  const indent = layout.body.firstLineIndent;
  // Metadata filled into the wording may hold words wider than the text: they are broken to fit.
  doc.font(fontName(style.font)).fontSize(style.size);
  // A form without a certification's words (an act the Chairman and the Mayor sign) has only its signature rows.
  const paragraphs = [meta.urgency ? wording.urgency : wording.regular, ...(meta.vote && wording.vote ? [wording.vote] : [])]
    .filter((text) => text.trim())
    .map((text) => breakLongWords(doc, fill(text, meta), width - indent));
  const rows = signatureRows(ctx, wording.rows);
  const heading = wording.heading ? headingHeight(ctx, wording.heading) : 0;
  const paragraphsHeight = paragraphs.reduce((h, text, i) => h + paragraphHeight(ctx, text, i === 0 ? indent : 0), 0);
  const total = style.gapBefore + heading + paragraphsHeight + rows.reduce((h, row) => h + rowHeight(ctx, row), 0);
  const pageHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  ensureSpace(ctx, total <= pageHeight ? total : style.gapBefore + heading + paragraphsHeight + (rows[0] ? rowHeight(ctx, rows[0]) : 0));
  doc.y += style.gapBefore;
  // Under a heading, the attestation is a part of the document of its own; without one (an act's signatures), a group of its blocks.
  ctx.tags.group(wording.heading ? 'Sect' : 'Div', () => {
    if (wording.heading) drawHeading(ctx, wording.heading, undefined, formPageKey('certification'));
    paragraphs.forEach((text, i) => {
      drawParagraph(ctx, text, i === 0 ? indent : 0);
    });
    drawRows(ctx, rows);
  });
  const { declarationOfPosting, pagesAfter = [] } = template.jurisdiction;
  const after = [
    ...(declarationOfPosting ? [{ page: declarationOfPosting, key: formPageKey('declaration') }] : []),
    ...pagesAfter.map((page, i) => ({ page, key: formPageKey(i) })),
  ];
  for (const { page: declaration, key } of after) {
    doc.addPage();
    ctx.tags.group('Sect', () => {
      drawHeading(ctx, declaration.heading, declaration.name, key);
      doc.font(fontName(style.font)).fontSize(style.size);
      const paragraphs = declaration.paragraphs.map((text) => breakLongWords(doc, fill(text, meta), width - indent));
      for (let i = 0; i < paragraphs.length; ) {
        if (!LIST_ITEM.test(paragraphs[i]!)) drawParagraph(ctx, paragraphs[i++]!, indent);
        else {
          // A run of numbered paragraphs ("1. one copy on ...") is a list, each number hanging in the indent.
          const items: string[] = [];
          while (i < paragraphs.length && LIST_ITEM.test(paragraphs[i]!)) items.push(paragraphs[i++]!);
          drawList(ctx, items, indent);
        }
      }
      drawRows(ctx, signatureRows(ctx, declaration.rows));
    });
  }
  doc.x = left;
}

/** A block's lines, each filled and broken to fit its column; "" is a blank line. */
interface Block {
  lines: string[];
  width: number;
}

interface Row {
  left: Block;
  right: Block;
}

function signatureRows(ctx: PdfContext, rows: SignatureRow[]): Row[] {
  const { doc, layout, ordinance } = ctx;
  doc.font(fontName(layout.signatures.font)).fontSize(layout.signatures.size);
  const block = (lines: SignatureLine[] | undefined, width: number): Block => ({
    lines: printedLines(lines ?? [], ordinance.meta).map((l) => breakLongWords(doc, fill(l, ordinance.meta), width)),
    width,
  });
  // A row with a left block only (an effective date, a file number) takes the whole width.
  return rows.map((row) => ({
    left: block(row.left, row.right?.length ? columnWidth(ctx) : widthFrom(ctx, doc.page.margins.left)),
    right: block(row.right, columnWidth(ctx)),
  }));
}

function columnWidth(ctx: PdfContext): number {
  return (widthFrom(ctx, ctx.doc.page.margins.left) - GUTTER) / 2;
}

function lineOptions(ctx: PdfContext) {
  return { width: columnWidth(ctx), lineGap: ctx.layout.signatures.lineGap };
}

function blockHeight(ctx: PdfContext, block: Block): number {
  return block.lines.reduce((h, l) => h + ctx.doc.heightOfString(l || ' ', { ...lineOptions(ctx), width: block.width }), 0);
}

function rowHeight(ctx: PdfContext, row: Row): number {
  const { doc, layout } = ctx;
  doc.font(fontName(layout.signatures.font)).fontSize(layout.signatures.size);
  return layout.signatures.gapBetween + Math.max(blockHeight(ctx, row.left), blockHeight(ctx, row.right));
}

function headingHeight(ctx: PdfContext, heading: string): number {
  const { doc, layout } = ctx;
  doc.font(fontName('bold')).fontSize(layout.signatures.size);
  return doc.heightOfString(heading, { width: widthFrom(ctx, doc.page.margins.left) }) + layout.signatures.gapAfterHeading;
}

function paragraphHeight(ctx: PdfContext, text: string, indent: number): number {
  const { doc, layout } = ctx;
  doc.font(fontName(layout.signatures.font)).fontSize(layout.signatures.size);
  return doc.heightOfString(text, { width: widthFrom(ctx, doc.page.margins.left), lineGap: layout.signatures.lineGap, indent }) + layout.signatures.lineGap;
}

/** The page's heading, at the level of a section's (it follows the last section) and in the outline. */
/** A page's heading as the form prints it; `name` says what the page is where the heading does not (the bookmark, and the heading's /Alt a screen reader reads). */
function drawHeading(ctx: PdfContext, heading: string, name?: string, key?: string): void {
  const { doc, layout } = ctx;
  const left = doc.page.margins.left;
  doc.addBookmark(doc.outline, name ?? heading, left, doc.y);
  // A destination for the table of contents, and the page it is on.
  if (key) {
    doc.addNamedDestination(key, 'XYZ', left, doc.y, null);
    ctx.sectionPages.set(key, doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
  }
  doc.font(fontName('bold')).fontSize(layout.signatures.size).fillColor(layout.colors.text);
  ctx.tags.leaf(headingRole(2), () => doc.text(heading, left, doc.y, { width: widthFrom(ctx, left), align: 'center' }), name ? { alt: `${name}: ${heading}` } : {});
  doc.y += layout.signatures.gapAfterHeading;
}

function drawParagraph(ctx: PdfContext, text: string, indent: number): void {
  const { doc, layout } = ctx;
  const left = doc.page.margins.left;
  doc.font(fontName(layout.signatures.font)).fontSize(layout.signatures.size).fillColor(layout.colors.text);
  ctx.tags.leaf('P', () => doc.text(text, left, doc.y, { width: widthFrom(ctx, left), lineGap: layout.signatures.lineGap, indent }));
  doc.y += layout.signatures.lineGap;
}

/** A paragraph of the form that is an item of a numbered list: its number, and its text. */
const LIST_ITEM = /^(\d+\.|\(\w+\))\s+(?=\S)/;

/** Numbered paragraphs as a list (L, LI, Lbl, LBody): the number at `indent`, the text hanging after it. */
function drawList(ctx: PdfContext, items: string[], indent: number): void {
  const { doc, layout } = ctx;
  const style = layout.signatures;
  const left = doc.page.margins.left;
  const markerX = left + indent;
  const textX = markerX + layout.list.indent;
  ctx.tags.group('L', () => {
    for (const item of items) {
      const [, marker] = LIST_ITEM.exec(item)!;
      const text = item.replace(LIST_ITEM, '');
      doc.font(fontName(style.font)).fontSize(style.size).fillColor(layout.colors.text);
      ensureSpace(ctx, doc.heightOfString(text, { width: widthFrom(ctx, textX), lineGap: style.lineGap }));
      const y = doc.y;
      ctx.tags.group('LI', () => {
        ctx.tags.leaf('Lbl', () => doc.text(marker!, markerX, y, { width: layout.list.indent, lineBreak: false }));
        doc.y = y;
        ctx.tags.group('LBody', () => ctx.tags.leaf('P', () => doc.text(text, textX, y, { width: widthFrom(ctx, textX), lineGap: style.lineGap })));
      });
      doc.y += style.lineGap;
    }
  });
}

/** Rows of signature blocks side by side; each row stays whole on a page. */
function drawRows(ctx: PdfContext, rows: Row[]): void {
  const { doc, layout } = ctx;
  const style = layout.signatures;
  const left = doc.page.margins.left;
  for (const row of rows) {
    ensureSpace(ctx, rowHeight(ctx, row));
    doc.y += style.gapBetween;
    const top = doc.y;
    let bottom = top;
    for (const [block, x] of [
      [row.left, left],
      [row.right, left + columnWidth(ctx) + GUTTER],
    ] as const) {
      doc.y = top;
      if (block.lines.length) drawBlock(ctx, block, x);
      bottom = Math.max(bottom, doc.y);
    }
    doc.y = bottom;
  }
}

/** One signature block: a Div holding each of its lines as a paragraph (a blank line is space, not content). */
function drawBlock(ctx: PdfContext, block: Block, x: number): void {
  const { doc, layout } = ctx;
  const options = { ...lineOptions(ctx), width: block.width };
  ctx.tags.group('Div', () => {
    for (const text of block.lines) {
      doc.font(fontName(layout.signatures.font)).fontSize(layout.signatures.size).fillColor(layout.colors.text);
      if (!text.trim()) doc.y += lineHeight(ctx, layout.signatures.size, layout.signatures.lineGap, layout.signatures.font);
      else ctx.tags.leaf('P', () => doc.text(text, x, doc.y, options));
    }
  });
}
