/**
 * An ordinance's lifecycle as git recorded it: the status and version of each
 * commit that touched its folder, read from `ordinance.md` at that commit
 * (one `git cat-file` for all of them), and the text of a version, as the
 * law reads (title, and each section's id, heading and words; not the
 * digest's summaries or notes), to tell whether it changed.
 */
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { existsSync } from 'node:fs';
import type { Lifecycle, LifecycleState } from '../model/lifecycle.js';
import type { Ordinance } from '../model/types.js';
import { commitsTouching, isShallow, repositoryOf } from './git.js';
import { LOCK_FILE } from '../model/workspace.js';
import { ordinanceAt } from './versions.js';

/** How many commits of a folder's history the lifecycle reads, newest first: enough for any ordinance's life, bounded for a check. */
const MAX_COMMITS = 200;

/** Each folder's history, read once per process: a check reads it for every run of the rules (a long-running process sees commits made since it started only when restarted). */
const histories = new Map<string, LifecycleState[]>();

/** The status and version at each commit that touched the ordinance in `dir`, oldest first (commits where ordinance.md did not read are left out). */
export function lifecycleHistory(dir: string): LifecycleState[] {
  const key = path.resolve(dir);
  let history = histories.get(key);
  if (!history) {
    history = readHistory(dir);
    histories.set(key, history);
  }
  return history;
}

function readHistory(dir: string): LifecycleState[] {
  const place = repositoryOf(dir);
  if (!place) return [];
  const commits = commitsTouching(dir).slice(0, MAX_COMMITS);
  if (commits.length === 0) return [];
  const file = [place.relative, 'ordinance.md'].filter(Boolean).join('/');
  const batch = execFileSync('git', ['cat-file', '--batch'], { cwd: place.top, input: `${commits.map((c) => `${c.hash}:${file}`).join('\n')}\n`, maxBuffer: 1 << 30 });
  const states: LifecycleState[] = [];
  let at = 0;
  for (const commit of commits) {
    const newline = batch.indexOf(0x0a, at);
    const header = batch.subarray(at, newline).toString('utf8');
    if (header.endsWith(' missing')) {
      at = newline + 1;
      continue;
    }
    const size = Number(header.split(' ')[2]);
    const text = batch.subarray(newline + 1, newline + 1 + size).toString('utf8');
    at = newline + 1 + size + 1;
    const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
    const meta = front === undefined ? null : frontMatterOf(front);
    if (!meta || typeof meta.status !== 'string') continue;
    states.push({ ...commit, status: meta.status, version: typeof meta.version === 'number' ? meta.version : undefined });
  }
  return states.reverse();
}

/** A front matter's status and version, or null when it is not YAML. */
function frontMatterOf(yaml: string): { status?: unknown; version?: unknown } | null {
  try {
    const value = parseYaml(yaml) as unknown;
    return value && typeof value === 'object' ? (value as { status?: unknown; version?: unknown }) : null;
  } catch {
    return null;
  }
}

/** What the status-lifecycle rule reads of `ordinance`'s lifecycle: whether it has a lock, its history from git, and its text when its version was introduced. */
export function lifecycleOf(ordinance: Ordinance): Lifecycle {
  const locked = existsSync(path.join(ordinance.dir, LOCK_FILE));
  const history = lifecycleHistory(ordinance.dir);
  const introduced = history.find((s) => s.status === 'introduced' && s.version === ordinance.meta.version);
  const place = repositoryOf(ordinance.dir);
  return { locked, history, shallow: place ? isShallow(place.top) : false, introduced: introduced ? ordinanceAt(ordinance.dir, introduced.hash) : null };
}
