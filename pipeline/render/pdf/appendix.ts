/**
 * The appendix "Relationship to prior directives": one row per registered
 * directive the ordinance touches: the directive (linked to its source), what
 * this ordinance does to it, and the sections that cite it (linked to them).
 * Rows never split across pages; the header row repeats on each page. It
 * follows the attestation, says that it is not part of the ordinance, and is
 * its own section of the structure tree.
 */
import { referenceLabel } from '../../template/vocabulary.js';
import { relationWords, type DirectiveRelation } from '../../xref/relations.js';
import { drawGrid, type GridCell } from './blocks.js';
import { APPENDIX_KEY } from './contents.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { sectionDestination } from './inline.js';
import { headingRole } from './tags.js';
import { breakLongWords } from './wrap.js';

export function drawRelationsAppendix(ctx: PdfContext, relations: DirectiveRelation[]): void {
  if (relations.length === 0) return;
  const { doc, layout } = ctx;
  const style = layout.appendix;
  const left = doc.page.margins.left;
  const width = widthFrom(ctx, left);
  const rows: GridCell[][] = relations.map((r) => {
    const { meta } = r.directive;
    const date = meta.dates?.issued ?? meta.dates?.adopted ?? meta.dates?.effective;
    const form = meta['cited-as'][0] ?? meta.id;
    const name = meta.title.includes(form) ? meta.title : `${form}: ${meta.title}`;
    return [
      { text: `${name}${date && !/\b\d{4}\b/.test(name) ? ` (${date.slice(0, 4)})` : ''}`, link: meta.source },
      { text: relationWords(r.relations) },
      { text: '', sections: r.sections.map((s) => ({ label: referenceLabel(s, undefined, ctx.template.jurisdiction.vocabulary), destination: sectionDestination(s.id) })) },
    ];
  });
  if (style.newPage) {
    doc.addPage();
    // Its own pages: not numbered among the ordinance's, no line numbers.
    ctx.appendixFrom = doc.bufferedPageRange().start + doc.bufferedPageRange().count;
  } else doc.y += style.gapBefore;
  ensureSpace(ctx, 6 * lineHeight(ctx, style.headingSize, 0, 'bold'));
  doc.font(fontName('bold')).fontSize(style.headingSize).fillColor(layout.colors.text);
  // One spelling of the heading: on the page, in the outline and in the contents (contents.ts).
  doc.addBookmark(doc.outline, style.heading, left, doc.y);
  doc.addNamedDestination(APPENDIX_KEY, 'XYZ', left, doc.y, null);
  ctx.sectionPages.set(APPENDIX_KEY, doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
  // Its own part of the document, after the attestation: what was adopted ends before it.
  ctx.tags.group('Sect', () => {
    ctx.tags.leaf(headingRole(2), () => doc.text(style.heading, left, doc.y, { width, align: 'center' }));
    doc.y += style.gapAfterHeading;
    if (style.note) {
      const note = inVocabulary(ctx, style.note);
      doc.font(fontName('italic')).fontSize(style.size);
      ctx.tags.leaf('P', () => doc.text(breakLongWords(doc, note, width), left, doc.y, { width, lineGap: style.lineGap }));
      doc.y += style.gapAfterHeading;
    }
    drawGrid(
      ctx,
      left,
      style.columns.map((share) => share * width),
      style.columnHeadings.map((heading) => inVocabulary(ctx, heading)),
      rows,
      { size: style.size, font: 'regular', headerFont: 'bold', padding: style.cellPadding, rule: style.ruleWidth, lineGap: style.lineGap },
    );
  });
}

/** The layout's words with the document's kind in them: "What this {document} does" is "What this act does". */
function inVocabulary(ctx: PdfContext, text: string): string {
  return text.replace(/\{document\}/g, ctx.template.jurisdiction.vocabulary.document);
}
