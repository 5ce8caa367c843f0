/**
 * The title block: the lines of the jurisdiction's form (its `titleBlock`:
 * "AN ACT", the numbers with their labels, "IN THE COUNCIL OF THE DISTRICT OF
 * COLUMBIA", the long title), else the number, the urgency banner and the long
 * title; then the preamble and the enacting clause, unless the clause runs in
 * to the first section (drawn there, by blocks.ts).
 */
import { BLANK, fill, leftOut } from '../fill.js';
import type { TextStyle, TitleLine } from '../../template/template-schema.js';
import { fontName, type PdfContext } from './context.js';
import type { Role } from './tags.js';
import { drawBlocks, runsIn } from './blocks.js';
import { breakLongWords } from './wrap.js';

function styledLine(ctx: PdfContext, text: string, style: TextStyle, x: number, width: number, role: Role = 'P'): void {
  const { doc } = ctx;
  doc.font(fontName(style.font)).fontSize(style.size).fillColor(ctx.layout.colors.text);
  ctx.tags.leaf(role, () => doc.text(breakLongWords(doc, text, width), x, doc.y, { width, align: style.align ?? 'left', lineGap: style.lineGap ?? 0 }));
  doc.y += style.gapAfter ?? 0;
}

/** The lines of the form when the template does not list them: the number, the urgency banner, the long title. */
function defaultLines(ctx: PdfContext): TitleLine[] {
  return [
    { text: `${ctx.template.jurisdiction.numberLabel} {number}`, style: 'number' },
    { text: ctx.template.jurisdiction.urgencyBanner, style: 'banner', when: 'urgency' },
    { text: '{title}', style: 'title' },
  ];
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
  const styleOf = { number: styles.number, banner: styles.urgencyBanner, title: styles.title, clause: styles.enactingClause } as const;
  let titled = false;
  for (const line of jurisdiction.titleBlock ?? defaultLines(ctx)) {
    if ((line.when === 'urgency' && !meta.urgency) || (line.when === 'regular' && meta.urgency)) continue;
    if (leftOut(line, meta)) continue;
    if (line.statuses && !line.statuses.includes(meta.status)) continue;
    const style = { ...styleOf[line.style], ...(line.align ? { align: line.align } : {}), ...(line.gapAfter !== undefined ? { gapAfter: line.gapAfter } : {}) };
    if (line.text.trim() === '{title}') {
      // The long title: the document's heading, indented as the layout sets it; the table of contents follows it.
      const indent = style.indent ?? 0;
      styledLine(ctx, meta.title, style, left + indent, width - 2 * indent, 'H1');
      afterTitle();
      titled = true;
      continue;
    }
    // An empty line is space: its style's gap after.
    if (!line.text.trim()) doc.y += style.gapAfter ?? 0;
    else styledLine(ctx, fill(line.text, meta) || BLANK, style, left, width);
  }
  if (!titled) afterTitle();
  if (ordinance.preamble.length > 0) drawBlocks(ctx, ordinance.preamble, 0);
  if (!runsIn(ctx)) styledLine(ctx, jurisdiction.enactingClause, styles.enactingClause, left, width);
}
