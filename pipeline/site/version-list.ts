/**
 * An ordinance's versions from git: each commit that touched its folder,
 * newest first, with its date, subject, and the status and version its
 * `ordinance.md` had then. Git runs in the sources' own repository; outside
 * git there are none.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';

export interface OrdinanceVersion {
  commit: string;
  /** Committer date, ISO 8601 with its offset. */
  date: string;
  subject: string;
  /** `status:` and `version:` of ordinance.md at that commit (null when it could not be read). */
  status: string | null;
  version: number | null;
}

/** At most this many commits are listed per ordinance (the newest). */
export const MAX_VERSIONS = 200;

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 64 * 1024 * 1024 });
  } catch {
    return null;
  }
}

/** The commits that touched `ordinanceDir`, newest first; empty outside git. */
export function ordinanceVersions(ordinanceDir: string): OrdinanceVersion[] {
  let dir: string;
  try {
    dir = realpathSync(ordinanceDir);
  } catch {
    return [];
  }
  const top = git(['rev-parse', '--show-toplevel'], dir)?.trim();
  if (!top) return [];
  const inside = path.relative(realpathSync(top), dir).split(path.sep).join('/') || '.';
  const log = git(['log', `--max-count=${MAX_VERSIONS}`, '--format=%H%x00%cI%x00%s', '--', inside], top);
  if (!log) return [];
  return log
    .split('\n')
    .filter(Boolean)
    .map((line) => {
      const [commit = '', date = '', subject = ''] = line.split('\0');
      const front = frontMatterAt(top, commit, `${inside === '.' ? '' : `${inside}/`}ordinance.md`);
      return { commit, date, subject, status: typeof front?.status === 'string' ? front.status : null, version: typeof front?.version === 'number' ? front.version : null };
    });
}

/** The front matter of `file` at `commit`, or null when it is not there or does not read. */
function frontMatterAt(top: string, commit: string, file: string): Record<string, unknown> | null {
  const text = git(['show', `${commit}:${file}`], top);
  const match = text?.match(/^---\r?\n([\s\S]*?)\r?\n---/);
  if (!match) return null;
  try {
    const value = parseYaml(match[1]!, { maxAliasCount: 100 }) as unknown;
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
