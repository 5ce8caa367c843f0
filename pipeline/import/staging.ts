/**
 * How an importer writes its output folder: never over a folder it did not
 * make (one without its marker), into a staging folder beside the target,
 * which replaces the target whole once everything is written, so a failed
 * or interrupted import leaves the old folder as it was and nothing partial.
 * The marker lists every file the import wrote with its SHA-256: a folder
 * holding a file the import did not write, or one changed since, is not
 * replaced (a drafter's added section or edit is never deleted).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { alive } from '../outputs/temporary.js';

/** The file that marks a folder as an import's, so that the next import may replace it. */
export const IMPORT_MARKER = '.ordinance-import';

/**
 * Run `write` on a fresh staging folder, then put it in `outDir`'s place with
 * the marker saying `what`. Refuses an `outDir` that holds files and was not
 * made by an import.
 */
export function importInto<T>(outDir: string, what: string, write: (staging: string) => T): T {
  const base = outDir.replace(/\/+$/, '');
  recoverLeftovers(base);
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(path.join(outDir, IMPORT_MARKER))) {
    throw new Error(`${outDir} exists and was not made by an import; choose an empty or new folder`);
  }
  const foreign = existsSync(outDir) ? notImported(outDir) : [];
  if (foreign.length > 0) {
    const named = foreign.slice(0, 3).join(', ') + (foreign.length > 3 ? ` and ${foreign.length - 3} more` : '');
    throw new Error(`${outDir} holds files the import did not write, or changed since it wrote them (${named}); move them out, or import into another folder`);
  }
  const staging = `${base}${PARTIAL}${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const result = write(staging);
    const written = filesBelow(staging).map((file) => `${sha256(path.join(staging, file))}  ${file}`);
    writeFileSync(path.join(staging, IMPORT_MARKER), `${what}\n${written.map((line) => `${line}\n`).join('')}`);
    // The old folder is set aside by a rename, the new one put in its place by another, and only then is the old one removed:
    // at every instant one whole folder stands at `outDir` or, between the renames, beside it (put back by the next import).
    const aside = `${base}${REPLACED}${process.pid}`;
    rmSync(aside, { recursive: true, force: true });
    if (existsSync(outDir)) renameSync(outDir, aside);
    else mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
    try {
      renameSync(staging, outDir);
    } catch (error) {
      if (existsSync(aside)) renameSync(aside, outDir);
      throw error;
    }
    rmSync(aside, { recursive: true, force: true });
    return result;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}

/** The suffixes of an import's own folders beside the target: the one it writes, and the old one it sets aside (each with its process id). */
const PARTIAL = '.partial-';
const REPLACED = '.replaced-';

/**
 * What an import killed part way left beside `base`: a folder it was writing
 * is removed; an old folder it had set aside is put back when nothing took
 * its place (and removed when the new one did). An import still running is
 * left alone.
 */
function recoverLeftovers(base: string): void {
  const parent = path.dirname(path.resolve(base));
  const name = path.basename(base);
  if (!existsSync(parent)) return;
  for (const entry of readdirSync(parent)) {
    for (const suffix of [PARTIAL, REPLACED]) {
      if (!entry.startsWith(`${name}${suffix}`)) continue;
      const pid = Number(entry.slice(name.length + suffix.length));
      if (!Number.isInteger(pid) || alive(pid)) continue;
      const left = path.join(parent, entry);
      if (suffix === REPLACED && !existsSync(base)) renameSync(left, base);
      else rmSync(left, { recursive: true, force: true });
    }
  }
}

/** The files below `dir`, relative to it with `/`, sorted; the marker left out. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== IMPORT_MARKER)
    .sort();
}

function sha256(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/**
 * The files of an imported folder that its import did not write, or that
 * changed since: none when the marker lists no files (an import made before
 * the marker listed them is replaced as before).
 */
function notImported(dir: string): string[] {
  const lines = readFileSync(path.join(dir, IMPORT_MARKER), 'utf8').split('\n').slice(1).filter(Boolean);
  if (lines.length === 0) return [];
  const written = new Map(lines.map((line) => [line.slice(66), line.slice(0, 64)]));
  return filesBelow(dir).filter((file) => written.get(file) !== sha256(path.join(dir, file)));
}
