/**
 * What is checked before a file is parsed: its size, and how deep its lines
 * nest block quotes and lists. The Markdown parser takes time that grows with
 * the square of that depth (a list 700 deep took 20 s to parse), so a file
 * nested far past anything the model accepts is reported and not parsed.
 */
import type { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { MAX_BLOCK_NESTING, MAX_SOURCE_BYTES } from '../model/limits.js';

/**
 * The most columns of container prefix a line may have: white space, `>` and
 * list markers. Eight levels of lists with long markers ("100. ") and block
 * quotes stay well within it.
 */
export const MAX_PREFIX_COLUMNS = 16 * MAX_BLOCK_NESTING;

/** A line's container prefix: indentation, `>`, and list markers (`-`, `*`, `+`, `1.`, `1)`). */
const PREFIX = /^(?:[ \t>]|[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t]))*/;

/** Whether `file` may be parsed; reports why not at its place when it may not. */
export function withinLimits(file: VFile): boolean {
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
  return true;
}
