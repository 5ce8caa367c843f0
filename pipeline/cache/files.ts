/**
 * Where the check caches live, and how they are written and read back: whole
 * or not at all, and every record sealed with a checksum of itself, so an
 * entry that was edited, truncated or corrupted is dropped, never trusted.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { checksum } from '../text/checksum.js';

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

/**
 * Write beside the target and rename into place, so a reader never sees half
 * a file. A cache only saves time: one that cannot be written (a read-only
 * working folder, a full disk) is left unwritten, and the run goes on.
 */
export function writeAtomically(file: string, text: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } catch {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written where nothing can be removed.
    }
  }
}

/** Each source file's text digest, made once however many caches key on it (the analysis and the detection caches both do). */
const digests = new WeakMap<VFile, { value: VFile['value']; digest: string }>();

/** The checksum of a source file's text, made once per text. */
export function textDigest(file: VFile): string {
  const known = digests.get(file);
  if (known && known.value === file.value) return known.digest;
  const digest = checksum(String(file.value));
  digests.set(file, { value: file.value, digest });
  return digest;
}

/** `text` sealed: its checksum, a tab, then the text. */
export function seal(text: string, key = ''): string {
  return `${checksum(key, text)}\t${text}`;
}

/** The text of a sealed record, or null when it is not whole and unchanged (its checksum does not match). */
export function unseal(record: string, key = ''): string | null {
  const tab = record.indexOf('\t');
  if (tab !== 64) return null;
  const text = record.slice(tab + 1);
  return record.slice(0, tab) === checksum(key, text) ? text : null;
}
