/**
 * The one walk over a folder tree: every place that reads folders (loading
 * sources, counting and weighing them, the cache's file stats) goes through
 * it, so all see the same entries in the same order. The order is fixed:
 * each folder's entries sorted by name (code-unit order, not locale), and a
 * folder comes before what it holds. Callers keep their own filters, and stop
 * early by leaving the loop.
 *
 * Symbolic links are followed: an entry says what its target is, and where
 * it really lies, so a caller can refuse a link that leaves its tree or
 * dangles. A linked folder that leads back to one of its own ancestors is
 * yielded but never descended into, so no walk loops.
 */
import { readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';

/** One file or folder met on the walk. */
export interface WalkEntry {
  /** The root joined with the names below it. */
  path: string;
  name: string;
  /** 1 for the root's own entries. */
  depth: number;
  /** A folder, or a link to one. */
  isDirectory: boolean;
  /** A regular file, or a link to one. */
  isFile: boolean;
  /** A symbolic link (followed: `isDirectory` and `isFile` describe its target). */
  isSymlink: boolean;
  /** For a link: the real path of its target, or null when it dangles. */
  target?: string | null;
  /** A linked folder that leads back to a folder above it: not descended into. */
  loops?: boolean;
}

export interface WalkOptions {
  /** Whether to go into a folder (default: into every one). */
  descend?: ((folder: WalkEntry) => boolean) | undefined;
  /** Leave out names that start with "." (and what such folders hold). */
  skipHidden?: boolean | undefined;
  /** Pass over a folder that cannot be read instead of throwing. */
  skipUnreadable?: boolean | undefined;
  /** Told of each folder that cannot be read (which is then passed over), in place of throwing. */
  onUnreadable?: ((folder: string, error: NodeJS.ErrnoException) => void) | undefined;
}

/** Entries below `root`, depth first, each folder's entries sorted by name. */
export function* walkTree(root: string, options: WalkOptions = {}): Generator<WalkEntry> {
  yield* walkFolder(root, 1, options, [realPath(root) ?? path.resolve(root)]);
}

/** The real path of `file` (links resolved), or null when it cannot be resolved. */
export function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

function* walkFolder(dir: string, depth: number, options: WalkOptions, ancestors: string[]): Generator<WalkEntry> {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (options.onUnreadable) options.onUnreadable(dir, error as NodeJS.ErrnoException);
    else if (!options.skipUnreadable) throw error;
    return;
  }
  const names = dirents.filter((d) => !(options.skipHidden && d.name.startsWith('.'))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const here = ancestors[ancestors.length - 1]!;
  for (const dirent of names) {
    const entry = entryOf(dir, dirent, depth, ancestors);
    yield entry;
    if (entry.isDirectory && !entry.loops && (options.descend?.(entry) ?? true)) {
      yield* walkFolder(entry.path, depth + 1, options, [...ancestors, entry.target ?? path.join(here, dirent.name)]);
    }
  }
}

function entryOf(dir: string, dirent: Dirent, depth: number, ancestors: string[]): WalkEntry {
  const entryPath = path.join(dir, dirent.name);
  const base = { path: entryPath, name: dirent.name, depth };
  if (!dirent.isSymbolicLink()) return { ...base, isDirectory: dirent.isDirectory(), isFile: dirent.isFile(), isSymlink: false };
  const target = realPath(entryPath);
  if (target === null) return { ...base, isDirectory: false, isFile: false, isSymlink: true, target };
  const stat = statSync(entryPath);
  const loops = stat.isDirectory() && ancestors.some((a) => a === target || a.startsWith(`${target}${path.sep}`));
  return { ...base, isDirectory: stat.isDirectory(), isFile: stat.isFile(), isSymlink: true, target, ...(loops ? { loops } : {}) };
}
