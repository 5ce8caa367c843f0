/**
 * A content-hashed cache of per-file analyses, so a warm `check` re-parses
 * only the files that changed. One cache file per ordinance folder (or
 * registry) in .cache/ordinance/, invalidated by each file's content, the
 * schema it was read with, and the tool itself (a hash of the bundled code).
 * What is kept is the whole analysis, so that every stage after parsing
 * (prose-citation detection, the rules) sees exactly what a fresh parse gives:
 * front matter and where each key is, file-local findings and suppressions,
 * the blocks with their text, the notes on sections, and the terms, citations
 * and references with their words and positions, each still the same object
 * as in the text it stands in. Only the vfile is left out (it is put back).
 * Each entry is sealed with a checksum of itself (and its file's path): one
 * that was edited, truncated or corrupted, or that does not have the shape
 * written, is dropped and the file parsed again, never trusted.
 * Builds always parse.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { FileAnalysis } from '../analyze/build-ordinance.js';
import type { SourceFile } from '../analyze/parse-ordinance.js';
import type { Suppression } from '../parse/suppressions.js';
import { deserializeFiles, serializeFiles, type SerializedMessage } from '../report/messages.js';
import type { StageCache } from './cached.js';
import { cacheDir, cacheFile, type CacheLocation, textDigest } from './files.js';
import { checksum } from '../text/checksum.js';
import { SealedLines } from './sealed-lines.js';

interface Entry {
  hash: string;
  messages: SerializedMessage[];
  frontMatter: Record<string, unknown> | null;
  frontMatterValid: boolean;
  places: [string, Position][];
  suppressions: Suppression[];
  /** The analysis without its vfile references, shared nodes written once (see `serialize`). */
  analysis: unknown;
}

/** Whether a parsed entry has the shape `set` writes (the checksum says it is whole; this, that it is ours). */
function isEntry(value: unknown): value is Entry {
  if (!value || typeof value !== 'object') return false;
  const e = value as Record<string, unknown>;
  return (
    typeof e.hash === 'string' &&
    Array.isArray(e.messages) &&
    e.messages.every((m) => m && typeof m === 'object' && typeof (m as { reason?: unknown }).reason === 'string') &&
    (e.frontMatter === null || (typeof e.frontMatter === 'object' && !Array.isArray(e.frontMatter))) &&
    typeof e.frontMatterValid === 'boolean' &&
    Array.isArray(e.places) &&
    e.places.every((p) => Array.isArray(p) && p.length === 2 && typeof p[0] === 'string') &&
    Array.isArray(e.suppressions) &&
    !!e.analysis &&
    typeof e.analysis === 'object'
  );
}

let toolKeyMemo: string | null | undefined;

/**
 * A hash of the running code, or null when not running from the bundle (in
 * tests from source, where no code hash is meaningful, nothing is cached).
 */
export function toolKey(): string | null {
  if (toolKeyMemo !== undefined) return toolKeyMemo;
  const dir = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(dir) !== 'bin' || process.env.ORDINANCE_CACHE === '0') {
    toolKeyMemo = null;
    return toolKeyMemo;
  }
  const hash = createHash('sha1');
  for (const name of readdirSync(dir)
    .filter((n) => n.endsWith('.js'))
    .sort())
    hash.update(name).update(readFileSync(path.join(dir, name)));
  toolKeyMemo = hash.digest('hex');
  return toolKeyMemo;
}

/** The CLI's caches: .cache/ordinance/ here, keyed by the bundled code; null when not running from the bundle or ORDINANCE_CACHE=0. */
export function defaultCacheLocation(): CacheLocation | null {
  const key = toolKey();
  return key ? { dir: cacheDir(), key } : null;
}

/** A position as six numbers: the cache holds hundreds of thousands of them. */
type PackedPosition = [number, number, number, number, number, number];

function pack(position: Position | undefined): PackedPosition | undefined {
  if (!position) return undefined;
  const { start, end } = position;
  return [start.line, start.column, start.offset ?? -1, end.line, end.column, end.offset ?? -1];
}

function unpack(p: PackedPosition): Position {
  const point = (line: number, column: number, offset: number) => (offset < 0 ? { line, column } : { line, column, offset });
  return { start: point(p[0], p[1], p[2]), end: point(p[3], p[4], p[5]) };
}

/** Every object reachable from `value` (vfiles aside) that is reached more than once. */
function sharedObjects(value: unknown): Set<object> {
  const seen = new Set<object>();
  const shared = new Set<object>();
  const walk = (v: unknown, key: string) => {
    if (!v || typeof v !== 'object' || key === 'file' || key === 'position') return;
    if (seen.has(v)) {
      shared.add(v);
      return;
    }
    seen.add(v);
    if (Array.isArray(v)) for (const item of v) walk(item, '');
    else for (const [k, item] of Object.entries(v)) walk(item, k);
  };
  walk(value, '');
  return shared;
}

/**
 * The analysis as JSON, without its vfile references and with positions
 * packed. A node reached twice (a citation is in its paragraph's text and in
 * the file's list of citations) is written whole where it is first reached,
 * with a `$id`, and as `{"$ref": id}` after, so that it comes back as one
 * object: resolving the citation resolves it in the text too.
 */
function serialize(analysis: FileAnalysis): string {
  const shared = sharedObjects(analysis);
  const ids = new Map<object, number>();
  return JSON.stringify(analysis, (key, value: unknown) => {
    if (key === 'file') return undefined;
    if (key === 'position') return pack(value as Position | undefined);
    if (!value || typeof value !== 'object' || !shared.has(value)) return value;
    const id = ids.get(value);
    if (id !== undefined) return { $ref: id };
    ids.set(value, ids.size);
    return { $id: ids.size - 1, ...value };
  });
}

/**
 * Undo `serialize` in place: one object for each `$id` (its `$ref`s point to
 * it), positions unpacked, and the vfile put back wherever a `source` was.
 * The walk visits keys in the order JSON.stringify wrote them, so a `$id` is
 * always met before its `$ref`s.
 */
function rehydrate(value: unknown, file: VFile, ids = new Map<number, object>()): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = rehydrate(value[i], file, ids);
  } else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.$ref === 'number') return ids.get(object.$ref);
    if (typeof object.$id === 'number') {
      ids.set(object.$id, object);
      delete object.$id;
    }
    for (const key of Object.keys(object)) {
      if (key === 'position') object.position = Array.isArray(object.position) ? unpack(object.position as PackedPosition) : object.position;
      else object[key] = rehydrate(object[key], file, ids);
    }
    if (object.source && typeof object.source === 'object') (object.source as { file?: VFile }).file = file;
  }
  return value;
}

/**
 * The analyses of one folder's files, by path, in a file of sealed lines
 * (see `SealedLines`): a check that re-parses one file does not re-serialize
 * the other thousands.
 */
export class AnalysisCache implements StageCache<SourceFile, FileAnalysis> {
  private readonly lines: SealedLines;

  private constructor(file: string, tool: string) {
    this.lines = new SealedLines(file, tool);
  }

  /** The cache of one ordinance folder or registry, or null when caching is off. */
  static open(folder: string, kind: string, location: CacheLocation | null = defaultCacheLocation()): AnalysisCache | null {
    return location ? new AnalysisCache(cacheFile(location.dir, kind, folder, 'ndjson'), location.key) : null;
  }

  /** What an analysis depends on: the file's text, the schema it was read with, and whether it may be quoted law (a section file in an ordinance's sub-folder). */
  private static hash({ file, what: schema, quotable }: SourceFile): string {
    return checksum(quotable ? `${schema}\0quotable` : schema, textDigest(file));
  }

  /** The cached analysis of `file`, restoring its findings and front matter onto it; null on a miss (or an entry that is not whole and as written). */
  get(source: SourceFile): FileAnalysis | null {
    const { file } = source;
    const text = this.lines.get(file.path);
    if (text === null) return null;
    try {
      const entry = JSON.parse(text) as unknown;
      if (!isEntry(entry) || entry.hash !== AnalysisCache.hash(source)) return null;
      const [restored] = deserializeFiles([{ path: file.path, messages: entry.messages }]);
      const analysis = rehydrate(entry.analysis, file) as Omit<FileAnalysis, 'file'>; // parsed fresh from its line, used once
      // Only a whole entry touches the file: a failure above leaves it as it was, to be parsed.
      if (restored) file.messages.push(...restored.messages);
      file.data.frontMatter = entry.frontMatter;
      file.data.frontMatterValid = entry.frontMatterValid;
      file.data.frontMatterPlaces = new Map(entry.places);
      file.data.suppressions = entry.suppressions;
      return { ...analysis, file };
    } catch {
      return null;
    }
  }

  /** Remember `analysis` of `file` (whose messages so far are all file-local). */
  set(source: SourceFile, analysis: FileAnalysis): void {
    const { file } = source;
    const entry: Omit<Entry, 'analysis'> = {
      hash: AnalysisCache.hash(source),
      messages: serializeFiles([file])[0]?.messages ?? [],
      frontMatter: file.data.frontMatter ?? null,
      frontMatterValid: file.data.frontMatterValid ?? false,
      places: [...(file.data.frontMatterPlaces ?? new Map())],
      suppressions: file.data.suppressions ?? [],
    };
    // The analysis, serialized once, goes in as it is: the rest is small.
    const head = JSON.stringify(entry, (key, value) => (key === 'position' && value && !Array.isArray(value) ? pack(value as Position) : value));
    this.lines.set(file.path, `${head.slice(0, -1)},"analysis":${serialize(analysis)}}`);
  }

  /** Forget entries for files that are gone, and write the cache if it changed. */
  save(present: Iterable<string>): void {
    this.lines.save(present);
  }
}
