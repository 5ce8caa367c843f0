/**
 * An ordinance folder as git holds it at a revision: its files read with
 * `git ls-tree` and `git cat-file` (never checked out, so the working tree is
 * never touched), and the commits that touched it. Git runs in the
 * repository of the folder itself, whatever the working directory.
 */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { loadOrdinanceSources } from '../load/sources.js';
import { CODE_FILE, GROUP_FILE, ORDINANCE_FILE, type OrdinanceSources } from '../model/workspace.js';

/** A revision that git does not know, or a folder outside any repository: a usage mistake, not a defect. */
export class GitError extends Error {}

/** Run git in `cwd`; its output, or a GitError with git's own first line of complaint. */
function git(args: string[], cwd: string, input?: string): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', input, maxBuffer: 1 << 30, stdio: ['pipe', 'pipe', 'pipe'] });
  } catch (error) {
    const stderr = String((error as { stderr?: unknown }).stderr ?? '')
      .split('\n')
      .find((l) => l.trim());
    throw new GitError(stderr?.replace(/^fatal: /, '') ?? (error as Error).message);
  }
}

/** `file` with its links resolved, as git names it. */
function realPath(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Where an ordinance folder stands in its repository. */
export interface RepositoryPlace {
  /** The repository's top folder. */
  top: string;
  /** The folder, relative to the top, with `/` separators ("ordinance/la-sanctuary-city"). */
  relative: string;
}

/** The top of the repository holding each folder asked about (null: none), so the ordinances of one workspace ask git once. */
const tops = new Map<string, string | null>();

/** The repository holding `dir`, or null outside git. */
export function repositoryOf(dir: string): RepositoryPlace | null {
  const real = realPath(dir);
  const parent = path.dirname(real);
  let top = tops.get(parent);
  if (top === undefined) {
    try {
      top = git(['rev-parse', '--show-toplevel'], parent).trim();
    } catch {
      top = null;
    }
    tops.set(parent, top);
  }
  return top === null ? null : { top, relative: path.relative(top, real).split(path.sep).join('/') };
}

const shallows = new Map<string, boolean>();

/** Whether the repository at `top` is a shallow clone (`git clone --depth`): git holds only part of its history. */
export function isShallow(top: string): boolean {
  let shallow = shallows.get(top);
  if (shallow === undefined) {
    try {
      shallow = git(['rev-parse', '--is-shallow-repository'], top).trim() === 'true';
    } catch {
      shallow = false;
    }
    shallows.set(top, shallow);
  }
  return shallow;
}

/** The full hash of `rev` (a commit), or a GitError naming the revision when git does not know it. */
export function resolveRevision(top: string, rev: string): string {
  try {
    return git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], top).trim();
  } catch {
    throw new GitError(`unknown revision \`${rev}\`, expected a commit, branch or tag of ${top}`);
  }
}

/** A file of an ordinance folder at a revision: its path relative to the folder, and its text. */
export interface RevisionFile {
  relative: string;
  text: string;
}

/** The Markdown files of `place` at `commit`, in the order the working-tree walk reads them (each folder's names sorted, a folder before what it holds). */
export function filesAt(place: RepositoryPlace, commit: string): RevisionFile[] {
  const listing = git(['ls-tree', '-r', '-z', '--full-tree', commit, '--', `${place.relative}/`], place.top);
  const entries = listing
    .split('\0')
    .filter(Boolean)
    .map((line) => {
      const [meta, file] = line.split('\t') as [string, string];
      const [mode, type, object] = meta.split(' ') as [string, string, string];
      return { mode, type, object, relative: path.posix.relative(place.relative, file) };
    })
    .filter((e) => e.type === 'blob' && e.relative.endsWith('.md') && !e.relative.split('/').some((part) => part.startsWith('.')));
  if (entries.length === 0) return [];
  // One git process for every file: `cat-file --batch` answers each object in turn.
  const batch = execFileSync('git', ['cat-file', '--batch'], { cwd: place.top, input: `${entries.map((e) => e.object).join('\n')}\n`, maxBuffer: 1 << 30 });
  const texts: string[] = [];
  let at = 0;
  for (let i = 0; i < entries.length; i++) {
    const newline = batch.indexOf(0x0a, at);
    const size = Number(batch.subarray(at, newline).toString('latin1').split(' ')[2]);
    texts.push(batch.subarray(newline + 1, newline + 1 + size).toString('utf8'));
    at = newline + 1 + size + 1;
  }
  const files = entries.map((e, i) => ({ relative: e.relative, text: texts[i]! }));
  return files.sort((a, b) => comparePaths(a.relative, b.relative));
}

/** Path order of the walk: segment by segment, by code unit. */
function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/**
 * An ordinance folder's sources at `commit` (null: the working tree, read as
 * `check` reads it), each file named by its working-tree path so findings
 * and positions read as the drafter knows them. Null when the folder did not
 * exist then.
 */
export function sourcesAt(dir: string, commit: string | null): OrdinanceSources | null {
  if (commit === null) return loadOrdinanceSources(dir);
  const place = repositoryOf(dir);
  if (!place) throw new GitError(`${dir} is not in a git repository`);
  const files = filesAt(place, commit);
  if (files.length === 0) return null;
  const file = (f: RevisionFile) => new VFile({ path: path.join(dir, ...f.relative.split('/')), value: f.text });
  const metadata = files.find((f) => f.relative === ORDINANCE_FILE) ?? files.find((f) => f.relative === CODE_FILE);
  const groupFiles = new Map(files.filter((f) => f.relative.includes('/') && path.posix.basename(f.relative) === GROUP_FILE).map((f) => [path.posix.dirname(f.relative), file(f)]));
  const sectionFiles = files
    .filter((f) => f !== metadata && path.posix.basename(f.relative) !== 'README.md' && !(f.relative.includes('/') && path.posix.basename(f.relative) === GROUP_FILE))
    .filter((f) => f.relative.includes('/') || (f.relative !== ORDINANCE_FILE && f.relative !== CODE_FILE))
    .map(file);
  return {
    slug: path.basename(path.resolve(dir)),
    dir,
    ordinanceFile: metadata ? file(metadata) : null,
    sectionFiles,
    groupFiles,
    folder: new VFile({ path: dir, value: '' }),
    problems: [],
  };
}

/** One commit that touched an ordinance folder. */
export interface FolderCommit {
  hash: string;
  /** Committer date, seconds since 1970. */
  time: number;
  subject: string;
}

/** The commits that touched `dir`, newest first (renames of the folder not followed); empty outside git. */
export function commitsTouching(dir: string): FolderCommit[] {
  const place = repositoryOf(dir);
  if (!place) return [];
  let log: string;
  try {
    log = git(['log', '--format=%H%x00%ct%x00%s%x00', '--', `${place.relative}/`], place.top);
  } catch {
    // A repository without commits yet.
    return [];
  }
  const fields = log.split('\0');
  const commits: FolderCommit[] = [];
  for (let i = 0; i + 2 < fields.length; i += 3) {
    commits.push({ hash: fields[i]!.trim(), time: Number(fields[i + 1]), subject: fields[i + 2]! });
  }
  return commits;
}

/** The text of one file at `commit`, or null when it did not exist then. */
export function fileAt(file: string, commit: string): string | null {
  const place = repositoryOf(path.dirname(file));
  if (!place) return null;
  const relative = place.relative ? `${place.relative}/${path.basename(file)}` : path.basename(file);
  try {
    return git(['show', `${commit}:${relative}`], place.top);
  } catch {
    return null;
  }
}

/** The committer date of `commit` in the repository at `top`. */
export function commitDate(top: string, commit: string): Date {
  return new Date(Number(git(['show', '-s', '--format=%ct', commit], top).trim()) * 1000);
}
