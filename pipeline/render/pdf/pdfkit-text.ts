/**
 * Text as pdfkit places it: each piece reported with its line's y (for line
 * numbers), lines measured without drawing, and the font, size, colour and
 * paragraph in progress set aside and put back around page furniture.
 */
import type { DocumentClass, PdfkitDocument, PdfkitFont } from './pdfkit-base.js';

/** What the text layer needs of the fonts below it: a line under or through a piece's glyphs (pdfkit-fonts.ts). */
interface Decorating {
  decorate(text: string, x: number, y: number, options: { underline?: boolean; strike?: boolean; [option: string]: unknown }): void;
}

/** A marked stretch being drawn: its marks, the characters of it not yet placed, whether none is placed yet. */
interface FragmentMarks {
  before: string;
  after: string;
  left: number;
  first: boolean;
}

/** What pdfkit's _fragment reads of its options. */
interface FragmentOptions {
  align?: 'center' | 'justify' | 'left' | 'right';
  wordSpacing?: number;
  underline?: boolean;
  doubleUnderline?: boolean;
  strike?: boolean;
  destination?: string;
  [option: string]: unknown;
}

/** A line's piece of a marked stretch cut where its marks go: its first word read with `before`, its last with `after`, the words between as drawn (actual null). */
function markedSegments(piece: string, before: string, after: string): { text: string; actual: string | null }[] {
  // The spaces between words stay outside the marked words: a reader sees the gap and keeps the words apart.
  const tokens = piece.match(/\s+|\S+/g) ?? [piece];
  const words = tokens.filter((t) => /\S/.test(t)).length;
  if (words <= 1 || (!before && !after)) return [{ text: piece, actual: before || after ? `${before}${piece.trim()}${after}` : null }];
  const take = (from: 'start' | 'end'): string => {
    let text = '';
    while (tokens.length > 0) {
      const token = from === 'start' ? tokens.shift()! : tokens.pop()!;
      text = from === 'start' ? text + token : token + text;
      if (/\S/.test(token)) break;
    }
    return text;
  };
  const head = before ? take('start') : '';
  const tail = after ? take('end') : '';
  const segments: { text: string; actual: string | null }[] = [];
  if (head) segments.push({ text: head, actual: `${before}${head.trim()}` });
  if (tokens.length > 0) segments.push({ text: tokens.join(''), actual: null });
  if (tail) segments.push({ text: tail, actual: `${tail.trim()}${after}` });
  return segments;
}

/** The characters of `text` a piece of it places: not spaces, nor the soft hyphen a line breaker may turn into "-". */
function markedLength(text: string): number {
  return text.replace(/[\s\u00ad-]/g, '').length;
}

/** A PDF text string in UTF-16BE with its byte-order mark, written in hexadecimal (no escaping). */
function pdfTextString(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return `<${hex}>`;
}

/** The font, size and fill colour being drawn with, and the paragraph being drawn in continued runs. */
export interface TextState {
  readonly font: PdfkitFont | null;
  readonly size: number;
  readonly fill: unknown;
  readonly wrapper: unknown;
  readonly textOptions: unknown;
}

/** Text fragments listened to and measured; the text state saved and restored. Above withFonts: a piece reaches the fonts once made plain. */
export function withText<B extends DocumentClass<PdfkitDocument & Decorating>>(Base: B) {
  return class Text extends Base {
    private fragmentListener: ((text: string, y: number) => void) | null = null;
    /** While a marked stretch is drawn (markFragments): what each piece it draws reads as in the text layer. */
    private fragmentMarks: FragmentMarks | null = null;
    /** While text is only measured (measureLines): called with each line's y instead of drawing. */
    private measuring: ((y: number) => void) | null = null;

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

    /**
     * Call `listen` with each piece of text pdfkit places and the y (top of
     * its line) it places it at. pdfkit draws every line and every continued
     * run through the private _fragment(); nothing public reports positions.
     */
    onTextFragment(listen: ((text: string, y: number) => void) | null): void {
      this.fragmentListener = listen;
    }

    /**
     * Draw `draw` (one run of text) with each piece pdfkit places from it on
     * a line marked with the words it reads as (/ActualText in the content
     * stream: what a copy and text extraction take), `before` ahead of its
     * first piece, `after` behind its last ("[inserted: " … "]"). One mark
     * per line, never one across lines: a reader places the replacement text
     * over the box of the glyphs it replaces, and a box across two lines put
     * it out of order.
     */
    markFragments(text: string, before: string, after: string, draw: () => void): void {
      this.fragmentMarks = { before, after, left: markedLength(text), first: true };
      try {
        draw();
      } finally {
        this.fragmentMarks = null;
      }
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
      const marks = this.fragmentMarks;
      if (!marks || markedLength(piece) === 0) {
        super._fragment(piece, x, y, options);
        return;
      }
      marks.left -= markedLength(piece);
      const before = marks.first ? marks.before : '';
      const after = marks.left <= 0 ? marks.after : '';
      marks.first = false;
      const placed = options as FragmentOptions;
      if ((placed.align ?? 'left') !== 'left' || placed.wordSpacing) {
        this.actualText(`${before}${piece.trim()}${after}`, () => super._fragment(piece, x, y, options));
        return;
      }
      // Only the first word carries the opening mark and only the last the closing one: a reader that orders text by
      // its words (pdftotext's layout) read a line made one word by its mark out of order.
      // The line under or through the piece is drawn once, across the pieces and the spaces between them.
      let left = x;
      for (const segment of markedSegments(piece, before, after)) {
        const draw = () =>
          super._fragment(segment.text, left, y, {
            ...placed,
            underline: false,
            strike: false,
            doubleUnderline: false,
            textWidth: this.widthOfString(segment.text, placed),
            wordCount: segment.text.trim().split(/\s+/).length,
            destination: left === x ? placed.destination : undefined,
          });
        if (segment.actual === null) draw();
        else this.actualText(segment.actual, draw);
        left += this.widthOfString(segment.text, placed);
      }
      if (placed.underline || placed.strike || placed.doubleUnderline) this.decorate(piece, x, y, placed);
    }

    /**
     * Draw `draw`'s text as marked content read as `words` (/ActualText),
     * inside its text object: pdfkit draws text in a graphics state of its
     * own (the page flipped), and a reader places the words with the state in
     * force where the marked content ends, so after it the words landed
     * mirrored on the page, and out of order.
     */
    private actualText(words: string, draw: () => void): void {
      const add = this.addContent;
      this.addContent = (data: string) => {
        if (data === 'ET') add.call(this, 'EMC');
        add.call(this, data);
        if (data === 'BT') add.call(this, `/Span << /ActualText ${pdfTextString(words)} >> BDC`);
        return this;
      };
      try {
        draw();
      } finally {
        this.addContent = add;
      }
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
  };
}
