/**
 * The output folder of a build, made ready before anything is written or
 * removed: never a source folder, inside one or holding one (links
 * resolved), a folder that can be written, and cleared of the temporary
 * files of builds that were killed.
 */
import { existsSync, rmSync, statSync, writeFileSync, type Stats } from 'node:fs';
import path from 'node:path';
import { EnvironmentError, systemReason } from '../report/failure.js';
import { inside } from '../load/sources.js';
import { realPath } from '../load/walk.js';
import { cleanStaleTemporaries, makeFolder, temporaryName } from './temporary.js';

/** The stat of `file` (links followed), or null when there is nothing there or a file stands where a folder should. */
function lstatOrNull(file: string): Stats | null {
  try {
    return statSync(file);
  } catch {
    return null;
  }
}

/** What a source folder is to the user: its path from the working directory. */
function shown(folder: string): string {
  return path.relative(process.cwd(), folder) || '.';
}

/** The real path `dir` has or would have once made: its nearest existing ancestor's links resolved. */
function realTarget(dir: string): string {
  const rest: string[] = [];
  let current = path.resolve(dir);
  for (;;) {
    const real = realPath(current);
    if (real !== null) return path.join(real, ...rest);
    const parent = path.dirname(current);
    if (parent === current) return path.resolve(dir);
    rest.unshift(path.basename(current));
    current = parent;
  }
}

/**
 * Refuse `outDir` when it is, holds or lies inside one of `sources`; make it,
 * prove it can be written and remove stale temporary files. Throws an
 * `EnvironmentError` (one line) before anything is written.
 */
export function prepareOutDir(outDir: string, sources: string[]): void {
  const out = realTarget(outDir);
  const folders = sources.flatMap((source) => {
    const real = realPath(source);
    return real === null ? [] : [{ source, real }];
  });
  // The innermost folder it lies in says most; otherwise the first it holds.
  const within = folders.filter((f) => inside(out, f.real)).sort((a, b) => b.real.length - a.real.length)[0];
  const holds = folders.find((f) => inside(f.real, out));
  const refused = within
    ? `${out === within.real ? 'is' : 'lies inside'} the source folder ${shown(within.source)}`
    : holds
      ? `holds the source folder ${shown(holds.source)}`
      : null;
  if (refused) throw new EnvironmentError(`--out ${outDir} ${refused}: a build would write among the sources; choose an output folder apart from them`);
  const stat = lstatOrNull(outDir);
  if (stat && !stat.isDirectory()) throw new EnvironmentError(`--out ${outDir} is not a folder, expected a folder for the outputs`);
  const probe = path.join(outDir, temporaryName('probe'));
  try {
    makeFolder(outDir);
    writeFileSync(probe, '');
    rmSync(probe);
  } catch (error) {
    if (existsSync(probe)) rmSync(probe, { force: true });
    throw new EnvironmentError(`cannot write to --out ${outDir} (${systemReason(error)})`);
  }
  cleanStaleTemporaries(outDir);
}
