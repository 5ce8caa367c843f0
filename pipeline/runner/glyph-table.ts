/**
 * The glyph check's view of the fonts: which code points a layout prints,
 * answered from the fonts' character sets (each font read only when a
 * character needs it), remembered for the process, and between runs by the
 * glyph cache. The check itself (validate/glyphs.ts) opens no font.
 */
import { GlyphCache } from '../cache/glyph-cache.js';
import type { CacheLocation } from '../cache/files.js';
import { isPrintable } from '../template/fonts.js';
import type { Template } from '../template/template-schema.js';
import type { GlyphTable } from '../validate/glyphs.js';

/** By template: whether each code point looked up so far prints. */
const printable = new WeakMap<Template, Map<number, boolean>>();

/** `template`'s glyph table, filled from the glyph cache at `location`; `save` writes back what the check looked up. */
export function glyphTableOf(template: Template, location: CacheLocation | null): { glyphs: GlyphTable; save: () => void } {
  let known = printable.get(template);
  if (!known) {
    known = new Map();
    printable.set(template, known);
  }
  const memo = known;
  const cache = GlyphCache.open(template, location, memo);
  const faces = Object.values(template.fontFiles);
  const glyphs: GlyphTable = {
    layout: template.layout.id,
    prints(codePoint) {
      let prints = memo.get(codePoint);
      if (prints === undefined) {
        prints = isPrintable(faces, template.fallbackFontFiles, codePoint);
        memo.set(codePoint, prints);
      }
      return prints;
    },
  };
  return { glyphs, save: () => cache?.save() };
}
