/**
 * The whole pipeline in one chain: load, parse, model, resolve, validate,
 * render, summarize, publish. Each stage is a module with typed input and
 * output; options switch the output stages on and off.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { hasErrors } from './diagnostics.js';
import { loadOrdinanceSources, loadRegistrySources, type OrdinanceSources, type Workspace } from './load/sources.js';
import { analyzeFile, buildOrdinance, type FileAnalysis } from './model/build-ordinance.js';
import { groupSchema, ordinanceSchema, sectionSchema } from './model/metadata.js';
import type { Ordinance } from './model/types.js';
import { parseSource } from './parse/processor.js';
import type { Schema } from './parse/schema.js';
import { AnalysisCache } from './cache/analysis-cache.js';
import { provenanceOf } from './provenance.js';
import { publishOutputs, retractOutputs } from './publish/dist.js';
import { DirectiveRegistry } from './registry/registry.js';
import { jurisdictionIds, loadTemplate } from './render/template.js';
import { resolveReferences } from './resolve/resolve.js';
import { validateOrdinance, type RuleSeverities } from './validate/engine.js';

export interface PipelineOptions {
  /** Render, summarize and publish (build); otherwise check only. */
  build: boolean;
  /** Where outputs go (dist/). */
  outDir: string;
  severities?: RuleSeverities;
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
    const analyze = (file: VFile, schema: Schema, what: string): FileAnalysis => {
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
      resolveReferences(ordinance, registry);
      validateOrdinance({ ordinance, registry, jurisdictions: jurisdictionIds() }, options.severities);
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
  const [{ renderOrdinancePdf }, { summarizeOrdinance }] = await Promise.all([import('./render/pdf/document.js'), import('./summarize/summary.js')]);
  const pdf = await renderOrdinancePdf(ordinance, template, provenance);
  const summary = summarizeOrdinance(ordinance, registry);
  result.outputs = await publishOutputs(options.outDir, sources.slug, { [`${sources.slug}.pdf`]: pdf, 'summary.md': summary });
  return result;
}

export interface WorkspaceResult {
  registry: DirectiveRegistry;
  /** The registry's files with their findings. */
  registryFiles: VFile[];
  ordinances: OrdinanceResult[];
}

/** How many Markdown files the workspace's ordinances hold, counted cheaply. */
function countSourceFiles(workspace: Workspace): number {
  let count = 0;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(path.join(dir, entry.name));
      else if (entry.name.endsWith('.md')) count++;
      if (count >= PARALLEL_THRESHOLD) return;
    }
  };
  for (const dir of workspace.ordinances) if (count < PARALLEL_THRESHOLD) walk(dir);
  return count;
}

/** Below this many source files a workspace is compiled on the main thread: workers cost more to start than they save. */
const PARALLEL_THRESHOLD = 400;

/** Run the pipeline on every ordinance of a workspace; one broken ordinance never stops the others. */
export async function compileWorkspace(workspace: Workspace, options: PipelineOptions): Promise<WorkspaceResult> {
  if (options.parallel && workspace.ordinances.length > 1) {
    const { compileOnWorkers, workerCount } = await import('./parallel/pool.js');
    const count = workerCount(workspace.ordinances.length);
    if (count > 1 && countSourceFiles(workspace) >= PARALLEL_THRESHOLD) {
      const { registryFiles, ordinances } = await compileOnWorkers(workspace, options, count);
      const { deserializeFiles } = await import('./parallel/messages.js');
      return { registry: DirectiveRegistry.fromFiles(workspace.registryDir, []), registryFiles: deserializeFiles(registryFiles), ordinances };
    }
  }
  const registry = DirectiveRegistry.fromFiles(workspace.registryDir, loadRegistrySources(workspace.registryDir), !options.build && options.cache !== false);
  const ordinances: OrdinanceResult[] = [];
  for (const dir of workspace.ordinances) {
    const result = await compileOrdinance(loadOrdinanceSources(dir), registry, options);
    if (options.release) {
      result.ordinance = null;
      for (const file of result.files) file.value = '';
    }
    ordinances.push(result);
  }
  if (options.release) for (const file of registry.files) file.value = '';
  return { registry, registryFiles: registry.files, ordinances };
}

/** All vfiles of a run (registry and ordinances), for reporting. */
export function filesOf(results: WorkspaceResult[]): VFile[] {
  return results.flatMap((r) => [...r.registryFiles, ...r.ordinances.flatMap((o) => o.files)]);
}

