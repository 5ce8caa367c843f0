/**
 * What pdfkit keeps on a document beyond its documented API, typed as far as
 * the council PDF reads or changes it, and the base class the concerns of
 * `CouncilDocument` (pdfkit.ts) are mixed into, as pdfkit assembles its own
 * PDFDocument from mixins. The internals are those of pdfkit 0.20.2, pinned
 * exactly in package.json; test/pdfkit.test.ts pins each use of them.
 */
import PDFDocument from 'pdfkit';

/** pdfkit's font object (an EmbeddedFont for our TTF files), as far as we use it. */
export interface PdfkitFont {
  /** The resource name on pages ("F2"). */
  readonly id: string;
  /** Ascent in thousandths of the font size. */
  readonly ascender: number;
  /** The font dictionary's reference (created on first use, finalized when the document ends). */
  ref(): PDFKit.PDFKitReference;
  /** Glyph ids as hex strings, adding the glyphs to the embedded subset. */
  encode(text: string): [string[], unknown[]];
  /** The fontkit font it embeds (an EmbeddedFont's `font`; standard fonts have none). */
  readonly font?: FontkitFont;
}

/** What we read of a fontkit font: its glyph coverage, and its layout of a string into glyphs with outlines (the watermark's). */
export interface FontkitFont {
  hasGlyphForCodePoint(codePoint: number): boolean;
  unitsPerEm: number;
  layout(text: string): {
    glyphs: { path: GlyphPath }[];
    positions: { xAdvance: number; xOffset: number; yOffset: number }[];
  };
}

/** A glyph's outline, as fontkit gives it. */
export interface GlyphPath {
  scale(x: number, y: number): GlyphPath;
  translate(x: number, y: number): GlyphPath;
  toSVG(): string;
}

/** A pdfkit PDFReference as we use it: its dictionary, stream and end. */
export interface PdfkitRef {
  data: Record<string, unknown>;
  write(chunk: string): void;
  end(): void;
  toString(): string;
}

/** pdfkit's PDFTree (PDFNameTree, PDFNumberTree): items by key, written as one flat array by toString(). */
export interface PdfkitTree {
  _items: Record<string, unknown>;
  _compareKeys(a: string, b: string): number;
  /** "Names" or "Nums". */
  _keysName(): string;
  /** The key as written into the PDF (a string object or a number). */
  _dataForKey(key: string): unknown;
  toString(encrypt?: unknown): string;
}

/** A structure content's pieces: marked content, by page and MCID (pdfkit's PDFStructureContent). */
export interface StructureContentInternals {
  refs: { pageRef: unknown; mcid: number }[];
}

/** What of pdfkit's PDFStructureElement we call. */
export interface StructureElementInternals {
  _addContentToParentTree(content: StructureContentInternals): void;
}

/** What pdfkit keeps on a document that we read or change. */
export interface PdfkitInternals {
  _font: PdfkitFont | null;
  _fontSize: number;
  _fontSource: unknown;
  _fontFamily: unknown;
  _fillColor: unknown;
  /** The line wrapper of a paragraph drawn in continued runs, and the options its next run inherits. */
  _wrapper: unknown;
  _textOptions: unknown;
  _root: { data: { Pages: PdfkitRef; Names: { data: { Dests: PdfkitTree } } } };
  _currentStructureElement?: PDFKit.PDFStructureElement & { dictionary: { data: { S?: string } } };
  getStructParentTree(): PdfkitTree;
  _fragment(text: string, x: number, y: number, options: unknown): void;
}

/** A pdfkit document with the internals we use. */
export type PdfkitDocument = PDFKit.PDFDocument & PdfkitInternals;

/** What a concern of the document is mixed into: a pdfkit document class. */
// biome-ignore lint/suspicious/noExplicitAny: a mixin's base must be a constructor of any[] (TypeScript's mixin rule).
export type DocumentClass<T extends PdfkitDocument = PdfkitDocument> = new (...args: any[]) => T;

/**
 * pdfkit's PDFDocument as the base class the concerns are mixed into. pdfkit's type definitions describe its
 * default export as an instance with a construct signature; as a base class it needs a constructor type.
 */
export const PdfkitBase = PDFDocument as unknown as DocumentClass;
