/**
 * Text as pdfkit places it: each piece reported with its line's y (for line
 * numbers), lines measured without drawing, and the font, size, colour and
 * paragraph in progress set aside and put back around page furniture.
 */
import type { DocumentClass, PdfkitFont } from './pdfkit-base.js';

/** The font, size and fill colour being drawn with, and the paragraph being drawn in continued runs. */
export interface TextState {
  readonly font: PdfkitFont | null;
  readonly size: number;
  readonly fill: unknown;
  readonly wrapper: unknown;
  readonly textOptions: unknown;
}

/** Text fragments listened to and measured; the text state saved and restored. Above withFonts: a piece reaches the fonts once made plain. */
export function withText<B extends DocumentClass>(Base: B) {
  return class Text extends Base {
    private fragmentListener: ((text: string, y: number) => void) | null = null;
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
      super._fragment(piece, x, y, options);
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
