/**
 * The title block: ordinance number, urgency banner, long title, preamble and
 * enacting clause, as the jurisdiction's form has them.
 */
import { BLANK } from '../fill.js';
import type { TextStyle } from '../../template/schema.js';
import { fontName, type PdfContext } from './context.js';
import type { Role } from './tags.js';
import { drawBlocks } from './blocks.js';
import { breakLongWords } from './wrap.js';

function styledLine(ctx: PdfContext, text: string, style: TextStyle, x: number, width: number, role: Role = 'P'): void {
  const { doc } = ctx;
  doc.font(fontName(style.font)).fontSize(style.size).fillColor(ctx.layout.colors.text);
  ctx.tags.leaf(role, () => doc.text(breakLongWords(doc, text, width), x, doc.y, { width, align: style.align ?? 'left', lineGap: style.lineGap ?? 0 }));
  doc.y += style.gapAfter ?? 0;
}

/** `afterTitle` draws what follows the long title (the table of contents). */
export function drawTitleBlock(ctx: PdfContext, afterTitle: () => void = () => {}): void {
  const { doc, layout, ordinance, template } = ctx;
  const { meta } = ordinance;
  const { jurisdiction } = template;
  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const styles = layout.titleBlock;
  if (meta.type === 'code-title') {
    // A title of a code: the law as codified, with no number, enacting clause or certification.
    styledLine(ctx, jurisdiction.codeName ?? jurisdiction.name.toUpperCase(), { ...styles.urgencyBanner, align: 'center' }, left, width);
    styledLine(ctx, meta.title, { ...styles.enactingClause, align: 'center' }, left, width, 'H1');
    return;
  }
  styledLine(ctx, `${jurisdiction.numberLabel} ${meta.number ?? BLANK}`, styles.number, left, width);
  if (meta.urgency) styledLine(ctx, jurisdiction.urgencyBanner, styles.urgencyBanner, left, width);
  const indent = styles.title.indent ?? 0;
  styledLine(ctx, meta.title, styles.title, left + indent, width - 2 * indent, 'H1');
  afterTitle();
  if (ordinance.preamble.length > 0) drawBlocks(ctx, ordinance.preamble, 0);
  styledLine(ctx, jurisdiction.enactingClause, styles.enactingClause, left, width);
}
