/**
 * Provenance: the date and source commit a build stamps on its output. Taken
 * from SOURCE_DATE_EPOCH when set, else from the last git commit that touched
 * the sources, so the same sources always build the same bytes. Git runs in
 * the sources' own repository, never the working directory's, so the output
 * does not depend on where the command was run from.
 */
import { execFileSync } from 'node:child_process';
import { lstatSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Provenance } from '../model/provenance.js';

/** A SOURCE_DATE_EPOCH that is not a whole number of seconds in range: the build stops before anything is written. */
export class SourceDateEpochError extends Error {}

/**
 * The latest SOURCE_DATE_EPOCH accepted: 9999-12-31T23:59:59Z. A PDF date
 * (D:YYYYMMDDHHmmSS) and an XMP date have four-digit years.
 */
export const MAX_SOURCE_DATE_EPOCH = 253_402_300_799;

/**
 * The date SOURCE_DATE_EPOCH sets, or null when it is unset (or empty).
 * Throws SourceDateEpochError when it is not a whole number of seconds from
 * 0 (1970-01-01) to MAX_SOURCE_DATE_EPOCH (9999-12-31), as the
 * reproducible-builds specification asks of a malformed value.
 */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): Date | null {
  const value = env.SOURCE_DATE_EPOCH;
  if (value === undefined || value === '') return null;
  if (!/^\d+$/.test(value)) throw new SourceDateEpochError(`SOURCE_DATE_EPOCH is \`${value}\`, expected a whole number of seconds since 1970-01-01 (such as 1700000000)`);
  const seconds = Number(value);
  if (seconds > MAX_SOURCE_DATE_EPOCH) {
    throw new SourceDateEpochError(`SOURCE_DATE_EPOCH is \`${value}\`, expected at most ${MAX_SOURCE_DATE_EPOCH} (9999-12-31T23:59:59Z): a PDF date has a four-digit year`);
  }
  return new Date(seconds * 1000);
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** The repository of each folder asked about (its top level, or null outside git): a run builds many ordinances of one repository. */
const repositories = new Map<string, string | null>();

/** Folders with their symlinks resolved: a title's thousands of files share a few hundred folders. */
const realFolders = new Map<string, string>();

/** `file` with its symlinks resolved (git names files by their real place), or as given when it does not exist. */
function realPath(file: string): string {
  try {
    const resolved = path.resolve(file);
    if (lstatSync(resolved).isSymbolicLink()) return realpathSync(resolved);
    const folder = path.dirname(resolved);
    let real = realFolders.get(folder);
    if (real === undefined) {
      real = realpathSync(folder);
      realFolders.set(folder, real);
    }
    return path.join(real, path.basename(resolved));
  } catch {
    return path.resolve(file);
  }
}

/**
 * Provenance of the files in `paths` (folders or files; relative ones are
 * relative to `cwd`). Git runs in the repository of the first of them, over
 * those of them inside it.
 */
export function provenanceOf(paths: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Provenance {
  const absolute = paths.map((p) => realPath(path.resolve(cwd, p)));
  const first = absolute[0];
  const from = first ? (safeIsDirectory(first) ? first : path.dirname(first)) : cwd;
  let top = repositories.get(from);
  if (top === undefined) {
    top = git(['rev-parse', '--show-toplevel'], from);
    repositories.set(from, top);
  }
  const inside = top ? absolute.filter((p) => p === top || p.startsWith(`${top}${path.sep}`)).map((p) => path.relative(top, p) || '.') : [];
  const log = top && inside.length ? git(['log', '-1', '--format=%ct %h', '--', ...inside], top) : null;
  const [seconds, hash] = log ? log.split(' ') : [];
  const dirty = top && hash ? Boolean(git(['status', '--porcelain', '--', ...inside], top)) : false;
  const commit = hash ? `${hash}${dirty ? '+' : ''}` : null;
  const epoch = sourceDateEpoch(env);
  if (epoch) return { date: epoch, commit };
  if (seconds && /^\d+$/.test(seconds)) return { date: new Date(Number(seconds) * 1000), commit };
  // Outside git: the newest source modification time, stable while the files are.
  const newest = Math.max(0, ...absolute.map(safeMtime));
  return { date: new Date(Math.floor(newest / 1000) * 1000), commit };
}

function safeIsDirectory(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function safeMtime(p: string): number {
  try {
    return statSync(p).mtimeMs;
  } catch {
    return 0;
  }
}
