/**
 * Links and destinations: every link annotation in the structure tree and
 * described for a screen reader, a link to another PDF beside this one as a
 * GoToR action, and the named destinations' tree.
 */
import type { DocumentClass, PdfkitRef } from './pdfkit-base.js';
import { PdfTree } from './pdfkit-objects.js';

/** Link annotations tagged, described and (to a PDF beside this one) remote. */
export function withLinks<B extends DocumentClass>(Base: B) {
  return class Links extends Base {
    /** The /Contents of link annotations being drawn (see describingLinks). */
    private linkDescription: string | null = null;

    /**
     * pdfkit gives an external link's annotation to the Link structure element
     * it is drawn in (reading the private _currentStructureElement), but not an
     * internal one's (goTo): do the same for those, so every link annotation
     * belongs to the structure tree.
     */
    override goTo(x: number, y: number, w: number, h: number, name: string, options: PDFKit.Mixins.AnnotationOption = {}): this {
      const current = this._currentStructureElement;
      // pdfkit's annotate() reads structParent; its type definitions lack it.
      const tied: PDFKit.Mixins.AnnotationOption & { structParent?: PDFKit.PDFStructureElement } =
        current?.dictionary.data.S === 'Link' ? { ...options, structParent: current } : options;
      return super.goTo(x, y, w, h, name, tied);
    }

    /**
     * Draw with `description` as the /Contents of each link annotation `draw`
     * makes: what the link goes to, which a screen reader announces with it
     * (PDF/UA: every link annotation has an alternate description).
     */
    describingLinks(description: string, draw: () => void): void {
      const outer = this.linkDescription;
      this.linkDescription = description;
      try {
        draw();
      } finally {
        this.linkDescription = outer;
      }
    }

    /**
     * pdfkit gives a link annotation an empty /Contents (external links drawn
     * in a Link element) or none (internal links): give each the description
     * of describingLinks(), or else its target (the URI or destination name).
     */
    override annotate(x: number, y: number, w: number, h: number, options: PDFKit.Mixins.AnnotationOption): this {
      const annotation = options as PDFKit.Mixins.AnnotationOption & { Subtype?: string; Contents?: unknown; A?: { data?: { URI?: unknown; D?: unknown } } };
      if (annotation.Subtype !== 'Link' || String(annotation.Contents ?? '') !== '') return super.annotate(x, y, w, h, options);
      const destination = annotation.A?.data?.URI ?? annotation.A?.data?.D;
      const target = typeof destination === 'string' || destination instanceof String ? String(destination) : 'Link';
      return super.annotate(x, y, w, h, { ...options, Contents: new String(this.linkDescription ?? target) } as PDFKit.Mixins.AnnotationOption);
    }

    /**
     * A link to a named destination of another PDF beside this one
     * ("la-sanctuary-city.pdf#section-definitions") is a GoToR action to that
     * file and destination, so a viewer opens the other file at the section;
     * any other URL is pdfkit's URI action.
     */
    override link(x: number, y: number, w: number, h: number, url: string | number, options: PDFKit.Mixins.AnnotationOption = {}): this {
      const remote = typeof url === 'string' ? /^([^:/?#\\]+\.pdf)#([^#]+)$/i.exec(url) : null;
      if (!remote) return super.link(x, y, w, h, url as string, options);
      const action = this.ref({ S: 'GoToR', F: new String(remote[1]), D: new String(decodeURIComponent(remote[2]!)) }) as unknown as PdfkitRef;
      action.end();
      // As pdfkit's link(): an annotation tied to a Link element has a /Contents.
      const annotation: Record<string, unknown> = { ...options, Subtype: 'Link', A: action };
      if (annotation.structParent && !annotation.Contents) annotation.Contents = new String('');
      return this.annotate(x, y, w, h, annotation as PDFKit.Mixins.AnnotationOption);
    }

    /** The named destinations (pdfkit's private _root.Names.Dests name tree). */
    namedDestinations(): PdfTree {
      return new PdfTree(this, this._root.data.Names.data.Dests);
    }
  };
}
