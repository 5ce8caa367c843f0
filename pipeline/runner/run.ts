/**
 * A run: every workspace's ordinance folders, compiled on this thread or
 * shared among worker threads, then the index stage over what was built.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { existsSync } from 'node:fs';
import { strayFile } from '../load/sources.js';
import { BUILD_INDEX as INDEX, SITE_FOLDER, type Workspace } from '../model/workspace.js';
import { walkTree } from '../load/walk.js';
import { publishIndex } from '../outputs/dist.js';
import { prepareOutDir } from '../outputs/out-dir.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import { directivesJson } from '../xref/xref.js';
import { progressed } from '../report/progress.js';
import { compileFolder, RegistryHandle, reusedBuild, summarized } from './folder.js';
import type { OrdinanceResult, PipelineOptions } from './pipeline.js';

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
  }
  // An ordinance whose outputs would land on another's, or on the build's own index or site, is reported by check as by build.
  options = { ...options, slugClashes: slugClashes(workspaces) };
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

/** The folders a build reads: each ordinance, and the registry with the workspace folder around it when there is one. */
function sourceFolders(workspaces: Workspace[]): string[] {
  return workspaces.flatMap((w) => [...(existsSync(w.registryDir) ? [path.dirname(path.resolve(w.registryDir)), w.registryDir] : []), ...w.ordinances]);
}

/** The names a build writes at the top of its output folder itself: no ordinance's outputs may land there. */
const RESERVED = new Map([
  [INDEX, "the build's index"],
  [SITE_FOLDER, "the published site's folder"],
]);

/** Ordinance folders whose outputs would land where another's do (the same slug in two workspaces, or a name the build keeps for itself). */
function slugClashes(workspaces: Workspace[]): Record<string, string> {
  const first = new Map<string, string>();
  const clashes: Record<string, string> = {};
  for (const dir of workspaces.flatMap((w) => w.ordinances)) {
    const slug = path.basename(path.resolve(dir));
    const other = first.get(slug);
    const reserved = RESERVED.get(slug);
    if (reserved) clashes[dir] = `Unexpected ordinance folder name \`${slug}\`, expected a name other than ${reserved} (\`${slug}\` in the output folder)`;
    else if (other !== undefined)
      clashes[dir] = `Unexpected ordinance folder name \`${slug}\`, expected a name of its own: \`${other}\` is built to the same place in the output folder`;
    else first.set(slug, dir);
  }
  return clashes;
}

/** Below this many source files a workspace is compiled on the main thread: workers cost more to start than they save. */
const PARALLEL_THRESHOLD = 400;

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
    const { compileOnWorkers, workerCount } = await import('./pool.js');
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
