/**
 * D.C. Code sections as the tests compare them: a section's codified XML as
 * the D.C. importer writes it, and the law's text of a section file.
 */
import { markdown } from '../pipeline/dc-xml/markdown.js';
import { sectionTree } from '../pipeline/dc-xml/section.js';
import { readXml } from '../pipeline/import/xml-file.js';

/** A section's XML as the D.C. importer writes it (plain citations). */
export function importedSection(file: string): string {
  const ctx = { plainCitations: true, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
  return markdown.stringify(sectionTree(readXml(file), ctx).tree);
}

/** The law's text of a section source: its front matter and body, without the codifier's notes, white space normalized. */
export function lawText(source: string): string {
  return source
    .replace(/\n:::annotation[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
