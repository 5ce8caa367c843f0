/**
 * The glyph check's answers (which code points a layout's fonts print),
 * remembered between runs: a warm check of text outside ASCII then opens no
 * font at all. The record is keyed by the tool, the template and each font
 * file's size and time of change, and sealed; anything else is a miss.
 */
import { readFileSync, statSync } from 'node:fs';
import type { Template } from '../template/template-schema.js';
import { cacheFile, seal, unseal, writeAtomically, type CacheLocation } from './files.js';
import { checksum } from '../text/checksum.js';

export class GlyphCache {
  private readonly size: number;

  private constructor(
    private readonly file: string,
    private readonly key: string,
    private readonly known: Map<number, boolean>,
  ) {
    try {
      const text = unseal(readFileSync(file, 'utf8'), key);
      const entries = text === null ? [] : (JSON.parse(text) as unknown);
      if (Array.isArray(entries)) {
        for (const entry of entries) {
          if (Array.isArray(entry) && Number.isInteger(entry[0]) && typeof entry[1] === 'boolean' && !known.has(entry[0])) known.set(entry[0], entry[1]);
        }
      }
    } catch {
      // No cache yet, or one that cannot be read: the fonts answer.
    }
    this.size = known.size;
  }

  /** The answers for `template`'s fonts, put into the check's memo `known`; null when caching is off or a font cannot be found. */
  static open(template: Template, location: CacheLocation | null, known: Map<number, boolean>): GlyphCache | null {
    if (!location) return null;
    const fonts = [...Object.values(template.fontFiles), ...template.fallbackFontFiles];
    let stamps: string;
    try {
      stamps = fonts
        .map((font) => {
          const stat = statSync(font);
          return `${font}\0${stat.size}\0${stat.mtimeMs}`;
        })
        .join('\0');
    } catch {
      return null;
    }
    const key = checksum(location.key, template.layout.id, stamps);
    return new GlyphCache(cacheFile(location.dir, 'glyphs', template.layout.id, 'json'), key, known);
  }

  /** Write the answers back when the check looked up code points it had not seen. */
  save(): void {
    if (this.known.size === this.size) return;
    const entries = [...this.known].sort((a, b) => a[0] - b[0]);
    writeAtomically(this.file, seal(JSON.stringify(entries), this.key));
  }
}
