/**
 * What the load stage gives the others: an ordinance folder's files as vfiles,
 * the workspaces of a run, and the names of the files that have a meaning.
 */
import type { VFile } from 'vfile';

/** The file in an ordinance folder that holds the ordinance-level metadata. */
export const ORDINANCE_FILE = 'ordinance.md';
/** The same, for a title of an imported code (same schema, `type: code-title`). */
export const CODE_FILE = 'code.md';
/** In a sub-folder, the file naming the group (chapter, subchapter, part) the folder holds. */
export const GROUP_FILE = 'group.md';
/** The registry folder's name, beside the ordinance folders. */
export const REGISTRY_FOLDER = 'directives';
/** In each folder a build writes (`dist/<slug>/`), the list of the files it wrote there: it marks the folder as output, never sources. */
export const OUTPUT_MANIFEST = '.ordinance-outputs.json';
/** At the top of a build's output folder, the index across the ordinances it built. */
export const BUILD_INDEX = 'directives.json';

/** The published site's folder at the top of the output folder (`ordinance publish` writes it). */
export const SITE_FOLDER = 'site';

/** The raw files of one ordinance folder. */
export interface OrdinanceSources {
  slug: string;
  /** Folder, relative to the working directory. */
  dir: string;
  /** ordinance.md (or code.md), or null when the folder has none (reported on `folder`). */
  ordinanceFile: VFile | null;
  /** Section files in document order: by name, folders (groups) in place, depth first. */
  sectionFiles: VFile[];
  /** group.md of each sub-folder, by folder path relative to `dir` ("01-chapter-1/02-subchapter-ii"). */
  groupFiles: Map<string, VFile>;
  /** A vfile standing for the folder itself, for folder-level problems. */
  folder: VFile;
  /** Entries that cannot be part of the ordinance (a linked folder outside the workspace, a dangling link), each with its error. */
  problems: VFile[];
}

/** Where the ordinances of one run live. */
export interface Workspace {
  /** Registry folder (may not exist). */
  registryDir: string;
  ordinances: string[];
  /** Markdown files with front matter beside the ordinance folders: sources that belong to no ordinance (reported, never read as one). */
  stray?: string[];
}

/** The error of a source that cannot be read: its vfile is empty. */
export const UNREADABLE = new Set(['source-encoding', 'source-file', 'source-link']);

/** An adopted final's lock, in its folder: the checksums of its sources and outputs as adopted. */
export const LOCK_FILE = 'ordinance.lock.json';
