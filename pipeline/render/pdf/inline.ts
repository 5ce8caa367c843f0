/**
 * Inline text as styled runs, and drawing a paragraph of runs. References
 * print the section's current number and link to it; citations link to the
 * directive's source; deletions are struck through and wrapped in ((...)) so
 * their meaning survives without the formatting.
 */
import { referenceLabel } from '../../resolve/resolve.js';
import type { Inline } from '../../model/types.js';
import { visitInlines, type Ancestry } from '../../model/visit.js';
import type { Align, FontRole } from '../../template/schema.js';
import { fontName, type PdfContext } from './context.js';
import { runOptions } from './pdfkit.js';
import { breakLongWords } from './wrap.js';

interface Style {
  bold: boolean;
  italic: boolean;
  underline: boolean;
  strike: boolean;
  /** External link. */
  link: string | null;
  /** Internal destination name. */
  goTo: string | null;
}

/** A stretch of text in one style. */
export interface Run extends Style {
  text: string;
}

const PLAIN: Style = { bold: false, italic: false, underline: false, strike: false, link: null, goTo: null };

/**
 * `url` when it may be a live link: http, https and mailto only. Any other
 * scheme (javascript:, file:, data:...) or a relative path prints as text
 * with no link, whatever the rules' configuration says.
 */
export function liveLink(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^(?:https?:\/\/|mailto:)\S*$/i.test(url) ? url : null;
}

/** Named destination of a section's heading. */
export function sectionDestination(id: string): string {
  return `section-${id}`;
}

const designations = new WeakMap<PdfContext['ordinance'], Map<string, string>>();

/** Section ids by their designation ("24-211.07"), for citations of the code's own sections. */
function sectionByDesignation(ctx: PdfContext): Map<string, string> {
  let map = designations.get(ctx.ordinance);
  if (!map) {
    map = new Map(ctx.ordinance.sections.filter((s) => s.designation).map((s) => [s.designation!, s.id]));
    designations.set(ctx.ordinance, map);
  }
  return map;
}

/** "§ 24-211.07(b)(1)" → "24-211.07". */
function designationOf(pinpoint: string | undefined): string {
  return (pinpoint ?? '').replace(/^§\s*/, '').replace(/\(.*$/, '');
}

/** Flatten inline content into runs. */
export function toRuns(ctx: PdfContext, inlines: Inline[], style: Partial<Style> = {}): Run[] {
  const runs: Run[] = [];
  const base: Style = { ...PLAIN, ...style };
  const push = (text: string, s: Style) => {
    if (text) runs.push({ text, ...s });
  };
  // A node's style is the paragraph's, changed by each node that holds it, outermost first.
  const styleAt = (at: Ancestry) => at.inlines.reduce((s, holder) => styleWithin(ctx, holder, s), base);
  visitInlines(inlines, {
    inline(node, at) {
      const style = styleAt(at);
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
          push(node.target ? referenceLabel(node.target, node.pinpoint) : `Section ${node.targetId}`, {
            ...style,
            goTo: node.target ? sectionDestination(node.target.id) : null,
          });
          break;
        case 'deletion':
          push(ctx.layout.amendment.deletionOpen, { ...style, strike: true });
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
      if (node.type === 'deletion') push(ctx.layout.amendment.deletionClose, { ...styleAt(at), strike: true });
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
      // A citation of a section of this same code goes to that section; any other, to the directive's source.
      const here = holder.directiveId === ctx.template.jurisdiction.citations?.code?.target ? sectionByDesignation(ctx).get(designationOf(holder.pinpoint)) : undefined;
      const source = liveLink(holder.directive?.meta.source);
      return here ? { ...style, goTo: sectionDestination(here), link: null } : { ...style, link: source ?? style.link };
    }
    case 'insertion':
      return { ...style, underline: true };
    case 'deletion':
      return { ...style, strike: true };
    default:
      return style;
  }
}

function sameStyle(a: Run, b: Run): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.underline === b.underline && a.strike === b.strike && a.link === b.link && a.goTo === b.goTo;
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
}

/** Draw runs as one wrapped paragraph; the cursor ends below it. */
export function drawRuns(ctx: PdfContext, runs: Run[], options: ParagraphOptions): void {
  const { doc, layout } = ctx;
  const visible = runs.filter((r) => r.text.length > 0);
  if (visible.length === 0) return;
  // Collapse the white space Markdown leaves at paragraph edges.
  visible[0]!.text = visible[0]!.text.replace(/^\s+/, '');
  const lastRun = visible[visible.length - 1]!;
  lastRun.text = lastRun.text.replace(/\s+$/, '');
  doc.x = options.x;
  if (options.y !== undefined) doc.y = options.y;
  visible.forEach((run, index) => {
    const last = index === visible.length - 1;
    doc.font(fontName(roleOf(run, options.font ?? 'regular'))).fontSize(options.size);
    run.text = breakLongWords(doc, run.text, options.width - (options.indent ?? 0), index === 0);
    doc.fillColor(run.link || run.goTo ? layout.colors.link : layout.colors.text);
    const common = runOptions({
      continued: !last,
      underline: run.underline,
      strike: run.strike,
      // null, not undefined: pdfkit carries undefined options over from the previous run.
      link: run.link,
      goTo: run.goTo,
    });
    const draw = () =>
      index === 0
        ? doc.text(run.text, options.x, doc.y, { ...common, width: options.width, align: options.align, lineGap: options.lineGap, indent: options.indent ?? 0 })
        : doc.text(run.text, common);
    // A linked stretch is its own Link element, which owns the link annotation.
    if (run.link || run.goTo) ctx.tags.link(draw, run.text.trim());
    else draw();
  });
  doc.fillColor(layout.colors.text);
  doc.x = options.x;
}
