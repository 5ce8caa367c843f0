/**
 * The whole pipeline as one list of stages, in the order they run:
 *
 *   each ordinance:  load → parse → model → resolve → amend → validate → render → summarize → publish
 *   each run:        index → publish (dist/directives.json)
 *
 * Each stage is a typed function from its input to its output, in its own
 * module (pipeline/load, parse, model, resolve, amend, validate, render, summarize,
 * publish, xref for the index); `compileOrdinance` and `compileRun` below call
 * them one after another, so a new stage is one more line between two others.
 * What a later stage needs travels in the results: resolve computes the
 * relations to prior directives and the cross-references once, validate gives
 * each rule's resolved settings. Caching wraps a stage from outside (the
 * parse stage in `check`; the folder summaries around a whole folder's check),
 * and options switch the output stages on and off.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { AnalysisCache, defaultCacheLocation } from './cache/analysis-cache.js';
import { BuildCache, entryHashes, registryShape, type BuildContext, type Publication } from './cache/build-cache.js';
import { cached } from './cache/cached.js';
import { DetectionCache } from './cache/detection-cache.js';
import { GlyphCache } from './cache/glyph-cache.js';
import type { CacheLocation } from './cache/files.js';
import { digestTree, fingerprint, SummaryCache, type FileDigest } from './cache/summary-cache.js';
import { existsSync } from 'node:fs';
import { amendedOutputs, amendOrdinance, type Amendments } from './amend/amend-ordinance.js';
import { codeSignature } from './amend/code.js';
import { hasErrors, report } from './diagnostics.js';
import { failureOf, FolderFailure, type Failure } from './failure.js';
import { loadOrdinanceSources, loadRegistrySources, strayFile, type OrdinanceSources, type Workspace } from './load/sources.js';
import { walkTree } from './load/walk.js';
import { modelOrdinance } from './model/build-ordinance.js';
import type { Ordinance } from './model/types.js';
import { deserializeFiles, serializeFiles } from './parallel/messages.js';
import { parseFile, parseOrdinance } from './parse/parse-ordinance.js';
import { checkFinalOutputs, checkFinalSources } from './history/final.js';
import { lockedProvenance } from './history/lock.js';
import { provenanceOf, type Provenance } from './provenance.js';
import { publishIndex, publishOutputs, retractOutputs } from './publish/dist.js';
import { prepareOutDir } from './publish/out-dir.js';
import { DirectiveRegistry } from './registry/registry.js';
import { renderComparativePrintOf, renderOrdinance } from './render/render-ordinance.js';
import { jurisdictionIds, templateOf, templatesFingerprint } from './template/load.js';
import { resolveOrdinance } from './resolve/resolve-ordinance.js';
import { siteParts } from './site/record.js';
import { summarizeOrdinance } from './summarize/summarize-ordinance.js';
import type { ProjectConfig, RuleSetting } from './validate/config.js';
import { validateOrdinance } from './validate/engine.js';
import { checkGlyphs } from './validate/glyphs.js';
import type { Rule } from './validate/rule.js';
import { directivesJson, xrefJson, type Xref } from './xref/xref.js';
import { progressed } from './progress.js';

export interface PipelineOptions {
  /** Render, summarize and publish (build); otherwise check only. */
  build: boolean;
  /** Where outputs go (dist/). */
  outDir: string;
  /** The project's ordinance.config.json, loaded. */
  config?: ProjectConfig;
  /**
   * The configuration of each workspace (found from its sources upward), in
   * place of `config`: workspaces of one run may belong to different projects.
   */
  configOf?: (workspace: Workspace) => ProjectConfig | undefined;
  /** Rule settings given directly, above every other layer. */
  settings?: Record<string, RuleSetting>;
  /** The rules the validate stage runs (default: every registered rule). */
  rules?: readonly Rule[];
  /**
   * Drop each ordinance's model and source text once it is checked or built,
   * keeping only the findings: what a large corpus needs to stay small.
   */
  release?: boolean;
  /** The code to amend, in place of what each ordinance names in `amends-code` (`ordinance amend --code`). */
  code?: string | undefined;
  /** Share the ordinances among worker threads when the workspace is large enough. */
  parallel?: boolean;
  /**
   * Reuse the findings of unchanged folders and the analyses of unchanged
   * files in `check`: true (default) for the CLI's caches in .cache/ordinance/,
   * keyed by the bundled code (nothing is cached when running from source);
   * a location of their own (an API caller's, a test's); or false.
   */
  cache?: boolean | CacheLocation;
  /**
   * Ordinance folders that may not be published, by folder, with why (their
   * slug is another's of the same run, or the index's name): set by
   * `compileRun`, which sees every workspace.
   */
  slugClashes?: Record<string, string>;
}

export interface OrdinanceResult {
  slug: string;
  dir: string;
  /** Every source file read, with its messages. */
  files: VFile[];
  ordinance: Ordinance | null;
  /** The cross-references of the resolved ordinance (xref.json): what the index stage reads. Kept after `release` only when built. */
  xref: Xref | null;
  /** Paths written to outDir. */
  outputs: string[];
  /** The amend stage's result (kept only when the run does not `release`): what `ordinance amend` writes. */
  amendments?: Amendments | null | undefined;
  /** An internal error in render, summarize or publish: this ordinance is not built, the others are. */
  failure?: Failure | undefined;
  /** The date and commit its outputs were stamped with (when rendered): what `ordinance adopt` records in the lock. */
  provenance?: Provenance | undefined;
  /** Built before from the same inputs: its outputs were reused (put in place from the build cache), not drawn again; `xref` holds only what the index reads. */
  reused?: boolean;
  /** Why a build with a cache did not reuse the last build ("its sources changed", "registry entry `x` changed", …). */
  rebuilt?: string;
}

/** Run the stages on one ordinance folder (loaded) against `registry`. */
export async function compileOrdinance(
  sources: OrdinanceSources,
  registry: DirectiveRegistry,
  options: PipelineOptions,
  published?: (publication: Publication) => void,
): Promise<OrdinanceResult> {
  // What it reads of the registry: its provenance and its incremental build depend on those entries, not the others.
  const lookups = registry.noteLookups();
  try {
    return await compileStages(sources, registry, options, lookups, published);
  } finally {
    registry.stopNoting(lookups);
  }
}

async function compileStages(
  sources: OrdinanceSources,
  registry: DirectiveRegistry,
  options: PipelineOptions,
  lookups: Set<string>,
  published?: (publication: Publication) => void,
): Promise<OrdinanceResult> {
  const files = [sources.folder, ...(sources.ordinanceFile ? [sources.ordinanceFile] : []), ...sources.groupFiles.values(), ...sources.sectionFiles, ...sources.problems];
  const result: OrdinanceResult = { slug: sources.slug, dir: sources.dir, files, ordinance: null, xref: null, outputs: [] };
  // Check reuses the analyses of unchanged files; build always parses.
  const analyses = AnalysisCache.open(sources.dir, 'ordinance', cacheLocation(options));
  const parsed = parseOrdinance(sources, cached(parseFile, analyses));
  analyses?.save(files.map((f) => f.path));
  if (!parsed) return notBuilt(result, options);
  const ordinance = modelOrdinance(parsed);
  // Every character must have a glyph in the jurisdiction's fonts: a check of the sources, before the rules (so its findings get their law path too).
  const glyphs = jurisdictionIds().includes(ordinance.meta.jurisdiction) ? GlyphCache.open(templateOf(ordinance.meta), cacheLocation(options)) : null;
  checkGlyphs(files, ordinance.meta.jurisdiction);
  glyphs?.save();
  const detections = DetectionCache.open(sources.dir, cacheLocation(options));
  const resolved = resolveOrdinance(ordinance, registry, detections);
  detections?.save(files.map((f) => f.path));
  // Amending instructions read and applied to the code the ordinance names (nothing written yet): what the amendment rules check and build publishes.
  const amendments = amendOrdinance(ordinance, resolved.jurisdiction, options.code);
  if (!options.release) result.amendments = amendments;
  const settings = validateOrdinance({ ...resolved, amendments }, options);
  // An adopted final (it has a lock): its sources must be as adopted, and its outputs, rebuilt with the lock's date and commit, the bytes the lock records.
  const final = checkFinalSources(sources, files);
  result.ordinance = ordinance;
  result.xref = resolved.xref;
  if (!options.build && !(final && !hasErrors(files))) return result;
  const clash = options.slugClashes?.[sources.dir];
  if (clash) {
    // Not retracted: what lies at its place in dist/ is the other ordinance's.
    report(sources.folder, 'output-clash', clash, { place: { line: 1, column: 1 } });
    return result;
  }
  if (hasErrors(files)) return notBuilt(result, options);
  const template = templateOf(ordinance.meta);
  const provenancePaths = [...files.filter((f) => f !== sources.folder).map((f) => f.path), ...registryFilesOf(registry, lookups)];
  const provenance = final ? lockedProvenance(final.locked.lock) : provenanceOf(provenancePaths);
  result.provenance = provenance;
  try {
    const pdf = await renderOrdinance(resolved, template, provenance);
    // The sections it amends, as they stand with its changes marked (comparative-print.pdf): the digest links to them.
    const print = amendments ? await renderComparativePrintOf(ordinance, amendments, template, provenance) : { files: {}, sections: [] };
    const { 'summary.pdf': summaryPdf, ...digest } = await summarizeOrdinance(resolved, settings, template, provenance, print.sections);
    const outputs = {
      ...pdf,
      ...print.files,
      ...digest,
      'xref.json': xrefJson(resolved.xref, workspaceRoot(sources.dir)),
      ...(summaryPdf ? { 'summary.pdf': summaryPdf } : {}),
      // Its text as HTML and its catalog entry, from which `ordinance publish` assembles the site.
      ...siteParts(ordinance, template),
      ...(amendments ? amendedOutputs(amendments, workspaceRoot(sources.dir)) : {}),
    };
    if (final) checkFinalOutputs(final.locked, final.file, outputs);
    // An adopted final that no longer rebuilds to its bytes is not published over the one built before.
    if (!options.build || (final && hasErrors(files))) return result;
    result.outputs = await publishOutputs(options.outDir, sources.slug, outputs);
    published?.({ outputs, provenancePaths, lookups: [...lookups], jurisdiction: ordinance.meta.jurisdiction });
  } catch (error) {
    // An ordinance that cannot be drawn or written is not built; the others still are.
    result.failure = failureOf(error);
    return notBuilt(result, options);
  }
  return result;
}

/** The files of the registry entries looked up (those registered or present with errors), by id: what a build's provenance covers of the registry. */
function registryFilesOf(registry: DirectiveRegistry, lookups: ReadonlySet<string>): string[] {
  return [...lookups].sort().flatMap((id) => {
    const file = registry.get(id)?.file ?? registry.unusable.get(id);
    return file ? [file.path] : [];
  });
}

/** The folder of the workspace an ordinance folder belongs to (the one beside its registry, `directives/`): what paths in outputs are relative to. */
export function workspaceRoot(ordinanceDir: string): string {
  return path.dirname(path.resolve(ordinanceDir));
}

/** An ordinance that is not built: in a build, its old outputs are removed, so nothing stale is mistaken for current. */
async function notBuilt(result: OrdinanceResult, options: PipelineOptions): Promise<OrdinanceResult> {
  if (!options.build) return result;
  try {
    await retractOutputs(options.outDir, result.slug);
  } catch (error) {
    result.failure ??= failureOf(error);
  }
  return result;
}

export interface WorkspaceResult {
  registry: DirectiveRegistry | null;
  /** The registry's files with their findings. */
  registryFiles: VFile[];
  /** Sources beside the ordinance folders, in none of them, each with its warning. */
  strayFiles?: VFile[];
  ordinances: OrdinanceResult[];
}

export interface RunResult {
  workspaces: WorkspaceResult[];
  /** dist/directives.json, rewritten by every build from the ordinances it built (an empty index when none was). */
  index: string | null;
}

/**
 * A run: every workspace, then the index stage over the ordinances it built
 * (dist/directives.json: which of them cite, codify, amend, supersede or
 * repeal each directive), published like their outputs.
 */
export async function compileRun(workspaces: Workspace[], options: PipelineOptions): Promise<RunResult> {
  if (options.build) {
    // Before anything is written or removed: an output folder among the sources, or one that cannot be written, stops the run.
    prepareOutDir(options.outDir, sourceFolders(workspaces));
    options = { ...options, slugClashes: slugClashes(workspaces) };
  }
  const results: WorkspaceResult[] = [];
  for (const workspace of workspaces) {
    const { configOf, ...rest } = options;
    results.push(await compileWorkspace(workspace, { ...rest, config: configOf?.(workspace) ?? options.config }));
  }
  let index: string | null = null;
  if (options.build) {
    const xrefs = results.flatMap((r) => r.ordinances).flatMap((o) => (o.outputs.length > 0 && o.xref ? [o.xref] : []));
    index = await publishIndex(options.outDir, INDEX, directivesJson(xrefs));
  }
  return { workspaces: results, index };
}

/** The index of a build, at the top of the output folder. */
const INDEX = 'directives.json';

/** The folders a build reads: each ordinance, and the registry with the workspace folder around it when there is one. */
function sourceFolders(workspaces: Workspace[]): string[] {
  return workspaces.flatMap((w) => [...(existsSync(w.registryDir) ? [path.dirname(path.resolve(w.registryDir)), w.registryDir] : []), ...w.ordinances]);
}

/** Ordinance folders whose outputs would land where another's do (the same slug in two workspaces, or the index's name). */
function slugClashes(workspaces: Workspace[]): Record<string, string> {
  const first = new Map<string, string>();
  const clashes: Record<string, string> = {};
  for (const dir of workspaces.flatMap((w) => w.ordinances)) {
    const slug = path.basename(path.resolve(dir));
    const other = first.get(slug);
    if (slug === INDEX) clashes[dir] = `Unexpected ordinance folder name \`${slug}\`, expected a name other than the build's index (\`${INDEX}\` in the output folder)`;
    else if (other !== undefined)
      clashes[dir] = `Unexpected ordinance folder name \`${slug}\`, expected a name of its own: \`${other}\` is built to the same place in the output folder`;
    else first.set(slug, dir);
  }
  return clashes;
}

/** Below this many source files a workspace is compiled on the main thread: workers cost more to start than they save. */
const PARALLEL_THRESHOLD = 400;

/**
 * The registry of a workspace, loaded only when an ordinance needs it: a warm
 * check whose folders are all unchanged reports the registry's findings from
 * its summary and never parses it.
 */
export class RegistryHandle {
  private loaded: DirectiveRegistry | null = null;
  private digestsMemo: FileDigest[] | null = null;
  private contextMemo: string | null = null;
  private buildContextMemo: BuildContext | null = null;

  constructor(
    readonly dir: string,
    private readonly options: PipelineOptions,
  ) {}

  /** The registry's files by content: read only when a cache asks. */
  private get digests(): FileDigest[] {
    this.digestsMemo ??= SummaryCache.open(this.dir, 'registry', runCacheLocation(this.options))?.digest(this.dir) ?? digestTree(this.dir);
    return this.digestsMemo;
  }

  /** What the build cache reads of the registry: each entry's content, and its shape. */
  buildContext(location: CacheLocation): BuildContext {
    if (this.buildContextMemo) return this.buildContextMemo;
    const digests = this.digests;
    const entries = entryHashes(digests);
    let shape: string | null = null;
    this.buildContextMemo = {
      entry: (id) => entries.get(id) ?? '',
      shape: () => (shape ??= registryShape(this.dir, fingerprint(digests), () => this.registry, location)),
      config: JSON.stringify([this.options.config ?? null, this.options.settings ?? null]),
      code: this.options.code,
    };
    return this.buildContextMemo;
  }

  /** What every ordinance's findings depend on besides its own files. */
  get context(): string {
    this.contextMemo ??= fingerprint(this.digests, `${templatesFingerprint()}\0${JSON.stringify([this.options.config ?? null, this.options.settings ?? null])}`);
    return this.contextMemo;
  }

  get registry(): DirectiveRegistry {
    // Hashed before it is read, so a registry changed while it is read is seen as changed next time.
    if (!this.loaded && buildCacheLocation(this.options)) void this.digests;
    this.loaded ??= DirectiveRegistry.fromFiles(this.dir, loadRegistrySources(this.dir), runCacheLocation(this.options));
    return this.loaded;
  }

  /** The registry's files with their findings (from the summary when unchanged). */
  files(): VFile[] {
    const summary = SummaryCache.open(this.dir, 'registry', runCacheLocation(this.options));
    const cached = summary?.lookup(this.dir, '', this.digests);
    if (cached) return deserializeFiles(cached);
    const files = this.registry.files;
    summary?.record(this.digests, '', serializeFiles(files));
    return files;
  }
}

/** Where a run caches, or null when it does not. */
function runCacheLocation(options: PipelineOptions): CacheLocation | null {
  if (options.cache === false) return null;
  return typeof options.cache === 'object' ? options.cache : defaultCacheLocation();
}

/** Where `check` caches its analyses and findings (a build parses every ordinance it builds), or null when it does not. */
function cacheLocation(options: PipelineOptions): CacheLocation | null {
  return options.build ? null : runCacheLocation(options);
}

/** Where a build keeps its outputs for reuse, or null when it does not (rules given as code cannot be keyed). */
function buildCacheLocation(options: PipelineOptions): CacheLocation | null {
  return options.build && !options.rules ? runCacheLocation(options) : null;
}

/** The outputs of an unchanged ordinance's last build, put in place in the output folder; or null (with why on `missed`) when it must be built. */
async function reusedBuild(dir: string, handle: RegistryHandle, options: PipelineOptions, missed: Map<string, string>): Promise<OrdinanceResult | null> {
  const location = buildCacheLocation(options);
  const cache = BuildCache.open(dir, location);
  if (!cache || !location || options.slugClashes?.[dir]) return null;
  const slug = path.basename(path.resolve(dir));
  const reused = await cache.reuse(options.outDir, slug, handle.buildContext(location));
  if ('reason' in reused) {
    missed.set(dir, reused.reason);
    return null;
  }
  const result: OrdinanceResult = { slug, dir, files: deserializeFiles(reused.findings), ordinance: null, xref: reused.index, outputs: reused.outputs, reused: true };
  if (reused.failure === undefined) return result;
  // Its outputs could not be put in place: not built, as a build that cannot publish, and what it wrote before is removed.
  return notBuilt({ ...result, xref: null, reused: false, failure: failureOf(reused.failure) }, options);
}

/** The findings of an unchanged folder's last check, or null when it must be checked again. */
function summarized(dir: string, handle: RegistryHandle, options: PipelineOptions): OrdinanceResult | null {
  const summary = SummaryCache.open(dir, 'ordinance', cacheLocation(options));
  const cached = summary?.lookup(dir, handle.context + codeSignature(dir));
  return cached ? { slug: path.basename(path.resolve(dir)), dir, files: deserializeFiles(cached), ordinance: null, xref: null, outputs: [] } : null;
}

/**
 * Compile one ordinance folder (load, then its stages), recording its
 * findings for the next warm check. An internal error comes out as a
 * `FolderFailure` naming the folder.
 */
export async function compileFolder(dir: string, handle: RegistryHandle, options: PipelineOptions): Promise<OrdinanceResult> {
  const summary = SummaryCache.open(dir, 'ordinance', cacheLocation(options));
  const location = buildCacheLocation(options);
  const builds = BuildCache.open(dir, location);
  let result: OrdinanceResult;
  try {
    // A build's inputs are hashed before they are read, so one changed while it is read is built again next time.
    const digests = builds?.digest();
    const context = location ? handle.buildContext(location) : null;
    let publication: Publication | null = null;
    result = await SummaryCache.around(summary, dir, summary ? handle.context + codeSignature(dir) : '', () =>
      compileOrdinance(loadOrdinanceSources(dir), handle.registry, options, (p) => {
        publication = p;
      }),
    );
    if (builds && digests && context && publication && result.xref && !result.failure)
      builds.save(digests, publication, serializeFiles(result.files), result.xref, options.outDir, result.slug, context);
  } catch (error) {
    throw new FolderFailure(dir, failureOf(error));
  }
  if (options.release) {
    result.ordinance = null;
    if (result.outputs.length === 0) result.xref = null;
    for (const file of result.files) file.value = '';
  }
  return result;
}

/** Run the pipeline on every ordinance of a workspace; one broken ordinance never stops the others. */
export async function compileWorkspace(workspace: Workspace, options: PipelineOptions): Promise<WorkspaceResult> {
  const handle = new RegistryHandle(workspace.registryDir, options);
  const results = new Map<string, OrdinanceResult>();
  const missed = new Map<string, string>();
  for (const dir of workspace.ordinances) {
    const cached = options.build ? await reusedBuild(dir, handle, options, missed) : summarized(dir, handle, options);
    if (cached) {
      results.set(dir, cached);
      progressed('folder');
    }
  }
  const pending = workspace.ordinances.filter((dir) => !results.has(dir));
  let onWorkers = false;
  let registryFiles: VFile[] | undefined;
  // Rules given as code cannot cross to a worker thread: such a run stays on this one.
  if (options.parallel && !options.rules && pending.length > 1) {
    const { compileOnWorkers, workerCount } = await import('./parallel/pool.js');
    const count = workerCount(pending.length);
    if (count > 1 && countSourceFiles(pending) >= PARALLEL_THRESHOLD) {
      const compiled = await compileOnWorkers({ ...workspace, ordinances: pending }, options, count);
      // A folder a worker could not finish (out of its heap) is compiled here, with the main thread's memory.
      for (const [i, dir] of pending.entries()) results.set(dir, compiled.ordinances[i] ?? (await compileFolder(dir, handle, { ...options, release: true })));
      registryFiles = compiled.registryFiles;
      onWorkers = true;
    }
  }
  if (!onWorkers)
    for (const dir of pending) {
      results.set(dir, await compileFolder(dir, handle, options));
      progressed('folder');
    }
  registryFiles ??= handle.files();
  if (options.release) for (const file of registryFiles) file.value = '';
  const ordinances = workspace.ordinances.map((dir) => {
    const result = results.get(dir)!;
    const why = missed.get(dir);
    return why && !result.reused ? { ...result, rebuilt: why } : result;
  });
  const strayFiles = (workspace.stray ?? []).map(strayFile);
  return { registry: options.release ? null : handle.registry, registryFiles, ordinances, ...(strayFiles.length > 0 ? { strayFiles } : {}) };
}

/** How many Markdown files the workspace's ordinances hold, counted cheaply. */
function countSourceFiles(folders: string[]): number {
  let count = 0;
  for (const dir of folders) {
    for (const entry of walkTree(dir, { skipUnreadable: true })) {
      if (!entry.isDirectory && entry.name.endsWith('.md')) count++;
      if (count >= PARALLEL_THRESHOLD) return count;
    }
  }
  return count;
}

/** All vfiles of a run (registry and ordinances), for reporting. */
export function filesOf(results: WorkspaceResult[]): VFile[] {
  return results.flatMap((r) => [...r.registryFiles, ...(r.strayFiles ?? []), ...r.ordinances.flatMap((o) => o.files)]);
}
