/**
 * The geometry invariant, on every page: no two pieces of text overlap (two
 * lines printed over each other, the running header over "Page X of Y",
 * body text over the header, footer or line numbers), nothing of the body
 * lies outside the page's margins, nothing at all outside the page, and each
 * line number sits beside a line of the body, and the lines of one paragraph
 * (any element of the structure tree holding text) are evenly spaced on a
 * page (a blank line inside it is a whole step), so none lost its line spacing. The watermark, drawn turned across
 * the page on purpose, is left out.
 */
import type { PageReadBack, PlacedText, StructNode } from './read-pdf.js';

export interface Margins {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

export interface GeometryProblem {
  /** 1-based. */
  page: number;
  kind: 'overlap' | 'outside-margins' | 'off-page' | 'line-number' | 'line-spacing';
  message: string;
}

/** A glyph box's extent from the baseline, as parts of the font size (the text fonts' ascent and descent, rounded in). */
const ASCENT = 0.7;
const DESCENT = 0.18;
/** Points two boxes may share before they count as overlapping (adjacent runs of a line touch). */
const SLACK = 0.5;

interface Box {
  text: PlacedText;
  left: number;
  right: number;
  bottom: number;
  top: number;
}

function boxOf(text: PlacedText): Box {
  return { text, left: text.x, right: text.x + text.width, bottom: text.y - DESCENT * text.size, top: text.y + ASCENT * text.size };
}

function quoted(text: PlacedText): string {
  const s = text.str.length > 40 ? `${text.str.slice(0, 40)}…` : text.str;
  return `"${s}"${text.artifact ? ' (furniture)' : ''}`;
}

/** Every geometry problem of `pages`, whose body lies within `margins`. */
export function checkGeometry(pages: PageReadBack[], margins: Margins): GeometryProblem[] {
  const problems: GeometryProblem[] = [];
  pages.forEach((page, index) => {
    const number = index + 1;
    const boxes = page.texts.filter((t) => !t.rotated && t.str.trim() !== '' && t.width > 0).map(boxOf);
    // Overlaps: sorted by top, each box meets only those that start above its bottom.
    boxes.sort((a, b) => b.top - a.top);
    for (let i = 0; i < boxes.length; i++) {
      const a = boxes[i]!;
      for (let k = i + 1; k < boxes.length && boxes[k]!.top > a.bottom + SLACK; k++) {
        const b = boxes[k]!;
        if (Math.min(a.right, b.right) - Math.max(a.left, b.left) > SLACK && Math.min(a.top, b.top) - Math.max(a.bottom, b.bottom) > SLACK) {
          problems.push({ page: number, kind: 'overlap', message: `${quoted(a.text)} and ${quoted(b.text)} overlap` });
        }
      }
    }
    const body = { left: margins.left - SLACK, right: page.width - margins.right + SLACK, bottom: margins.bottom - SLACK, top: page.height - margins.top + SLACK };
    for (const box of boxes) {
      if (box.left < -SLACK || box.right > page.width + SLACK || box.bottom < -SLACK || box.top > page.height + SLACK) {
        problems.push({ page: number, kind: 'off-page', message: `${quoted(box.text)} lies outside the page` });
      } else if (!box.text.artifact && (box.left < body.left || box.right > body.right || box.bottom < body.bottom || box.top > body.top)) {
        problems.push({ page: number, kind: 'outside-margins', message: `${quoted(box.text)} lies outside the margins` });
      }
    }
    // Line numbers: furniture in the left margin, beside lines printed in the body's area (its text, or a table's header row repeated on the page).
    const bodyBaselines = boxes.filter((b) => b.left >= margins.left - SLACK).map((b) => b.text);
    for (const box of boxes) {
      const text = box.text;
      if (!text.artifact || !/^\d+$/.test(text.str.trim()) || box.right > margins.left || text.y < margins.bottom || text.y > page.height - margins.top) continue;
      const beside = bodyBaselines.some((line) => Math.abs(line.y - text.y) <= 0.4 * line.size);
      if (!beside) problems.push({ page: number, kind: 'line-number', message: `line number ${text.str.trim()} is beside no line of the body` });
    }
    problems.push(...unevenLines(page, number));
  });
  return problems;
}

/** Points the distance between two lines of one paragraph may vary by. */
const SPACING_SLACK = 1;
/** Structure elements whose text runs on within the paragraph around them. */
const INLINE = new Set(['Link', 'Span', 'Quote', 'Note', 'Reference', 'Code']);

/** Paragraphs whose lines on the page are not evenly spaced: the distance between two lines differs from that between two others. */
function unevenLines(page: PageReadBack, number: number): GeometryProblem[] {
  if (!page.structure) return [];
  // The paragraph (the nearest element that is not inline) of each marked content on the page.
  const paragraphOf = new Map<string, StructNode>();
  const walk = (node: StructNode, paragraph: StructNode | null) => {
    if (node.type === 'content' && node.id) {
      if (paragraph) paragraphOf.set(node.id, paragraph);
      return;
    }
    const own = node.role && !INLINE.has(node.role) ? node : paragraph;
    for (const child of node.children ?? []) walk(child, own);
  };
  walk(page.structure, null);
  const baselines = new Map<StructNode, { ys: Set<number>; first: string }>();
  for (const text of page.texts) {
    const paragraph = text.content && !text.artifact && !text.rotated && text.str.trim() ? paragraphOf.get(text.content) : undefined;
    if (!paragraph) continue;
    let lines = baselines.get(paragraph);
    if (!lines) {
      lines = { ys: new Set(), first: text.str };
      baselines.set(paragraph, lines);
    }
    lines.ys.add(Math.round(text.y * 10) / 10);
  }
  const problems: GeometryProblem[] = [];
  for (const { ys, first } of baselines.values()) {
    if (ys.size < 3) continue;
    const sorted = [...ys].sort((a, b) => b - a);
    const gaps = sorted.slice(1).map((y, i) => sorted[i]! - y);
    const least = Math.min(...gaps);
    const most = Math.max(...gaps);
    // A blank line (a signature's line, two line breaks) is a whole step more.
    if (gaps.some((gap) => Math.abs(gap - Math.round(gap / least) * least) > SPACING_SLACK)) {
      problems.push({
        page: number,
        kind: 'line-spacing',
        message: `the lines of the paragraph starting ${JSON.stringify(first.slice(0, 40))} are ${least.toFixed(1)} to ${most.toFixed(1)} points apart`,
      });
    }
  }
  return problems;
}
