/**
 * Where a paragraph breaks across pages: never one line of it alone at the
 * foot of a page (an orphan) or at the head of the next (a widow). A
 * paragraph that may reach the page's foot is laid out once by pdfkit's own
 * line wrapper without drawing (CouncilDocument.measureLines); its lines are
 * then dealt to pages, and the page before its last is made to end a line
 * early where the last would hold one line alone. Paragraphs well clear of
 * the foot, most of them, are never measured.
 */
import type { PdfContext } from './context.js';

/** Where a paragraph's text must end on each page it is drawn on; `newPage`: it starts on the next page. */
export interface BreakPlan {
  newPage: boolean;
  /** For each page from the first: the y its lines must end above (null: the page's bottom margin). */
  bottoms: (number | null)[];
}

/** The lines a paragraph of `count` lines keeps together where it starts: all of 3 or fewer (2 + 1 would leave a widow), else 2. */
export function startLines(count: number): number {
  return count <= 3 ? count : 2;
}

/** Whether a paragraph of at most `upper` lines of `line` points, starting at `y`, surely ends above the page's foot. */
export function clearOfFoot(ctx: PdfContext, y: number, upper: number, line: number): boolean {
  const { doc } = ctx;
  return y + (upper + 1) * line <= doc.page.height - doc.page.margins.bottom;
}

/**
 * Deal the lines at `ys` (tops, laid out from the cursor as if the page had
 * no foot; each `height` tall) to pages as pdfkit's wrapper would, moving a
 * line where one would stand alone. `fixedStart`: the paragraph's first
 * line is placed already (a marker beside it), so it never moves to the next page.
 */
export function planBreaks(ctx: PdfContext, ys: number[], height: number, fixedStart: boolean): BreakPlan {
  const { doc } = ctx;
  const none: BreakPlan = { newPage: false, bottoms: [] };
  const count = ys.length;
  if (count < 2) return none;
  const foot = doc.page.height - doc.page.margins.bottom;
  const top = doc.page.margins.top;
  const step = ys[1]! - ys[0]!;
  // pdfkit keeps a line on the page while its top plus the line's height stays above the foot.
  const first = ys.filter((y) => y + height <= foot).length;
  if (first >= count) return none;
  const perPage = Math.max(1, Math.floor((foot - top - height) / step) + 1);
  const deal = (onFirst: number): number[] => {
    const pages = [onFirst];
    for (let left = count - onFirst; left > 0; left -= perPage) pages.push(Math.min(perPage, left));
    return pages;
  };
  // An orphan: one line alone at the foot of the first page.
  if (first < 2 && !fixedStart) return { newPage: true, bottoms: [] };
  const pages = deal(first);
  // A widow: the last page holds one line; the page before gives it one more, or, holding only two, the paragraph starts on the next page.
  if (pages.length >= 2 && pages[pages.length - 1] === 1) {
    const before = pages.length - 2;
    if (pages[before]! >= 3) {
      pages[before]!--;
      pages[pages.length - 1]!++;
    } else if (before === 0 && !fixedStart && count <= perPage) {
      return { newPage: true, bottoms: [] };
    }
  }
  // The bottom each page's last line must end above: halfway past it towards the next line's foot.
  const bottoms = pages.slice(0, -1).map((lines, i) => {
    const capacity = i === 0 ? first : perPage;
    if (lines >= capacity) return null;
    const last = i === 0 ? ys[lines - 1]! : top + (lines - 1) * step;
    return last + height + step / 2;
  });
  return { newPage: false, bottoms };
}
