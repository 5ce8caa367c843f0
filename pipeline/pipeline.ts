/**
 * The whole pipeline in one chain: load, parse, model, resolve, validate,
 * render, summarize, publish. Each stage is a module with typed input and
 * output; options switch the output stages on and off.
 */
import { readdirSync } from 'node:fs';
import type { TSchema } from 'typebox';
import path from 'node:path';
import type { VFile } from 'vfile';
import { hasErrors } from './diagnostics.js';
import { loadOrdinanceSources, loadRegistrySources, type OrdinanceSources, type Workspace } from './load/sources.js';
import { analyzeFile, buildOrdinance, type FileAnalysis } from './model/build-ordinance.js';
import { groupSchema, ordinanceSchema, sectionSchema } from './model/metadata.js';
import type { Ordinance } from './model/types.js';
import { parseSource } from './parse/processor.js';
import { AnalysisCache } from './cache/analysis-cache.js';
import { fingerprint, statTree, SummaryCache, type FileStat } from './cache/summary-cache.js';
import { deserializeFiles, serializeFiles } from './parallel/messages.js';
import { provenanceOf } from './provenance.js';
import { publishOutputs, retractOutputs } from './publish/dist.js';
import { DirectiveRegistry } from './registry/registry.js';
import { jurisdictionIds, loadTemplate, templatesFingerprint } from './template/load.js';
import { detectProseCitations } from './resolve/prose-citations.js';
import { resolveReferences } from './resolve/resolve.js';
import { directiveRelations } from './xref/relations.js';
import { crossReferences } from './xref/xref.js';
import type { ProjectConfig, RuleSetting } from './validate/config.js';
import { ruleOptionsFor, validateOrdinance } from './validate/engine.js';

export interface PipelineOptions {
  /** Render, summarize and publish (build); otherwise check only. */
  build: boolean;
  /** Where outputs go (dist/). */
  outDir: string;
  /** The project's ordinance.config.json, loaded. */
  config?: ProjectConfig;
  /** Rule settings given directly, above every other layer. */
  settings?: Record<string, RuleSetting>;
  /**
   * Drop each ordinance's model and source text once it is checked or built,
   * keeping only the findings: what a large corpus needs to stay small.
   */
  release?: boolean;
  /** Share the ordinances among worker threads when the workspace is large enough. */
  parallel?: boolean;
  /** Reuse cached analyses of unchanged files in `check` (default true; only the bundled CLI caches). */
  cache?: boolean;
}

export interface OrdinanceResult {
  slug: string;
  dir: string;
  /** Every source file read, with its messages. */
  files: VFile[];
  ordinance: Ordinance | null;
  /** Paths written to outDir. */
  outputs: string[];
}

/** Run the pipeline on one ordinance folder against `registry`. */
export async function compileOrdinance(sources: OrdinanceSources, registry: DirectiveRegistry, options: PipelineOptions): Promise<OrdinanceResult> {
  const files = [sources.folder, ...(sources.ordinanceFile ? [sources.ordinanceFile] : []), ...sources.groupFiles.values(), ...sources.sectionFiles];
  const result: OrdinanceResult = { slug: sources.slug, dir: sources.dir, files, ordinance: null, outputs: [] };
  if (sources.ordinanceFile && sources.sectionFiles.length > 0) {
    // Check reuses the analyses of unchanged files; build needs their text, so it always parses.
    const cache = options.build || options.cache === false ? null : AnalysisCache.open(sources.dir, 'ordinance');
    const analyze = (file: VFile, schema: TSchema, what: string): FileAnalysis => {
      // A file that could not be decoded stays in the ordinance (so numbering holds) with nothing in it.
      if (file.messages.some((m) => m.ruleId === 'source-encoding')) return analyzeFile({ tree: { type: 'root', children: [] }, file });
      const cached = cache?.get(file, what);
      if (cached) return cached;
      const analysis = analyzeFile(parseSource(file, schema, what));
      cache?.set(file, what, analysis);
      return analysis;
    };
    const ordinanceFile = analyze(sources.ordinanceFile, ordinanceSchema, 'ordinance front matter');
    const sectionFiles = sources.sectionFiles.map((file) => analyze(file, sectionSchema, 'section front matter'));
    for (const file of sources.groupFiles.values()) analyze(file, groupSchema, 'group front matter');
    cache?.save(files.map((f) => f.path));
    const ordinance = buildOrdinance(sources.slug, sources.dir, ordinanceFile, sectionFiles, sources.groupFiles);
    if (ordinance) {
      const jurisdictions = jurisdictionIds();
      const jurisdiction = jurisdictions.includes(ordinance.meta.jurisdiction) ? loadTemplate(ordinance.meta.jurisdiction).jurisdiction : undefined;
      detectProseCitations(ordinance, registry, jurisdiction?.citations);
      resolveReferences(ordinance, registry);
      validateOrdinance({ ordinance, registry, jurisdictions, jurisdiction }, { config: options.config, settings: options.settings });
    }
    result.ordinance = ordinance;
  }
  if (!options.build) return result;
  if (!result.ordinance || hasErrors(files)) {
    await retractOutputs(options.outDir, sources.slug);
    return result;
  }
  const ordinance = result.ordinance;
  const template = loadTemplate(ordinance.meta.jurisdiction);
  const provenance = provenanceOf([...files.filter((f) => f !== sources.folder), ...registry.files].map((f) => f.path));
  // Loaded on demand: pdfkit and its fonts are most of start-up time, and `check` never draws.
  const [{ renderOrdinancePdf }, { renderSummaryPdf }, { digestOf, digestMarkdown, digestScores }] = await Promise.all([
    import('./render/pdf/document.js'),
    import('./render/pdf/summary.js'),
    import('./summarize/summary.js'),
  ]);
  const isCode = ordinance.meta.type === 'code-title';
  const relations = isCode ? [] : directiveRelations(ordinance, registry);
  const pdf = await renderOrdinancePdf(ordinance, template, provenance, relations);
  // The digest is scored against the same targets the summary-readability rule checks.
  const readability = ruleOptionsFor('summary-readability', { ordinance, registry, jurisdictions: jurisdictionIds(), jurisdiction: template.jurisdiction }, { config: options.config, settings: options.settings });
  const digest = digestOf(ordinance, registry, template.jurisdiction, {
    readingEase: Number(readability.readingEase ?? 60),
    grade: Number(readability.grade ?? 8),
    minWords: Number(readability.minWords ?? 100),
  });
  const xref = `${JSON.stringify(crossReferences(ordinance, registry), null, 2)}\n`;
  const outputs: Record<string, string | Buffer> = { [`${sources.slug}.pdf`]: pdf, 'summary.md': digestMarkdown(digest), 'summary.json': digestScores(digest), 'xref.json': xref };
  // A code title has no drafters' summaries to typeset; an ordinance's digest is also a PDF.
  if (!isCode) outputs['summary.pdf'] = await renderSummaryPdf(ordinance, digest.tree, template, provenance);
  result.outputs = await publishOutputs(options.outDir, sources.slug, outputs);
  return result;
}

export interface WorkspaceResult {
  registry: DirectiveRegistry | null;
  /** The registry's files with their findings. */
  registryFiles: VFile[];
  ordinances: OrdinanceResult[];
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
  private readonly stats: FileStat[];
  /** What every ordinance's findings depend on besides its own files. */
  readonly context: string;

  constructor(
    readonly dir: string,
    private readonly options: PipelineOptions,
  ) {
    this.stats = statTree(dir);
    this.context = fingerprint(this.stats, `${templatesFingerprint()}\0${JSON.stringify([options.config ?? null, options.settings ?? null])}`);
  }

  get registry(): DirectiveRegistry {
    this.loaded ??= DirectiveRegistry.fromFiles(this.dir, loadRegistrySources(this.dir), useCache(this.options));
    return this.loaded;
  }

  /** The registry's files with their findings (from the summary when unchanged). */
  files(): VFile[] {
    const summary = useCache(this.options) ? SummaryCache.open(this.dir, 'registry') : null;
    const cached = summary?.lookup(this.stats, '');
    if (cached) return deserializeFiles(cached);
    const files = this.registry.files;
    summary?.record(this.stats, '', serializeFiles(files));
    return files;
  }
}

function useCache(options: PipelineOptions): boolean {
  return !options.build && options.cache !== false;
}

/** The findings of an unchanged folder's last check, or null when it must be checked again. */
function summarized(dir: string, handle: RegistryHandle, options: PipelineOptions): OrdinanceResult | null {
  const summary = useCache(options) ? SummaryCache.open(dir, 'ordinance') : null;
  const cached = summary?.lookup(statTree(dir), handle.context);
  return cached ? { slug: path.basename(path.resolve(dir)), dir, files: deserializeFiles(cached), ordinance: null, outputs: [] } : null;
}

/** Compile one ordinance folder, recording its findings for the next warm check. */
export async function compileFolder(dir: string, handle: RegistryHandle, options: PipelineOptions): Promise<OrdinanceResult> {
  const summary = useCache(options) ? SummaryCache.open(dir, 'ordinance') : null;
  // Stats before reading: a file changed while it is read is checked again next time.
  const stats = summary ? statTree(dir) : [];
  const result = await compileOrdinance(loadOrdinanceSources(dir), handle.registry, options);
  summary?.record(stats, handle.context, serializeFiles(result.files));
  if (options.release) {
    result.ordinance = null;
    for (const file of result.files) file.value = '';
  }
  return result;
}

/** Run the pipeline on every ordinance of a workspace; one broken ordinance never stops the others. */
export async function compileWorkspace(workspace: Workspace, options: PipelineOptions): Promise<WorkspaceResult> {
  const handle = new RegistryHandle(workspace.registryDir, options);
  const results = new Map<string, OrdinanceResult>();
  for (const dir of workspace.ordinances) {
    const cached = summarized(dir, handle, options);
    if (cached) results.set(dir, cached);
  }
  const pending = workspace.ordinances.filter((dir) => !results.has(dir));
  let onWorkers = false;
  if (options.parallel && pending.length > 1) {
    const { compileOnWorkers, workerCount } = await import('./parallel/pool.js');
    const count = workerCount(pending.length);
    if (count > 1 && countSourceFiles(pending) >= PARALLEL_THRESHOLD) {
      const compiled = await compileOnWorkers({ ...workspace, ordinances: pending }, options, count);
      // A folder a worker could not finish (out of its heap) is compiled here, with the main thread's memory.
      for (const [i, dir] of pending.entries()) results.set(dir, compiled[i] ?? (await compileFolder(dir, handle, { ...options, release: true })));
      onWorkers = true;
    }
  }
  if (!onWorkers) for (const dir of pending) results.set(dir, await compileFolder(dir, handle, options));
  const registryFiles = handle.files();
  if (options.release) for (const file of registryFiles) file.value = '';
  const ordinances = workspace.ordinances.map((dir) => results.get(dir)!);
  return { registry: options.release ? null : handle.registry, registryFiles, ordinances };
}

/** How many Markdown files the workspace's ordinances hold, counted cheaply. */
function countSourceFiles(folders: string[]): number {
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith('.md')) count++;
      if (count >= PARALLEL_THRESHOLD) return;
    }
  };
  for (const dir of folders) if (count < PARALLEL_THRESHOLD) walk(dir);
  return count;
}

/** All vfiles of a run (registry and ordinances), for reporting. */
export function filesOf(results: WorkspaceResult[]): VFile[] {
  return results.flatMap((r) => [...r.registryFiles, ...r.ordinances.flatMap((o) => o.files)]);
}

