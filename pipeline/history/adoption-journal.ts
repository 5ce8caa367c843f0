/**
 * An adoption as one transaction. Before `adopt` changes anything it writes a
 * journal beside the sources (`.ordinance-adoption.json`, created exclusively:
 * one adoption of a folder at a time) holding the final as it stands, its
 * `ordinance.md` and its lock. It then records the facts, rebuilds and writes
 * the new lock, and removes the journal last. A journal whose process is gone
 * is an adoption that was interrupted (killed, Ctrl-C, a power cut): the next
 * `adopt` or `verify` puts the old final back, whole, before anything else,
 * so a folder always holds either the old final or the new one.
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import path from 'node:path';
import { alive } from '../outputs/temporary.js';
import { writeAtomically } from '../outputs/dist.js';
import { UsageError } from '../report/failure.js';
import { LOCK_FILE, ORDINANCE_FILE } from '../model/workspace.js';

/** The journal's file in an ordinance folder (hidden: never a source). */
export const ADOPTION_JOURNAL = '.ordinance-adoption.json';

interface Journal {
  pid: number;
  /** `ordinance.md` as it stood before the adoption began. */
  ordinance: string;
  /** The lock as it stood (null: the ordinance had none). */
  lock: string | null;
}

/**
 * Begin an adoption of `dir`: the journal written, exclusively. Another
 * adoption of the folder still running is a usage error; one whose process is
 * gone is rolled back first (its message returned).
 */
export async function beginAdoption(dir: string): Promise<string | undefined> {
  const recovered = await recoverAdoption(dir);
  const journal: Journal = {
    pid: process.pid,
    ordinance: readFileSync(path.join(dir, ORDINANCE_FILE), 'utf8'),
    lock: existsSync(path.join(dir, LOCK_FILE)) ? readFileSync(path.join(dir, LOCK_FILE), 'utf8') : null,
  };
  let fd: number;
  try {
    fd = openSync(path.join(dir, ADOPTION_JOURNAL), 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const other = readJournal(dir);
    throw new UsageError(`${dir} is being adopted by another process (${other ? `process ${other.pid}` : 'its journal unreadable'}); wait for it to finish`);
  }
  try {
    writeSync(fd, `${JSON.stringify(journal)}\n`);
  } finally {
    closeSync(fd);
  }
  return recovered;
}

/** The adoption of `dir` done: its journal removed (the new final stands). */
export function endAdoption(dir: string): void {
  rmSync(path.join(dir, ADOPTION_JOURNAL), { force: true });
}

/**
 * Put back the final an interrupted adoption of `dir` left half-changed: its
 * `ordinance.md` and lock as they were (no lock if it had none). Returns what
 * was done, or undefined when there was nothing to do (no journal, or its
 * adoption still running).
 */
export async function recoverAdoption(dir: string): Promise<string | undefined> {
  const file = path.join(dir, ADOPTION_JOURNAL);
  if (!existsSync(file)) return undefined;
  const journal = readJournal(dir);
  if (journal && alive(journal.pid)) return undefined;
  if (!journal) {
    // Written only part way: the adoption had not begun to change anything.
    rmSync(file, { force: true });
    return undefined;
  }
  await writeAtomically(dir, ORDINANCE_FILE, journal.ordinance);
  if (journal.lock === null) rmSync(path.join(dir, LOCK_FILE), { force: true });
  else await writeAtomically(dir, LOCK_FILE, journal.lock);
  rmSync(file, { force: true });
  return `${dir}: an adoption interrupted in process ${journal.pid} was rolled back: ${ORDINANCE_FILE} and ${LOCK_FILE} are as they were before it`;
}

function readJournal(dir: string): Journal | null {
  try {
    const value = JSON.parse(readFileSync(path.join(dir, ADOPTION_JOURNAL), 'utf8')) as Partial<Journal>;
    if (typeof value.pid !== 'number' || typeof value.ordinance !== 'string' || (value.lock !== null && typeof value.lock !== 'string')) return null;
    return value as Journal;
  } catch {
    return null;
  }
}
