/**
 * The fast path of a warm `check`: for each ordinance folder (and the
 * registry), the content hash of every file and the findings the last check
 * reported. When no file under the folder has changed, and neither has
 * anything the findings depend on, the findings are reported again without
 * parsing a single source file. Files are compared by content, never by
 * modification time: a file's size is only a hint that lets a changed folder
 * be told apart without reading it; when every size matches, every file is
 * read and hashed. The summary is sealed with a checksum of itself and its
 * shape is checked, so an edited, truncated or wrong-typed one is dropped.
 */
import { openSync, readSync, closeSync, fstatSync, existsSync, readFileSync, statSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';
import type { VFile } from 'vfile';
import { walkTree } from '../load/walk.js';
import { serializeFiles, type SerializedFile } from '../parallel/messages.js';
import { defaultCacheLocation } from './analysis-cache.js';
import { cacheFile, checksum, seal, unseal, writeAtomically, type CacheLocation } from './files.js';

/** Path, size and content hash (SHA-256) of one file. */
export type FileDigest = [string, number, string];

const Point = Type.Object({ line: Type.Number(), column: Type.Number(), offset: Type.Optional(Type.Number()) });
const SummarySchema = Type.Object({
  tool: Type.String(),
  /** What else the findings depend on (registry, templates, configuration). */
  context: Type.String(),
  files: Type.Array(Type.Tuple([Type.String(), Type.Number(), Type.String()])),
  findings: Type.Array(
    Type.Object({
      path: Type.String(),
      messages: Type.Array(
        Type.Object({
          reason: Type.String(),
          place: Type.Optional(Type.Union([Point, Type.Object({ start: Point, end: Point })])),
          ruleId: Type.Optional(Type.String()),
          fatal: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
          note: Type.Optional(Type.String()),
          cause: Type.Optional(Type.String()),
        }),
      ),
    }),
  ),
});
type Summary = Static<typeof SummarySchema>;

/** The files below `dir` whose content the findings may depend on (README.md and hidden names excepted), with their sizes, in a stable order. */
function listTree(dir: string): [string, number][] {
  const out: [string, number][] = [];
  for (const entry of walkTree(dir, { skipHidden: true, skipUnreadable: true })) {
    if (entry.isDirectory || entry.name === 'README.md') continue;
    let stat: ReturnType<typeof statSync> | null = null;
    try {
      stat = statSync(entry.path);
    } catch {
      // A dangling link: counted below, never read.
    }
    // A dangling link, a pipe or a device counts too (size -1, never read): its appearing changes the folder's findings.
    out.push([entry.path, stat?.isFile() ? stat.size : -1]);
  }
  // By full path, as the cache has always keyed them (not the walk's folder-first order).
  return out.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
}

/** The content hash of one file, or null when it cannot be read. */
function hashFile(file: string): string | null {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return null;
  }
  try {
    const size = fstatSync(fd).size;
    const buffer = Buffer.allocUnsafe(size);
    let read = 0;
    while (read < size) {
      const n = readSync(fd, buffer, read, size - read, read);
      if (n === 0) break;
      read += n;
    }
    return checksum(buffer.subarray(0, read));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/** Every file below `dir` the findings may depend on, with its size and content hash. */
export function digestTree(dir: string): FileDigest[] {
  return listTree(dir).map(([file, size]) => [file, size, size < 0 ? '' : (hashFile(file) ?? '')]);
}

/** A short fingerprint of digests, for the context of other summaries. */
export function fingerprint(digests: FileDigest[], extra = ''): string {
  return checksum(extra, ...digests.map(([file, size, hash]) => `${file}\0${size}\0${hash}`));
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

  /** The summary as written, or null when it is missing, unreadable, not whole, edited or of the wrong shape. */
  private read(): Summary | null {
    if (!existsSync(this.file)) return null;
    try {
      const text = unseal(readFileSync(this.file, 'utf8'), this.tool);
      if (text === null) return null;
      const summary: unknown = JSON.parse(text);
      return Value.Check(SummarySchema, summary) && summary.tool === this.tool ? summary : null;
    } catch {
      return null;
    }
  }

  /**
   * The findings of the last check of `dir`, if no file under it has changed
   * (by content) and neither has anything they depend on (`context`).
   * `digests`, when the caller has them already, saves reading the files again.
   */
  lookup(dir: string, context: string, digests?: FileDigest[]): SerializedFile[] | null {
    const summary = this.read();
    if (!summary || summary.context !== context) return null;
    const files: readonly (readonly [string, number, ...unknown[]])[] = digests ?? listTree(dir);
    if (files.length !== summary.files.length) return null;
    // Names and sizes first: a changed folder is told apart without reading it.
    for (let i = 0; i < files.length; i++) {
      const [file, size] = files[i]!;
      const recorded = summary.files[i]!;
      if (file !== recorded[0] || size !== recorded[1]) return null;
    }
    for (let i = 0; i < files.length; i++) {
      const hash = digests ? digests[i]![2] : files[i]![1] < 0 ? '' : hashFile(files[i]![0]);
      if (hash !== summary.files[i]![2]) return null;
    }
    return summary.findings as SerializedFile[];
  }

  record(digests: FileDigest[], context: string, findings: SerializedFile[]): void {
    const summary: Summary = { tool: this.tool, context, files: digests, findings: findings as Summary['findings'] };
    writeAtomically(this.file, seal(JSON.stringify(summary), this.tool));
  }

  /**
   * The cache around a folder's whole check: run `check` on `dir` and record
   * the findings it gives. Files are hashed before they are read, so a file
   * changed while it is read is checked again next time. (The lookup is asked
   * apart, before a folder is handed to a worker.)
   */
  static async around<Result extends { files: VFile[] }>(summary: SummaryCache | null, dir: string, context: string, check: () => Promise<Result>): Promise<Result> {
    if (!summary) return check();
    const digests = digestTree(dir);
    const result = await check();
    summary.record(digests, context, serializeFiles(result.files));
    return result;
  }
}
