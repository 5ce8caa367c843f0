/**
 * Objects written apart from the page content: form XObjects (placed now,
 * written later), pdfkit's name and number trees split within PDF/A-1's
 * array limit, and additions to the XMP metadata.
 */
import type { DocumentClass, PdfkitFont, PdfkitRef, PdfkitTree } from './pdfkit-base.js';

/** Form XObjects and XMP. */
export function withObjects<B extends DocumentClass>(Base: B) {
  return class Objects extends Base {
    /** Add XML to the XMP metadata (pdfkit's appendXML: written inside its rdf:RDF when the document ends). */
    appendXmp(xml: string): void {
      this.appendXML(xml);
    }

    /** A form XObject with `bbox`, to be placed on pages now and written later. */
    formXObject(bbox: [number, number, number, number]): FormXObject {
      const ref = this.ref({ Type: 'XObject', Subtype: 'Form', BBox: bbox, Resources: { Font: {} } }) as unknown as PdfkitRef;
      return new FormXObject(this, ref);
    }
  };
}

/** A form XObject: placed on pages by name, its content written once, at the end. */
export class FormXObject {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly ref: PdfkitRef,
  ) {}

  /** Make the form drawable on the current page as /`name` (pdfkit's page.xobjects: the page's XObject resources). */
  addToPage(name: string): void {
    this.doc.page.xobjects[name] = this.ref;
  }

  /** Draw `text` in `font` at `size` from the form's origin; its glyphs join the font's subset if the document has not ended. */
  writeText(font: PdfkitFont, size: number, text: string): void {
    const [glyphs] = font.encode(text);
    (this.ref.data.Resources as { Font: Record<string, unknown> }).Font[font.id] = font.ref();
    this.ref.write(`BT /${font.id} ${size} Tf 0 0 Td <${glyphs.join('')}> Tj ET`);
  }

  /** Write the form out. */
  end(): void {
    this.ref.end();
  }
}

/** One of pdfkit's name or number trees. */
export class PdfTree {
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly tree: PdfkitTree,
  ) {}

  /** How many entries the tree holds. */
  get size(): number {
    return Object.keys(this.tree._items).length;
  }

  /**
   * Write the entries now as kids of at most `perKid` entries, and make the
   * tree write itself as a root listing them. pdfkit writes a tree as one
   * flat array when the document ends (toString()); a tree written before the
   * document ends must not change afterwards.
   */
  splitIntoKids(perKid: number): void {
    const tree = this.tree;
    const keys = Object.keys(tree._items).sort((a, b) => tree._compareKeys(a, b));
    if (keys.length <= perKid) return;
    const kids: PdfkitRef[] = [];
    for (let i = 0; i < keys.length; i += perKid) {
      const chunk = keys.slice(i, i + perKid);
      const kid = this.doc.ref({
        Limits: [tree._dataForKey(chunk[0]!), tree._dataForKey(chunk[chunk.length - 1]!)],
        [tree._keysName()]: chunk.flatMap((key) => [tree._dataForKey(key), tree._items[key]]),
      }) as unknown as PdfkitRef;
      kid.end();
      kids.push(kid);
    }
    tree.toString = () => `<<\n  /Kids [${kids.map(String).join(' ')}]\n>>`;
  }
}
