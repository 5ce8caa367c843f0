/**
 * Provenance: the date and source commit a build stamps on its output. Taken
 * from SOURCE_DATE_EPOCH when set, else from the last git commit that touched
 * the sources, so the same sources always build the same bytes.
 */
import { execFileSync } from 'node:child_process';
import { statSync } from 'node:fs';

export interface Provenance {
  /** Build date (also the PDF's creation and modification date). */
  date: Date;
  /** Short hash of the last commit touching the sources, with "+" when they have uncommitted changes; null outside git. */
  commit: string | null;
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

/** Provenance of the files in `paths` (folders or files), relative to `cwd`. */
export function provenanceOf(paths: string[], cwd = process.cwd(), env: NodeJS.ProcessEnv = process.env): Provenance {
  const log = git(['log', '-1', '--format=%ct %h', '--', ...paths], cwd);
  const [seconds, hash] = log ? log.split(' ') : [];
  const dirty = hash ? Boolean(git(['status', '--porcelain', '--', ...paths], cwd)) : false;
  const commit = hash ? `${hash}${dirty ? '+' : ''}` : null;
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch && /^\d+$/.test(epoch)) return { date: new Date(Number(epoch) * 1000), commit };
  if (seconds && /^\d+$/.test(seconds)) return { date: new Date(Number(seconds) * 1000), commit };
  // Outside git: the newest source modification time, stable while the files are.
  const newest = Math.max(0, ...paths.map((p) => safeMtime(p, cwd)));
  return { date: new Date(Math.floor(newest / 1000) * 1000), commit };
}

function safeMtime(p: string, cwd: string): number {
  try {
    return statSync(p.startsWith('/') ? p : `${cwd}/${p}`).mtimeMs;
  } catch {
    return 0;
  }
}
