/**
 * How an importer writes its output folder: never over a folder it did not
 * make (one without its marker), into a staging folder beside the target,
 * which replaces the target whole once everything is written, so a failed
 * or interrupted import leaves the old folder as it was and nothing partial.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The file that marks a folder as an import's, so that the next import may replace it. */
export const IMPORT_MARKER = '.ordinance-import';

/**
 * Run `write` on a fresh staging folder, then put it in `outDir`'s place with
 * the marker saying `what`. Refuses an `outDir` that holds files and was not
 * made by an import.
 */
export function importInto<T>(outDir: string, what: string, write: (staging: string) => T): T {
  if (existsSync(outDir) && readdirSync(outDir).length > 0 && !existsSync(path.join(outDir, IMPORT_MARKER))) {
    throw new Error(`${outDir} exists and was not made by an import; choose an empty or new folder`);
  }
  const staging = `${outDir.replace(/\/+$/, '')}.partial-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const result = write(staging);
    writeFileSync(path.join(staging, IMPORT_MARKER), `${what}\n`);
    rmSync(outDir, { recursive: true, force: true });
    mkdirSync(path.dirname(path.resolve(outDir)), { recursive: true });
    renameSync(staging, outDir);
    return result;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
