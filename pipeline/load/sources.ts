/**
 * Load: find the ordinances and the registry below the paths a user names,
 * and read their files as vfiles. Nothing here interprets Markdown.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { report } from '../diagnostics.js';
import { decodeUtf8 } from './utf8.js';

/** The file in an ordinance folder that holds the ordinance-level metadata. */
export const ORDINANCE_FILE = 'ordinance.md';
/** The registry folder's name, beside the ordinance folders. */
export const REGISTRY_FOLDER = 'directives';

/** The raw files of one ordinance folder. */
export interface OrdinanceSources {
  slug: string;
  /** Folder, relative to the working directory. */
  dir: string;
  /** ordinance.md, or null when the folder has none (reported on `folder`). */
  ordinanceFile: VFile | null;
  /** Section files in order (by file name). */
  sectionFiles: VFile[];
  /** A vfile standing for the folder itself, for folder-level problems. */
  folder: VFile;
}

/** Where the ordinances of one run live. */
export interface Workspace {
  /** Registry folder (may not exist). */
  registryDir: string;
  ordinances: string[];
}

export class UsageError extends Error {}

/**
 * Resolve the user's paths into ordinance folders, grouped by registry.
 * A path is an ordinance folder (it holds ordinance.md or Markdown files), a
 * file inside one, or a collection whose sub-folders are ordinances.
 */
export function discoverWorkspaces(paths: string[], cwd = process.cwd()): Workspace[] {
  const byRegistry = new Map<string, Set<string>>();
  const add = (registryDir: string, dir: string) => {
    const set = byRegistry.get(registryDir) ?? new Set<string>();
    set.add(dir);
    byRegistry.set(registryDir, set);
  };
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${given}`);
    const stat = statSync(abs);
    const dir = stat.isDirectory() ? abs : path.dirname(abs);
    if (path.basename(dir) === REGISTRY_FOLDER) {
      add(dir, '');
      continue;
    }
    if (isOrdinanceFolder(dir)) {
      add(path.join(path.dirname(dir), REGISTRY_FOLDER), dir);
      continue;
    }
    const children = readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== REGISTRY_FOLDER && e.name !== 'node_modules')
      .map((e) => path.join(dir, e.name))
      .sort();
    if (children.length === 0 && !existsSync(path.join(dir, REGISTRY_FOLDER))) {
      // An empty folder named directly is an empty ordinance: reported, not skipped.
      add(path.join(path.dirname(dir), REGISTRY_FOLDER), dir);
      continue;
    }
    for (const child of children) add(path.join(dir, REGISTRY_FOLDER), child);
    if (children.length === 0) add(path.join(dir, REGISTRY_FOLDER), '');
  }
  return [...byRegistry].map(([registryDir, dirs]) => ({
    registryDir: path.relative(cwd, registryDir) || '.',
    ordinances: [...dirs].filter(Boolean).map((d) => path.relative(cwd, d) || '.').sort(),
  }));
}

function isOrdinanceFolder(dir: string): boolean {
  return existsSync(path.join(dir, ORDINANCE_FILE)) || readdirSync(dir).some((n) => n.endsWith('.md') && n !== 'README.md');
}

/** Read one file as a vfile; a file that is not UTF-8 comes back empty with an error on it. */
export function readSourceFile(filePath: string): VFile {
  const bytes = readFileSync(filePath);
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return new VFile({ path: filePath, value: decoded.text });
  const file = new VFile({ path: filePath, value: '' });
  report(
    file,
    'source-encoding',
    `Unexpected byte 0x${decoded.byte.toString(16).padStart(2, '0')}, expected UTF-8 text (save the file as UTF-8)`,
    { place: { line: decoded.line, column: decoded.column } },
  );
  return file;
}

/** Markdown files of a folder in name order, README.md excluded. */
export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.md') && e.name !== 'README.md')
    .map((e) => e.name)
    .sort()
    .map((name) => path.join(dir, name));
}

/** Read an ordinance folder. */
export function loadOrdinanceSources(dir: string): OrdinanceSources {
  const folder = new VFile({ path: dir, value: '' });
  const files = markdownFiles(dir);
  const ordinancePath = path.join(dir, ORDINANCE_FILE);
  const ordinanceFile = files.includes(ordinancePath) ? readSourceFile(ordinancePath) : null;
  const sectionFiles = files.filter((f) => f !== ordinancePath).map(readSourceFile);
  if (files.length === 0) {
    report(folder, 'empty-ordinance', `Unexpected empty ordinance folder, expected \`${ORDINANCE_FILE}\` and one Markdown file per section`, {
      place: { line: 1, column: 1 },
    });
  } else if (!ordinanceFile) {
    report(folder, 'empty-ordinance', `Missing \`${ORDINANCE_FILE}\`, expected the ordinance's metadata (title, status, jurisdiction...) in it`, {
      place: { line: 1, column: 1 },
    });
  } else if (sectionFiles.length === 0) {
    report(ordinanceFile, 'empty-ordinance', 'Unexpected ordinance without sections, expected one Markdown file per section beside `ordinance.md`', {
      place: { line: 1, column: 1 },
    });
  }
  return { slug: path.basename(path.resolve(dir)), dir, ordinanceFile, sectionFiles, folder };
}

/** Read the registry folder's entries. */
export function loadRegistrySources(registryDir: string): VFile[] {
  return markdownFiles(registryDir).map(readSourceFile);
}
