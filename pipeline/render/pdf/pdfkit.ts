/**
 * The one place that reaches into pdfkit beyond its documented API. Every
 * other render module uses pdfkit's public methods and the typed methods of
 * `CouncilDocument` here. Each use of an internal says what pdfkit does that
 * we depend on, and why; test/pdfkit.test.ts pins each of them, so a pdfkit
 * upgrade that changes one fails there, naming it, instead of drawing wrong
 * pages. The internals are those of pdfkit 0.20.2, pinned exactly in
 * package.json.
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
}

/** A pdfkit PDFReference as we use it: its dictionary, stream and end. */
interface PdfkitRef {
  data: Record<string, unknown>;
  write(chunk: string): void;
  end(): void;
  toString(): string;
}

/** pdfkit's PDFTree (PDFNameTree, PDFNumberTree): items by key, written as one flat array by toString(). */
interface PdfkitTree {
  _items: Record<string, unknown>;
  _compareKeys(a: string, b: string): number;
  /** "Names" or "Nums". */
  _keysName(): string;
  /** The key as written into the PDF (a string object or a number). */
  _dataForKey(key: string): unknown;
  toString(encrypt?: unknown): string;
}

/** What pdfkit keeps on a document that we read or change. */
interface PdfkitInternals {
  _font: PdfkitFont | null;
  _fontSize: number;
  _fillColor: unknown;
  _root: { data: { Names: { data: { Dests: PdfkitTree } } } };
  _currentStructureElement?: PDFKit.PDFStructureElement & { dictionary: { data: { S?: string } } };
  getStructParentTree(): PdfkitTree;
  _fragment(text: string, x: number, y: number, options: unknown): void;
}

/** The subsets pdfkit knows; its type definitions lack 'PDF/UA'. */
export type PdfSubset = PDFKit.Mixins.PDFSubsets | 'PDF/UA';

export interface CouncilDocumentOptions extends Omit<PDFKit.PDFDocumentOptions, 'subset'> {
  subset?: PdfSubset;
}

/** Artifact types we mark (PDF 1.7, 14.8.2.2.2); pdfkit's type definitions lack 'Background'. */
export type ArtifactType = 'Pagination' | 'Layout' | 'Background';

/** Structure element options; pdfkit 0.20 reads `scope` (a TH's /Scope attribute), its type definitions lack it. */
export interface StructureOptions extends PDFKit.Mixins.StructureElementOptions {
  scope?: 'Row' | 'Column' | 'Both';
}

/** The font, size and fill colour being drawn with. */
export interface TextState {
  readonly font: PdfkitFont | null;
  readonly size: number;
  readonly fill: unknown;
}

// pdfkit's type definitions describe its default export as an instance with a construct signature; as a base class it needs a constructor type.
const Base = PDFDocument as unknown as new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument & PdfkitInternals;

/** A pdfkit document with the few hooks and internals the council PDF needs, typed. */
export class CouncilDocument extends Base {
  // Plain (not #private) fields: pdfkit's constructor calls addPage() before subclass fields exist.
  private pageFinisher: (() => void) | null = null;
  private continuingText = false;
  private fragmentListener: ((text: string, y: number) => void) | null = null;

  constructor(options: CouncilDocumentOptions) {
    super(options as PDFKit.PDFDocumentOptions);
  }

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
    this.pageFinisher?.();
    this.continuingText = true;
    try {
      return super.continueOnNewPage(options);
    } finally {
      this.continuingText = false;
    }
  }

  override addPage(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
    if (!this.continuingText) this.pageFinisher?.();
    return super.addPage(options);
  }

  /**
   * Call `listen` with each piece of text pdfkit places and the y (top of
   * its line) it places it at. pdfkit draws every line and every continued
   * run through the private _fragment(); nothing public reports positions.
   */
  onTextFragment(listen: ((text: string, y: number) => void) | null): void {
    this.fragmentListener = listen;
  }

  override _fragment(text: string, x: number, y: number, options: unknown): void {
    this.fragmentListener?.(String(text), y);
    super._fragment(text, x, y, options);
  }

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

  /** Add XML to the XMP metadata (pdfkit's appendXML: written inside its rdf:RDF when the document ends). */
  appendXmp(xml: string): void {
    this.appendXML(xml);
  }

  /**
   * Give the outline root a /Count. pdfkit writes /Count on an outline item
   * only when its private `options.expanded` is set; the root's options are
   * fixed when the document is made and cannot be passed.
   */
  expandOutlineRoot(): void {
    (this.outline as PDFKit.PDFOutline & { options: { expanded?: boolean } }).options = { expanded: true };
  }

  /** Mark artifact content; pdfkit writes `type` into its property list as given. */
  markArtifact(type: ArtifactType): void {
    this.markContent('Artifact', { type } as PDFKit.Mixins.MarkingOptions);
  }

  /** The font being drawn with (pdfkit's private _font). */
  currentFont(): PdfkitFont | null {
    return this._font;
  }

  /** The font size being drawn with (pdfkit's private _fontSize). */
  currentFontSize(): number {
    return this._fontSize;
  }

  /** The font, size and fill colour, to put back with restoreTextState(). */
  saveTextState(): TextState {
    return { font: this._font, size: this._fontSize, fill: this._fillColor };
  }

  /**
   * Put back a saved font, size and fill colour without re-selecting them:
   * pdfkit remembers the current font by its file path, not by the name it
   * was registered under, and doc.font(path) opens and parses the file again.
   * pdfkit writes the font (Tf) with every piece of text, so setting it is enough.
   */
  restoreTextState(state: TextState): void {
    this._font = state.font;
    this._fontSize = state.size;
    this._fillColor = state.fill;
  }

  /** A form XObject with `bbox`, to be placed on pages now and written later. */
  formXObject(bbox: [number, number, number, number]): FormXObject {
    const ref = this.ref({ Type: 'XObject', Subtype: 'Form', BBox: bbox, Resources: { Font: {} } }) as unknown as PdfkitRef;
    return new FormXObject(this, ref);
  }

  /** The named destinations (pdfkit's private _root.Names.Dests name tree). */
  namedDestinations(): PdfTree {
    return new PdfTree(this, this._root.data.Names.data.Dests);
  }

  /** The structure parent tree (pdfkit's getStructParentTree(), a number tree). */
  structParentTree(): PdfTree {
    return new PdfTree(this, this.getStructParentTree());
  }
}

/** A form XObject: placed on pages by name, its content written once, at the end. */
export class FormXObject {
  constructor(
    private readonly doc: CouncilDocument,
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
    private readonly doc: CouncilDocument,
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

/**
 * Text for the document information: pdfkit writes info values into the Info
 * dictionary through valueOf() and into the XMP metadata through toString()
 * (a template literal), without escaping. A String object whose toString()
 * is XML-escaped keeps both right.
 */
export function infoText(text: string): string {
  const value = new String(text);
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  value.toString = () => escaped;
  return value as unknown as string;
}

/** A run of a paragraph: `link` and `goTo` null say "no link" (see runOptions). */
export interface RunOptions extends Omit<PDFKit.Mixins.TextOptions, 'link' | 'goTo'> {
  link: string | null;
  goTo?: string | null;
}

/**
 * Text options for one run of a continued paragraph. pdfkit carries every
 * option a continued run leaves undefined over from the run before (its
 * private _textOptions); it tests links with `!= null`, so null ends a link
 * where undefined would extend it.
 */
export function runOptions(options: RunOptions): PDFKit.Mixins.TextOptions {
  return options as unknown as PDFKit.Mixins.TextOptions;
}
