/**
 * Words longer than the line. pdfkit breaks such a word by measuring ever
 * shorter prefixes of it, which takes time and memory quadratic in its length
 * (a 20 KB token took a minute and 2.6 GB). Here a word wider than the line is
 * cut, one pass over its characters, into pieces that each fit, separated by
 * line breaks: the printed characters stay exactly the drafter's.
 */

/** What wrapping needs of the document: the width of a string in the current font and size. */
interface Measure {
  widthOfString(text: string): number;
}

/** Part of the width a piece may fill, leaving room for kerning and rounding. */
const FILL = 0.95;

/**
 * `text` with every word wider than `width` (in the current font and size)
 * broken into pieces that fit, each on its own line. `atLineStart` false:
 * the text continues a line (a run after others in a paragraph).
 */
export function breakLongWords(doc: Measure, text: string, width: number, atLineStart = true): string {
  if (width <= 0 || text.length === 0) return text;
  const limit = width * FILL;
  const widths = new Map<string, number>();
  const widthOf = (char: string): number => {
    let w = widths.get(char);
    if (w === undefined) {
      w = doc.widthOfString(char);
      widths.set(char, w);
    }
    return w;
  };
  // A word of fewer characters than the widest glyph could fill the line is never measured.
  const shortest = Math.max(1, Math.floor(limit / doc.widthOfString('W')) - 1);
  return text.replace(/\S+/g, (word, offset: number) => {
    if (word.length <= shortest) return word;
    let out = '';
    let line = 0;
    let cut = false;
    for (const char of word) {
      const w = widthOf(char);
      if (line > 0 && line + w > limit) {
        out += '\n';
        line = 0;
        cut = true;
      }
      out += char;
      line += w;
    }
    // A word that is cut starts a line of its own (unless it starts the text): pdfkit, finding a word that
    // ends in a line break too wide for what is left of a line, writes two lines at once without asking
    // whether the second fits on the page, and printed it below the bottom margin.
    return cut && (offset > 0 || !atLineStart) ? `\n${out}` : out;
  });
}

/** A no-break space: the line breaker keeps the words it joins on one line; it is drawn as a space (CouncilDocument). */
export const NO_BREAK = '\u00a0';

/**
 * `text` with the spaces inside a citation joined, so a line never breaks
 * inside one: "§" and its number ("§ 1325", "§§ 24-101"), and a title
 * number with its code before the section sign ("8 U.S.C. §"). Only the
 * line breaker sees the joins: every no-break space is drawn as a space.
 */
export function keepTogether(text: string): string {
  if (!text.includes('§')) return text;
  return text
    .replace(/(§+) +(?=[\dA-Za-z(])/g, `$1${NO_BREAK}`)
    .replace(
      /\b(\d+) +((?:[A-Z][A-Za-z]*\.)+(?: (?:[A-Z][A-Za-z]*\.)+)*) +(?=§)/g,
      (_, title: string, code: string) => `${title}${NO_BREAK}${code.replace(/ /g, NO_BREAK)}${NO_BREAK}`,
    );
}
