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
import { documentFontOf, fallbackFor } from '../../template/fonts.js';

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
  readonly font?: { hasGlyphForCodePoint(codePoint: number): boolean };
}

/** A piece of text drawn in one font: `font` null is the current font. */
interface FontRun {
  text: string;
  font: PdfkitFont | null;
}

/** Options of pdfkit's _fragment() that we read or set. */
interface FragmentOptions {
  align?: string;
  width?: number;
  lineWidth?: number;
  textWidth?: number;
  wordCount?: number;
  wordSpacing?: number;
  baseline?: number | string;
  [key: string]: unknown;
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

/** A structure content's pieces: marked content, by page and MCID (pdfkit's PDFStructureContent). */
interface StructureContentInternals {
  refs: { pageRef: unknown; mcid: number }[];
}

/** What of pdfkit's PDFStructureElement we call. */
interface StructureElementInternals {
  _addContentToParentTree(content: StructureContentInternals): void;
}

/** What pdfkit keeps on a document that we read or change. */
interface PdfkitInternals {
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

/** The font, size and fill colour being drawn with, and the paragraph being drawn in continued runs. */
export interface TextState {
  readonly font: PdfkitFont | null;
  readonly size: number;
  readonly fill: unknown;
  readonly wrapper: unknown;
  readonly textOptions: unknown;
}

// pdfkit's type definitions describe its default export as an instance with a construct signature; as a base class it needs a constructor type.
const Base = PDFDocument as unknown as new (options?: PDFKit.PDFDocumentOptions) => PDFKit.PDFDocument & PdfkitInternals;

/** A pdfkit document with the few hooks and internals the council PDF needs, typed. */
export class CouncilDocument extends Base {
  // Plain (not #private) fields: pdfkit's constructor calls addPage() before subclass fields exist.
  private pageFinisher: (() => void) | null = null;
  private continuingText = false;
  private fragmentListener: ((text: string, y: number) => void) | null = null;
  /** While text is only measured (measureLines): called with each line's y instead of drawing. */
  private measuring: ((y: number) => void) | null = null;
  /** Where the text being drawn must end on each page it continues on, after the current one (null: the page's own bottom). */
  private textBottoms: (number | null)[] = [];
  private fallbackFiles: readonly string[] = [];
  /** The /Contents of link annotations being drawn (see describingLinks). */
  private linkDescription: string | null = null;
  /** Intermediate page tree nodes (see nestPage); undefined until the first is made. */
  private pageNodes: PdfkitRef[] | undefined;
  private readonly fallbackFonts = new Map<string, PdfkitFont>();
  /** The element each marked content of the structure tree was added to. */
  private readonly contentOwners = new WeakMap<PDFKit.PDFStructureContent, PDFKit.PDFStructureElement>();
  /** By font: the font each non-ASCII code point is drawn in (null: that font itself). */
  private readonly drawnIn = new Map<PdfkitFont, Map<number, PdfkitFont | null>>();

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
    this.setTextBottom(null);
    this.pageFinisher?.();
    this.continuingText = true;
    try {
      const result = super.continueOnNewPage(options);
      this.registerContinuedContent();
      return result;
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

  /**
   * The top y of each line `layout` would draw, laid out by pdfkit's own
   * line wrapper without drawing anything (no content, links or page breaks:
   * the text must be given a `height`); the cursor is left as it was.
   */
  measureLines(layout: () => void): number[] {
    const lines: number[] = [];
    const saved = { x: this.x, y: this.y };
    this.measuring = (y) => {
      if (lines[lines.length - 1] !== y) lines.push(y);
    };
    try {
      layout();
    } finally {
      this.measuring = null;
      this.x = saved.x;
      this.y = saved.y;
    }
    return lines;
  }

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

  override addPage(options?: PDFKit.PDFDocumentOptions): PDFKit.PDFDocument {
    if (!this.continuingText) this.pageFinisher?.();
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

  /**
   * Call `listen` with each piece of text pdfkit places and the y (top of
   * its line) it places it at. pdfkit draws every line and every continued
   * run through the private _fragment(); nothing public reports positions.
   */
  onTextFragment(listen: ((text: string, y: number) => void) | null): void {
    this.fragmentListener = listen;
  }

  override _fragment(text: string, x: number, y: number, options: unknown): void {
    if (this.measuring) {
      this.measuring(y);
      return;
    }
    // A no-break space only keeps words on one line (wrap.ts keepTogether): it is drawn, and read, as a space.
    const piece = String(text)
      .replace(/\n/g, '')
      .replace(/\u00a0/g, ' ');
    this.fragmentListener?.(piece, y);
    const runs = this.fontRuns(piece);
    if (!runs) {
      const fragment = options as FragmentOptions;
      // Underline and strike-through span the glyphs, not the spaces a piece begins or ends with.
      if ((fragment.underline || fragment.strike) && piece.trim() && /^\s|\s$/.test(piece)) {
        super._fragment(piece, x, y, { ...fragment, underline: false, strike: false });
        this.decorate(piece, x, y, fragment);
        return;
      }
      super._fragment(piece, x, y, options);
      return;
    }
    this.drawFontRuns(runs, x, y, options as FragmentOptions);
  }

  /**
   * Where pdfkit's _fragment() starts a line piece `text` drawn at `x`, and
   * the word spacing it justifies it with (`space`: the width of a space).
   */
  private aligned(text: string, x: number, options: FragmentOptions, space: number): { x: number; wordSpacing: number } {
    let wordSpacing = options.wordSpacing ?? 0;
    if (options.width) {
      if (options.align === 'right') x += (options.lineWidth ?? 0) - this.widthOfString(text.replace(/\s+$/, ''));
      else if (options.align === 'center') x += (options.lineWidth ?? 0) / 2 - (options.textWidth ?? this.widthOfString(text)) / 2;
      else if (options.align === 'justify') {
        const words = text.trim().split(/\s+/).length;
        wordSpacing = Math.max(0, ((options.lineWidth ?? 0) - this.widthOfString(text.replace(/\s+/g, ''))) / Math.max(1, words - 1) - space);
      }
    }
    return { x, wordSpacing };
  }

  /**
   * Underline and strike through the glyphs of `text` as pdfkit's
   * _fragment() would have (same alignment, word spacing, line width and
   * position), from its first glyph to its last.
   */
  private decorate(text: string, x: number, y: number, options: FragmentOptions): void {
    let wordSpacing: number;
    ({ x, wordSpacing } = this.aligned(text, x, options, this.widthOfString(' ')));
    const core = text.trim();
    // pdfkit draws a spaced piece's words from x, its leading spaces dropped; an unspaced one with them.
    const start = x + (wordSpacing ? 0 : this.widthOfString(/^\s*/.exec(text)![0]));
    const width = this.widthOfString(core) + wordSpacing * (core.split(/\s+/).length - 1);
    const lineWidth = this._fontSize < 10 ? 0.5 : Math.floor(this._fontSize / 10);
    const lines: number[] = [];
    if (options.underline) lines.push(y + this.currentLineHeight() - lineWidth);
    if (options.strike) lines.push(y + this.currentLineHeight() / 2);
    this.save();
    this.strokeColor(...((this._fillColor as [PDFKit.Mixins.ColorValue]) ?? ['black']));
    this.lineWidth(lineWidth);
    for (const lineY of lines)
      this.moveTo(start, lineY)
        .lineTo(start + width, lineY)
        .stroke();
    this.restore();
  }

  /**
   * Draw the characters the current font lacks in the first of `files` that
   * has them. pdfkit draws one font per piece of text; this splits a piece
   * into runs by font (widthOfString and _fragment), each font loaded the
   * first time a character needs it, so a document without such characters
   * is drawn, and written, exactly as without fallbacks.
   */
  useFallbackFonts(files: readonly string[]): void {
    this.fallbackFiles = files;
  }

  override widthOfString(text: string, options?: PDFKit.Mixins.TextOptions): number {
    const runs = this.fontRuns(text);
    if (!runs) return super.widthOfString(text, options);
    return runs.reduce((width, run) => width + this.inFont(run.font, () => super.widthOfString(run.text, options)), 0);
  }

  /** `text` as runs by font, or null when the current font draws all of it. */
  private fontRuns(text: string): FontRun[] | null {
    const current = this._font;
    // Printable ASCII is in every text font: the common case costs one test.
    if (!current?.font || this.fallbackFiles.length === 0 || /^[\x20-\x7e]*$/.test(text)) return null;
    let byCodePoint = this.drawnIn.get(current);
    if (!byCodePoint) {
      byCodePoint = new Map();
      this.drawnIn.set(current, byCodePoint);
    }
    const runs: FontRun[] = [];
    for (const char of text) {
      const codePoint = char.codePointAt(0)!;
      let font = codePoint < 0x80 ? null : byCodePoint.get(codePoint);
      if (font === undefined) {
        font = this.fontFor(current, codePoint);
        byCodePoint.set(codePoint, font);
      }
      const last = runs[runs.length - 1];
      // A combining mark or joiner stays with its base character when that run's font has it.
      if (last && font !== last.font && isJoining(codePoint) && (last.font ?? current).font?.hasGlyphForCodePoint(codePoint)) font = last.font;
      if (last && last.font === font) last.text += char;
      else runs.push({ text: char, font });
    }
    return runs.length === 1 && runs[0]!.font === null ? null : runs;
  }

  /** The font `codePoint` is drawn in when `current` is selected: null for `current` (also when no font has it). */
  private fontFor(current: PdfkitFont, codePoint: number): PdfkitFont | null {
    if (current.font?.hasGlyphForCodePoint(codePoint)) return null;
    const index = fallbackFor(this.fallbackFiles, codePoint);
    if (index < 0) return null;
    const file = this.fallbackFiles[index]!;
    let font = this.fallbackFonts.get(file);
    if (!font) {
      // pdfkit's font() opens the file and gives the font its resource name; the current font is put back.
      const saved = { font: this._font, source: this._fontSource, family: this._fontFamily };
      // Registered under its file's name, as the font parsed once per process.
      this.registerFont(file, documentFontOf(file) as unknown as string);
      this.font(file);
      font = this._font!;
      this._font = saved.font;
      this._fontSource = saved.source;
      this._fontFamily = saved.family;
      this.fallbackFonts.set(file, font);
    }
    return font === current ? null : font;
  }

  /** Run `draw` with `font` (null: the current one) as the current font. */
  private inFont<T>(font: PdfkitFont | null, draw: () => T): T {
    if (!font) return draw();
    const saved = this._font;
    this._font = font;
    try {
      return draw();
    } finally {
      this._font = saved;
    }
  }

  /**
   * Draw runs of one line piece side by side from `x`, as pdfkit would draw
   * the whole piece: aligned as a whole, every run on the current font's
   * baseline, justified by the same word spacing; each run carries the
   * piece's link, underline and strike-through over its own width.
   */
  private drawFontRuns(runs: FontRun[], x: number, y: number, options: FragmentOptions): void {
    const text = runs.map((run) => run.text).join('');
    let wordSpacing: number;
    ({ x, wordSpacing } = this.aligned(text, x, options, super.widthOfString(' ')));
    // pdfkit places text by the font's ascender; all runs sit on the current font's baseline.
    const baseline = typeof options.baseline === 'number' ? options.baseline : -((this._font!.ascender / 1000) * this._fontSize);
    for (const run of runs) {
      // pdfkit trims a piece's leading spaces when it spaces words; step over them here.
      const lead = /^\s*/.exec(run.text)![0];
      x += this.inFont(run.font, () => this.widthOfString(lead)) + (wordSpacing ? wordSpacing * lead.length : 0);
      const body = run.text.slice(lead.length);
      if (!body) continue;
      const pieceOptions = { ...options, align: 'left', textWidth: undefined, wordCount: undefined, wordSpacing, baseline };
      this.inFont(run.font, () => super._fragment(body, x, y, pieceOptions));
      const spaces = body.match(/\s+/g)?.length ?? 0;
      x += this.inFont(run.font, () => super.widthOfString(body)) + wordSpacing * spaces;
    }
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

  /**
   * The font, size and fill colour, to put back with restoreTextState(), and
   * the paragraph in progress, set aside. While a paragraph is drawn in
   * continued runs, pdfkit keeps its line wrapper and options on the
   * document: any other text drawn meanwhile (page furniture, when a run
   * carries over to a new page) would be wrapped by that wrapper and inherit
   * those options, and would end the paragraph's wrapper, so the rest of the
   * paragraph was printed over its own first line on the new page, without
   * its line spacing.
   */
  saveTextState(): TextState {
    const state = { font: this._font, size: this._fontSize, fill: this._fillColor, wrapper: this._wrapper, textOptions: this._textOptions };
    this._wrapper = null;
    this._textOptions = null;
    return state;
  }

  /**
   * Put back a saved font, size, fill colour and paragraph in progress, the font without re-selecting it:
   * pdfkit remembers the current font by its file path, not by the name it
   * was registered under, and doc.font(path) opens and parses the file again.
   * pdfkit writes the font (Tf) with every piece of text, so setting it is enough.
   */
  restoreTextState(state: TextState): void {
    this._font = state.font;
    this._fontSize = state.size;
    this._fillColor = state.fill;
    this._wrapper = state.wrapper;
    this._textOptions = state.textOptions;
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

/** Pages listed directly in a page tree node (PDF/A-1 arrays hold at most 8,191 entries). */
const PAGES_PER_NODE = 4000;

/** Combining marks, joiners and variation selectors: drawn with the character before them. */
function isJoining(codePoint: number): boolean {
  return /^[\p{M}\u200c\u200d]$/u.test(String.fromCodePoint(codePoint));
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
