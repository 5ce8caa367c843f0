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
import { AnalysisCache, defaultCacheLocation } from '../cache/analysis-cache.js';
import type { Publication } from '../cache/build-cache.js';
import { cached } from '../cache/cached.js';
import { DetectionCache } from '../cache/detection-cache.js';
import type { CacheLocation } from '../cache/files.js';
import { amendedOutputs, amendOrdinance, type Amendments } from '../amend/amend-ordinance.js';
import { hasErrors, report } from '../report/diagnostics.js';
import { failureOf, type Failure } from '../report/failure.js';
import type { OrdinanceSources, Workspace } from '../model/sources.js';
import { modelOrdinance } from '../analyze/build-ordinance.js';
import type { Ordinance } from '../model/types.js';
import { parseFile, parseOrdinance } from '../analyze/parse-ordinance.js';
import { checkFinalOutputs, checkFinalSources } from '../history/final.js';
import { lockedProvenance } from '../history/lock.js';
import { provenanceOf } from '../history/provenance.js';
import type { Provenance } from '../model/provenance.js';
import { publishOutputs, retractOutputs } from '../outputs/dist.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import { renderComparativePrintOf, renderOrdinance } from '../render/render-ordinance.js';
import { jurisdictionIds, loadTemplate, templateOf, jurisdictionContext } from '../template/load.js';
import { resolveOrdinance } from '../resolve/resolve-ordinance.js';
import { siteParts } from '../site/record.js';
import { summarizeOrdinance } from '../summarize/summarize-ordinance.js';
import type { ProjectConfig, RuleSetting } from '../config/config.js';
import { ruleRuns, validateOrdinance } from '../validate/engine.js';
import { lifecycleOf } from '../history/lifecycle.js';
import { checkGlyphs } from '../validate/glyphs.js';
import { glyphTableOf } from './glyphs.js';
import type { Rule } from '../validate/rule.js';
import { xrefJson, type Xref } from '../xref/xref.js';
import { codeToAmend } from '../load/code.js';

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
  const glyphs = jurisdictionIds().includes(ordinance.meta.jurisdiction) ? glyphTableOf(loadTemplate(ordinance.meta.jurisdiction), cacheLocation(options)) : null;
  checkGlyphs(files, glyphs?.glyphs ?? null);
  glyphs?.save();
  const detections = DetectionCache.open(sources.dir, cacheLocation(options));
  const resolved = resolveOrdinance(ordinance, registry, jurisdictionContext(ordinance.meta.jurisdiction), detections);
  detections?.save(files.map((f) => f.path));
  // Amending instructions read and applied to the code the ordinance names (nothing written yet): what the amendment rules check and build publishes.
  const amendments = amendOrdinance(ordinance, resolved.jurisdiction, codeToAmend(ordinance, options.code));
  if (!options.release) result.amendments = amendments;
  // What git recorded of its lifecycle, gathered here for the rule that reads it (no rule runs git).
  const lifecycle = ruleRuns('status-lifecycle', { ...resolved, amendments }, options) ? lifecycleOf(ordinance) : undefined;
  const settings = validateOrdinance({ ...resolved, amendments, lifecycle }, options);
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
export async function notBuilt(result: OrdinanceResult, options: PipelineOptions): Promise<OrdinanceResult> {
  if (!options.build) return result;
  try {
    await retractOutputs(options.outDir, result.slug);
  } catch (error) {
    result.failure ??= failureOf(error);
  }
  return result;
}

/** Where a run caches, or null when it does not. */
export function runCacheLocation(options: PipelineOptions): CacheLocation | null {
  if (options.cache === false) return null;
  return typeof options.cache === 'object' ? options.cache : defaultCacheLocation();
}

/** Where `check` caches its analyses and findings (a build parses every ordinance it builds), or null when it does not. */
export function cacheLocation(options: PipelineOptions): CacheLocation | null {
  return options.build ? null : runCacheLocation(options);
}
