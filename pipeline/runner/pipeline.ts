/**
 * The whole pipeline as one chain of stages, in the order they run:
 *
 *   each ordinance:  load → parse → model → resolve → amend → validate → render → summarize → publish
 *   each run:        index → publish (dist/directives.json)
 *
 * Each stage is a pure function from typed data to typed data, in its own
 * module (analyze/, resolve/, amend/, validate/, render/, summarize/, xref/ for
 * the index); loading and publishing are the runner's I/O (load/, outputs/).
 * `compileOrdinance` below is the chain for one ordinance: it gathers what a
 * stage needs of the world and hands it in, and opens the stages' caches (the
 * memos declared in runner/memos.ts) around the chain. runner/folder.ts loads
 * a folder and wraps the chain in the folder caches; runner/run.ts runs every
 * workspace, on worker threads when large (runner/pool.ts), then the index.
 * docs/architecture.md has the table of stages, the runner and the layers.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { defaultCacheLocation } from '../cache/analysis-cache.js';
import type { Publication } from '../cache/build-cache.js';
import type { CacheLocation } from '../cache/files.js';
import { amendedOutputs, amendOrdinance, type Amendments } from '../amend/amend-ordinance.js';
import { hasErrors, report } from '../report/diagnostics.js';
import { failureOf, type Failure } from '../report/failure.js';
import type { OrdinanceSources, Workspace } from '../model/workspace.js';
import type { Ordinance } from '../model/types.js';
import { modelSources, parseOrdinance } from '../analyze/parse-ordinance.js';
import { modelOrdinance } from '../analyze/build-ordinance.js';
import { checkFinalFacts, checkFinalOutputs, checkFinalSources } from '../history/final.js';
import { lockedProvenance } from '../history/lock.js';
import { provenanceOf } from '../history/build-provenance.js';
import type { Provenance } from '../model/provenance.js';
import { publishOutputs, retractOutputs } from '../outputs/dist.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import { renderComparativePrintOf, renderOrdinance } from '../render/render-ordinance.js';
import { templateOf, jurisdictionContext } from '../load/templates.js';
import { resolveOrdinance, type ResolvedOrdinance } from '../resolve/resolve-ordinance.js';
import { siteParts } from '../site/record.js';
import { summarizeOrdinance } from '../summarize/summarize-ordinance.js';
import type { ProjectConfig, RuleSetting } from '../config/project-config.js';
import { ruleRuns, validateOrdinance, type RuleSettings } from '../validate/engine.js';
import { type Memos, openMemos } from './memos.js';
import type { WarmFolder } from './warm.js';
import { lifecycleOf } from '../history/lifecycle-history.js';
import { checkGlyphs } from '../validate/glyphs.js';
import type { Rule, RuleContext } from '../validate/rule.js';
import { xrefJson, type Xref } from '../xref/xref.js';
import type { DirectiveRelation } from '../xref/relations.js';
import { codeToAmend } from '../load/code-folder.js';
import type { RenderWorld } from '../render/pdf/context.js';
import { checkImages, imageProblem } from '../load/image-files.js';

/** What drawing asks of the world: whether an image file may be shown (the renderer reads no file to decide). */
const RENDER_WORLD: RenderWorld = { imageProblem };

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
  /**
   * The memos of the folder, kept open by a long-running caller (the language
   * server holds them for its session, so a keystroke's check reads the
   * analyses of the unchanged files from memory): used in place of opening
   * the folder's caches, and not saved after the run.
   */
  memos?: Memos | undefined;
  /** The code to amend, in place of what each ordinance names in `amends-code` (`ordinance amend --code`). */
  code?: string | undefined;
  /** Conform the words amended into the code as the codifier publishes them (`ordinance amend --codify`; else the jurisdiction's `codify.enabled`). */
  codify?: boolean | undefined;
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
  /** The ordinance's relations to prior directives (kept only when the run does not `release`): what the editor's hover says of a citation. */
  relations?: readonly DirectiveRelation[] | undefined;
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

/**
 * The chain: the stages run on one ordinance folder (loaded) against
 * `registry`, one after another. What a stage needs of the world (the
 * template, the code it amends, the lifecycle from git, the image files, the
 * fonts' glyphs) is gathered here and handed to it; its caches are the memos
 * (runner/memos.ts), opened around the chain and saved after it.
 */
export async function compileOrdinance(
  sources: OrdinanceSources,
  registry: DirectiveRegistry,
  options: PipelineOptions,
  published?: (publication: Publication) => void,
): Promise<OrdinanceResult> {
  // Check reuses what is remembered of unchanged files; build always parses.
  const memos = options.memos ?? openMemos(sources.dir, cacheLocation(options));
  const { warm } = memos;
  const modelled = warm ? modelWarm(sources, registry, warm, memos) : { sources, ordinance: modelSources(sources, memos.parse) };
  const { ordinance } = modelled;
  sources = modelled.sources;
  const files = sourceFilesOf(sources);
  const result: OrdinanceResult = { slug: sources.slug, dir: sources.dir, files, ordinance: null, xref: null, outputs: [] };
  // What it reads of the registry: its provenance and its incremental build depend on those entries, not the others.
  const lookups = registry.noteLookups();
  try {
    if (!ordinance) return await notBuilt(result, options);
    // The sources against the world, before the rules (so these findings get their law path too): the image files it shows, a glyph for every character.
    checkImages(ordinance);
    checkGlyphs(files, memos.glyphs(ordinance.meta.jurisdiction));
    const resolved = resolveOrdinance(ordinance, registry, jurisdictionContext(ordinance.meta.jurisdiction), warm ? warm.detections(memos.detections) : memos.detections);
    // Amending instructions read and applied to the code the ordinance names (nothing written yet): what the amendment rules check and build publishes.
    const amendments = amendOrdinance(ordinance, resolved.jurisdiction, codeToAmend(ordinance, options.code), { codify: options.codify });
    if (!options.release) result.amendments = amendments;
    // What git recorded of its lifecycle, for the rule that reads it (no rule runs git).
    // What the rules read (not the cross-references, which are made only when read).
    const context: RuleContext = { ordinance, registry, relations: resolved.relations, jurisdictions: resolved.jurisdictions, jurisdiction: resolved.jurisdiction, amendments };
    const lifecycle = ruleRuns('status-lifecycle', context, options) ? lifecycleOf(ordinance) : undefined;
    const settings = validateOrdinance({ ...context, lifecycle }, options);
    result.ordinance = ordinance;
    // Read when first asked for (by the index, `ordinance xref`, a worker's reply), not made by every check.
    let xref: Xref | null | undefined;
    Object.defineProperty(result, 'xref', {
      get: () => (xref === undefined ? resolved.xref : xref),
      set: (value: Xref | null) => {
        xref = value;
      },
      enumerable: true,
      configurable: true,
    });
    if (!options.release) result.relations = resolved.relations;
    return await buildOrdinance(sources, { resolved, amendments, settings }, registry, lookups, options, result, published);
  } catch (error) {
    // A check that stopped part-way may have left a model half walked: nothing of it is held over.
    warm?.clear();
    throw error;
  } finally {
    if (!options.memos) memos.save(files);
    registry.stopNoting(lookups);
  }
}

/**
 * Parse and model with what is held in memory from the last check (a
 * language server's): the held files' vfiles and analyses in place of those
 * loaded; modelled again from the caches when the held analyses may not be
 * used (runner/warm.ts).
 */
function modelWarm(loaded: OrdinanceSources, registry: DirectiveRegistry, warm: WarmFolder, memos: Memos): { sources: OrdinanceSources; ordinance: Ordinance | null } {
  const parse = warm.parse(memos.parse);
  let sources = warm.reconcile(loaded, registry);
  let parsed = parseOrdinance(sources, parse);
  if (parsed && warm.admit(parsed) === 'redo') {
    sources = loaded;
    parsed = parseOrdinance(sources, parse);
  }
  return { sources, ordinance: parsed ? modelOrdinance(parsed) : null };
}

/** Every file of an ordinance folder's sources, the folder's own vfile first: what its findings are reported on. */
function sourceFilesOf(sources: OrdinanceSources): VFile[] {
  return [sources.folder, ...(sources.ordinanceFile ? [sources.ordinanceFile] : []), ...sources.groupFiles.values(), ...sources.sectionFiles, ...sources.problems];
}

/**
 * The output half of the chain (render → summarize → publish), for a build,
 * and for an adopted final, whose sources must be as adopted and whose
 * outputs, rebuilt with the lock's date and commit, the bytes the lock records.
 */
async function buildOrdinance(
  sources: OrdinanceSources,
  checked: { resolved: ResolvedOrdinance; amendments: Amendments | null; settings: RuleSettings },
  registry: DirectiveRegistry,
  lookups: Set<string>,
  options: PipelineOptions,
  result: OrdinanceResult,
  published?: (publication: Publication) => void,
): Promise<OrdinanceResult> {
  const { resolved, amendments, settings } = checked;
  const { ordinance } = resolved;
  const { files } = result;
  const final = checkFinalSources(sources, files);
  // The lock names this ordinance, its number and its adoption, or it is not this final's.
  if (final) checkFinalFacts(final.locked, final.file, { slug: path.basename(path.resolve(sources.dir)), number: ordinance.meta.number, passed: ordinance.meta.dates?.passed });
  const clash = options.slugClashes?.[sources.dir];
  if (clash) {
    // Not retracted: what lies at its place in dist/ is the other ordinance's (or the build's own).
    report(sources.folder, 'output-clash', clash, { place: { line: 1, column: 1 } });
    return result;
  }
  if (!options.build && !(final && !hasErrors(files))) return result;
  if (hasErrors(files)) return notBuilt(result, options);
  const template = templateOf(ordinance.meta);
  const provenancePaths = [...files.filter((f) => f !== sources.folder).map((f) => f.path), ...registryFilesOf(registry, lookups)];
  const provenance = final ? lockedProvenance(final.locked.lock) : provenanceOf(provenancePaths);
  result.provenance = provenance;
  try {
    const pdf = await renderOrdinance(resolved, template, provenance, RENDER_WORLD);
    // The sections it amends, as they stand with its changes marked (comparative-print.pdf): the digest links to them.
    const print = amendments ? await renderComparativePrintOf(ordinance, amendments, template, provenance, RENDER_WORLD) : { files: {}, sections: [] };
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
    if (final) checkFinalOutputs(final.locked, final.file, outputs, template);
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
