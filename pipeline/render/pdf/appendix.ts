/**
 * The appendix "Relationship to prior directives": one row per registered
 * directive the ordinance touches: the directive (linked to its source), what
 * this ordinance does to it, and the sections that cite it (linked to them).
 * Rows never split across pages; the header row repeats on each page.
 */
import { referenceLabel } from '../../resolve/resolve.js';
import { relationWords, type DirectiveRelation } from '../../xref/relations.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { sectionDestination } from './inline.js';

interface Cell {
  text: string;
  link?: string | undefined;
  /** Sections, each linked to its heading. */
  sections?: { label: string; id: string }[];
}

export function drawRelationsAppendix(ctx: PdfContext, relations: DirectiveRelation[]): void {
  if (relations.length === 0) return;
  const { doc, layout } = ctx;
  const style = layout.appendix;
  const left = doc.page.margins.left;
  const width = widthFrom(ctx, left);
  const widths = style.columns.map((share) => share * width);
  const pad = style.cellPadding;
  const rows: Cell[][] = relations.map((r) => {
    const { meta } = r.directive;
    const date = meta.dates?.issued ?? meta.dates?.adopted ?? meta.dates?.effective;
    const form = meta['cited-as'][0] ?? meta.id;
    const name = meta.title.includes(form) ? meta.title : `${form}: ${meta.title}`;
    return [
      { text: `${name}${date && !/\b\d{4}\b/.test(name) ? ` (${date.slice(0, 4)})` : ''}`, link: meta.source },
      { text: relationWords(r.relations) },
      { text: '', sections: r.sections.map((s) => ({ label: referenceLabel(s, undefined), id: s.id })) },
    ];
  });
  const cellText = (cell: Cell) => (cell.sections ? cell.sections.map((s) => s.label).join(', ') || '—' : cell.text);
  const heightOf = (cells: Cell[], font: 'regular' | 'bold') => {
    doc.font(fontName(font)).fontSize(style.size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(cellText(c), { width: widths[i]! - 2 * pad, lineGap: style.lineGap }))) + 2 * pad;
  };
  const header = style.columnHeadings.map((text) => ({ text }));

  const drawRow = (cells: Cell[], font: 'regular' | 'bold') => {
    const height = heightOf(cells, font);
    const top = doc.y;
    let x = left;
    doc.font(fontName(font)).fontSize(style.size).fillColor(layout.colors.text);
    cells.forEach((cell, i) => {
      const w = widths[i]! - 2 * pad;
      if (cell.sections?.length) {
        // Each label is its own link; labels wrap whole, never splitting "Section 5" from its comma.
        let lineX = x + pad;
        let lineY = top + pad;
        const lineStep = doc.currentLineHeight(true) + style.lineGap;
        cell.sections.forEach((s, j) => {
          const label = j < cell.sections!.length - 1 ? `${s.label},` : s.label;
          const labelWidth = doc.widthOfString(label);
          if (lineX > x + pad && lineX + labelWidth > x + widths[i]! - pad) {
            lineX = x + pad;
            lineY += lineStep;
          }
          doc.text(label, lineX, lineY, { lineBreak: false, goTo: sectionDestination(s.id) });
          lineX += labelWidth + doc.widthOfString(' ');
        });
      } else {
        doc.text(cellText(cell), x + pad, top + pad, { width: w, lineGap: style.lineGap, ...(cell.link ? { link: cell.link } : {}) });
      }
      x += widths[i]!;
    });
    doc.moveTo(left, top + height).lineTo(left + width, top + height).lineWidth(style.ruleWidth).strokeColor(layout.colors.text).stroke();
    doc.x = left;
    doc.y = top + height;
  };

  if (style.newPage) doc.addPage();
  else doc.y += style.gapBefore;
  ensureSpace(ctx, 3 * lineHeight(ctx, style.headingSize, 0, 'bold') + heightOf(header, 'bold') + heightOf(rows[0]!, 'regular'));
  doc.font(fontName('bold')).fontSize(style.headingSize).fillColor(layout.colors.text);
  doc.outline.addItem(style.heading);
  doc.text(style.heading, left, doc.y, { width, align: 'center' });
  doc.y += style.gapAfterHeading;
  drawRow(header, 'bold');
  for (const row of rows) {
    const height = heightOf(row, 'regular');
    if (doc.y + height > doc.page.height - doc.page.margins.bottom) {
      doc.addPage();
      drawRow(header, 'bold');
    }
    drawRow(row, 'regular');
  }
}
