/**
 * The lock of an adopted final as the site shows it: the site says, for each
 * output, whether the published file is the one the lock records. The lock's
 * format and its reader are history/lock.ts's; here a lock that does not read
 * is a state of the page (said there and as a warning), not a stop.
 */
import { systemReason } from '../report/failure.js';
import { readLock as readLockFile, type OrdinanceLock } from '../history/lock.js';
import { FileProblemsError } from '../schema/problems.js';

export type LockReading =
  | { state: 'none' }
  /** Why it does not read, and where in the file when a place says it. */
  | { state: 'unreadable'; reason: string; line?: number; column?: number }
  | { state: 'read'; lock: OrdinanceLock };

/** The lock beside an ordinance's sources: none, one that does not read (with why and where), or the lock. */
export function readLock(ordinanceDir: string): LockReading {
  try {
    const file = readLockFile(ordinanceDir);
    return file ? { state: 'read', lock: file.lock } : { state: 'none' };
  } catch (error) {
    const first = error instanceof FileProblemsError ? error.problems[0] : undefined;
    if (first) return { state: 'unreadable', reason: first.message, line: first.line, column: first.column };
    return { state: 'unreadable', reason: systemReason(error) };
  }
}
