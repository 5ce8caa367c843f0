/**
 * Inline text as styled runs, and drawing a paragraph of runs. A `:ref`
 * prints the section's current number, a reference written in prose its own
 * words, and both link to the section (or the subdivision); citations link to the
 * directive's source; deletions are struck through and wrapped in ((...)) so
 * their meaning survives without the formatting.
 */
import { inlineText, WRITTEN } from '../../model/inline-text.js';
import { spaceBetweenMarks } from '../../text/word-diff.js';
import { referenceLabel } from '../../template/vocabulary.js';
import { ownCodeDestination, referenceDestination } from './destinations.js';
import type { Inline } from '../../model/types.js';
import { visitInlines, type Ancestry } from '../../model/visit.js';
import type { Align, FontRole } from '../../template/template-schema.js';
import { fontName, type PdfContext } from './context.js';
import { changeMarks, faceOf, readAsStruck, type ChangeKind, type ChangeMarks } from './marks.js';
import { linkDescription } from './links.js';
import { runOptions } from './pdfkit.js';
import { clearOfFoot, planBreaks, startLines, type BreakPlan } from './breaks.js';
import { breakLongWords, keepTogether } from './wrap.js';

interface Style {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  /** Inserted by an amendment (`:ins`): its own Span, read as inserted. */
  inserted: boolean;
  /** Deleted by an amendment (`:del`): a Span read as deleted where the form marks deletions by type style alone. */
  deleted?: boolean;
  /** Inserted or deleted in a redline between the document's versions, apart from its code changes: read with the form's revision words. */
  revision?: boolean;
  /** Two lines under the words (marks.ts). */
  double?: boolean;
  /** In the layout's alternate family (marks.ts). */
  alternate?: boolean;
  /** External link. */
  link: string | null;
  /** Internal destination name. */
  goTo: string | null;
}

/** A stretch of text in one style. */
export interface Run extends Style {
  text: string;
  /** The section's label run in to its paragraph: drawn first, tagged as the heading before it (Tags.runInHeading). */
  heading?: boolean;
}

const PLAIN: Style = { bold: false, italic: false, underline: false, strike: false, inserted: false, link: null, goTo: null };

/**
 * `url` when it may be a live link: http, https and mailto only. Any other
 * scheme (javascript:, file:, data:...) or a relative path prints as text
 * with no link, whatever the rules' configuration says.
 */
export function liveLink(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^(?:https?:\/\/|mailto:)\S*$/i.test(url) ? url : null;
}

export { sectionDestination } from './destinations.js';

/**
 * The page a citation links to: the directive's source, or, for a pinpoint
 * into a directive whose source shows one section at a time, that section's
 * page; none when the entry lists no page for it, never another section's.
 */
export function citationSource(citation: Pick<Extract<Inline, { type: 'citation' }>, 'directive' | 'pinpoint'>): string | undefined {
  const meta = citation.directive?.meta;
  const pages = meta?.['section-sources'];
  const pattern = meta?.['section-source'];
  if ((!pages && !pattern) || !citation.pinpoint) return meta?.source;
  const section = citation.pinpoint.replace(/\(.*$/, '').trim();
  const listed = pages?.[citation.pinpoint] ?? pages?.[section];
  if (listed || !pattern) return listed;
  // The section's number as its address writes it: "§ 9-1108.11(a)" → "9-1108.11".
  const number = section.replace(/^§+\s*/, '');
  return /^[\w.:-]+$/.test(number) ? pattern.replace('{section}', encodeURIComponent(number)) : undefined;
}

/** The registry id of the jurisdiction's own code, whose sections a code title holds. */
function codeTarget(ctx: PdfContext): string | undefined {
  return ctx.template.jurisdiction.citations?.code?.target;
}

/** Flatten inline content into runs. */
export function toRuns(ctx: PdfContext, inlines: Inline[], style: Partial<Style> = {}): Run[] {
  const runs: Run[] = [];
  const base: Style = { ...PLAIN, ...style };
  // The redline mark just closed: a deletion written against an insertion (":del[date]:ins[date and time]") is spaced from it.
  let closed: 'insertion' | 'deletion' | null = null;
  const push = (text: string, s: Style) => {
    if (text) runs.push({ text, ...s });
    closed = null;
  };
  const spaceAfter = (mark: 'insertion' | 'deletion', at: Ancestry, node: Inline) => {
    // Punctuation that takes the place of punctuation ("felony((.)); or") stands against it, as the law prints it: no space that is in neither text.
    if (closed && closed !== mark && spaceBetweenMarks(runs.at(-1)?.text ?? ' ', inlineText([node], WRITTEN))) push(' ', styleAt(at));
  };
  // A node's style is the paragraph's, changed by each node that holds it, outermost first.
  const styleAt = (at: Ancestry) => at.inlines.reduce((s, holder) => styleWithin(ctx, holder, s), base);
  visitInlines(inlines, {
    inline(node, at) {
      const style = styleAt(at);
      if (node.type === 'insertion' || node.type === 'deletion') spaceAfter(node.type, at, node);
      else if (node.type !== 'text' || node.value) closed = null;
      switch (node.type) {
        case 'text':
        case 'code':
          push(node.value, style);
          break;
        case 'break':
          push('\n', style);
          break;
        case 'citation':
          // The drafter's words are walked as its contents; with none, the directive's own citation form.
          if (node.children.length === 0)
            push(`${node.directive?.meta['cited-as'][0] ?? node.directiveId}${node.pinpoint ? ` ${node.pinpoint}` : ''}`, styleWithin(ctx, node, style));
          break;
        case 'sectionRef':
          // Written in prose, it prints as written; only `:ref` generates its words.
          push(
            node.written ??
              (node.target ? referenceLabel(node.target, node.pinpoint, ctx.template.jurisdiction.vocabulary) : `${ctx.template.jurisdiction.vocabulary.section} ${node.targetId}`),
            {
              ...style,
              goTo: node.target ? referenceDestination(ctx.ordinance, codeTarget(ctx), node.target, node.pinpoint) : null,
            },
          );
          break;
        case 'deletion':
          push(...printedMark(ctx, node, 'open', styleWithin(ctx, node, style)));
          break;
        case 'image':
          // Drawn as a picture by the paragraph; its description stands in the text for readers.
          push(node.alt ? `[Image: ${node.alt}]` : '[Image]', style);
          break;
        case 'placeholder': {
          const { open, close, font } = ctx.layout.placeholder;
          push(`${open}${node.description}${close}`, { ...style, bold: font === 'bold' || font === 'boldItalic' || style.bold });
          break;
        }
      }
    },
    leave(node, at) {
      if (node.type === 'deletion') push(...printedMark(ctx, node, 'close', styleWithin(ctx, node, styleAt(at))));
      if (node.type === 'insertion' || node.type === 'deletion') closed = node.type;
    },
  });
  return typographicQuotes(mergeRuns(runs));
}

/**
 * Straight quotes as typographic ones, across run boundaries (a defined term
 * is its own run, so the quote after it must see the run before). A quote
 * after white space or an opening bracket opens; any other closes.
 */
export function typographicQuotes(runs: Run[]): Run[] {
  let previous = ' ';
  for (const run of runs) {
    let out = '';
    for (const char of run.text) {
      const opening = /[\s([{\u2014\u2013-]/.test(previous);
      if (char === '"') out += opening ? '\u201c' : '\u201d';
      else if (char === "'") out += opening ? '\u2018' : '\u2019';
      else out += char;
      previous = char;
    }
    run.text = out;
  }
  return runs;
}

/** Text printed on its own (a designation), its straight quotes typographic as in the text around it. */
export function typographicText(text: string): string {
  return /["']/.test(text) ? typographicQuotes([{ ...PLAIN, text }])[0]!.text : text;
}

/** The mark printed before or after struck words ("((", "))", the House's "["), in the style of the words it marks: one run with them, so no line breaks between a mark and its word. */
function printedMark(ctx: PdfContext, node: Extract<Inline, { type: 'insertion' | 'deletion' }>, end: 'open' | 'close', style: Style): [string, Style] {
  const marks = changeMarks(ctx.layout, 'deletion', node.revision === true, ctx.redline);
  return [end === 'open' ? marks.printedOpen : marks.printedClose, style];
}

/** The style of what `holder` holds, inside text of style `style`. */
function styleWithin(ctx: PdfContext, holder: Inline, style: Style): Style {
  switch (holder.type) {
    case 'emphasis':
      return { ...style, italic: true };
    case 'strong':
    case 'term':
      return { ...style, bold: true };
    case 'link':
      return { ...style, link: liveLink(holder.url) };
    case 'citation': {
      // A citation of a section of this same code goes to that section (its subdivision); any other, to the directive's source.
      const here = ownCodeDestination(ctx.ordinance, codeTarget(ctx), holder);
      const source = liveLink(citationSource(holder));
      return here ? { ...style, goTo: here, link: null } : { ...style, link: source ?? style.link };
    }
    case 'insertion':
    case 'deletion': {
      const revision = holder.revision === true && ctx.redline;
      const marks = changeMarks(ctx.layout, holder.type, holder.revision === true, ctx.redline);
      const styled = {
        ...style,
        italic: marks.italic || style.italic,
        double: marks.double || style.double === true,
        alternate: marks.alternate || style.alternate === true,
        ...(revision ? { revision: true } : {}),
      };
      return holder.type === 'insertion'
        ? { ...styled, underline: (marks.underline && !marks.double) || style.underline, inserted: true }
        : { ...styled, strike: marks.strike, deleted: true };
    }
    default:
      return style;
  }
}

function sameStyle(a: Run, b: Run): boolean {
  return (
    a.bold === b.bold &&
    a.italic === b.italic &&
    a.underline === b.underline &&
    a.strike === b.strike &&
    a.inserted === b.inserted &&
    Boolean(a.deleted) === Boolean(b.deleted) &&
    Boolean(a.revision) === Boolean(b.revision) &&
    Boolean(a.double) === Boolean(b.double) &&
    Boolean(a.alternate) === Boolean(b.alternate) &&
    a.link === b.link &&
    a.goTo === b.goTo
  );
}

function mergeRuns(runs: Run[]): Run[] {
  const merged: Run[] = [];
  for (const run of runs) {
    const last = merged[merged.length - 1];
    if (last && sameStyle(last, run)) last.text += run.text;
    else merged.push({ ...run });
  }
  return merged;
}

function roleOf(run: Run, base: FontRole): FontRole {
  const bold = run.bold || base === 'bold' || base === 'boldItalic';
  const italic = run.italic || base === 'italic' || base === 'boldItalic';
  return bold && italic ? 'boldItalic' : bold ? 'bold' : italic ? 'italic' : 'regular';
}

/** The registered font a run prints in: its role, in the main family or the alternate one. */
function runFont(run: Run, base: FontRole): string {
  return fontName(faceOf(roleOf(run, base), run.alternate === true));
}

export interface ParagraphOptions {
  x: number;
  width: number;
  size: number;
  lineGap: number;
  align: Align;
  /** First-line indent. */
  indent?: number;
  font?: FontRole;
  /** Y to start at (defaults to the cursor). */
  y?: number;
  /** The first line is placed already (a marker is drawn beside it): it never moves to the next page. */
  fixedStart?: boolean;
}

/** How the document marks the headings and designations a comparison inserts or strikes (marks.ts): in a redline, as the later version's own changes. */
export function comparedMarks(ctx: Pick<PdfContext, 'layout' | 'redline'>, change: ChangeKind): ChangeMarks {
  return changeMarks(ctx.layout, change, true, ctx.redline);
}

/** Draw runs as one wrapped paragraph; the cursor ends below it, and no line of it stands alone at a page's foot or head (breaks.ts). */
export function drawRuns(ctx: PdfContext, runs: Run[], options: ParagraphOptions, headingDone?: () => void): void {
  const { doc, layout } = ctx;
  // The words as written, for an insertion's /ActualText (the runs are prepared for the line breaker).
  const written = new Map(runs.map((run) => [run, run.text]));
  const visible = prepareRuns(ctx, runs, options);
  if (visible.length === 0) return;
  doc.x = options.x;
  if (options.y !== undefined) doc.y = options.y;
  const plan = breakPlan(ctx, visible, options);
  // Inside the paragraph's marked content: pdfkit closes it on this page and reopens it on the next, as for text that runs over.
  if (plan.newPage) doc.continueOnNewPage();
  const optionsFor = (run: Run, index: number) => {
    const common = runOptions({
      continued: index < visible.length - 1,
      underline: run.underline,
      doubleUnderline: run.double === true,
      strike: run.strike,
      // null, not undefined: pdfkit carries undefined options over from the previous run.
      link: run.link,
      goTo: run.goTo,
    });
    return index === 0 ? { ...common, width: options.width, align: options.align, lineGap: options.lineGap, indent: options.indent ?? 0 } : common;
  };
  const drawRun = (run: Run, index: number) => {
    doc.font(runFont(run, options.font ?? 'regular')).fontSize(options.size);
    doc.fillColor(run.link || run.goTo ? layout.colors.link : layout.colors.text);
    const draw = () => (index === 0 ? doc.text(run.text, options.x, doc.y, optionsFor(run, index)) : doc.text(run.text, optionsFor(run, index)));
    // A linked stretch is its own Link element, which owns the link annotation.
    if (run.link || run.goTo) ctx.tags.link(draw, run.text.trim(), linkDescription(ctx, run, run.text.trim()));
    else draw();
  };
  doc.limitTextBottoms(plan.bottoms);
  const marksOf = (run: Run) => changeMarks(layout, run.inserted ? 'insertion' : 'deletion', run.revision === true, run.revision === true);
  // A form that marks deletions by type style alone (no "((…))"): each deleted stretch a Span read as deleted.
  const spanned = (run: Run) => run.inserted || (Boolean(run.deleted) && readAsStruck(marksOf(run)));
  for (let i = 0; i < visible.length; ) {
    if (!spanned(visible[i]!)) {
      drawRun(visible[i]!, i);
      // The run-in heading ends with its run: the paragraph's element takes the rest.
      if (visible[i]!.heading) headingDone?.();
      i++;
      continue;
    }
    // Consecutive inserted runs (a term inside an insertion) are one Span, read and copied as inserted; deleted ones likewise.
    const inserted = visible[i]!.inserted;
    let end = i;
    while (end < visible.length && spanned(visible[end]!) && visible[end]!.inserted === inserted && Boolean(visible[end]!.revision) === Boolean(visible[i]!.revision)) end++;
    const start = i;
    const words = visible
      .slice(start, end)
      .map((r) => written.get(r) ?? r.text)
      .join('')
      .replace(/\s+/g, ' ')
      .trim();
    const { readOpen: open, readClose: close } = marksOf(visible[start]!);
    // Read as marked from the tags (the Span's /ActualText) and from the text layer (each line's piece: markFragments).
    ctx.tags.span(() => {
      for (let j = start; j < end; j++) doc.markFragments(visible[j]!.text, j === start ? open : '', j === end - 1 ? close : '', () => drawRun(visible[j]!, j));
    }, `${open}${words}${close}`);
    i = end;
  }
  doc.limitTextBottoms([]);
  doc.fillColor(layout.colors.text);
  doc.x = options.x;
}

/** The runs with text, edges trimmed, each as the line breaker will see it (citations joined, over-long words cut). */
function prepareRuns(ctx: PdfContext, runs: Run[], options: ParagraphOptions): Run[] {
  const { doc } = ctx;
  const visible = runs.filter((r) => r.text.length > 0);
  if (visible.length === 0) return visible;
  // Collapse the white space Markdown leaves at paragraph edges.
  visible[0]!.text = visible[0]!.text.replace(/^\s+/, '');
  const lastRun = visible[visible.length - 1]!;
  lastRun.text = lastRun.text.replace(/\s+$/, '');
  visible.forEach((run, index) => {
    doc.font(runFont(run, options.font ?? 'regular')).fontSize(options.size);
    run.text = breakLongWords(doc, keepTogether(run.text), options.width - (options.indent ?? 0), index === 0);
  });
  return visible;
}

/** The tops of the lines prepared runs take from the cursor, laid out without drawing (and without a page's foot). */
function measureRuns(ctx: PdfContext, visible: Run[], options: ParagraphOptions): number[] {
  const { doc } = ctx;
  return doc.measureLines(() =>
    visible.forEach((run, index) => {
      doc.font(runFont(run, options.font ?? 'regular')).fontSize(options.size);
      const continued = index < visible.length - 1;
      if (index === 0)
        doc.text(run.text, options.x, doc.y, {
          continued,
          width: options.width,
          align: options.align,
          lineGap: options.lineGap,
          indent: options.indent ?? 0,
          height: MEASURE_HEIGHT,
        });
      else doc.text(run.text, { continued });
    }),
  );
}

/** A height no text reaches: measured text never breaks to a new page. */
const MEASURE_HEIGHT = 1e9;

/** Where the paragraph breaks across pages: measured only when it may reach the page's foot. */
function breakPlan(ctx: PdfContext, visible: Run[], options: ParagraphOptions): BreakPlan {
  const { doc } = ctx;
  doc.font(fontName(options.font ?? 'regular')).fontSize(options.size);
  const height = doc.currentLineHeight(true);
  const line = height + options.lineGap;
  // At most this many lines: no glyph is wider than 0.75 em on average, and wrapping wastes at most a quarter of a line.
  const chars = visible.reduce((n, run) => n + run.text.length, 0);
  const breaks = visible.reduce((n, run) => n + (run.text.match(/\n/g)?.length ?? 0), 0);
  const upper = Math.ceil((chars * options.size * 0.75) / (options.width * 0.75)) + breaks + 1;
  if (clearOfFoot(ctx, doc.y, upper, line)) return { newPage: false, bottoms: [] };
  const ys = measureRuns(ctx, visible, options);
  const plan = planBreaks(ctx, ys, height, options.y !== undefined || options.fixedStart === true);
  if (!plan.newPage) return plan;
  // On the next page the lines keep their spacing from its top; only a widow is left to plan there.
  const top = doc.page.margins.top;
  const shifted = planBreaks(
    ctx,
    ys.map((y) => y - ys[0]! + top),
    height,
    true,
  );
  return { newPage: true, bottoms: shifted.bottoms };
}

/** The height a paragraph keeps together where it starts (startLines), for what must stay with it (a heading before it). */
export function paragraphStart(ctx: PdfContext, runs: Run[], options: ParagraphOptions): number {
  const { doc } = ctx;
  const visible = prepareRuns(
    ctx,
    runs.map((r) => ({ ...r })),
    options,
  );
  if (visible.length === 0) return 0;
  const ys = measureRuns(ctx, visible, options);
  doc.font(fontName(options.font ?? 'regular')).fontSize(options.size);
  const lines = startLines(ys.length);
  return ys[lines - 1]! - ys[0]! + doc.currentLineHeight(true);
}
