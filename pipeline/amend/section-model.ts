/**
 * The model of a code section's source (`Section`), for what shows an amended
 * section (the comparative print): the section before and after, each read by
 * the format's own parser and model, as a one-section title of the code.
 */
import path from 'node:path';
import type { Section } from '../model/types.js';
import { modelSection } from '../analyze/parse-ordinance.js';
import type { AmendedSection } from './amend-ordinance.js';

/** An amended section's model before (null for a section the ordinance adds) and after: what the comparative print takes. */
export function amendedSectionModels(section: AmendedSection, codeRoot: string): { before: Section | null; after: Section | null } {
  const file = path.join(codeRoot, section.file);
  return { before: section.before === null ? null : modelSection(section.before, file, 'district-of-columbia'), after: modelSection(section.after, file, 'district-of-columbia') };
}
