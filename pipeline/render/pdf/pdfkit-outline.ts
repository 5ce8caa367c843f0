/**
 * The outline (bookmarks): items that open their page at a position, and a
 * root with a /Count, as PDF/A wants.
 */
import type { DocumentClass } from './pdfkit-base.js';

/** Bookmarks at a position; the outline root expanded. */
export function withOutline<B extends DocumentClass>(Base: B) {
  return class Outline extends Base {
    /**
     * A bookmark under `parent` that opens the current page with (x, y), in
     * pdfkit's top-down points, at the window's top left (/XYZ). pdfkit takes
     * the position as options `left` and `top` measured from the page's right
     * and top edges (its private PDFOutline: left = width - options.left);
     * without them it points at the top right corner.
     */
    addBookmark(parent: PDFKit.PDFOutline, title: string, x: number, y: number, options: { expanded?: boolean } = {}): PDFKit.PDFOutline {
      const position = { left: this.page.width - x, top: y };
      return parent.addItem(title, { ...options, ...position } as { expanded?: boolean });
    }

    /**
     * Give the outline root a /Count. pdfkit writes /Count on an outline item
     * only when its private `options.expanded` is set; the root's options are
     * fixed when the document is made and cannot be passed.
     */
    expandOutlineRoot(): void {
      (this.outline as PDFKit.PDFOutline & { options: { expanded?: boolean } }).options = { expanded: true };
    }
  };
}
