/**
 * One ordinance folder in a run: loaded, then compiled by the pipeline, its
 * findings recorded for the next warm check and its outputs for the next
 * build (the caches wrap the whole folder from outside), and the workspace's
 * registry, loaded only when an ordinance needs it.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { BuildCache, entryHashes, registryShape, type BuildContext, type BuildWorld, type Publication } from '../cache/build-cache.js';
import { provenanceOf } from '../history/build-provenance.js';
import { publishOutputs, readManifest } from '../outputs/dist.js';
import { loadTemplate } from '../load/templates.js';
import type { CacheLocation } from '../cache/files.js';
import { digestTree, fingerprint, SummaryCache, type FileDigest } from '../cache/summary-cache.js';
import { codeSignature } from '../load/code-folder.js';
import { failureOf, FolderFailure } from '../report/failure.js';
import { loadOrdinanceSources, loadRegistrySources } from '../load/sources.js';
import { deserializeFiles, serializeFiles } from '../report/messages.js';
import { analyzeDirective, DirectiveRegistry } from '../registry/registry.js';
import { AnalysisCache } from '../cache/analysis-cache.js';
import { cached } from '../cache/cached.js';
import { templatesFingerprint } from '../load/templates.js';
import { cacheLocation, compileOrdinance, notBuilt, runCacheLocation, type OrdinanceResult, type PipelineOptions } from './pipeline.js';

/** What the build cache asks of the world: the runner's answers (the cache calls no stage). */
const BUILD_WORLD: BuildWorld = {
  template(jurisdiction) {
    try {
      return loadTemplate(jurisdiction);
    } catch {
      return null;
    }
  },
  provenance: (paths) => provenanceOf(paths),
  codeSignature,
  manifest: readManifest,
  publish: publishOutputs,
};

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
      world: BUILD_WORLD,
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
    if (!this.loaded) {
      const files = loadRegistrySources(this.dir);
      // Unchanged entries are answered from the analysis cache.
      const location = runCacheLocation(this.options);
      const analyses = location && files.length > 0 ? AnalysisCache.open(this.dir, 'registry', location) : null;
      this.loaded = DirectiveRegistry.fromFiles(this.dir, files, cached(analyzeDirective, analyses));
      analyses?.save(files.map((f) => f.path));
    }
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

/** Where a build keeps its outputs for reuse, or null when it does not (rules given as code cannot be keyed). */
export function buildCacheLocation(options: PipelineOptions): CacheLocation | null {
  return options.build && !options.rules ? runCacheLocation(options) : null;
}

/** The outputs of an unchanged ordinance's last build, put in place in the output folder; or null (with why on `missed`) when it must be built. */
export async function reusedBuild(dir: string, handle: RegistryHandle, options: PipelineOptions, missed: Map<string, string>): Promise<OrdinanceResult | null> {
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
export function summarized(dir: string, handle: RegistryHandle, options: PipelineOptions): OrdinanceResult | null {
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
