/**
 * The parse stage for an ordinance folder: every file through the processor
 * chain, each modelled on its own (its blocks, terms, citations and
 * references), ready for the model stage to assemble. How one file is parsed
 * is a parameter, so a cache can wrap it (see cache/cached.ts).
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { UNREADABLE, type OrdinanceSources } from '../model/workspace.js';
import type { Ordinance, Section } from '../model/types.js';
import { analyzeFile, modelOrdinance, type FileAnalysis, type ParsedOrdinance } from './build-ordinance.js';
import { groupSchema, ordinanceSchema, sectionSchema } from '../model/metadata.js';
import { withinLimits } from '../parse/depth-limits.js';
import { parseSource } from '../parse/processor.js';
import type { TSchema } from 'typebox';

/** One source file and what to read its front matter as. */
export interface SourceFile {
  file: VFile;
  schema: TSchema;
  /** The schema's name in messages ("section front matter"); it also keys cached analyses. */
  what: string;
  /** A section file in a sub-folder of an ordinance (not of a code title): a code section there is quoted law. It also keys cached analyses. */
  quotable?: boolean;
}

/** Parse one file into what it contributes to its ordinance. */
export type ParseFile = (source: SourceFile) => FileAnalysis;

/**
 * Parse one file and model what it holds on its own. A file too large or
 * nested too deep to parse (reported at its place) stays in the ordinance,
 * so numbering holds, with nothing in it. The limits are measured here, so a
 * cached analysis answers for them too.
 */
export const parseFile: ParseFile = ({ file, schema, what, quotable }) =>
  withinLimits(file) ? analyzeFile(parseSource(file, schema, what), quotable) : analyzeFile({ tree: { type: 'root', children: [] }, file });

/**
 * Parse every file of an ordinance folder; null when there is no ordinance to
 * model (no metadata file, or no sections: load has reported it).
 */
export function parseOrdinance(sources: OrdinanceSources, parse: ParseFile = parseFile): ParsedOrdinance | null {
  if (!sources.ordinanceFile || sources.sectionFiles.length === 0) return null;
  const read = (file: VFile, schema: TSchema, what: string, quotable = false): FileAnalysis =>
    // A file that could not be read or decoded stays in the ordinance (so numbering holds) with nothing in it.
    file.messages.some((m) => UNREADABLE.has(String(m.ruleId)))
      ? analyzeFile({ tree: { type: 'root', children: [] }, file })
      : parse({ file, schema, what, ...(quotable ? { quotable } : {}) });
  const ordinanceFile = read(sources.ordinanceFile, ordinanceSchema, 'ordinance front matter');
  // An ordinance's sub-folders may hold the code sections it quotes (a chapter it adds); a code title's hold its own.
  const quotes = ordinanceFile.file.data.frontMatter?.type !== 'code-title';
  const inSubFolder = (file: VFile) => path.dirname(path.relative(sources.dir, file.path)) !== '.';
  const sectionFiles = sources.sectionFiles.map((file) => read(file, sectionSchema, 'section front matter', quotes && inSubFolder(file)));
  // Groups are read for their front matter, which the model takes from the files' data.
  for (const file of sources.groupFiles.values()) read(file, groupSchema, 'group front matter');
  return { sources, ordinanceFile, sectionFiles };
}

/**
 * Parse and model an ordinance folder's sources: the one way every command
 * turns sources into an `Ordinance` (the runner, old versions from git, the
 * sections a comparative print shows, the amended code). Null when there is no
 * ordinance to model.
 */
export function modelSources(sources: OrdinanceSources, parse: ParseFile = parseFile): Ordinance | null {
  const parsed = parseOrdinance(sources, parse);
  return parsed ? modelOrdinance(parsed) : null;
}

/**
 * A section file's text as the pipeline models it, read as the one section of
 * a code title of `jurisdiction` (`file` is where it lies, for positions): the
 * sections a comparative print shows and the amended code's. Null when it does
 * not model, or, with `failOnFatal`, when parsing it failed (its findings are
 * the code's to report).
 */
export function modelSection(source: string, file: string, jurisdiction: string, options: { failOnFatal?: boolean } = {}): Section | null {
  const dir = path.dirname(file);
  const code = new VFile({
    path: path.join(dir, 'code.md'),
    value: `---\ntype: code-title\ntitle: "Modelled section"\nshort-title: "Modelled section"\njurisdiction: ${JSON.stringify(jurisdiction)}\nstatus: effective\nversion: 1\n---\n`,
  });
  const sources: OrdinanceSources = {
    slug: path.basename(dir),
    dir,
    ordinanceFile: code,
    sectionFiles: [new VFile({ path: file, value: source })],
    groupFiles: new Map(),
    folder: new VFile({ path: dir, value: '' }),
    problems: [],
  };
  const parsed = parseOrdinance(sources);
  if (!parsed || (options.failOnFatal && sources.sectionFiles[0]!.messages.some((m) => m.fatal))) return null;
  return modelOrdinance(parsed).sections[0] ?? null;
}
