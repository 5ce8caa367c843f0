/**
 * The fast path of a warm `check`: for each ordinance folder (and the
 * registry), the size and modification time of every file and the findings
 * the last check reported. When nothing under the folder has changed, and
 * neither has anything the findings depend on, the findings are reported
 * again without reading a single source file. Like git's index, a file
 * modified within two seconds of the summary is never trusted to be unchanged.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readFileSync, statSync } from 'node:fs';
import type { VFile } from 'vfile';
import { walkTree } from '../load/walk.js';
import { serializeFiles, type SerializedFile } from '../parallel/messages.js';
import { defaultCacheLocation } from './analysis-cache.js';
import { cacheFile, writeAtomically, type CacheLocation } from './files.js';

/** Path, size, modification time (ms) and inode of one file. */
export type FileStat = [string, number, number, number];

interface Summary {
  tool: string;
  /** What else the findings depend on (registry, templates, configuration). */
  context: string;
  writtenAt: number;
  stats: FileStat[];
  files: SerializedFile[];
}

/** Markdown files below `dir` (README.md excepted) with their stats, in a stable order. */
export function statTree(dir: string): FileStat[] {
  const out: FileStat[] = [];
  for (const entry of walkTree(dir, { skipHidden: true, skipUnreadable: true })) {
    if (entry.isDirectory || !entry.name.endsWith('.md') || entry.name === 'README.md') continue;
    // A link that dangles, or a pipe, counts by its own stat: its appearing changes the folder.
    const stat = entry.isFile ? statSync(entry.path) : lstatSync(entry.path);
    out.push([entry.path, stat.size, stat.mtimeMs, stat.ino]);
  }
  // By full path, as the cache has always keyed them (not the walk's folder-first order).
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** A short fingerprint of stats, for the context of other summaries. */
export function fingerprint(stats: FileStat[], extra = ''): string {
  const hash = createHash('sha1').update(extra);
  for (const [file, size, mtime, ino] of stats) hash.update(`${file}\0${size}\0${mtime}\0${ino}\n`);
  return hash.digest('hex');
}

export class SummaryCache {
  private constructor(
    private readonly file: string,
    private readonly tool: string,
  ) {}

  /** The summary of one folder, or null when caching is off. */
  static open(folder: string, kind: string, location: CacheLocation | null = defaultCacheLocation()): SummaryCache | null {
    return location ? new SummaryCache(cacheFile(location.dir, `summary-${kind}`, folder, 'json'), location.key) : null;
  }

  /** The findings of the last check, if nothing they depend on has changed since. */
  lookup(stats: FileStat[], context: string): SerializedFile[] | null {
    if (!existsSync(this.file)) return null;
    let summary: Summary;
    try {
      summary = JSON.parse(readFileSync(this.file, 'utf8')) as Summary;
    } catch {
      return null;
    }
    if (summary.tool !== this.tool || summary.context !== context || summary.stats.length !== stats.length) return null;
    for (let i = 0; i < stats.length; i++) {
      const a = stats[i]!;
      const b = summary.stats[i]!;
      if (a[0] !== b[0] || a[1] !== b[1] || a[2] !== b[2] || a[3] !== b[3]) return null;
      // Racy: changed in the same instant the summary was written, perhaps after it.
      if (a[2] >= summary.writtenAt - 2000) return null;
    }
    return summary.files;
  }

  record(stats: FileStat[], context: string, files: SerializedFile[]): void {
    const summary: Summary = { tool: this.tool, context, writtenAt: Date.now(), stats, files };
    writeAtomically(this.file, JSON.stringify(summary));
  }

  /**
   * The cache around a folder's whole check: run `check` on `dir` and record
   * the findings it gives. Stats are taken before reading, so a file changed
   * while it is read is checked again next time. (The lookup is asked apart,
   * before a folder is handed to a worker.)
   */
  static async around<Result extends { files: VFile[] }>(summary: SummaryCache | null, dir: string, context: string, check: () => Promise<Result>): Promise<Result> {
    if (!summary) return check();
    const stats = statTree(dir);
    const result = await check();
    summary.record(stats, context, serializeFiles(result.files));
    return result;
  }
}
