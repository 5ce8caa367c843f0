/**
 * A content-hashed cache of per-file analyses, so a warm `check` re-parses
 * only the files that changed. One cache file per ordinance folder (or
 * registry) in .cache/ordinance/, invalidated by each file's content, the
 * schema it was read with, and the tool itself (a hash of the bundled code).
 * What is kept is what the rules read: front matter and where each key is,
 * file-local findings and suppressions, the blocks with their text, and the
 * terms, citations and references with their positions. Notes on sections
 * are not kept, so builds always parse.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { FileAnalysis } from '../model/build-ordinance.js';
import type { Suppression } from '../parse/suppressions.js';
import { deserializeFiles, serializeFiles, type SerializedMessage } from '../parallel/messages.js';

interface Entry {
  hash: string;
  messages: SerializedMessage[];
  frontMatter: Record<string, unknown> | null;
  frontMatterValid: boolean;
  places: [string, Position][];
  suppressions: Suppression[];
  /** The analysis with `file` references and text removed. */
  analysis: unknown;
}

interface Store {
  tool: string;
  entries: Record<string, Entry>;
}

let toolKeyMemo: string | null | undefined;

/**
 * A hash of the running code, or null when not running from the bundle (in
 * tests from source, where no code hash is meaningful, nothing is cached).
 */
export function toolKey(): string | null {
  if (toolKeyMemo !== undefined) return toolKeyMemo;
  const dir = path.dirname(fileURLToPath(import.meta.url));
  if (path.basename(dir) !== 'bin' || process.env.ORDINANCE_CACHE === '0') return (toolKeyMemo = null);
  const hash = createHash('sha1');
  for (const name of readdirSync(dir).filter((n) => n.endsWith('.js')).sort()) hash.update(name).update(readFileSync(path.join(dir, name)));
  return (toolKeyMemo = hash.digest('hex'));
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

/**
 * JSON without vfile references, resolved links or annotations (no rule reads
 * them), with positions packed. The text stays: style and term rules read it.
 */
function lighten(analysis: FileAnalysis): unknown {
  const light = {
    blocks: analysis.blocks,
    annotations: [],
    terms: analysis.terms.map((t) => ({ ...t, children: [] })),
    citations: analysis.citations.map((c) => ({ ...c, children: [], directive: undefined })),
    references: analysis.references.map((r) => ({ ...r, target: undefined })),
    body: analysis.body,
  };
  return JSON.parse(
    JSON.stringify(light, (key, value) => (key === 'file' ? undefined : key === 'position' ? pack(value as Position | undefined) : value)),
  );
}

/** Put the vfile back wherever a `source` was, and unpack every position. */
function rehydrate(value: unknown, file: VFile): void {
  if (Array.isArray(value)) for (const item of value) rehydrate(item, file);
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (Array.isArray(object.position)) object.position = unpack(object.position as PackedPosition);
    if (object.source && typeof object.source === 'object') (object.source as { file?: VFile }).file = file;
    for (const key of Object.keys(object)) if (key !== 'position') rehydrate(object[key], file);
  }
}

export class AnalysisCache {
  private store: Store;
  private dirty = false;

  private constructor(
    private readonly file: string,
    private readonly tool: string,
  ) {
    this.store = { tool, entries: {} };
    if (existsSync(file)) {
      try {
        const loaded = JSON.parse(readFileSync(file, 'utf8')) as Store;
        if (loaded.tool === tool) this.store = loaded;
      } catch {
        // A damaged cache is an empty one.
      }
    }
  }

  /** The cache of one ordinance folder or registry, or null when caching is off. */
  static open(folder: string, kind: string, cacheDir = path.join(process.cwd(), '.cache', 'ordinance')): AnalysisCache | null {
    const tool = toolKey();
    if (!tool) return null;
    const name = createHash('sha1').update(`${kind}\0${path.resolve(folder)}`).digest('hex').slice(0, 20);
    return new AnalysisCache(path.join(cacheDir, `${kind}-${name}.json`), tool);
  }

  private static hash(file: VFile, schema: string): string {
    return createHash('sha1').update(schema).update('\0').update(String(file.value)).digest('hex');
  }

  /** The cached analysis of `file`, restoring its findings and front matter onto it; null on a miss. */
  get(file: VFile, schema: string): FileAnalysis | null {
    const entry = this.store.entries[file.path];
    if (!entry || entry.hash !== AnalysisCache.hash(file, schema)) return null;
    const [restored] = deserializeFiles([{ path: file.path, messages: entry.messages }]);
    if (restored) file.messages.push(...restored.messages);
    file.data.frontMatter = entry.frontMatter;
    file.data.frontMatterValid = entry.frontMatterValid;
    file.data.frontMatterPlaces = new Map(entry.places);
    file.data.suppressions = entry.suppressions ?? [];
    const analysis = entry.analysis as Omit<FileAnalysis, 'file'>; // read fresh from disk for this run, used once
    rehydrate(analysis, file);
    return { ...analysis, file };
  }

  /** Remember `analysis` of `file` (whose messages so far are all file-local). */
  set(file: VFile, schema: string, analysis: FileAnalysis): void {
    this.store.entries[file.path] = {
      hash: AnalysisCache.hash(file, schema),
      messages: serializeFiles([file])[0]?.messages ?? [],
      frontMatter: file.data.frontMatter ?? null,
      frontMatterValid: file.data.frontMatterValid ?? false,
      places: [...(file.data.frontMatterPlaces ?? new Map())],
      suppressions: file.data.suppressions ?? [],
      analysis: lighten(analysis),
    };
    this.dirty = true;
  }

  /** Forget entries for files that are gone, and write the cache if it changed. */
  save(present: Iterable<string>): void {
    const keep = new Set(present);
    for (const key of Object.keys(this.store.entries)) {
      if (!keep.has(key)) {
        delete this.store.entries[key];
        this.dirty = true;
      }
    }
    if (!this.dirty) return;
    mkdirSync(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
    // Entries handed out by get() have their vfiles put back in; those stay out of the file.
    writeFileSync(
      temporary,
      JSON.stringify(this.store, (key, value) =>
        key === 'file' ? undefined : key === 'position' && value && !Array.isArray(value) ? pack(value as Position) : value,
      ),
    );
    renameSync(temporary, this.file);
    this.dirty = false;
  }
}
