/**
 * The Clerk's certification and the approvals (Mayor; City Attorney as to
 * form), from the jurisdiction's wording filled with the metadata. The whole
 * attestation stays on one page; when it cannot, each row stays whole.
 */
import { fill } from '../fill.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { breakLongWords } from './wrap.js';

export function drawSignatures(ctx: PdfContext): void {
  const { doc, layout, ordinance, template } = ctx;
  const { meta } = ordinance;
  const wording = template.jurisdiction.certification;
  const style = layout.signatures;
  const left = doc.page.margins.left;
  const width = widthFrom(ctx, left);
  const gutter = 24;
  const column = (width - gutter) / 2;
  const line = lineHeight(ctx, style.size, style.lineGap, style.font);
  // Metadata filled into the wording may hold words wider than a column: they are broken to fit.
  doc.font(fontName(style.font)).fontSize(style.size);
  const certification = breakLongWords(doc, fill(meta.urgency ? wording.urgency : wording.regular, meta), width - layout.body.firstLineIndent);
  const vote = meta.vote ? breakLongWords(doc, fill(wording.vote, meta), width) : null;
  const rows = wording.rows.map((row) => ({
    left: (row.left ?? []).map((l) => breakLongWords(doc, fill(l, meta), column)),
    right: (row.right ?? []).map((l) => breakLongWords(doc, fill(l, meta), column)),
  }));
  const textOptions = { lineGap: style.lineGap };

  doc.font(fontName(style.font)).fontSize(style.size);
  const certificationHeight = doc.heightOfString(certification, { width, ...textOptions, indent: layout.body.firstLineIndent }) + (vote ? line : 0);
  const rowHeight = (row: (typeof rows)[number]) =>
    style.gapBetween + Math.max(...[row.left, row.right].map((lines) => lines.reduce((h, l) => h + doc.heightOfString(l || ' ', { width: column, ...textOptions }), 0)));
  const total = style.gapBefore + certificationHeight + rows.reduce((h, row) => h + rowHeight(row), 0);
  const pageHeight = doc.page.height - doc.page.margins.top - doc.page.margins.bottom;
  ensureSpace(ctx, total <= pageHeight ? total : style.gapBefore + certificationHeight + (rows[0] ? rowHeight(rows[0]) : 0));

  doc.y += style.gapBefore;
  doc.font(fontName(style.font)).fontSize(style.size).fillColor(layout.colors.text);
  ctx.tags.leaf('P', () => doc.text(certification, left, doc.y, { width, ...textOptions, indent: layout.body.firstLineIndent }));
  if (vote) ctx.tags.leaf('P', () => doc.text(vote, left, doc.y, { width, ...textOptions }));
  for (const row of rows) {
    ensureSpace(ctx, rowHeight(row));
    doc.y += style.gapBetween;
    const top = doc.y;
    let bottom = top;
    for (const [lines, x] of [
      [row.left, left],
      [row.right, left + column + gutter],
    ] as const) {
      doc.y = top;
      // One signature block is one paragraph for a screen reader: "Approved …, Karen Bass, Mayor".
      if (lines.length)
        ctx.tags.leaf('P', () => {
          for (const text of lines)
            doc
              .font(fontName(style.font))
              .fontSize(style.size)
              .text(text || ' ', x, doc.y, { width: column, ...textOptions });
        });
      bottom = Math.max(bottom, doc.y);
    }
    doc.y = bottom;
  }
  doc.x = left;
}
