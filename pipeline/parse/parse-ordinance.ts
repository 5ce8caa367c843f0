/**
 * The parse stage for an ordinance folder: every file through the processor
 * chain, each modelled on its own (its blocks, terms, citations and
 * references), ready for the model stage to assemble. How one file is parsed
 * is a parameter, so a cache can wrap it (see cache/cached.ts).
 */
import type { VFile } from 'vfile';
import { UNREADABLE, type OrdinanceSources } from '../load/sources.js';
import { analyzeFile, type FileAnalysis } from '../model/build-ordinance.js';
import { groupSchema, ordinanceSchema, sectionSchema } from '../model/metadata.js';
import { withinLimits } from './limits.js';
import { parseSource } from './processor.js';
import type { TSchema } from 'typebox';

/** One source file and what to read its front matter as. */
export interface SourceFile {
  file: VFile;
  schema: TSchema;
  /** The schema's name in messages ("section front matter"); it also keys cached analyses. */
  what: string;
}

/** Parse one file into what it contributes to its ordinance. */
export type ParseFile = (source: SourceFile) => FileAnalysis;

/** An ordinance folder, parsed: what the model stage assembles. */
export interface ParsedOrdinance {
  sources: OrdinanceSources;
  ordinanceFile: FileAnalysis;
  sectionFiles: FileAnalysis[];
}

/** Parse one file and model what it holds on its own. */
export const parseFile: ParseFile = ({ file, schema, what }) => analyzeFile(parseSource(file, schema, what));

/**
 * Parse every file of an ordinance folder; null when there is no ordinance to
 * model (no metadata file, or no sections: load has reported it).
 */
export function parseOrdinance(sources: OrdinanceSources, parse: ParseFile = parseFile): ParsedOrdinance | null {
  if (!sources.ordinanceFile || sources.sectionFiles.length === 0) return null;
  const read = (file: VFile, schema: TSchema, what: string): FileAnalysis =>
    // A file that could not be read or decoded, or is too large to read, stays in the ordinance (so numbering holds) with nothing in it.
    file.messages.some((m) => UNREADABLE.has(String(m.ruleId))) || !withinLimits(file)
      ? analyzeFile({ tree: { type: 'root', children: [] }, file })
      : parse({ file, schema, what });
  const ordinanceFile = read(sources.ordinanceFile, ordinanceSchema, 'ordinance front matter');
  const sectionFiles = sources.sectionFiles.map((file) => read(file, sectionSchema, 'section front matter'));
  // Groups are read for their front matter, which the model takes from the files' data.
  for (const file of sources.groupFiles.values()) read(file, groupSchema, 'group front matter');
  return { sources, ordinanceFile, sectionFiles };
}
