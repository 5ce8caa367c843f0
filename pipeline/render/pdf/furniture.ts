/**
 * Page furniture, drawn once every page exists: the running header (from the
 * layout's first header page), the footer with version, status, build date,
 * source commit and "Page X of Y", line numbers beside the body's lines, and
 * the DRAFT watermark on unadopted text. All of it is marked as artifacts, so
 * a screen reader and a text extractor read the law without it.
 */
import { BLANK } from '../fill.js';
import { fontName, type PdfContext } from './context.js';

const STATUS_LABEL: Record<string, string> = { draft: 'Draft', introduced: 'Introduced', adopted: 'Adopted', effective: 'Effective' };

export function drawPageFurniture(ctx: PdfContext): void {
  const { doc, layout, ordinance, provenance, template } = ctx;
  const { meta } = ordinance;
  const range = doc.bufferedPageRange();
  const total = range.count;
  const built = provenance.date.toISOString().slice(0, 10);
  const source = provenance.commit ? `source ${provenance.commit}` : 'source not committed';
  const footerLeft = `Version ${meta.version} · ${STATUS_LABEL[meta.status] ?? meta.status}`;
  const footerRight = `Built ${built} · ${source}`;
  const headerLeft =
    meta.type === 'code-title' ? (template.jurisdiction.codeName ?? template.jurisdiction.name) : `${template.jurisdiction.numberLabel} ${meta.number ?? BLANK}`;
  const watermark = layout.watermark.statuses.includes(meta.status);
  for (let i = range.start; i < range.start + total; i++) {
    doc.switchToPage(i);
    const page = i - range.start + 1;
    const margins = { ...doc.page.margins };
    // Furniture sits in the margins; lift them so pdfkit does not wrap onto a new page.
    doc.page.margins = { top: 0, bottom: 0, left: 0, right: 0 };
    const left = margins.left;
    const width = doc.page.width - margins.left - margins.right;
    if (watermark) ctx.tags.artifact('Background', () => drawWatermark(ctx));
    ctx.tags.artifact('Pagination', () => {
      if (page >= layout.header.fromPage) {
        doc.font(fontName(layout.header.font)).fontSize(layout.header.size).fillColor(layout.colors.text);
        doc.text(headerLeft, left, layout.header.y, { width, align: 'left', lineBreak: false });
        doc.text(meta['short-title'], left, layout.header.y, { width, align: 'right', lineBreak: false });
      }
      doc.font(fontName(layout.footer.font)).fontSize(layout.footer.size).fillColor(layout.colors.text);
      doc.text(footerLeft, left, layout.footer.y, { width, align: 'left', lineBreak: false });
      doc.text(`Page ${page} of ${total}`, left, layout.footer.y, { width, align: 'center', lineBreak: false });
      doc.text(footerRight, left, layout.footer.y, { width, align: 'right', lineBreak: false });
    });
    if (layout.lineNumbers.enabled) drawLineNumbers(ctx, i);
    doc.page.margins = margins;
  }
}

/** Numbers beside the body's lines, counting from 1 on each page, right-aligned in the left margin. */
function drawLineNumbers(ctx: PdfContext, pageIndex: number): void {
  const { doc, layout } = ctx;
  const ys = [...(ctx.bodyLines.get(pageIndex) ?? [])].sort((a, b) => a - b);
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

function drawWatermark(ctx: PdfContext): void {
  const { doc, layout } = ctx;
  const { text, font, size, opacity, angle } = layout.watermark;
  const cx = doc.page.width / 2;
  const cy = doc.page.height / 2;
  doc.save();
  doc.rotate(angle, { origin: [cx, cy] });
  doc.font(fontName(font)).fontSize(size).fillColor('#000000').fillOpacity(opacity);
  const w = doc.widthOfString(text);
  doc.text(text, cx - w / 2, cy - size / 2, { lineBreak: false });
  doc.restore();
}
