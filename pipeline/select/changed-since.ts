/**
 * `--changed-since <rev>`: the ordinance folders whose inputs changed since a
 * git revision (committed since, or changed in the working tree, or new and
 * not ignored), and why; the others are skipped. An ordinance's inputs are:
 *
 *   - its own folder;
 *   - the registry entries it reads (found by resolving it against the
 *     registry: an edit to an entry selects exactly the ordinances that cite
 *     or name it), and the registry's citation forms and titles (an entry
 *     added, removed or given new forms or a new title selects every
 *     ordinance of the workspace: any of them may now cite it in prose);
 *   - the configuration of its workspace;
 *   - the code it amends (`amends-code`);
 *   - the tool, when it lies in the same repository (its code, templates,
 *     package files): then every ordinance.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { amendedCodeRoot } from '../load/code-folder.js';
import { loadOrdinanceSources } from '../load/sources.js';
import { UsageError } from '../report/failure.js';
import type { Workspace } from '../model/workspace.js';
import { compileOrdinance, type PipelineOptions } from '../runner/pipeline.js';
import { RegistryHandle } from '../runner/folder.js';
import { TEMPLATES_DIR } from '../load/templates.js';

/** Why each folder was selected (by folder), and the folders skipped. */
export interface ChangedSelection {
  selected: Map<string, string>;
  skipped: string[];
}

function git(args: string[], cwd: string): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
}

/** A path with its links resolved (git names files by their real place), or resolved as given when it does not exist. */
function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

function within(file: string, folder: string): boolean {
  return file === folder || file.startsWith(`${folder}${path.sep}`);
}

/** The files changed since `rev` in the repository at `top` (absolute): committed since, changed in the working tree, or untracked and not ignored. */
function changedFiles(rev: string, top: string): string[] {
  const listed = [...git(['diff', '--name-only', '--no-renames', '-z', rev, '--'], top).split('\0'), ...git(['ls-files', '--others', '--exclude-standard', '-z'], top).split('\0')];
  return [...new Set(listed.filter(Boolean))].map((name) => path.join(top, name));
}

/** What prose detection and the rules read of a registry entry: its id, citation forms and title (null when there is no entry). */
function entryShape(text: string | null): string | null {
  if (text === null) return null;
  const block = /^---\r?\n([\s\S]*?)\r?\n---(?:\r?\n|$)/.exec(text)?.[1];
  try {
    const meta = (block ? parseYaml(block) : null) as Record<string, unknown> | null;
    return JSON.stringify([meta?.id ?? null, meta?.['cited-as'] ?? null, meta?.title ?? null]);
  } catch {
    return 'unreadable';
  }
}

/** A file's text at `rev`, or null when it did not exist there. */
function textAt(rev: string, top: string, file: string): string | null {
  try {
    return git(['show', `${rev}:${path.relative(top, file).split(path.sep).join('/')}`], top);
  } catch {
    return null;
  }
}

function textNow(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return null;
  }
}

/**
 * Which ordinance folders of `workspaces` changed since `rev`, with why.
 * `options` are the check's (the registry entries an unchanged ordinance
 * reads are found by resolving it, with the check's caches).
 */
export async function changedSince(rev: string, workspaces: Workspace[], options: (workspace: Workspace) => PipelineOptions): Promise<ChangedSelection> {
  const selected = new Map<string, string>();
  const skipped: string[] = [];
  const tools = real(path.dirname(TEMPLATES_DIR));
  const toolParts = ['templates', 'pipeline', 'lib', 'bin', 'scripts', 'package.json', 'package-lock.json'].map((p) => path.join(tools, p));
  for (const workspace of workspaces) {
    const root = real(path.dirname(path.resolve(workspace.registryDir)));
    let top: string;
    try {
      top = real(git(['rev-parse', '--show-toplevel'], root).trim());
    } catch {
      throw new UsageError(`--changed-since needs the sources in a git repository: ${root} is not in one`);
    }
    try {
      git(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`], top);
    } catch {
      throw new UsageError(`--changed-since: unknown revision \`${rev}\` in ${top}`);
    }
    const changed = changedFiles(rev, top);
    const select = (dir: string, why: string) => {
      if (!selected.has(dir)) selected.set(dir, why);
    };
    // Everything: the tool itself, or the configuration the workspace uses.
    const settings = options(workspace);
    const config = changed.find((f) => path.basename(f) === 'ordinance.config.json' && within(root, path.dirname(f)));
    const tool = changed.find((f) => toolParts.some((part) => within(f, part)));
    const registry = real(path.resolve(workspace.registryDir));
    const entries = changed.filter((f) => within(f, registry) && f.endsWith('.md'));
    const reshaped = entries.find((f) => entryShape(textAt(rev, top, f)) !== entryShape(textNow(f)));
    const everything = tool
      ? 'the tool changed'
      : config
        ? 'the configuration changed'
        : reshaped
          ? `registry entry \`${path.basename(reshaped, '.md')}\` was added, removed or renamed, or its forms or title changed`
          : null;
    const edited = new Set(entries.map((f) => path.basename(f, '.md')));
    let handle: RegistryHandle | null = null;
    for (const dir of workspace.ordinances) {
      const folder = real(dir);
      const code = amendedCodeRoot(dir);
      if (everything) select(dir, everything);
      else if (changed.some((f) => within(f, folder))) select(dir, 'its sources changed');
      else if (code && changed.some((f) => within(f, real(code)))) select(dir, 'the code it amends changed');
      else if (edited.size > 0 && existsSync(dir)) {
        // Which entries it reads: resolve it (as a check would) and note its lookups.
        handle ??= new RegistryHandle(workspace.registryDir, { ...settings, build: false });
        const registry = handle.registry;
        const lookups = registry.noteLookups();
        try {
          await compileOrdinance(loadOrdinanceSources(dir), registry, { ...settings, build: false, release: true });
        } finally {
          registry.stopNoting(lookups);
        }
        const read = [...lookups].sort().find((id) => edited.has(id));
        if (read) select(dir, `registry entry \`${read}\` changed`);
      }
      if (!selected.has(dir)) skipped.push(dir);
    }
  }
  return { selected, skipped };
}
