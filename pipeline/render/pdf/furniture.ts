/**
 * Page furniture, drawn as each page is finished: the running header (from
 * the layout's first header page) with the ordinance number, "Page X of Y"
 * and the short title; the footer with version, status, build date and
 * source commit ("Page 1 of Y" on a page without header); line numbers beside the body's
 * lines, and the DRAFT watermark on unadopted text. All of it is marked as
 * artifacts, so a screen reader and a text extractor read the law without it.
 *
 * Pages are written out as soon as they are finished, so a long title never
 * holds all its pages in memory: "Y" is a small form XObject that every
 * footer shows and that is filled in once, when the page count is known.
 */
import { BLANK, fill } from '../fill.js';
import type { Layout } from '../../template/template-schema.js';
import { fontName, type PdfContext } from './context.js';
import type { CouncilDocument, FormXObject, PdfkitFont } from './pdfkit.js';

const STATUS_LABEL: Record<string, string> = { draft: 'Draft', introduced: 'Introduced', adopted: 'Adopted', effective: 'Effective' };

/** The page count, shown in every footer, written when the document ends. */
export class PageTotal {
  private readonly form: FormXObject;
  private font: PdfkitFont | null = null;
  private size = 0;

  constructor(private readonly ctx: PdfContext) {
    const size = ctx.layout.footer.size;
    this.form = ctx.doc.formXObject([0, -size, 8 * size, 2 * size]);
  }

  /** Show the total at (x, y) (top of the text line) in the current font and size. */
  place(x: number, y: number): void {
    const { doc } = this.ctx;
    this.font ??= doc.currentFont();
    this.size ||= doc.currentFontSize();
    if (!this.font) return;
    this.form.addToPage('Total');
    // The form is set once, in the first placement's font and size; another size scales it.
    const scale = doc.currentFontSize() / this.size;
    const baseline = y + (this.font.ascender / 1000) * doc.currentFontSize();
    // pdfkit's page space runs downward; the form draws upward from its baseline.
    doc.addContent(`q ${scale.toFixed(4)} 0 0 ${(-scale).toFixed(4)} ${x.toFixed(2)} ${baseline.toFixed(2)} cm /Total Do Q`);
  }

  /** Write the count into the form (before the document ends, so its glyphs join the font subset). */
  finish(count: number): void {
    if (this.font) this.form.writeText(this.font, this.size, String(count));
    this.form.end();
  }
}

/** Draw the furniture of the page being finished (1-based `page`), keeping the cursor, font and colour as they were. */
export function drawPageFurniture(ctx: PdfContext, page: number, total: PageTotal): void {
  const { doc, layout, ordinance, provenance, template } = ctx;
  const { meta } = ordinance;
  const saved = { x: doc.x, y: doc.y, text: doc.saveTextState(), margins: { ...doc.page.margins } };
  const built = provenance.date.toISOString().slice(0, 10);
  const source = provenance.commit ? `source ${provenance.commit}` : 'source not committed';
  const footerLeft = `Version ${meta.version} · ${STATUS_LABEL[meta.status] ?? meta.status}`;
  const footerRight = `Built ${built} · ${source}`;
  // The appendix is not enacted: its pages are numbered as its own, not as the ordinance's.
  const appendixPage = ctx.appendixFrom !== null && page >= ctx.appendixFrom ? page - ctx.appendixFrom + 1 : null;
  const headerLeft = meta.type === 'code-title' ? (template.jurisdiction.codeName ?? template.jurisdiction.name) : `${template.jurisdiction.numberLabel} ${meta.number ?? BLANK}`;
  // Furniture sits in the margins; lift them so pdfkit does not wrap onto a new page.
  doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
  ctx.inFurniture = true;
  const left = saved.margins.left;
  const width = doc.page.width - saved.margins.left - saved.margins.right;
  if (layout.watermark.statuses.includes(meta.status)) ctx.tags.artifact('Background', () => drawWatermark(doc, layout));
  ctx.tags.artifact('Pagination', () => {
    // The running header (number, "Page X of Y", short title) from its first page; before that, "Page X of Y" sits in the footer,
    // unless the form's own footer already numbers the page.
    const header = page >= layout.header.fromPage;
    if (header) {
      doc.font(fontName(layout.header.font)).fontSize(layout.header.size).fillColor(layout.colors.text);
      // Each side of the header has the room "Page N of N" leaves it: a long short title is set smaller, then on two lines, never over the page number.
      const side = (width - doc.widthOfString('Page 9999 of 9999')) / 2 - doc.widthOfString('  ');
      drawFitted(doc, headerLeft, left, side, layout.header.y, 'left');
      drawFitted(doc, meta['short-title'], left + width - side, side, layout.header.y, 'right');
      doc.fontSize(layout.header.size);
      // A page of the appendix is the appendix's own; a form whose own footer numbers the page ("Page N", the Board's) is not numbered a second time.
      if (appendixPage !== null) drawCentered(doc, `Appendix, page ${appendixPage}`, left, width, layout.header.y);
      else if (!formNumbersPages(ctx)) drawPageOf(ctx, page, total, left, width, layout.header.y);
    }
    doc.font(fontName(layout.footer.font)).fontSize(layout.footer.size).fillColor(layout.colors.text);
    const numbered = drawFormFooter(ctx, appendixPage === null ? page : null, left, width);
    doc.text(footerLeft, left, layout.footer.y, { width, align: 'left', lineBreak: false });
    doc.text(footerRight, left, layout.footer.y, { width, align: 'right', lineBreak: false });
    if (!header && appendixPage !== null) drawCentered(doc, `Appendix, page ${appendixPage}`, left, width, layout.footer.y);
    else if (!header && !numbered) drawPageOf(ctx, page, total, left, width, layout.footer.y);
  });
  if (layout.lineNumbers.enabled) drawLineNumbers(ctx, ctx.doc.bufferedPageRange().start + ctx.doc.bufferedPageRange().count - 1);
  ctx.inFurniture = false;
  doc.page.margins = saved.margins;
  doc.restoreTextState(saved.text);
  doc.x = saved.x;
  doc.y = saved.y;
}

/** The form's own footer (the template's `footer`: "{sponsors}", "BOARD OF SUPERVISORS", "Page {page}"), a line above the build's; whether it numbers the page. */
function drawFormFooter(ctx: PdfContext, page: number | null, left: number, width: number): boolean {
  const { doc, layout, ordinance, template } = ctx;
  const own = template.jurisdiction.footer;
  if (!own || ordinance.meta.type === 'code-title') return false;
  const y = layout.footer.y - 1.6 * layout.footer.size;
  for (const align of ['left', 'center', 'right'] as const) {
    const words = own[align];
    // A page not the ordinance's (the appendix's) has no number of the form's.
    if (!words || (page === null && words.includes('{page}'))) continue;
    // {page} first: what the metadata fills in is never read for slots again.
    doc.text(fill(words.replace(/\{page\}/g, String(page)), ordinance.meta), left, y, { width, align, lineBreak: false });
  }
  return formNumbersPages(ctx);
}

/** Whether the form's own footer numbers the page (a `{page}` slot in the template's `footer`). */
function formNumbersPages({ template, ordinance }: Pick<PdfContext, 'template' | 'ordinance'>): boolean {
  const own = template.jurisdiction.footer;
  if (!own || ordinance.meta.type === 'code-title') return false;
  return Object.values(own).some((words) => typeof words === 'string' && words.includes('{page}'));
}

/** The smallest size a header's words are set at before they take a second line. */
const MIN_FURNITURE_SIZE = 6;

/** Words in a box of `width` ending on the line at `y`: on one line at the current size when they fit, else on two lines, set smaller only as far as two lines need. */
function drawFitted(doc: CouncilDocument, words: string, x: number, width: number, y: number, align: 'left' | 'right'): void {
  const size = doc.currentFontSize();
  if (doc.widthOfString(words) <= width) {
    doc.text(words, x, y, { width, align, lineBreak: false });
    return;
  }
  let smaller = size;
  // The lines the words take at `points`.
  const linesAt = (points: number) => {
    doc.fontSize(points);
    return doc.heightOfString(words, { width }) / doc.currentLineHeight(true);
  };
  while (smaller > MIN_FURNITURE_SIZE && linesAt(smaller) > 2.01) smaller = Math.max(MIN_FURNITURE_SIZE, smaller - 0.5);
  doc.fontSize(smaller);
  const height = doc.heightOfString(words, { width });
  // The last line sits where a one-line header would.
  doc.text(words, x, y + doc.currentLineHeight(true) - height, { width, align, lineBreak: true });
  doc.fontSize(size);
}

/** Words centred on the line at `y`. */
function drawCentered(doc: PDFKit.PDFDocument, words: string, left: number, width: number, y: number): void {
  doc.text(words, left, y, { width, align: 'center', lineBreak: false });
}

/** "Page X of " then the total, centred as if the total had as many digits as X, in the current font. */
function drawPageOf(ctx: PdfContext, page: number, total: PageTotal, left: number, width: number, y: number): void {
  const { doc } = ctx;
  const lead = `Page ${page} of `;
  const span = doc.widthOfString(lead) + doc.widthOfString('0'.repeat(String(page).length));
  const x = left + (width - span) / 2;
  doc.text(lead, x, y, { lineBreak: false });
  total.place(x + doc.widthOfString(lead), y);
}

/** Numbers beside the body's lines, counting from 1 on each page, right-aligned in the left margin. */
function drawLineNumbers(ctx: PdfContext, pageIndex: number): void {
  const { doc, layout } = ctx;
  const ys = [...(ctx.bodyLines.get(pageIndex) ?? [])].sort((a, b) => a - b);
  ctx.bodyLines.delete(pageIndex);
  if (ys.length === 0) return;
  const style = layout.lineNumbers;
  ctx.tags.artifact('Layout', () => {
    doc.font(fontName(style.font)).fontSize(style.size).fillColor(style.color);
    ys.forEach((y, index) => {
      const n = index + 1;
      if (n % style.every !== 0) return;
      doc.text(String(n), style.x, y + style.baselineShift, { width: style.width, align: 'right', lineBreak: false });
    });
    doc.fillColor(layout.colors.text);
  });
}

/** The watermark ("DRAFT") across the current page, as the layout sets it (also on the digest's pages). */
export function drawWatermark(doc: CouncilDocument, layout: Layout): void {
  const { text, font, size, opacity, angle } = layout.watermark;
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  doc.save();
  doc.rotate(angle, { origin: [cx, cy] });
  doc.font(fontName(font)).fontSize(size).fillColor('#000000').fillOpacity(opacity);
  const w = doc.widthOfString(text);
  // The glyphs' outlines, not text: the mark is seen on the page but never read, copied or extracted with the words.
  const face = doc.currentFont();
  const outlines = face?.font ?? null;
  if (!outlines) throw new Error(`the watermark's font \`${font}\` has no glyph outlines`);
  const run = outlines.layout(text);
  const scale = size / outlines.unitsPerEm;
  let x = cx - w / 2;
  const baseline = cy - size / 2 + (face!.ascender / 1000) * size;
  run.glyphs.forEach((glyph, i) => {
    const at = run.positions[i]!;
    doc.path(
      glyph.path
        .scale(scale, -scale)
        .translate(x + at.xOffset * scale, baseline - at.yOffset * scale)
        .toSVG(),
    );
    x += at.xAdvance * scale;
  });
  doc.fill();
  doc.restore();
}
