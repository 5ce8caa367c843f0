/**
 * Subdivision markers: (a) (1) (A) (i) (I) (aa) (AA), the usual hierarchy of
 * American codes. A paragraph that starts with markers opens subdivisions;
 * the level comes from the marker's style, with (i), (v), (x) read as letters
 * when they follow the previous letter and as roman numerals otherwise.
 */

export const LEVEL_STYLES = ['lower-alpha', 'decimal', 'upper-alpha', 'lower-roman', 'upper-roman', 'double-alpha'] as const;
export type LevelStyle = (typeof LEVEL_STYLES)[number];

/** The markers at the start of a paragraph: "(a)(1) text" gives ["a", "1"] and the length eaten. */
export function leadingMarkers(text: string): { labels: string[]; length: number } {
  const labels: string[] = [];
  let rest = text;
  let length = 0;
  for (;;) {
    // (a) (1) (A) (iv), and the inserted designations of real codes: (1A) (a-1) (A-i).
    const match = /^\(((?:[a-z]{1,5}|[A-Z]{1,5}|\d{1,3})(?:-?[A-Za-z0-9]{1,4})*)\)/.exec(rest);
    if (!match) break;
    labels.push(match[1]!);
    length += match[0].length;
    rest = rest.slice(match[0].length);
  }
  if (labels.length === 0) return { labels, length: 0 };
  const space = /^[ \t]*/.exec(rest)![0].length;
  // "(a)" must be followed by space or end: "(a)text" is prose, not a marker.
  if (rest.length > space && space === 0) return { labels: [], length: 0 };
  return { labels, length: length + space };
}

const ROMAN = /^(?=[ivxlc])(c{0,3})(xc|xl|l?x{0,3})(ix|iv|v?i{0,3})$/;

export function isRoman(label: string): boolean {
  return ROMAN.test(label.toLowerCase());
}

export function romanValue(label: string): number {
  const values: Record<string, number> = { i: 1, v: 5, x: 10, l: 50, c: 100 };
  const s = label.toLowerCase();
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = values[s[i]!]!;
    const next = values[s[i + 1] ?? ''] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

export function alphaValue(label: string): number {
  // a..z = 1..26; aa, bb... = 27, 28 (doubled letters, as codes do).
  const code = label.toLowerCase().charCodeAt(0) - 96;
  return label.length === 1 ? code : 26 * (label.length - 1) + code;
}

/** The part of a label that sets its level: "1" of "1A", "a" of "a-1". */
export function baseLabel(label: string): string {
  return /^(\d+|[a-z]+|[A-Z]+)/.exec(label)?.[1] ?? label;
}

/** Whether a label is an inserted designation ("1A", "a-1") rather than a plain one. */
export function isInserted(label: string): boolean {
  return baseLabel(label) !== label;
}

const doubled = (label: string) => label.length > 1 && [...label].every((c) => c === label[0]);

/**
 * Candidate levels (1-based) a label's style allows, most likely first:
 * 1 (a), 2 (1), 3 (A), 4 (i), 5 (I), 6 (aa), 7 (AA).
 */
function candidateLevels(label: string): number[] {
  if (/^\d+$/.test(label)) return [2];
  if (/^[a-z]+$/.test(label)) {
    if (label.length === 1) return isRoman(label) ? [1, 4] : [1];
    // (aa) is a level of its own, a numeral ((ii)), or the letter after (z).
    if (doubled(label)) return isRoman(label) ? [6, 4, 1] : [6, 1];
    return isRoman(label) ? [4] : [1];
  }
  if (/^[A-Z]+$/.test(label)) {
    if (label.length === 1) return isRoman(label) ? [3, 5] : [3];
    if (doubled(label)) return isRoman(label) ? [7, 5, 3] : [7, 3];
    return isRoman(label) ? [5] : [3];
  }
  return [1];
}

/** The ordinal of `label` read at `level` (a=1, ii=2, 3=3). */
export function ordinalAt(label: string, level: number): number {
  label = baseLabel(label);
  if (level === 2) return Number(label);
  if (level === 4 || level === 5) return romanValue(label);
  // (aa), (bb) ... (zz), (aaa): doubled letters count by their letter, then by their length.
  if (level === 6 || level === 7) return 26 * Math.max(0, label.length - 2) + label.toLowerCase().charCodeAt(0) - 96;
  return alphaValue(label);
}

/** The label that follows `label` at `level`, for messages. */
export function nextLabel(label: string, level: number): string {
  return labelFor(ordinalAt(label, level) + 1, level);
}

/** The label for the n-th subdivision at `level`. */
export function labelFor(n: number, level: number): string {
  switch (level) {
    case 2:
      return String(n);
    case 4:
      return toRoman(n);
    case 5:
      return toRoman(n).toUpperCase();
    case 3:
      return String.fromCharCode(64 + ((n - 1) % 26) + 1).repeat(Math.floor((n - 1) / 26) + 1);
    case 6:
      return String.fromCharCode(96 + ((n - 1) % 26) + 1).repeat(Math.floor((n - 1) / 26) + 2);
    case 7:
      return String.fromCharCode(64 + ((n - 1) % 26) + 1).repeat(Math.floor((n - 1) / 26) + 2);
    default:
      return String.fromCharCode(96 + ((n - 1) % 26) + 1).repeat(Math.floor((n - 1) / 26) + 1);
  }
}

function toRoman(n: number): string {
  const table: [number, string][] = [
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let out = '';
  for (const [value, numeral] of table) {
    while (n >= value) {
      out += numeral;
      n -= value;
    }
  }
  return out;
}

/**
 * Choose the level of `label` given the labels currently open at each level
 * (`open[level]`). A letter that continues the open letter sequence stays a
 * letter; otherwise an ambiguous one is a roman numeral. `next`, the label
 * of the subdivision after it, settles an (i) that could be either: followed
 * by (ii), it opens numerals under the deepest open subdivision.
 */
export function levelOf(label: string, open: ReadonlyMap<number, string>, next?: string): number {
  label = baseLabel(label);
  const candidates = candidateLevels(label);
  if (candidates.length === 1) return candidates[0]!;
  // "(h) … (2) … (A) … (i) … (ii)": (i) continues the letters after (h) and opens roman numerals under (A).
  // The label after it decides, as a reader decides: (ii) makes it the first numeral, (j) the next letter.
  const deepest = Math.max(0, ...open.keys());
  const opening = candidates.find((level) => level === deepest + 1 && ordinalAt(label, level) === 1);
  if (opening !== undefined && next !== undefined) {
    const following = baseLabel(next);
    if (candidateLevels(following).includes(opening) && ordinalAt(following, opening) === 2) return opening;
  }
  for (const level of candidates) {
    const current = open.get(level);
    if (current !== undefined && ordinalAt(label, level) === ordinalAt(current, level) + 1) return level;
  }
  // Not a continuation: a first item. (i) opens roman numerals under an open
  // (A)-level item or deeper; at the top it is the letter i only after (h).
  for (const level of candidates) {
    if (ordinalAt(label, level) === 1 && open.has(level - 1)) return level;
  }
  // A first numeral below the open subdivisions, a level skipped ("(A)" then "(I)"): read as the numeral it begins, which the level-order rule then names, not as a letter out of sequence.
  const below = candidates.find((level) => level > deepest && ordinalAt(label, level) === 1);
  if (below !== undefined && deepest > 0) return below;
  return candidates[0]!;
}
