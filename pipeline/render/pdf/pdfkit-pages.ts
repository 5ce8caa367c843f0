/**
 * The document's pages: a hook called on the page being left, whether a new
 * page is begun by addPage() or by text running over the bottom; limits on
 * where text ends on each page it runs over (keeping widows and orphans off
 * a page); and a page tree within PDF/A-1's array limit.
 */
import type { DocumentClass, PdfkitRef } from './pdfkit-base.js';

/** Pages listed directly in a page tree node (PDF/A-1 arrays hold at most 8,191 entries). */
const PAGES_PER_NODE = 4000;

/** The leave-page hook and the text bottoms; above withPageTree, so the page being left is finished before a new one is added. */
export function withPages<B extends DocumentClass>(Base: B) {
  return class Pages extends Base {
    // Plain (not #private) fields: pdfkit's constructor calls addPage() before subclass fields exist.
    private pageFinisher: (() => void) | null = null;
    private continuingText = false;
    /** Where the text being drawn must end on each page it continues on, after the current one (null: the page's own bottom). */
    private textBottoms: (number | null)[] = [];

    /**
     * Call `finish` on the page being left, while it is still current, each
     * time a new page begins: by addPage(), or by text running over the bottom
     * (pdfkit's line wrapper calls continueOnNewPage(), which calls addPage()).
     * Overflowing text's marked content is still open when `finish` runs.
     */
    onLeavePage(finish: (() => void) | null): void {
      this.pageFinisher = finish;
    }

    override continueOnNewPage(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
      this.setTextBottom(null);
      this.pageFinisher?.();
      this.continuingText = true;
      try {
        return super.continueOnNewPage(options);
      } finally {
        this.continuingText = false;
        this.setTextBottom(this.textBottoms.shift() ?? null);
      }
    }

    /**
     * Make the text about to be drawn end its lines on the current page above
     * `bottoms[0]`, and on each page it continues on above the next entry
     * (null: the page's bottom margin); [] ends the limits. pdfkit's line
     * wrapper breaks to a new page where a line would pass page.maxY(), which
     * it reads as the text starts and after each page break: a limit is that
     * method, set on the page itself (keeping widows and orphans off a page).
     */
    limitTextBottoms(bottoms: (number | null)[]): void {
      this.textBottoms = bottoms.slice(1);
      this.setTextBottom(bottoms[0] ?? null);
    }

    private setTextBottom(bottom: number | null): void {
      const page = this.page as unknown as { maxY?: () => number };
      if (bottom === null) delete page.maxY;
      else page.maxY = () => bottom;
    }

    override addPage(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
      if (!this.continuingText) this.pageFinisher?.();
      return super.addPage(options);
    }
  };
}

/** Intermediate page tree nodes, so no Kids array passes PDF/A-1's limit. */
export function withPageTree<B extends DocumentClass>(Base: B) {
  return class PageTree extends Base {
    /** Intermediate page tree nodes (see nestPage); undefined until the first is made. */
    private pageNodes: PdfkitRef[] | undefined;

    override addPage(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
      const result = super.addPage(options);
      this.nestPage();
      return result;
    }

    /**
     * Keep the page tree within PDF/A-1's 8,191 entries per array. pdfkit
     * lists every page in the root's /Kids (_root.data.Pages). The first
     * PAGES_PER_NODE pages stay there (a shorter document is written exactly
     * as pdfkit writes it); each later page goes into an intermediate Pages
     * node of at most as many, listed in the root after them. Called as each
     * page is added, before its dictionary is written.
     */
    private nestPage(): void {
      const root = this._root.data.Pages;
      const kids = root.data.Kids as PdfkitRef[];
      if (kids.length <= PAGES_PER_NODE) return;
      const page = kids.pop()!;
      let node = this.pageNodes?.at(-1);
      if (!node || (node.data.Kids as PdfkitRef[]).length >= PAGES_PER_NODE) {
        node = this.ref({ Type: 'Pages', Parent: root, Kids: [], Count: 0 }) as unknown as PdfkitRef;
        kids.push(node);
        this.pageNodes ??= [];
        this.pageNodes.push(node);
      }
      page.data.Parent = node;
      (node.data.Kids as PdfkitRef[]).push(page);
      (node.data as { Count: number }).Count++;
    }

    /** Write the intermediate page tree nodes (their counts are final now), then end the document. */
    override end(): void {
      for (const node of this.pageNodes ?? []) node.end();
      this.pageNodes = [];
      super.end();
    }
  };
}
