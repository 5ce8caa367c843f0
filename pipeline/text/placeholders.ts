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

/**
 * Text with each placeholder said plainly, for a reader who is not the
 * drafter: "[TBD: Los Angeles Administrative Code chapter numbers]" becomes
 * "Los Angeles Administrative Code chapter numbers (not yet assigned)"; a
 * bare "TBD" becomes "(not yet decided)".
 */
export function placeholdersSaid(text: string): string {
  return text.replace(PLACEHOLDER, (mark) => {
    const what = /^\[(?:TBD|TODO|FIXME)\b:?\s*([^\]]*)\]$/.exec(mark)?.[1]?.trim();
    return what ? `${what} (not yet assigned)` : '(not yet decided)';
  });
}
