/**
 * `--shard i/n`: a deterministic part of the ordinance folders of a run, so
 * that n CI jobs each check or build one part and together every folder
 * exactly once. Folders are weighed by the bytes of their files and dealt
 * largest first to the lightest part (ties to the lower part, equal weights
 * in path order), so the parts are balanced by size. Every job computes the
 * same partition: it depends only on the folders' contents and their paths
 * relative to the working folder, never on the machine.
 */
import path from 'node:path';
import { UsageError } from '../report/failure.js';
import { walkTree } from '../load/walk.js';
import { lstatSync } from 'node:fs';

/** Part `index` (from 1) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/** `i/n` as a shard; a usage error when it is not one (1 ≤ i ≤ n). */
export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new UsageError(`--shard takes i/n with 1 ≤ i ≤ n (such as 2/4), not \`${text}\``);
  return { index, count };
}

/** The bytes of the files below `dir` (links not followed): the folder's weight. */
export function folderSize(dir: string): number {
  let size = 0;
  for (const entry of walkTree(dir, { skipUnreadable: true })) {
    if (entry.isDirectory) continue;
    try {
      size += lstatSync(entry.path).size;
    } catch {
      // Gone while weighed: it weighs nothing.
    }
  }
  return size;
}

/** A folder's name for ordering: its path from the working folder, with forward slashes. */
function nameOf(dir: string, cwd: string): string {
  return path.relative(cwd, path.resolve(dir)).split(path.sep).join('/');
}

/**
 * The part (from 1) of each folder, for `count` parts: largest first, each to
 * the part that weighs least so far (the lower on a tie).
 */
export function partition(folders: { dir: string; size: number }[], count: number, cwd = process.cwd()): Map<string, number> {
  const ordered = [...folders].sort((a, b) => b.size - a.size || (nameOf(a.dir, cwd) < nameOf(b.dir, cwd) ? -1 : 1));
  const loads = Array<number>(count).fill(0);
  const parts = new Map<string, number>();
  for (const folder of ordered) {
    let lightest = 0;
    for (let i = 1; i < count; i++) if (loads[i]! < loads[lightest]!) lightest = i;
    loads[lightest]! += folder.size;
    parts.set(folder.dir, lightest + 1);
  }
  return parts;
}
