/**
 * The freeze stage: an ordinance with a lock (`ordinance.lock.json`, written
 * by `ordinance adopt`) is an adopted final. Its sources must be the bytes the
 * lock records: an edit is an error at the first line that changed, saying to
 * amend the ordinance by a new one instead. Its outputs, rebuilt, must be the
 * bytes the lock records: `check`, `build` and `verify` prove it.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import type { OrdinanceSources } from '../model/workspace.js';
import { offsetOf, placeOf, type JsonSource } from '../schema/json-source.js';
import { FileProblemsError } from '../schema/problems.js';
import { repositoryOf } from './git.js';
import { digestChanges, fontDigests, readLock, sha256, sourceDigests, toolDigest, type LockFile } from './lock.js';
import type { Template } from '../template/template-schema.js';
import { CODE_FILE, LOCK_FILE, ORDINANCE_FILE } from '../model/workspace.js';

/** "Ordinance No. 188441 (adopted 2024-12-04)". */
function finalName(locked: LockFile): string {
  return `ordinance No. ${locked.lock.number} (adopted ${locked.lock.adopted})`;
}

/** The place of a key path in the lock (a lock may hold thousands of entries: each found in constant time, never by a scan). */
export function lockPlace(source: JsonSource, keyPath: (string | number)[]): { line: number; column: number } {
  return placeOf(source, offsetOf(source, keyPath, 'key'));
}

/**
 * The text of `file` as adopted: the newest version git holds whose sha256 is
 * `digest` (null when git holds none, or the file lies outside git).
 */
function adoptedText(file: string, digest: string): string | null {
  const place = repositoryOf(path.dirname(file));
  if (!place) return null;
  const relative = [place.relative, path.basename(file)].filter(Boolean).join('/');
  try {
    const commits = execFileSync('git', ['log', '-n', '50', '--format=%H', '--', relative], { cwd: place.top, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean);
    for (const commit of commits) {
      const text = execFileSync('git', ['show', `${commit}:${relative}`], { cwd: place.top, stdio: ['ignore', 'pipe', 'ignore'], maxBuffer: 1 << 30 });
      if (sha256(text) === digest) return text.toString('utf8');
    }
  } catch {
    return null;
  }
  return null;
}

/** The first line where `now` differs from `then`, with the line as it read then (null when it is a line added at the end). */
function firstChange(then: string, now: string): { line: number; was: string | null } {
  const a = then.split('\n');
  const b = now.split('\n');
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return { line: Math.min(i, Math.max(b.length - 1, 0)) + 1, was: i < a.length ? a[i]! : null };
}

/** The lock's own file as a source of findings (its mistakes, and what it records that is no longer so). */
function lockVFile(sources: OrdinanceSources, files: VFile[], text: string): VFile {
  const file = new VFile({ path: path.join(sources.dir, LOCK_FILE), value: text });
  files.push(file);
  return file;
}

/**
 * Check the sources of a locked ordinance against its lock; the lock, or null
 * when there is none or it does not read (reported at its place). Findings
 * go to the files they concern; the lock's own file joins `files` when it
 * holds one.
 */
export function checkFinalSources(sources: OrdinanceSources, files: VFile[]): { locked: LockFile; file: () => VFile } | null {
  let locked: LockFile | null;
  try {
    locked = readLock(sources.dir);
  } catch (error) {
    if (!(error instanceof FileProblemsError)) throw error;
    const file = lockVFile(sources, files, '');
    for (const problem of error.problems) report(file, 'final-lock', problem.message, { place: { line: problem.line, column: problem.column }, severity: 'error' });
    return null;
  }
  if (!locked) return null;
  let own: VFile | null = null;
  const file = () => (own ??= lockVFile(sources, files, locked!.source.text));
  const byPath = new Map(files.map((f) => [path.resolve(f.path), f]));
  const amend = `expected the text as adopted: amend ${finalName(locked)} by a new ordinance instead`;
  for (const { file: name, change } of digestChanges(locked.lock.sources, sourceDigests(sources.dir))) {
    const full = path.resolve(sources.dir, ...name.split('/'));
    const vfile = byPath.get(full);
    if (change === 'removed') {
      report(file(), 'final-edited', `Unexpected removal of \`${name}\` from the adopted text, ${amend}`, {
        place: lockPlace(locked.source, ['sources', name]),
        severity: 'error',
      });
    } else if (change === 'added') {
      report(vfile ?? file(), 'final-edited', `Unexpected file \`${name}\` added to an adopted ordinance, ${amend}`, {
        place: vfile ? { line: 1, column: 1 } : lockPlace(locked.source, ['sources']),
        severity: 'error',
      });
    } else {
      const then = adoptedText(full, locked.lock.sources[name]!);
      const now = vfile ? String(vfile.value) : null;
      const at = then !== null && now !== null ? firstChange(then, now) : null;
      const was = at?.was !== null && at?.was !== undefined ? ` (it read \`${at.was.trim().slice(0, 80)}\`)` : '';
      report(vfile ?? file(), 'final-edited', `Unexpected edit to the adopted text${was}, ${amend}`, {
        place: vfile ? { line: at?.line ?? 1, column: 1 } : lockPlace(locked.source, ['sources', name]),
        severity: 'error',
      });
    }
  }
  return { locked, file };
}

/**
 * Check a rebuild's outputs against the lock: each that differs is an error at
 * its entry in the lock. So are the fonts it records: a final is drawn with the
 * faces it was adopted with, and a lock that names others is not this final's.
 * A tool other than the one the lock names that still gives the same bytes is
 * a warning at the lock's `tool` (the final verifies; the record says who made it).
 */
export function checkFinalOutputs(locked: LockFile, lockFile: () => VFile, outputs: Record<string, string | Uint8Array>, template: Template): void {
  for (const { file: name, change } of digestChanges(locked.lock.fonts, fontDigests(template))) {
    const what =
      change === 'changed'
        ? `the font \`${name}\` the lock records is not the one this build draws with`
        : change === 'added'
          ? `this build draws with the font \`${name}\`, which the lock does not record`
          : `the lock records the font \`${name}\`, which this build does not draw with`;
    report(lockFile(), 'final-lock', `Unexpected font: ${what}, expected the fonts the final was adopted with`, {
      place: lockPlace(locked.source, change === 'added' ? ['fonts'] : ['fonts', name]),
      severity: 'error',
    });
  }
  const now = Object.fromEntries(Object.entries(outputs).map(([name, bytes]) => [name, sha256(bytes)]));
  const changes = digestChanges(locked.lock.outputs, now);
  const tool = toolDigest();
  const recorded = locked.lock.tool;
  if (changes.length === 0) {
    if (recorded.name !== tool.name || recorded.version !== tool.version || recorded.sha256 !== tool.sha256)
      report(
        lockFile(),
        'final-lock',
        `Unexpected tool ${recorded.name} ${recorded.version} (${recorded.sha256.slice(0, 12)}) in the lock, this is ${tool.name} ${tool.version} (${tool.sha256.slice(0, 12)}): it rebuilds the same bytes, so the final verifies; the lock names the tool that made it`,
        { place: lockPlace(locked.source, ['tool']), severity: 'warning' },
      );
    return;
  }
  const sameTool = tool.sha256 === locked.lock.tool.sha256;
  const why = sameTool
    ? 'the same sources and tool no longer give the same bytes'
    : `it was built by ${locked.lock.tool.name} ${locked.lock.tool.version} (${locked.lock.tool.sha256.slice(0, 12)}), this is ${tool.name} ${tool.version} (${tool.sha256.slice(0, 12)})`;
  for (const { file: name, change } of changes) {
    const what =
      change === 'changed'
        ? `\`${name}\` rebuilt differs from the adopted final`
        : change === 'added'
          ? `\`${name}\` is built now but not recorded`
          : `\`${name}\` is no longer built`;
    report(lockFile(), 'final-outputs', `Unexpected output: ${what} (${why}), expected the bytes the lock records`, {
      place: lockPlace(locked.source, change === 'added' ? ['outputs'] : ['outputs', name]),
      severity: 'error',
    });
  }
}

/**
 * Check what the lock records of the final against what its sources say: its
 * slug (the folder's name), its number and the date it passed. A lock that
 * names another ordinance, number or adoption (copied, or forged) is an error
 * at the field, so it never verifies.
 */
export function checkFinalFacts(locked: LockFile, lockFile: () => VFile, facts: { slug: string; number: string | undefined; passed: string | undefined }): void {
  const fields: [key: 'slug' | 'number' | 'adopted', recorded: string, expected: string | undefined, where: string][] = [
    ['slug', locked.lock.slug, facts.slug, "the ordinance's folder name"],
    ['number', locked.lock.number, facts.number, '`number` in ordinance.md'],
    ['adopted', locked.lock.adopted, facts.passed, '`dates.passed` in ordinance.md'],
  ];
  for (const [key, recorded, expected, where] of fields) {
    // A fact the sources do not state is for the lifecycle's and the edits' checks to report (an ordinance.md set back to a draft).
    if (expected === undefined || recorded === expected) continue;
    report(lockFile(), 'final-lock', `Unexpected \`${key}\` \`${recorded}\` in the lock, expected \`${expected}\`, ${where}`, {
      place: lockPlace(locked.source, [key]),
      severity: 'error',
    });
  }
}

/** A built file of a final that is not the one its lock records, at its entry in the lock. */
export interface FinalMismatch {
  file: string;
  line: number;
  column: number;
  message: string;
}

/**
 * What a final's build in dist/ holds that its lock does not record: files
 * whose bytes differ (`built`, by name, their sha256), files the lock records
 * that are not there, and files there that it does not record. `publish`
 * refuses a final with any: the site and SHA256SUMS carry only the bytes the
 * lock records.
 */
export function finalMismatches(locked: LockFile, built: Record<string, string>): FinalMismatch[] {
  return digestChanges(locked.lock.outputs, built).map(({ file, change }) => {
    const place = lockPlace(locked.source, change === 'added' ? ['outputs'] : ['outputs', file]);
    const message =
      change === 'changed'
        ? `Unexpected \`${file}\` in the build whose sha256 ${built[file]!.slice(0, 12)}… is not the lock's ${locked.lock.outputs[file]!.slice(0, 12)}…, expected the bytes the final was adopted with (\`ordinance build\` rebuilds them; \`ordinance verify\` says why they differ)`
        : change === 'added'
          ? `Unexpected \`${file}\` in the build, which the lock does not record, expected only the final's own outputs (\`ordinance build\` rebuilds them)`
          : `Missing \`${file}\` in the build, which the lock records, expected the final's every output (\`ordinance build\` rebuilds them)`;
    return { file, ...place, message };
  });
}

/** Whether `file` is a source of an adopted ordinance: its folder holds the lock of a final, or its front matter says adopted or in effect. */
export function inAdoptedOrdinance(file: string): boolean {
  for (let dir = path.dirname(path.resolve(file)); path.dirname(dir) !== dir; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, LOCK_FILE))) return true;
    const metadata = [ORDINANCE_FILE, CODE_FILE].map((name) => path.join(dir, name)).find((candidate) => existsSync(candidate));
    if (metadata) return /^status:\s*["']?(adopted|effective)\b/m.test(readFileSync(metadata, 'utf8').split(/^---\s*$/m)[1] ?? '');
  }
  return false;
}
