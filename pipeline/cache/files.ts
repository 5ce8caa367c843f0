/** Where the check caches live, and how they are written: whole or not at all. */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The cache folder of a run: .cache/ordinance/ under the working directory (gitignored). */
export function cacheDir(): string {
  return path.join(process.cwd(), '.cache', 'ordinance');
}

/** Where a run's caches live, and the key that invalidates them all (a hash of the tool's code). */
export interface CacheLocation {
  dir: string;
  key: string;
}

/** The cache file of one folder (an ordinance or the registry), by kind. */
export function cacheFile(dir: string, kind: string, folder: string, extension: string): string {
  const name = createHash('sha1')
    .update(`${kind}\0${path.resolve(folder)}`)
    .digest('hex')
    .slice(0, 20);
  return path.join(dir, `${kind}-${name}.${extension}`);
}

/** Write beside the target and rename into place, so a reader never sees half a file. */
export function writeAtomically(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}
