/**
 * The table of contents of a longer ordinance: each section (or, in an act
 * in titles and subtitles, each of those), the form's own pages and the
 * appendix, with the page each starts on, linked to it, between the title and
 * the enacting clause. Page numbers come from an earlier layout of the same
 * document with the same contents in place, so they are exact. Tagged
 * TOC > TOCI > Reference > Link: an entry reads "Section 1. Findings, page 1".
 */
import { sectionDestination } from './inline.js';
import { sectionTitle } from './blocks.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { breakLongWords } from './wrap.js';
import { headingRole } from './tags.js';
import { formPages } from './signatures.js';
import { groupTitle } from '../../template/vocabulary.js';

/** The key of the appendix in `PdfContext.sectionPages`. */
export const APPENDIX_KEY = '#appendix';

/** The named destination (and key in `PdfContext.sectionPages`) of a group's heading: a title or subtitle of an act, a chapter. */
export function groupDestination(key: string): string {
  return `group-${key.replace(/[^A-Za-z0-9-]+/g, '-')}`;
}

/** Page numbers (1-based) by section id; null: lay out with placeholders of the same width. */
export type ContentsPages = Map<string, number> | null;

export function drawContents(ctx: PdfContext, pages: ContentsPages, appendix: boolean): void {
  const { doc, layout, ordinance } = ctx;
  const style = layout.toc;
  const left = doc.page.margins.left;
  const width = widthFrom(ctx, left);
  // An act in titles and subtitles (a budget act) lists them, each indented by its depth, as its enrolled contents do; otherwise its sections.
  const entries: { id: string; title: string; destination: string; depth?: number }[] =
    ordinance.groups.length > 0
      ? ordinance.groups.map((g) => ({ id: groupDestination(g.key), title: groupTitle(layout, g), destination: groupDestination(g.key), depth: g.depth - 1 }))
      : ordinance.sections.map((s) => ({ id: s.id, title: sectionTitle(ctx, s), destination: sectionDestination(s.id) }));
  // The form's own pages after the sections (certification, Declaration of Posting…), as the outline lists them.
  for (const page of formPages(ctx.template)) entries.push({ id: page.key, title: page.title, destination: page.key });
  if (appendix) entries.push({ id: APPENDIX_KEY, title: layout.appendix.heading, destination: APPENDIX_KEY });
  const line = lineHeight(ctx, style.size, style.lineGap);
  ensureSpace(ctx, 4 * line);
  doc.y += style.gapBefore;
  doc.font(fontName('bold')).fontSize(style.size).fillColor(layout.colors.text);
  // A heading like the appendix's: a reader's list of headings finds the contents too.
  ctx.tags.leaf(headingRole(2), () => doc.text(style.heading, left, doc.y, { width, align: 'center' }));
  doc.y += style.gapAfterHeading;
  ctx.tags.group('TOC', () => {
    for (const entry of entries) {
      const number = pages ? String(pages.get(entry.id) ?? '') : '00';
      doc.font(fontName('regular')).fontSize(style.size);
      const indent = style.indent * (1 + (entry.depth ?? 0));
      const textWidth = width - style.numberWidth - indent;
      const title = breakLongWords(doc, entry.title, textWidth);
      const height = doc.heightOfString(title, { width: textWidth, lineGap: style.lineGap });
      ensureSpace(ctx, height);
      const top = doc.y;
      // Read as "Section 1. Findings, page 1": the title and the page number are each a link
      // of their own, the number's text standing for ", page 1" (/ActualText).
      const description = `${entry.title}, page ${number}`;
      ctx.tags.group('TOCI', () =>
        ctx.tags.leaf('Reference', () => {
          ctx.tags.link(
            () => doc.fillColor(layout.colors.text).text(title, left + indent, top, { width: textWidth, lineGap: style.lineGap, goTo: entry.destination }),
            entry.title,
            description,
          );
          const bottom = doc.y;
          ctx.tags.link(
            () => doc.text(number, left + width - style.numberWidth, bottom - line, { width: style.numberWidth, align: 'right', lineBreak: false, goTo: entry.destination }),
            `page ${number}`,
            description,
            { actual: `, page ${number}` },
          );
          doc.y = bottom;
        }),
      );
    }
  });
  doc.y += style.gapAfter;
}
