/**
 * The temporary files of publishing: each named after the process and the
 * thread that write it (and a random part), so no build ever removes
 * another's; removed when the process exits, when a worker thread dies before
 * it could (by the thread that replaces it), and, when a process was killed
 * before it could, by the next build into the same folder.
 */
import { randomBytes } from 'node:crypto';
import { type Dirent, lstatSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { threadId } from 'node:worker_threads';

/** `.<name>.<pid>.t<thread>.<random>.tmp` (and `.<name>.<pid>.<random>.tmp`, `.<name>.<pid>.tmp`, as earlier versions named them). */
const TEMPORARY = /^\..+\.(\d+)(?:\.t(\d+))?(?:\.[0-9a-f]{8})?\.tmp$/;

/** The temporary name for writing `name` in this process and thread. */
export function temporaryName(name: string): string {
  return `.${name}.${process.pid}.t${threadId}.${randomBytes(4).toString('hex')}.tmp`;
}

const live = new Set<string>();
let listening = false;

/** Note a temporary file being written, so that an exit (even on a signal) removes it. */
export function track(file: string): void {
  live.add(file);
  if (listening) return;
  listening = true;
  process.on('exit', () => {
    for (const left of live) rmSync(left, { force: true });
  });
}

export function untrack(file: string): void {
  live.delete(file);
  if (exitCode !== null && live.size === 0) process.exit(exitCode);
}

let exitCode: number | null = null;

/**
 * Exit with `code` (on a signal) once no temporary file is being written:
 * exiting while a write is in flight could let it create its file after the
 * exit handler has removed the others. A write that never settles is not
 * waited for past a few seconds.
 */
export function exitAfterWrites(code: number): void {
  exitCode = code;
  if (live.size === 0) process.exit(code);
  setTimeout(() => process.exit(code), 5000).unref();
}

/** Remove the temporary files in `dir` and its sub-folders (one level) left by processes that are gone. */
export function cleanStaleTemporaries(dir: string): void {
  removeTemporaries(dir, (pid) => !alive(pid));
}

/**
 * Remove the temporary files in `dir` and its sub-folders (one level) that the
 * worker thread `thread` of this process left: a worker that ran out of its
 * heap dies without its exit handlers, perhaps in the middle of a write.
 */
export function removeTemporariesOfThread(dir: string, thread: number): void {
  removeTemporaries(dir, (pid, of) => pid === process.pid && of === thread);
}

/** Remove the temporary files in `dir` and its sub-folders (one level) that `stale` says are left over, by the process and thread that wrote them. */
function removeTemporaries(dir: string, stale: (pid: number, thread: number | undefined) => boolean): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  const folders = [dir, ...entries.flatMap((e) => (e.isDirectory() && !e.name.startsWith('.') ? [path.join(dir, e.name)] : []))];
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const match = TEMPORARY.exec(name);
      if (!match || !stale(Number(match[1]), match[2] === undefined ? undefined : Number(match[2]))) continue;
      if (lstatSync(path.join(folder, name)).isFile()) rmSync(path.join(folder, name), { force: true });
    }
  }
}

/** Whether a process with this id is running (one that is not ours to signal still is). */
export function alive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Create `dir` and the folders above it that are missing, one at a time:
 * Node's recursive mkdir never returns on some paths (`/proc/x`).
 */
export function makeFolder(dir: string): void {
  const missing: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    // ENOTDIR (a file above) is thrown, and reported as the folder that cannot be made.
    const stat = statSync(current, { throwIfNoEntry: false });
    if (stat) {
      if (!stat.isDirectory()) throw Object.assign(new Error(`ENOTDIR: not a directory, mkdir '${dir}'`), { code: 'ENOTDIR' });
      break;
    }
    missing.unshift(current);
    const parent = path.dirname(current);
    if (parent === current) break;
    current = parent;
  }
  for (const folder of missing) {
    try {
      mkdirSync(folder);
    } catch (error) {
      // Another build may have made it meanwhile.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(folder).isDirectory()) throw error;
    }
  }
}
