/**
 * Quoted law: the text an amending ordinance inserts into a code (the block
 * quote after "… to read as follows:"), the code's words and not the
 * ordinance's. How its lines are
 * read: a quoted section's heading line, and the opening quote mark an
 * enrolled act writes before a quoted paragraph's designation.
 */
/**
 * A quoted section's heading line, as councils write it: "Sec. 7.
 * Qualifications." (the District's acts, Los Angeles), "§ 24-211.07.
 * Heading." (the D.C. Code), "SEC. 12H.1. HEADING." (San Francisco), after
 * the opening quote mark an enrolled act puts there. The designation is
 * group 1.
 */
const HEADING_LINE = /^\s*["“]?\s*(?:§|Sec\.|SEC\.|Section|SECTION)\s*([0-9][0-9A-Za-z.:-]*[0-9A-Za-z]|[0-9])\.(?=\s|$|["”])/u;

/** The designation a quoted section's heading line names ("12H.1" of "SEC. 12H.1. HEADING."), or undefined when the text is not one. */
export function headingDesignation(text: string): string | undefined {
  return HEADING_LINE.exec(text)?.[1];
}

/** The opening quote mark an enrolled act writes before a quoted paragraph ("\"(a) To be eligible …"), as written; '' when there is none. */
export function openingQuote(text: string): string {
  return /^["“]/.exec(text)?.[0] ?? '';
}
