/**
 * The fast path of a warm `check`: for each ordinance folder (and the
 * registry), the content hash of every file and the findings the last check
 * reported. When no file under the folder has changed, and neither has
 * anything the findings depend on, the findings are reported again without
 * parsing a single source file. Files are compared by content (SHA-256),
 * never by modification time. As git's index does, each recorded hash keeps
 * the file's stat stamp (size, mtime, ctime and inode, to the microsecond): a
 * file whose stamp is still the one recorded is not read again. The kernel
 * sets ctime on every write and on every change of mtime, so no edit keeps
 * the stamp, not even one that puts the old mtime back; a file changed within
 * two seconds of being hashed gets no stamp (the clock's granularity could
 * hide a second write) and is read every time. The summary is sealed with a
 * checksum of itself and its shape is checked, so an edited, truncated or
 * wrong-typed one is dropped.
 */
import { type Stats, closeSync, existsSync, fstatSync, openSync, readFileSync, readSync, statSync } from 'node:fs';
import { Type, type Static } from 'typebox';
import { Compile } from 'typebox/compile';
import type { VFile } from 'vfile';
import { walkTree } from '../load/walk.js';
import { serializeFiles, type SerializedFile } from '../report/messages.js';
import { defaultCacheLocation } from './analysis-cache.js';
import { cacheFile, seal, unseal, writeAtomically, type CacheLocation } from './files.js';
import { checksum } from '../text/checksum.js';

/** Path, size, content hash (SHA-256) and stat stamp of one file ('' when the stamp is not to be trusted). */
export type FileDigest = [string, number, string, string];

/** How long after a change a file's stamp is not trusted: longer than any file system's timestamp granularity. */
const RACY_MS = 2000;

const Point = Type.Object({ line: Type.Number(), column: Type.Number(), offset: Type.Optional(Type.Number()) });
const SummarySchema = Type.Object({
  tool: Type.String(),
  /** What else the findings depend on (registry, templates, configuration). */
  context: Type.String(),
  files: Type.Array(Type.Tuple([Type.String(), Type.Number(), Type.String(), Type.String()])),
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

/** The summary's shape, compiled on first use: a registry's summary lists thousands of files, and walking the schema over them would cost more than the rest of a warm check. */
let summaryShape: { Check(value: unknown): boolean } | null = null;

/** A file below a folder, as stat sees it: size -1 for what is not a regular file (a dangling link, a pipe), never read. */
interface Listed {
  path: string;
  size: number;
  stamp: string;
  /** When its content or metadata last changed (ctime), in ms. */
  changedAt: number;
}

/** The files below `dir` whose content the findings may depend on (README.md and hidden names excepted), in a stable order. */
function listTree(dir: string): Listed[] {
  const out: Listed[] = [];
  for (const entry of walkTree(dir, { skipHidden: true, skipUnreadable: true })) {
    if (entry.isDirectory || entry.name === 'README.md') continue;
    let stat: Stats | null = null;
    try {
      stat = statSync(entry.path);
    } catch {
      // A dangling link: counted below, never read.
    }
    // A dangling link, a pipe or a device counts too (size -1, never read): its appearing changes the folder's findings.
    if (!stat?.isFile()) out.push({ path: entry.path, size: -1, stamp: '', changedAt: 0 });
    else out.push({ path: entry.path, size: Number(stat.size), stamp: `${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`, changedAt: stat.ctimeMs });
  }
  // By full path, as the cache has always keyed them (not the walk's folder-first order).
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
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

/**
 * Every file below `dir` the findings may depend on, with its size, content
 * hash and stamp. A file whose size and stamp are those `known` records keeps
 * the hash recorded with them; any other is read and hashed.
 */
export function digestTree(dir: string, known: readonly FileDigest[] = []): FileDigest[] {
  return digestListed(listTree(dir), known);
}

function digestListed(listed: Listed[], known: readonly FileDigest[]): FileDigest[] {
  // Known digests are in the same order as the listing unless files came or went: look at the same place first.
  let recorded: Map<string, FileDigest> | null = null;
  const priorOf = (file: string, i: number): FileDigest | undefined => {
    const same = known[i];
    if (same && same[0] === file) return same;
    recorded ??= new Map(known.map((digest) => [digest[0], digest]));
    return recorded.get(file);
  };
  const now = Date.now();
  return listed.map(({ path, size, stamp, changedAt }, i) => {
    if (size < 0) return [path, size, '', ''];
    const prior = priorOf(path, i);
    if (prior && stamp && prior[3] === stamp && prior[1] === size) return prior;
    const hash = hashFile(path) ?? '';
    return [path, size, hash, hash && now - changedAt > RACY_MS ? stamp : ''];
  });
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
      summaryShape ??= Compile(SummarySchema);
      return summaryShape.Check(summary) && (summary as Summary).tool === this.tool ? (summary as Summary) : null;
    } catch {
      return null;
    }
  }

  /**
   * The findings of the last check of `dir`, if no file under it has changed
   * (by content) and neither has anything they depend on (`context`).
   * `digests`, when the caller has them already, saves looking at the files again.
   */
  lookup(dir: string, context: string, digests?: FileDigest[]): SerializedFile[] | null {
    const summary = this.read();
    if (!summary || summary.context !== context) return null;
    const listed = digests ? null : listTree(dir);
    const names = digests ?? listed!.map((l) => [l.path, l.size] as const);
    if (names.length !== summary.files.length) return null;
    // Names and sizes first: a changed folder is told apart without reading it.
    for (let i = 0; i < names.length; i++) {
      const recorded = summary.files[i]!;
      if (names[i]![0] !== recorded[0] || names[i]![1] !== recorded[1]) return null;
    }
    const current = digests ?? digestListed(listed!, summary.files);
    for (let i = 0; i < current.length; i++) if (current[i]![2] !== summary.files[i]![2]) return null;
    return summary.findings as SerializedFile[];
  }

  /** The digests of the files below `dir`, reusing the hashes this summary recorded for files whose stamp has not changed. */
  digest(dir: string): FileDigest[] {
    return digestTree(dir, this.read()?.files ?? []);
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
    const digests = summary.digest(dir);
    const result = await check();
    summary.record(digests, context, serializeFiles(result.files));
    return result;
  }
}
