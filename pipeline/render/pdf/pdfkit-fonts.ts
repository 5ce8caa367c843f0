/**
 * Glyphs: the characters the current font lacks drawn in the first fallback
 * font that has them (a piece split into runs by font), and underline and
 * strike-through over a piece's glyphs, not the spaces at its ends.
 */
import { documentFontOf, fallbackFor } from '../../template/fonts.js';
import type { DocumentClass, PdfkitFont } from './pdfkit-base.js';

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

/** Combining marks, joiners and variation selectors: drawn with the character before them. */
function isJoining(codePoint: number): boolean {
  return /^[\p{M}\u200c\u200d]$/u.test(String.fromCodePoint(codePoint));
}

/** Fallback fonts by character, and decorations that span glyphs. */
export function withFonts<B extends DocumentClass>(Base: B) {
  return class Fonts extends Base {
    private fallbackFiles: readonly string[] = [];
    private readonly fallbackFonts = new Map<string, PdfkitFont>();
    /** By font: the font each non-ASCII code point is drawn in (null: that font itself). */
    private readonly drawnIn = new Map<PdfkitFont, Map<number, PdfkitFont | null>>();

    override _fragment(text: string, x: number, y: number, options: unknown): void {
      const runs = this.fontRuns(text);
      if (!runs) {
        const fragment = options as FragmentOptions;
        // Underline and strike-through span the glyphs, not the spaces a piece begins or ends with; a double underline is ours to draw.
        if ((fragment.underline || fragment.strike || fragment.doubleUnderline) && text.trim() && (/^\s|\s$/.test(text) || fragment.doubleUnderline)) {
          super._fragment(text, x, y, { ...fragment, underline: false, strike: false, doubleUnderline: false });
          this.decorate(text, x, y, fragment);
          return;
        }
        super._fragment(text, x, y, options);
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
    /** Underline or strike through the glyphs of a line piece `text` drawn at `x` (not the spaces it begins or ends with), as `options` say. */
    decorate(text: string, x: number, y: number, options: FragmentOptions): void {
      let wordSpacing: number;
      ({ x, wordSpacing } = this.aligned(text, x, options, this.widthOfString(' ')));
      const core = text.trim();
      // pdfkit draws a spaced piece's words from x, its leading spaces dropped; an unspaced one with them.
      const start = x + (wordSpacing ? 0 : this.widthOfString(/^\s*/.exec(text)![0]));
      const width = this.widthOfString(core) + wordSpacing * (core.split(/\s+/).length - 1);
      const lineWidth = this._fontSize < 10 ? 0.5 : Math.floor(this._fontSize / 10);
      const lines: number[] = [];
      if (options.underline || options.doubleUnderline) lines.push(y + this.currentLineHeight() - lineWidth);
      // The second line under the first, a line's width and a half apart (San Francisco's Board amendments).
      if (options.doubleUnderline) lines.push(y + this.currentLineHeight() + 1.5 * lineWidth);
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
      const from = x;
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
        const pieceOptions = { ...options, align: 'left', textWidth: undefined, wordCount: undefined, wordSpacing, baseline, doubleUnderline: false };
        this.inFont(run.font, () => super._fragment(body, x, y, pieceOptions));
        const spaces = body.match(/\s+/g)?.length ?? 0;
        x += this.inFont(run.font, () => super.widthOfString(body)) + wordSpacing * spaces;
      }
      if (options.doubleUnderline) this.decorate(text, from, y, options);
    }
  };
}
