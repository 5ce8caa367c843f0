/**
 * The drafter's loop: check the sources, then check them again whenever a
 * file below them is saved, and report only what changed (findings added,
 * findings resolved). Saves that come together (an editor writes a file and
 * its backup) are checked once.
 */
import { type FSWatcher, readdirSync, statSync, watch } from 'node:fs';
import path from 'node:path';
import { collectDiagnostics, type Diagnostic } from '../report/diagnostics.js';
import { discoverWorkspaces } from '../load/sources.js';
import type { Workspace } from '../model/workspace.js';
import { compileRun, filesOf } from '../runner/run.js';
import type { ProjectConfig } from '../config/project-config.js';
import { findConfig, loadConfig } from '../load/config-file.js';
import { rules } from '../validate/rules/index.js';
import { type FindingsDelta, findingsDelta } from './findings-delta.js';

/** One check of the watched sources. */
export interface WatchRound {
  /** The files whose saves started this check (empty for the first). */
  changed: string[];
  findings: Diagnostic[];
  delta: FindingsDelta;
  /** With `outDir`: each ordinance built, with the files written (none when its errors stopped it). */
  built: { slug: string; outputs: string[] }[];
}

export interface WatchOptions {
  /** --config: the project configuration, else found from each workspace upward. */
  config?: string | undefined;
  /** Build into this folder on every save (for the live preview), instead of only checking. */
  outDir?: string | undefined;
  /** How long to wait for more saves after one, in milliseconds, before checking. */
  settle?: number;
  /** Called after each check, the first included. */
  onRound: (round: WatchRound) => void;
  /** Called when a check fails (a configuration or template mistake): the loop goes on, the next save checks again. */
  onError: (error: unknown) => void;
}

/** A running watch: stop() ends it. */
export interface SourceWatch {
  stop(): void;
}

/** Check the sources below `paths` (default ordinance/), and again on every save; the first check has run when this resolves. */
export async function watchSources(paths: string[], options: WatchOptions): Promise<SourceWatch> {
  const given = paths.length ? paths : ['ordinance'];
  let findings: Diagnostic[] = [];
  const check = async (changed: string[]) => {
    // Folders and files may have come or gone since the last check: the workspaces are found again each time.
    const workspaces = discoverWorkspaces(given);
    const configOf = (workspace: Workspace): ProjectConfig => loadConfig(findConfig(path.dirname(path.resolve(workspace.registryDir)), options.config), rules);
    const build = options.outDir !== undefined;
    const run = await compileRun(workspaces, { build, outDir: options.outDir ?? 'dist', parallel: false, release: build, configOf });
    const built = build ? run.workspaces.flatMap((w) => w.ordinances.map((o) => ({ slug: o.slug, outputs: o.outputs }))) : [];
    const after = collectDiagnostics(filesOf(run.workspaces));
    const delta = findingsDelta(findings, after);
    findings = after;
    options.onRound({ changed, findings: after, delta, built });
  };
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const saved = (root: string, name: string | null) => {
    if (!name || name.startsWith('.')) return;
    // A new folder (a group, an ordinance) is watched at once; the check it starts sees the files already in it.
    if (statSync(path.join(root, name), { throwIfNoEntry: false })?.isDirectory()) syncWatchers();
    else if (!/\.(md|json|png|jpe?g)$/i.test(name)) return;
    pending.add(path.relative(process.cwd(), path.join(root, name)) || name);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const changed = [...pending].sort();
      pending.clear();
      // One check at a time, in the order of the saves.
      running = running.then(() => check(changed).then(syncWatchers, options.onError));
    }, options.settle ?? 50);
  };
  // Each folder is watched on its own (not recursively): a folder's watch also sees a file replaced by a rename, as many editors save.
  const watchers = new Map<string, FSWatcher>();
  const syncWatchers = () => {
    const folders = new Set<string>();
    let workspaces: Workspace[];
    try {
      workspaces = discoverWorkspaces(given);
    } catch (error) {
      // A watched path removed: said once, and the watch goes on for the rest.
      options.onError(error);
      return;
    }
    for (const workspace of workspaces) {
      for (const root of [workspace.registryDir, ...workspace.ordinances]) for (const folder of foldersBelow(path.resolve(root))) folders.add(folder);
    }
    for (const root of given) if (statSync(root, { throwIfNoEntry: false })?.isDirectory()) folders.add(path.resolve(root));
    for (const [folder, watcher] of watchers) {
      if (!folders.has(folder)) {
        watcher.close();
        watchers.delete(folder);
      }
    }
    for (const folder of folders) {
      if (watchers.has(folder)) continue;
      try {
        watchers.set(
          folder,
          watch(folder, (_event, name) => saved(folder, name)),
        );
      } catch {
        // Gone between the walk and the watch: the next sync sees it.
      }
    }
  };
  // Watching starts before the first check, so a save during it is checked after it.
  syncWatchers();
  const stop = () => {
    clearTimeout(timer);
    for (const watcher of watchers.values()) watcher.close();
  };
  running = check([]);
  try {
    await running;
  } catch (error) {
    // The first check failed (a mistake in the configuration): nothing is left watching.
    stop();
    throw error;
  }
  return { stop };
}

/** A folder and every folder below it, dot-folders left out; none when it does not exist. */
function foldersBelow(root: string): string[] {
  const found: string[] = [];
  const stack = [root];
  for (let folder = stack.pop(); folder !== undefined; folder = stack.pop()) {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    found.push(folder);
    for (const entry of entries) if (entry.isDirectory() && !entry.name.startsWith('.')) stack.push(path.join(folder, entry.name));
  }
  return found;
}
