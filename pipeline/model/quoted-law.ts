/**
 * Quoted law: the text an amending ordinance inserts into a code (a block
 * quote after "… to read as follows:", or a code section kept in a file of
 * its own), the code's words and not the ordinance's. How its lines are
 * read: a quoted section's heading line, and the opening quote mark an
 * enrolled act writes before a quoted paragraph's designation.
 */
import type { VFile } from 'vfile';
import type { Block, Ordinance, Section } from './types.js';

/**
 * A section's heading line as the councils write it before a new or rewritten
 * section's text: the code's "§ 24-211.07. Heading.", the District's act
 * "Sec. 7. Heading.", Los Angeles' "Sec. 4.1003. Heading.", San Francisco's
 * "SEC. 12H.1. HEADING." (bold or not). Groups: the designation, the heading.
 */
export const SECTION_HEADING_LINE = /^\**\s*(?:§+|sec\.|section)\s*([0-9][0-9A-Za-z.:-]*?[0-9A-Za-z]|[0-9])\.(?:\s+(.*?))?\s*\**\s*$/iu;

/** The designation and heading of a section heading line, or null when the line is not one. */
export function readSectionHeading(line: string): { designation: string; heading: string } | null {
  const match = SECTION_HEADING_LINE.exec(line.trim());
  if (!match) return null;
  return { designation: match[1]!, heading: (match[2] ?? '').replace(/\*+$/, '').trim() };
}

/** The designation a quoted section's heading line names ("12H.1" of "SEC. 12H.1. HEADING."), after the opening quote mark an enrolled act puts there; undefined when the text is not one. */
export function headingDesignation(text: string): string | undefined {
  return readSectionHeading(
    text
      .trim()
      .replace(/^["\u201c]/, '')
      .replace(/["\u201d][.;,]?$/, ''),
  )?.designation;
}

/** The opening quote mark an enrolled act writes before a quoted paragraph ("\"(a) To be eligible …"), as written; '' when there is none. */
export function openingQuote(text: string): string {
  return /^["“]/.exec(text)?.[0] ?? '';
}

/** A section's text with the code sections it quotes from files of their own after it: what prints, and what its words are. */
export function sectionBody(section: Pick<Section, 'blocks' | 'quoted'>): Block[] {
  return section.quoted.length === 0 ? section.blocks : [...section.blocks, ...section.quoted.map((q) => q.quote)];
}

/** Every file an ordinance's text stands in, in document order: ordinance.md, then each section's file and those of the code sections it quotes. */
export function textFiles(ordinance: Pick<Ordinance, 'file' | 'sections'>): VFile[] {
  return [ordinance.file, ...ordinance.sections.flatMap((s) => [s.file, ...s.quoted.map((q) => q.file)])];
}
