/**
 * Which characters a layout's fonts can print: the four faces, then the
 * fallback chain (CJK, Arabic, Devanagari, Armenian, symbols, emoji) in
 * order. A font's character set is read from its cmap once per process, and
 * only when a character outside the fonts before it asks for it, so text
 * in the main fonts' scripts never opens a large CJK font. `check` uses this
 * to report a character no font has; the renderer, to pick the fallback font
 * that prints a character its face lacks.
 */
import { createRequire } from 'node:module';
import { isControlCharacter, isNoncharacter } from '../text/characters.js';

/** fontkit's font, as far as we use it here (pdfkit takes it whole). */
export interface FontkitFont {
  characterSet: number[];
  layout(text: string): unknown;
}

/** fontkit, loaded when a font is first read: a warm `check` reads none. */
let fontkit: { openSync(file: string): FontkitFont } | undefined;

const fonts = new Map<string, FontkitFont>();

/**
 * The font in `file`, parsed once per process. Every PDF of a run draws with
 * the same font objects (pdfkit keeps each document's subset apart), so their
 * tables are read, and their glyphs laid out, once, not once per document.
 */
export function fontOf(file: string): FontkitFont {
  let font = fonts.get(file);
  if (!font) {
    fontkit ??= createRequire(import.meta.url)('fontkit') as { openSync(file: string): FontkitFont };
    font = fontkit.openSync(file);
    fonts.set(file, font);
  }
  return font;
}

/**
 * The font in `file` for one document: the font parsed once per process
 * (its tables shared), with a glyph cache of its own. fontkit keeps each
 * glyph with the characters it was first laid out for, and pdfkit maps a
 * glyph back to those characters (ToUnicode) in the text readers extract:
 * a glyph two characters share (µ and μ) must read as what this document
 * wrote, whatever other documents of the run wrote before it.
 */
export function documentFontOf(file: string): FontkitFont {
  const font = Object.create(fontOf(file)) as FontkitFont & { _glyphs: Record<number, unknown> };
  font._glyphs = {};
  return font;
}

const characterSets = new Map<string, ReadonlySet<number>>();

/** The code points `file` has a glyph for (read once per process). */
export function characterSetOf(file: string): ReadonlySet<number> {
  let set = characterSets.get(file);
  if (!set) {
    set = new Set(fontOf(file).characterSet);
    characterSets.set(file, set);
  }
  return set;
}

/**
 * Characters that need no glyph of their own: tab and line ends (layout, not
 * ink). Everything else, spaces included, must be in a font.
 */
export function isLayoutCharacter(codePoint: number): boolean {
  return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d;
}

/** The fallback font (its index in `fallbacks`) that has `codePoint`, or -1 when none has. */
export function fallbackFor(fallbacks: readonly string[], codePoint: number): number {
  for (let i = 0; i < fallbacks.length; i++) if (characterSetOf(fallbacks[i]!).has(codePoint)) return i;
  return -1;
}

/**
 * Whether the layout can print `codePoint`: every face has it (so it prints
 * in any style), or a fallback font has it.
 */
export function isPrintable(faces: readonly string[], fallbacks: readonly string[], codePoint: number): boolean {
  if (isLayoutCharacter(codePoint)) return true;
  if (isControlCharacter(codePoint) || isNoncharacter(codePoint)) return false;
  if (faces.every((face) => characterSetOf(face).has(codePoint))) return true;
  return fallbackFor(fallbacks, codePoint) >= 0;
}
