/**
 * Sections and what they hold: headings with bookmarks and link targets,
 * paragraphs, subdivisions with hanging indents, lists, block quotes, tables.
 */
import { imagePath } from '../../model/image-path.js';
import { sectionBody } from '../../model/quoted-law.js';
import type { Block, BlockQuote, Inline, Paragraph, Section, Subdivision } from '../../model/types.js';
import { SKIP, visitOrdinance } from '../../model/visit.js';
import type { FontRole } from '../../template/template-schema.js';
import { ensureSpace, fontName, lineHeight, widthFrom, type PdfContext } from './context.js';
import { subdivisionDestination } from './destinations.js';
import { comparedMarks, drawRuns, liveLink, paragraphStart, sectionDestination, toRuns, typographicText, type Run } from './inline.js';
import { faceOf, readAsStruck } from './marks.js';
import { linkDescription } from './links.js';
import { headingRole } from './tags.js';
import { labelRunsIn, sectionHeadingLabel } from '../../template/vocabulary.js';
import { printedNotes } from '../../model/notes.js';
import { breakLongWords } from './wrap.js';

/** "Section 3.", "Sec. 3.", or "§ 24-211.07." for a section with its own designation: the layout's form with the jurisdiction's words. */
export function sectionLabel(ctx: PdfContext, section: Section): string {
  return sectionHeadingLabel(ctx.layout, ctx.template.jurisdiction.vocabulary, section);
}

/** The outline entry of a section: "Section 3. Definitions", "§ 24-211.07. Prohibition on ..." */
export function sectionTitle(ctx: PdfContext, section: Section): string {
  return `${sectionLabel(ctx, section)} ${section.heading}`.trim();
}

/** Draw a section; its bookmark goes under `outlineParent` (a group's, or the document's). */
/** Draw a section: its heading, `note` under it (a redline's word on where it stands), its text and its notes. */
export function drawSection(ctx: PdfContext, section: Section, outlineParent: PDFKit.PDFOutline = ctx.doc.outline, note?: string): void {
  const { doc, layout } = ctx;
  const style = layout.section;
  const bodyLine = lineHeight(ctx, layout.body.size, layout.body.lineGap);
  doc.y += style.gapBefore;
  const left = doc.page.margins.left;
  // Keep the heading with the first lines of its text: never alone at the foot of a page.
  ensureSpace(ctx, Math.max(lineHeight(ctx, style.headingSize, layout.body.lineGap, style.headingFont) + style.keepWithNextLines * bodyLine, sectionStart(ctx, section)));
  const text = sectionHeadingText(ctx, section);
  if (section.id) {
    doc.addNamedDestination(sectionDestination(section.id), 'XYZ', left, doc.y, null);
    ctx.sectionPages.set(section.id, doc.bufferedPageRange().start + doc.bufferedPageRange().count - 1);
  }
  doc.addBookmark(outlineParent, sectionTitle(ctx, section), left, doc.y);
  // The enacting clause run in to the first section stands where its heading would: the form prints none.
  const runIn = section === ctx.ordinance.sections[0] && runsIn(ctx);
  ctx.tags.group('Sect', () => {
    if (runIn) ctx.leadIn = ctx.template.jurisdiction.enactingClause;
    // A section with no heading has its label run in to its first paragraph ("Sec. 2. Section 103 of …"), where the layout says so.
    else if (labelRunsIn(ctx.layout, section)) {
      ctx.leadIn = text;
      ctx.leadInIsHeading = true;
    } else {
      // A section a comparative print or redline shows as new: its heading is inserted too, in the form's marks.
      const inserted = section.change === 'insertion';
      const marks = comparedMarks(ctx, 'insertion');
      const font = inserted && marks.italic ? (style.headingFont === 'bold' || style.headingFont === 'boldItalic' ? 'boldItalic' : 'italic') : style.headingFont;
      doc
        .font(fontName(faceOf(font, inserted && marks.alternate)))
        .fontSize(style.headingSize)
        .fillColor(layout.colors.text);
      const shown = breakLongWords(doc, text, widthFrom(ctx, left));
      const draw = () =>
        doc.text(shown, left, doc.y, {
          width: widthFrom(ctx, left),
          lineGap: layout.body.lineGap,
          underline: inserted && marks.underline && !marks.double,
          ...(inserted && marks.double ? { doubleUnderline: true } : {}),
        });
      ctx.tags.leaf(headingRole(ctx.sectionHeadingDepth), () =>
        inserted ? ctx.tags.span(() => doc.markFragments(shown, marks.readOpen, marks.readClose, draw), `${marks.readOpen}${text}${marks.readClose}`) : draw(),
      );
      doc.y += style.gapAfter;
    }
    // Where the section stands, in a redline ("Renumbered: Section 4 before."): under its heading, inside it.
    if (note)
      drawBlock(ctx, { type: 'paragraph', children: [{ type: 'emphasis', children: [{ type: 'text', value: note }] }], source: { file: section.file, position: undefined } }, 0);
    drawBlocks(ctx, sectionBody(section), 0);
    if (ctx.layout.annotations.print) drawNotes(ctx, section);
  });
}

/** A section's notes (the code's History, Editor's Notes…), after its text, each led by its kind in bold: "History Apr. 27, 2013, D.C. Law 19-286, § 2". */
function drawNotes(ctx: PdfContext, section: Section): void {
  for (const note of printedNotes(section)) {
    ctx.tags.group('Div', () => {
      if (note.blocks[0]?.type === 'paragraph') ctx.leadIn = note.type;
      else drawBlock(ctx, { type: 'paragraph', children: [{ type: 'strong', children: [{ type: 'text', value: note.type }] }], source: note.source }, 0);
      drawBlocks(ctx, note.blocks, 0);
      ctx.leadIn = null;
    });
  }
}

/** Whether the enacting clause runs in to the first section's first paragraph (the template says so, and that paragraph is there). */
export function runsIn(ctx: Pick<PdfContext, 'template' | 'ordinance' | 'enacting'>): boolean {
  const first = ctx.ordinance.sections[0];
  // Only in the ordinance itself: the sections a comparative print or a redline draws are not its enacted text.
  return Boolean(ctx.enacting && ctx.template.jurisdiction.enactingClauseRunsIn && ctx.ordinance.meta.type !== 'code-title' && first?.blocks[0]?.type === 'paragraph');
}

/** A section's heading as printed: "§ 24-104. [Reserved].", "Section 3. Definitions.", "§ 24-105. Fees. [Repealed]". */
function sectionHeadingText(ctx: PdfContext, section: Section): string {
  const style = ctx.layout.section;
  const label = sectionLabel(ctx, section);
  const heading = !section.heading || /[.:;!?\]]$/.test(section.heading) ? section.heading : `${section.heading}.`;
  const status = section.status && section.status !== 'in-force' ? style.statusLabels[section.status] : undefined;
  // A heading that already says the status ("[Reserved].", "Repealed") is not followed by it again.
  const said = status !== undefined && !section.statusNote && sameWords(section.heading, status);
  const statusText = status && !said ? ` [${status}${section.statusNote ? `: ${section.statusNote}` : ''}]` : '';
  return `${label}${heading ? `${style.separator}${heading}` : ''}${statusText}`;
}

/**
 * The height a section's heading needs below the cursor (after its gap
 * before, and `above` points of headings of its groups) to stay with what
 * follows it: the heading, its gap, and the first lines its text keeps
 * together. Measured only near a page's foot; well clear of it, 0.
 */
export function sectionStart(ctx: PdfContext, section: Section, above = 0): number {
  const { doc, layout } = ctx;
  const style = layout.section;
  const left = doc.page.margins.left;
  const bodyLine = lineHeight(ctx, layout.body.size, layout.body.lineGap);
  const headingLine = lineHeight(ctx, style.headingSize, layout.body.lineGap, style.headingFont);
  // Clear of the foot by more than a long heading and a table's first rows: nothing to measure.
  const room = doc.page.height - doc.page.margins.bottom - doc.y - above;
  if (room > 4 * headingLine + style.gapAfter + layout.image.maxHeight + 12 * bodyLine) return 0;
  doc.font(fontName(style.headingFont)).fontSize(style.headingSize);
  const heading = doc.heightOfString(breakLongWords(doc, sectionHeadingText(ctx, section), widthFrom(ctx, left)), { width: widthFrom(ctx, left), lineGap: layout.body.lineGap });
  return heading + style.gapAfter + blocksStart(ctx, sectionBody(section), 0);
}

/** The height at the start of `blocks` (indented `indent`) kept on one page with what comes before it. */
function blocksStart(ctx: PdfContext, blocks: Block[], indent: number): number {
  const { doc, layout } = ctx;
  const body = layout.body;
  const line = lineHeight(ctx, body.size, body.lineGap);
  const block = blocks[0];
  if (!block) return 0;
  const x = indented(ctx, doc.page.margins.left + indent);
  switch (block.type) {
    case 'paragraph': {
      const images = block.children.some((c) => c.type === 'image') ? layout.image.maxHeight + body.paragraphGap : 0;
      const options = { x, width: widthFrom(ctx, x), size: body.size, lineGap: body.lineGap, align: body.align, ...paragraphStyle(ctx, block, indent) };
      const start = Math.max(line, paragraphStart(ctx, toRuns(ctx, block.children), options));
      // A quoted section's heading line stays with the first lines of its text.
      return images + (block.sectionHeading === undefined ? start : start + body.paragraphGap + blocksStart(ctx, blocks.slice(1), indent));
    }
    case 'subdivision': {
      const { indentPerLevel, markerWidth } = layout.subdivision;
      const textX = indented(ctx, doc.page.margins.left + (ctx.quoteInset ?? 0) + (block.level - 1) * indentPerLevel + markerWidth);
      if (block.children.length === 0) return Math.max(2 * line, blocksStart(ctx, block.blocks, textX - doc.page.margins.left));
      const options = { x: textX, width: widthFrom(ctx, textX), size: body.size, lineGap: body.lineGap, align: body.align };
      return Math.max(2 * line, paragraphStart(ctx, toRuns(ctx, block.children), options));
    }
    case 'blockquote':
      return inQuote(ctx, block, indent, () => blocksStart(ctx, block.children, indent + layout.blockquote.indent));
    case 'list':
      return Math.max(2 * line, blocksStart(ctx, block.items[0] ?? [], indented(ctx, x + layout.list.indent) - doc.page.margins.left));
    case 'table':
      // The header row and the first row: a few lines each at most, for all but unusual tables.
      return 6 * line;
  }
}

/** Start a new page unless the start of `blocks` (at `indent`), and at least `least` points, fit below the cursor; measured only near the page's foot. */
function keepStart(ctx: PdfContext, blocks: Block[], indent: number, least: number): void {
  const { doc, layout } = ctx;
  const room = doc.page.height - doc.page.margins.bottom - doc.y;
  if (room > least + layout.image.maxHeight + 12 * lineHeight(ctx, layout.body.size, layout.body.lineGap)) return;
  ensureSpace(ctx, Math.max(least, blocksStart(ctx, blocks, indent)));
}

/** Whether the ordinance inserts or deletes words (`:ins`, `:del`) anywhere in its text. */
function amends(ctx: PdfContext): boolean {
  let found = false;
  visitOrdinance(ctx.ordinance, {
    section: () => (found ? SKIP : undefined),
    inline: (node) => {
      if (node.type === 'insertion' || node.type === 'deletion') found = true;
      return found ? SKIP : undefined;
    },
  });
  return found;
}

/**
 * The legend of the marks, before the first section: the jurisdiction's own
 * (on every document, or on those that amend, as it says), else the layout's
 * on a document that amends.
 */
export function drawAmendmentLegend(ctx: PdfContext): void {
  const own = ctx.template.jurisdiction.legend;
  if (own ? own.when === 'amends' && !amends(ctx) : !amends(ctx)) return;
  const { doc, layout } = ctx;
  const left = doc.page.margins.left;
  const paragraphs = own?.paragraphs ?? [layout.amendment.legend];
  // Its lines one under another, as the Board sets its note: the gap after the legend, not between its lines.
  paragraphs.forEach((text, i) => {
    ensureSpace(ctx, 2 * lineHeight(ctx, layout.body.size, layout.body.lineGap));
    ctx.tags.leaf('P', () =>
      drawRuns(ctx, [{ text, bold: false, italic: true, underline: false, strike: false, inserted: false, link: null, goTo: null }], {
        x: left,
        width: widthFrom(ctx, left),
        size: layout.body.size,
        lineGap: layout.body.lineGap,
        align: 'left',
      }),
    );
    if (i === paragraphs.length - 1) doc.y += layout.body.paragraphGap;
  });
}

/** Whether a heading is only the status label, bracketed or not, with or without its period. */
function sameWords(heading: string, status: string): boolean {
  const bare = (text: string) =>
    text
      .replace(/[[\].\s]+/g, ' ')
      .trim()
      .toLowerCase();
  return bare(heading) === bare(status);
}

/**
 * Where text indented to `x` starts: deep nesting indents no further than
 * half the text width, so the innermost text keeps room to print whole.
 */
function indented(ctx: PdfContext, x: number): number {
  const { doc } = ctx;
  const left = doc.page.margins.left;
  return Math.min(x, left + (doc.page.width - left - doc.page.margins.right) / 2);
}

/** Draw blocks indented `indent` points from the left margin; a run of sibling subdivisions is one list. */
export function drawBlocks(ctx: PdfContext, blocks: Block[], indent: number): void {
  for (let i = 0; i < blocks.length; ) {
    const block = blocks[i]!;
    // A quoted section's heading line is never alone at the foot of a page.
    if (block.type === 'paragraph' && block.sectionHeading !== undefined) keepStart(ctx, blocks.slice(i), indent, 0);
    if (block.type !== 'subdivision') {
      drawBlock(ctx, block, indent);
      i++;
      continue;
    }
    let end = i;
    while (end < blocks.length && blocks[end]!.type === 'subdivision') end++;
    const run = blocks.slice(i, end) as Subdivision[];
    ctx.tags.group('L', () => {
      for (const subdivision of run) drawSubdivision(ctx, subdivision);
    });
    i = end;
  }
}

function drawBlock(ctx: PdfContext, block: Block, indent: number): void {
  const { doc, layout } = ctx;
  const body = layout.body;
  const x = indented(ctx, doc.page.margins.left + indent);
  switch (block.type) {
    case 'paragraph':
      ensureSpace(ctx, lineHeight(ctx, body.size, body.lineGap));
      drawImages(ctx, block, x);
      {
        const heading = ctx.leadInIsHeading;
        const runs = [...leadIn(ctx), ...toRuns(ctx, block.children)];
        const options = { x, width: widthFrom(ctx, x), size: body.size, lineGap: body.lineGap, align: body.align, ...paragraphStyle(ctx, block, indent) };
        // A section's label run in is its heading element, then the paragraph: drawn as one.
        if (heading) ctx.tags.runInHeading(headingRole(ctx.sectionHeadingDepth), 'P', (headingDone) => drawRuns(ctx, runs, options, headingDone));
        else ctx.tags.leaf('P', () => drawRuns(ctx, runs, options));
      }
      doc.y += body.paragraphGap - body.lineGap;
      return;
    case 'subdivision':
      ctx.tags.group('L', () => drawSubdivision(ctx, block));
      return;
    case 'list':
      ctx.tags.group('L', () =>
        block.items.forEach((item, index) => {
          const marker = block.ordered ? `${block.start + index}.` : layout.list.bullet;
          const textX = indented(ctx, x + layout.list.indent);
          const markerX = textX - layout.list.indent;
          // The marker stays with the first lines of its text.
          keepStart(ctx, item, textX - doc.page.margins.left, lineHeight(ctx, body.size, body.lineGap));
          const y = doc.y;
          ctx.tags.group('LI', () => {
            ctx.tags.leaf('Lbl', () => doc.font(fontName('regular')).fontSize(body.size).text(marker, markerX, y, { width: layout.list.indent, lineBreak: false }));
            doc.y = y;
            ctx.tags.group('LBody', () => drawListItem(ctx, item, textX - doc.page.margins.left));
          });
        }),
      );
      return;
    case 'blockquote':
      // Quoted law, set off as a block: its designations hang inside its own margin.
      ctx.tags.group('BlockQuote', () => inQuote(ctx, block, indent, () => drawBlocks(ctx, block.children, indent + layout.blockquote.indent)));
      return;
    case 'table':
      drawTable(ctx, block, x);
      return;
  }
}

/**
 * How a paragraph indented `indent` prints: its first line indented at the
 * left margin only; a quoted section's heading line ("Sec. 7.
 * Qualifications.") flush with its quote, in the layout's heading font.
 */
function paragraphStyle(ctx: PdfContext, paragraph: Paragraph, indent: number): { indent: number; font?: FontRole } {
  if (paragraph.sectionHeading !== undefined) return { indent: 0, font: ctx.layout.blockquote.headingFont };
  return { indent: indent === 0 ? ctx.layout.body.firstLineIndent : 0 };
}

/**
 * Run `draw` inside the quoted law of `quote`, set `indent` points from the
 * left margin, then go back to what held it. The quote is inset as a block,
 * and the designations of its first level (a paragraph "(2)" quoted alone
 * as much as a subsection "(a)") hang at its margin.
 */
function inQuote<T>(ctx: PdfContext, quote: BlockQuote, indent: number, draw: () => T): T {
  const { blockquote, subdivision } = ctx.layout;
  const top = Math.min(...quote.children.map((b) => (b.type === 'subdivision' ? b.level : 1)));
  const outer = ctx.quoteInset;
  ctx.quoteInset = indent + blockquote.indent - (Number.isFinite(top) ? top - 1 : 0) * subdivision.indentPerLevel;
  try {
    return draw();
  } finally {
    ctx.quoteInset = outer;
  }
}

/** The words the next paragraph begins with (the run-in enacting clause, bold), taken once. */
function leadIn(ctx: PdfContext): Run[] {
  const text = ctx.leadIn;
  const heading = ctx.leadInIsHeading;
  ctx.leadIn = null;
  ctx.leadInIsHeading = false;
  return text ? [{ text: `${text} `, bold: true, italic: false, underline: false, strike: false, inserted: false, link: null, goTo: null, ...(heading ? { heading } : {}) }] : [];
}

function drawListItem(ctx: PdfContext, blocks: Block[], indent: number): void {
  const { doc, layout } = ctx;
  const x = indented(ctx, doc.page.margins.left + indent);
  blocks.forEach((block, index) => {
    if (block.type === 'paragraph') {
      // The first paragraph starts beside the marker, which keepStart kept with it.
      const options = { x, width: widthFrom(ctx, x), size: layout.body.size, lineGap: layout.body.lineGap, align: layout.body.align, fixedStart: index === 0 };
      ctx.tags.leaf('P', () => drawRuns(ctx, toRuns(ctx, block.children), options));
      doc.y += layout.body.paragraphGap - layout.body.lineGap;
    } else drawBlocks(ctx, [block], indent);
  });
}

/** (a) hangs in its marker column; the text wraps at the text column. Tagged as a list item: Lbl "(a)", LBody its text. */
function drawSubdivision(ctx: PdfContext, subdivision: Subdivision): void {
  const { doc, layout } = ctx;
  const body = layout.body;
  const { indentPerLevel, markerWidth } = layout.subdivision;
  // In quoted law, (a) hangs from the quote's margin, not the ordinance's.
  const textX = indented(ctx, doc.page.margins.left + (ctx.quoteInset ?? 0) + (subdivision.level - 1) * indentPerLevel + markerWidth);
  const markerX = textX - markerWidth;
  const line = lineHeight(ctx, body.size, body.lineGap);
  // The marker and at least two lines of its text (all of three) stay on one page.
  keepStart(ctx, [subdivision], 0, 2 * line);
  const y = doc.y;
  // A reference to this subdivision ("Section 4(b)") lands on its marker.
  const destination = subdivisionDestination(ctx.ordinance, ctx.template.jurisdiction.citations?.code?.target, subdivision);
  if (destination) doc.addNamedDestination(destination, 'XYZ', markerX, y, null);
  doc.font(fontName(body.font)).fontSize(body.size).fillColor(layout.colors.text);
  // A quoted designation's quote mark ("\"(a)") prints as the text's quote marks do.
  const designation = typographicText(subdivision.marker || (subdivision.label ? `(${subdivision.label})` : ''));
  // In a comparative print, a designation struck ("((4))") or redesignated ("((4)) (5)": the old one struck, the new one inserted).
  const struckMarks = comparedMarks(ctx, 'deletion');
  const insertedMarks = comparedMarks(ctx, 'insertion');
  const struck = subdivision.change === 'deletion' ? designation : subdivision.formerly;
  const struckText = struck ? `${struckMarks.printedOpen}${struck}${struckMarks.printedClose}` : '';
  const inserted = subdivision.change === 'insertion' || subdivision.formerly !== undefined;
  const shown = subdivision.change === 'deletion' ? '' : designation;
  const marker = [struckText, shown].filter(Boolean).join(' ');
  // A designation wider than its column ("[(b-28)]") is printed whole, and the first line of text starts after it.
  const overhang = marker ? Math.max(0, markerX + doc.widthOfString(`${marker} `) - textX) : 0;
  // A designation changed reads as changed, like the words: in the tags and in the text layer (inline.ts drawRuns).
  const marked = (text: string, open: string, close: string, draw: () => void) => ctx.tags.span(() => doc.markFragments(text, open, close, draw), `${open}${text}${close}`);
  const drawMarker = () => {
    if (struckText) {
      const strike = () => doc.text(struckText, markerX, y, { lineBreak: false, strike: true });
      // A form that marks deletions by type style alone ("((…))" not printed) reads them as deleted.
      if (readAsStruck(struckMarks)) marked(struckText, struckMarks.readOpen, struckMarks.readClose, strike);
      else strike();
    }
    if (!shown) return;
    const x = struckText ? markerX + doc.widthOfString(`${struckText} `) : markerX;
    const draw = () =>
      doc.text(shown, x, y, { lineBreak: false, underline: inserted && !insertedMarks.double, ...(inserted && insertedMarks.double ? { doubleUnderline: true } : {}) });
    if (inserted) marked(shown, insertedMarks.readOpen, insertedMarks.readClose, draw);
    else draw();
  };
  ctx.tags.group('LI', () => {
    if (marker) ctx.tags.leaf('Lbl', drawMarker);
    doc.y = y;
    ctx.tags.group('LBody', () => {
      if (subdivision.children.length > 0) {
        ctx.tags.leaf('P', () =>
          drawRuns(ctx, toRuns(ctx, subdivision.children), {
            x: textX,
            y,
            width: widthFrom(ctx, textX),
            size: body.size,
            lineGap: body.lineGap,
            align: body.align,
            indent: overhang,
          }),
        );
        doc.y += body.paragraphGap - body.lineGap;
      } else if (subdivision.blocks[0]?.type !== 'subdivision') {
        doc.y += line;
      }
      // "(a)(1) text": the first child shares the parent's line.
      if (subdivision.children.length === 0 && subdivision.blocks[0]?.type === 'subdivision') doc.y = overhang > 0 ? y + line : y;
      drawBlocks(ctx, subdivision.blocks, textX - doc.page.margins.left);
    });
  });
}

/**
 * A table as rows of cells, each row kept whole on a page and the header row
 * repeated at the top of each page the table continues on. Column widths
 * follow the length of what the columns hold.
 */
function drawTable(ctx: PdfContext, table: Extract<Block, { type: 'table' }>, x: number): void {
  const { doc, layout } = ctx;
  const style = layout.table;
  const plain = (cell: Inline[]) =>
    toRuns(ctx, cell)
      .map((r) => r.text)
      .join('')
      .trim();
  const header = table.header.map(plain);
  const rows = table.rows.map((row) => header.map((_, i) => plain(row[i] ?? [])));
  const width = widthFrom(ctx, x);
  // Shares by the longest text in each column (at least a tenth each), so short columns stay narrow.
  const longest = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length), 4));
  // Each column keeps a few words' width: a table too wide for that is reported by the model.
  const minimum = Math.max(width / (10 * header.length), Math.min(30, width / header.length));
  const total = longest.reduce((a, b) => a + b, 0);
  const widths = longest.map((l) => Math.max(minimum, (l / total) * width));
  const scale = width / widths.reduce((a, b) => a + b, 0);
  for (let i = 0; i < widths.length; i++) widths[i]! *= scale;
  drawGrid(ctx, x, widths, header, rows, { size: style.size, font: style.font, headerFont: style.headerFont, padding: style.cellPadding, rule: style.ruleWidth, lineGap: 1 });
  doc.x = doc.page.margins.left;
  doc.y += layout.body.paragraphGap;
}

export interface GridCell {
  text: string;
  /** External link of the whole cell. */
  link?: string | undefined;
  /** Links inside the cell, each to a section ("Section 1, Section 2"). */
  sections?: { label: string; destination: string }[];
}

export interface GridStyle {
  size: number;
  font: FontRole;
  headerFont: FontRole;
  padding: number;
  rule: number;
  lineGap: number;
}

/** Rows of cells with rules between them; a row never splits, and the header repeats after a page break. Tagged Table/TR/TH/TD. */
export function drawGrid(ctx: PdfContext, x: number, widths: number[], header: (string | GridCell)[], rows: (string | GridCell)[][], style: GridStyle): void {
  const { doc, layout } = ctx;
  const cellOf = (c: string | GridCell): GridCell => (typeof c === 'string' ? { text: c } : c);
  const textOf = (c: GridCell) => (c.sections ? c.sections.map((s) => s.label).join(', ') || '—' : c.text);
  const width = widths.reduce((a, b) => a + b, 0);
  // A word wider than its column is broken to fit it (in the current font).
  const shown = (c: GridCell, i: number) => breakLongWords(doc, textOf(c), widths[i]! - 2 * style.padding);
  const heightOf = (cells: GridCell[], font: FontRole) => {
    doc.font(fontName(font)).fontSize(style.size);
    return Math.max(...cells.map((c, i) => doc.heightOfString(shown(c, i) || ' ', { width: widths[i]! - 2 * style.padding, lineGap: style.lineGap }))) + 2 * style.padding;
  };
  // The header row repeated after a page break is pagination (an artifact): a reader and the words of the law have it once.
  const drawRow = (cells: GridCell[], font: FontRole, role: 'TH' | 'TD', repeated = false) => {
    const height = heightOf(cells, font);
    const top = doc.y;
    let left = x;
    doc.font(fontName(font)).fontSize(style.size).fillColor(layout.colors.text);
    const drawCells = () =>
      cells.forEach((cell, i) => {
        const w = widths[i]! - 2 * style.padding;
        const cellLeft = left;
        const draw = () => drawCell(ctx, repeated ? { text: textOf(cell) } : cell, shown(cell, i), cellLeft + style.padding, top + style.padding, w, style);
        if (repeated) draw();
        else ctx.tags.leaf(role, draw, role === 'TH' ? { scope: 'Column' } : {});
        left += widths[i]!;
      });
    if (repeated) ctx.tags.artifact('Pagination', drawCells);
    else ctx.tags.group('TR', drawCells);
    ctx.tags.artifact('Layout', () =>
      doc
        .moveTo(x, top + height)
        .lineTo(x + width, top + height)
        .lineWidth(style.rule)
        .strokeColor(layout.colors.text)
        .stroke(),
    );
    doc.x = x;
    doc.y = top + height;
  };
  const headerCells = header.map(cellOf);
  ensureSpace(ctx, heightOf(headerCells, style.headerFont) + (rows[0] ? heightOf(rows[0].map(cellOf), style.font) : 0));
  ctx.tags.group('Table', () => {
    drawRow(headerCells, style.headerFont, 'TH');
    for (const row of rows.map((r) => r.map(cellOf))) {
      if (doc.y + heightOf(row, style.font) > doc.page.height - doc.page.margins.bottom) {
        doc.addPage();
        drawRow(headerCells, style.headerFont, 'TH', true);
      }
      drawRow(row, style.font, 'TD');
    }
  });
}

function drawCell(ctx: PdfContext, cell: GridCell, text: string, x: number, y: number, width: number, style: GridStyle): void {
  const { doc, layout } = ctx;
  if (!cell.sections?.length) {
    const link = liveLink(cell.link);
    const draw = () => doc.text(text, x, y, { width, lineGap: style.lineGap, ...(link ? { link } : {}) });
    if (link) ctx.tags.link(draw, text, linkDescription(ctx, { link }, cell.text));
    else draw();
    return;
  }
  // Each section is its own link; labels wrap whole, never splitting "Section 5" from its comma.
  let lineX = x;
  let lineY = y;
  const step = doc.currentLineHeight(true) + style.lineGap;
  cell.sections.forEach((s, j) => {
    const label = j < cell.sections!.length - 1 ? `${s.label},` : s.label;
    const labelWidth = doc.widthOfString(label);
    if (lineX > x && lineX + labelWidth > x + width) {
      lineX = x;
      lineY += step;
    }
    const at = { x: lineX, y: lineY };
    ctx.tags.link(
      () => doc.fillColor(layout.colors.text).text(label, at.x, at.y, { lineBreak: false, goTo: s.destination }),
      s.label,
      linkDescription(ctx, { goTo: s.destination }, s.label),
    );
    lineX += labelWidth + doc.widthOfString(' ');
  });
}

/** Images a paragraph holds, each scaled to the text width and tagged as a figure with its description; one that cannot be read prints its description instead (in the runs). */
function drawImages(ctx: PdfContext, paragraph: Extract<Block, { type: 'paragraph' }>, x: number): void {
  const { doc, layout } = ctx;
  for (const inline of paragraph.children) {
    if (inline.type !== 'image') continue;
    const file = imagePath(inline.source.file.path, inline.url);
    // The model reports an image that may not be shown; it is never embedded.
    if (ctx.world.imageProblem(file, ctx.ordinance.dir) !== null) continue;
    const width = widthFrom(ctx, x);
    ensureSpace(ctx, layout.image.maxHeight);
    ctx.tags.leaf('Figure', () => doc.image(file, x, doc.y, { fit: [width, layout.image.maxHeight] }), { alt: inline.alt || 'Image' });
    doc.y += layout.image.maxHeight + layout.body.paragraphGap;
  }
}
