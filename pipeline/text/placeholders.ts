/** The marks of unfinished text: "[TBD: …]", "[TODO …]", and TODO, TBD or FIXME alone. */

/** The words that mark unfinished text, in prose; in metadata also "[TBD: …]" and "[TODO …]". */
export const PLACEHOLDER = /\[(?:TBD|TODO|FIXME)\b[^\]\n]*\]|\b(?:TODO|TBD|FIXME)\b/g;

/** Whether `text` holds a placeholder anywhere (a quick test before places are worked out). */
export function hasPlaceholder(text: string): boolean {
  PLACEHOLDER.lastIndex = 0;
  const found = PLACEHOLDER.test(text);
  // `matchAll` starts where the pattern's lastIndex stands: put it back for the searches that follow.
  PLACEHOLDER.lastIndex = 0;
  return found;
}
