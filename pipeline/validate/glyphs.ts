/**
 * Every character of an ordinance's sources must print: a character that no
 * font of the jurisdiction's layout has (its four faces and its fallback
 * chain) would print as an empty box, and a PDF with one is not valid PDF/A.
 * Found at `check` time, at the character's place. Printable ASCII, tab and
 * line ends are skipped with one regular-expression scan; other characters
 * are looked up in the layout's glyph table, which the runner builds from the
 * fonts' character sets (runner/glyph-table.ts: each font read only when a
 * character needs it, the answers remembered between runs).
 */
import type { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import { isControlCharacter, isNoncharacter } from '../text/characters.js';

/** Which characters a layout's fonts print: what the glyph check needs of the world. */
export interface GlyphTable {
  /** The layout's id, for the message. */
  layout: string;
  /** Whether some font of the layout (its faces or its fallback chain) has `codePoint`. */
  prints(codePoint: number): boolean;
}

/** Anything but printable ASCII, tab and line ends. */
const UNUSUAL = /[^\t\n\r\x20-\x7e]/gu;

/** What the check found in a file: its text and table then, and each finding. */
interface Found {
  value: VFile['value'];
  glyphs: GlyphTable;
  findings: { reason: string; line: number; column: number }[];
}

/** The findings of files checked before (a language server checks the same files at every keystroke): a file is scanned again only when its text or the table is another. */
const checked = new WeakMap<VFile, Found>();

/** Report each character of `files` that no font of the layout prints (once per character and file, at its first place); nothing without a table (an unknown jurisdiction is its own finding). */
export function checkGlyphs(files: readonly VFile[], glyphs: GlyphTable | null): void {
  if (!glyphs) return;
  for (const file of files) {
    let found = checked.get(file);
    if (!found || found.value !== file.value || found.glyphs !== glyphs) {
      found = { value: file.value, glyphs, findings: typeof file.value === 'string' ? unprintable(file.value, glyphs) : [] };
      checked.set(file, found);
    }
    for (const { reason, line, column } of found.findings) report(file, 'unprintable-character', reason, { place: { line, column } });
  }
}

/** The characters of `text` that no font of the layout prints, each once, at its first place. */
function unprintable(text: string, glyphs: GlyphTable): Found['findings'] {
  if (!UNUSUAL.test(text)) return [];
  // Control characters in the front matter are reported at their value (front-matter-control-character).
  const frontMatterEnd = text.startsWith('---') ? Math.max(0, text.indexOf('\n---', 3)) : 0;
  const seen = new Map<number, { line: number; column: number; count: number }>();
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  UNUSUAL.lastIndex = 0;
  for (let match = UNUSUAL.exec(text); match; match = UNUSUAL.exec(text)) {
    const codePoint = match[0].codePointAt(0)!;
    if (glyphs.prints(codePoint) || (match.index < frontMatterEnd && isControlCharacter(codePoint))) continue;
    for (; scanned < match.index; scanned++) {
      if (text.charCodeAt(scanned) === 0x0a) {
        line++;
        lineStart = scanned + 1;
      }
    }
    const first = seen.get(codePoint);
    if (first) first.count++;
    else seen.set(codePoint, { line, column: match.index - lineStart + 1, count: 1 });
  }
  return [...seen].map(([codePoint, { line, column, count }]) => {
    const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
    const also = count > 1 ? ` (and ${count - 1} more in this file)` : '';
    const reason = isControlCharacter(codePoint)
      ? `Unexpected control character ${code}${also}, expected printable text (remove it)`
      : isNoncharacter(codePoint)
        ? `Unexpected noncharacter ${code}${also}, expected printable text (remove it)`
        : `Unexpected character \`${String.fromCodePoint(codePoint)}\` (${code})${also}: no font of layout \`${glyphs.layout}\` has it, so it would print as an empty box; expected a character of one of the layout's fonts (or add a font that has it to \`fonts.fallback\`)`;
    return { reason, line, column };
  });
}
