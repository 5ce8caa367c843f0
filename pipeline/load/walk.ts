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
  // Normalized once, so each entry's path is its folder's and its name joined by a separator.
  const start = path.normalize(root).replace(/(.)[\\/]+$/, '$1');
  // One generator with its own stack of open folders: nested generators would
  // pass every entry up through each level (a D.C. title is five deep).
  const stack: OpenFolder[] = [];
  const first = openFolder(start, 1, options, [realPath(root) ?? path.resolve(root)]);
  if (first) stack.push(first);
  while (stack.length > 0) {
    const folder = stack[stack.length - 1]!;
    const dirent = folder.dirents[folder.next++];
    if (dirent === undefined) {
      stack.pop();
      continue;
    }
    const entry = entryOf(folder.dir, dirent, folder.depth, folder.ancestors);
    yield entry;
    if (entry.isDirectory && !entry.loops && (options.descend?.(entry) ?? true)) {
      const here = folder.ancestors[folder.ancestors.length - 1]!;
      const inner = openFolder(entry.path, folder.depth + 1, options, [...folder.ancestors, entry.target ?? path.join(here, dirent.name)]);
      if (inner) stack.push(inner);
    }
  }
}

/** A folder being walked: its sorted entries and how far the walk has gone. */
interface OpenFolder {
  dir: string;
  depth: number;
  ancestors: string[];
  dirents: Dirent[];
  next: number;
}

/** The real path of `file` (links resolved), or null when it cannot be resolved. */
export function realPath(file: string): string | null {
  try {
    return realpathSync(file);
  } catch {
    return null;
  }
}

function openFolder(dir: string, depth: number, options: WalkOptions, ancestors: string[]): OpenFolder | null {
  let dirents: Dirent[];
  try {
    dirents = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    if (options.onUnreadable) options.onUnreadable(dir, error as NodeJS.ErrnoException);
    else if (!options.skipUnreadable) throw error;
    return null;
  }
  const names = dirents.filter((d) => !(options.skipHidden && d.name.startsWith('.'))).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return { dir, depth, ancestors, dirents: names, next: 0 };
}

function entryOf(dir: string, dirent: Dirent, depth: number, ancestors: string[]): WalkEntry {
  const entryPath = `${dir}${path.sep}${dirent.name}`;
  if (!dirent.isSymbolicLink()) return { path: entryPath, name: dirent.name, depth, isDirectory: dirent.isDirectory(), isFile: dirent.isFile(), isSymlink: false };
  const target = realPath(entryPath);
  if (target === null) return { path: entryPath, name: dirent.name, depth, isDirectory: false, isFile: false, isSymlink: true, target };
  const stat = statSync(entryPath);
  const loops = stat.isDirectory() && ancestors.some((a) => a === target || a.startsWith(`${target}${path.sep}`));
  return { path: entryPath, name: dirent.name, depth, isDirectory: stat.isDirectory(), isFile: stat.isFile(), isSymlink: true, target, ...(loops ? { loops } : {}) };
}
