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

/** A section's text with the code sections it quotes from files of their own after it: what prints, and what its words are. */
export function sectionBody(section: Pick<Section, 'blocks' | 'quoted'>): Block[] {
  return section.quoted.length === 0 ? section.blocks : [...section.blocks, ...section.quoted.map((q) => q.quote)];
}

/** Every file an ordinance's text stands in, in document order: ordinance.md, then each section's file and those of the code sections it quotes. */
export function textFiles(ordinance: Pick<Ordinance, 'file' | 'sections'>): VFile[] {
  return [ordinance.file, ...ordinance.sections.flatMap((s) => [s.file, ...s.quoted.map((q) => q.file)])];
}
