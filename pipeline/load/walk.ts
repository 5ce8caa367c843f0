/**
 * The one walk over a folder tree: every place that reads folders (loading
 * sources, counting and weighing them, the cache's file stats) goes through
 * it, so all see the same entries in the same order. The order is fixed:
 * each folder's entries sorted by name (code-unit order, not locale), and a
 * folder comes before what it holds. Callers keep their own filters, and stop
 * early by leaving the loop.
 */
import { readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** One file or folder met on the walk. */
export interface WalkEntry {
  /** The root joined with the names below it. */
  path: string;
  name: string;
  /** 1 for the root's own entries. */
  depth: number;
  isDirectory: boolean;
  isFile: boolean;
}

export interface WalkOptions {
  /** Whether to go into a folder (default: into every one). */
  descend?: ((folder: WalkEntry) => boolean) | undefined;
  /** Leave out names that start with "." (and what such folders hold). */
  skipHidden?: boolean | undefined;
  /** Pass over a folder that cannot be read instead of throwing. */
  skipUnreadable?: boolean | undefined;
}

/** Entries below `root`, depth first, each folder's entries sorted by name. */
export function* walkTree(root: string, options: WalkOptions = {}): Generator<WalkEntry> {
  yield* walkFolder(root, 1, options);
}

function* walkFolder(dir: string, depth: number, options: WalkOptions): Generator<WalkEntry> {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (options.skipUnreadable) return;
    throw error;
  }
  const names = dirents.filter((d) => !(options.skipHidden && d.name.startsWith('.'))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const dirent of names) {
    const entry: WalkEntry = { path: path.join(dir, dirent.name), name: dirent.name, depth, isDirectory: dirent.isDirectory(), isFile: dirent.isFile() };
    yield entry;
    if (entry.isDirectory && (options.descend?.(entry) ?? true)) yield* walkFolder(entry.path, depth + 1, options);
  }
}
