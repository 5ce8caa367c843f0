/**
 * What is checked before a file is parsed: its size, and how deep its lines
 * nest block quotes and lists. The Markdown parser takes time that grows with
 * the square of that depth (a list 700 deep took 20 s to parse), so a file
 * nested far past anything the model accepts is reported and not parsed.
 * So is emphasis opened more than the tree's depth limit deep in one
 * paragraph: the parser's time for it grows with the square of the depth
 * (5,000 levels took 11 s).
 */
import type { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import { MAX_BLOCK_NESTING, MAX_SOURCE_BYTES, MAX_TREE_DEPTH } from '../model/limits.js';

/**
 * The most columns of container prefix a line may have: white space, `>` and
 * list markers. Eight levels of lists with long markers ("100. ") and block
 * quotes stay well within it.
 */
export const MAX_PREFIX_COLUMNS = 16 * MAX_BLOCK_NESTING;

/** A line's container prefix: indentation, `>`, and list markers (`-`, `*`, `+`, `1.`, `1)`). */
const PREFIX = /^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/;

/** Files measured, with the text they held then and the answer: a file kept between checks (the language server's) is not measured, nor reported, again. */
const measured = new WeakMap<VFile, { value: VFile['value']; within: boolean }>();

/** Whether `file` may be parsed; reports why not at its place when it may not. */
export function withinLimits(file: VFile): boolean {
  const known = measured.get(file);
  if (known && known.value === file.value) return known.within;
  const within = measuredWithinLimits(file);
  measured.set(file, { value: file.value, within });
  return within;
}

function measuredWithinLimits(file: VFile): boolean {
  const text = String(file.value);
  const bytes = typeof file.value === 'string' ? Buffer.byteLength(file.value) : file.value.byteLength;
  if (bytes > MAX_SOURCE_BYTES) {
    report(file, 'source-size', `Unexpected source file of ${bytes} bytes, expected at most ${MAX_SOURCE_BYTES} (split the section)`, { place: { line: 1, column: 1 } });
    return false;
  }
  let line = 1;
  for (let start = 0; start < text.length; line++) {
    const end = text.indexOf('\n', start);
    const prefix = PREFIX.exec(text.slice(start, Math.min(end < 0 ? text.length : end, start + 4 * MAX_PREFIX_COLUMNS)))![0];
    const columns = prefix.length + 3 * (prefix.split('\t').length - 1);
    if (columns > MAX_PREFIX_COLUMNS) {
      report(file, 'nesting-depth', `Unexpected block quotes and lists nested more than ${MAX_BLOCK_NESTING} deep, expected at most ${MAX_BLOCK_NESTING} levels`, {
        place: { start: { line, column: 1 }, end: { line, column: prefix.length + 1 } },
      });
      return false;
    }
    if (end < 0) break;
    start = end + 1;
  }
  const deep = emphasisTooDeep(text);
  if (deep >= 0) {
    const before = text.slice(0, deep);
    const at = { line: before.split('\n').length, column: deep - before.lastIndexOf('\n') };
    report(
      file,
      'nesting-depth',
      `Unexpected Markdown nested more than ${MAX_TREE_DEPTH} deep (emphasis, links, block quotes or lists inside one another), expected far fewer levels`,
      { place: at },
    );
    return false;
  }
  return true;
}

/** Runs of one emphasis marker (`*` or `_`), with the characters around them. */
const DELIMITERS = /(^|[\s\S])(\*+|_+)(?=([\s\S]|$))/g;
const SPACE = /^(|\s)$/u;
const PUNCTUATION = /^[\p{P}\p{S}]$/u;

/**
 * Where emphasis first opens more than MAX_TREE_DEPTH levels deep within one
 * paragraph, or -1. An estimate, in one pass: a run of `*` or `_` that can
 * only open (CommonMark's left-flanking and not right-flanking) is one level
 * in, one that can only close is one level out, and a blank line ends them
 * all. Openers nest only when enough runs can close them, so a paragraph
 * with fewer than that many (a list of `*a` markers, say) is never deep.
 */
export function emphasisTooDeep(text: string): number {
  if (text.length < 2 * MAX_TREE_DEPTH) return -1;
  let depth = 0;
  let closers = 0;
  let deepAt = -1;
  let paragraphEnd = text.indexOf('\n\n');
  // The front matter is YAML, where `*name` is an alias, not emphasis.
  DELIMITERS.lastIndex = /^\uFEFF?---\r?\n/.test(text) ? Math.max(0, text.indexOf('\n---', 3)) : 0;
  for (let match = DELIMITERS.exec(text); match; match = DELIMITERS.exec(text)) {
    const at = match.index + match[1]!.length;
    while (paragraphEnd >= 0 && paragraphEnd < at) {
      if (deepAt >= 0 && closers > MAX_TREE_DEPTH) return deepAt;
      depth = 0;
      closers = 0;
      deepAt = -1;
      paragraphEnd = text.indexOf('\n\n', paragraphEnd + 2);
    }
    const before = match[1]!;
    const after = match[3] ?? '';
    const left = !SPACE.test(after) && (!PUNCTUATION.test(after) || SPACE.test(before) || PUNCTUATION.test(before));
    const right = !SPACE.test(before) && (!PUNCTUATION.test(before) || SPACE.test(after) || PUNCTUATION.test(after));
    if (right) closers++;
    if (left && !right) {
      if (++depth > MAX_TREE_DEPTH && deepAt < 0) deepAt = at;
    } else if (right && !left && depth > 0) depth--;
    // The character after the run may begin the next one.
    DELIMITERS.lastIndex = at + match[2]!.length;
  }
  return deepAt >= 0 && closers > MAX_TREE_DEPTH ? deepAt : -1;
}
