/**
 * Tagging: marked content that stays in the structure tree when text runs
 * over to a new page, artifacts, and the structure parent tree.
 */
import type { DocumentClass, StructureContentInternals, StructureElementInternals } from './pdfkit-base.js';
import { PdfTree } from './pdfkit-objects.js';

/** Artifact types we mark (PDF 1.7, 14.8.2.2.2); pdfkit's type definitions lack 'Background'. */
export type ArtifactType = 'Pagination' | 'Layout' | 'Background';

/** Marked content's owners, continued content entered in the parent tree, artifacts. */
export function withTagging<B extends DocumentClass>(Base: B) {
  return class Tagging extends Base {
    /** The element each marked content of the structure tree was added to. */
    private readonly contentOwners = new WeakMap<PDFKit.PDFStructureContent, PDFKit.PDFStructureElement>();

    /** Note that `content` (marked content of a structure element) belongs to `element`, for registerContinuedContent(). */
    ownContent(content: PDFKit.PDFStructureContent, element: PDFKit.PDFStructureElement): void {
      this.contentOwners.set(content, element);
    }

    /**
     * Text running over the bottom of a page reopens its marked content on the
     * new page (pdfkit's initPageMarkings) and adds the new piece to the same
     * structure content, but pdfkit enters a content's pieces in the page's
     * parent tree only when the content is added to its element: the new page's
     * piece had no parent there, so a reader that finds elements from the page
     * (pdfjs, and with it the words invariant) lost the carried-over text when
     * nothing else of its element was on that page. Enter it now.
     */
    private registerContinuedContent(): void {
      const markings = (this.page as unknown as { markings: { structContent?: PDFKit.PDFStructureContent }[] }).markings;
      for (const { structContent } of markings) {
        const owner = structContent && this.contentOwners.get(structContent);
        const piece = (structContent as unknown as StructureContentInternals | undefined)?.refs.at(-1);
        // pdfkit's element method that enters pieces in the parent tree (private, as _addContentToParentTree).
        if (owner && piece) (owner as unknown as StructureElementInternals)._addContentToParentTree({ refs: [piece] });
      }
    }

    override continueOnNewPage(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
      const result = super.continueOnNewPage(options);
      this.registerContinuedContent();
      return result;
    }

    /** Mark artifact content; pdfkit writes `type` into its property list as given. */
    markArtifact(type: ArtifactType): void {
      this.markContent('Artifact', { type } as PDFKit.Mixins.MarkingOptions);
    }

    /** The structure parent tree (pdfkit's getStructParentTree(), a number tree). */
    structParentTree(): PdfTree {
      return new PdfTree(this, this.getStructParentTree());
    }
  };
}
