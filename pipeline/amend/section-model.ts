/**
 * The model of a code section's source (`Section`), for what shows an amended
 * section (the comparative print): the section before and after, each read by
 * the format's own parser and model, as a one-section title of the code.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import type { OrdinanceSources } from '../load/sources.js';
import { modelOrdinance } from '../model/build-ordinance.js';
import type { Section } from '../model/types.js';
import { parseOrdinance } from '../parse/parse-ordinance.js';
import type { AmendedSection } from './amend-ordinance.js';

const TITLE = '---\ntype: code-title\ntitle: Amended section.\nshort-title: Amended section\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\n---\n';

/** A section source as the model has it; `file` is where it lies (for positions), null when it does not model. */
export function sectionModel(source: string, file: string, jurisdiction = 'district-of-columbia'): Section | null {
  const dir = path.dirname(file);
  const sources: OrdinanceSources = {
    slug: path.basename(dir),
    dir,
    ordinanceFile: new VFile({ path: path.join(dir, 'code.md'), value: TITLE.replace('district-of-columbia', jurisdiction) }),
    sectionFiles: [new VFile({ path: file, value: source })],
    groupFiles: new Map(),
    folder: new VFile({ path: dir, value: '' }),
    problems: [],
  };
  const parsed = parseOrdinance(sources);
  return parsed ? (modelOrdinance(parsed).sections[0] ?? null) : null;
}

/** An amended section's model before (null for a section the ordinance adds) and after: what the comparative print takes. */
export function amendedSectionModels(section: AmendedSection, codeRoot: string): { before: Section | null; after: Section | null } {
  const file = path.join(codeRoot, section.file);
  return { before: section.before === null ? null : sectionModel(section.before, file), after: sectionModel(section.after, file) };
}
