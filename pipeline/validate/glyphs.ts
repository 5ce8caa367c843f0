/**
 * Every character of an ordinance's sources must print: a character that no
 * font of the jurisdiction's layout has (its four faces and its fallback
 * chain) would print as an empty box, and a PDF with one is not valid PDF/A.
 * Found at `check` time, at the character's place. Printable ASCII, tab and
 * line ends are skipped with one regular-expression scan; other characters
 * are looked up in the fonts' character sets (read once per process, each
 * font only when a character needs it) and remembered.
 */
import type { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import { isControlCharacter, isNoncharacter, isPrintable } from '../template/fonts.js';
import { jurisdictionIds, loadTemplate } from '../template/load.js';
import type { Template } from '../template/schema.js';

/** By template: whether each code point seen so far prints. */
const printable = new WeakMap<Template, Map<number, boolean>>();

/** Whether each code point looked up so far prints in `template`'s fonts (the check's memo, which a cache may fill and save). */
export function printableCodePoints(template: Template): Map<number, boolean> {
  let known = printable.get(template);
  if (!known) {
    known = new Map();
    printable.set(template, known);
  }
  return known;
}

/** Anything but printable ASCII, tab and line ends. */
const UNUSUAL = /[^\t\n\r\x20-\x7e]/gu;

/** Report each character of `files` that no font of `jurisdiction`'s layout prints (once per character and file, at its first place). */
export function checkGlyphs(files: readonly VFile[], jurisdiction: string | undefined): void {
  // An unknown jurisdiction is its own finding; without a template there are no fonts to check against.
  if (!jurisdiction || !jurisdictionIds().includes(jurisdiction)) return;
  const template = loadTemplate(jurisdiction);
  const known = printableCodePoints(template);
  const faces = Object.values(template.fontFiles);
  for (const file of files) {
    if (typeof file.value !== 'string' || !UNUSUAL.test(file.value)) continue;
    const text = file.value;
    // Control characters in the front matter are reported at their value (front-matter-control-character).
    const frontMatterEnd = text.startsWith('---') ? Math.max(0, text.indexOf('\n---', 3)) : 0;
    const seen = new Map<number, { line: number; column: number; count: number }>();
    let line = 1;
    let lineStart = 0;
    let scanned = 0;
    UNUSUAL.lastIndex = 0;
    for (let match = UNUSUAL.exec(text); match; match = UNUSUAL.exec(text)) {
      const codePoint = match[0].codePointAt(0)!;
      let prints = known.get(codePoint);
      if (prints === undefined) {
        prints = isPrintable(faces, template.fallbackFontFiles, codePoint);
        known.set(codePoint, prints);
      }
      if (prints || (match.index < frontMatterEnd && isControlCharacter(codePoint))) continue;
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
    for (const [codePoint, { line, column, count }] of seen) {
      const code = `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
      const also = count > 1 ? ` (and ${count - 1} more in this file)` : '';
      const reason = isControlCharacter(codePoint)
        ? `Unexpected control character ${code}${also}, expected printable text (remove it)`
        : isNoncharacter(codePoint)
          ? `Unexpected noncharacter ${code}${also}, expected printable text (remove it)`
          : `Unexpected character \`${String.fromCodePoint(codePoint)}\` (${code})${also}: no font of layout \`${template.layout.id}\` has it, so it would print as an empty box; expected a character of one of the layout's fonts (or add a font that has it to \`fonts.fallback\`)`;
      report(file, 'unprintable-character', reason, { place: { line, column } });
    }
  }
}
