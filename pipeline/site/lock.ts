/**
 * The lock of an adopted final, `<ordinance-dir>/ordinance.lock.json`, as
 * `ordinance adopt` writes it: the sha256 of its sources, of its outputs and
 * of the tool and fonts that made them. The site shows it and says, for each
 * output, whether the published file is the one the lock records.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { Value } from 'typebox/value';

export const LOCK_FILE = 'ordinance.lock.json';

const Sha256 = Type.String({ pattern: '^[0-9a-f]{64}$' });

export const lockSchema = Type.Object({
  lock: Type.Literal(1),
  slug: Type.String(),
  number: Type.String(),
  adopted: Type.String(),
  tool: Type.Object({ name: Type.String(), version: Type.String(), sha256: Sha256 }),
  fonts: Type.Record(Type.String(), Sha256),
  sources: Type.Record(Type.String(), Sha256),
  outputs: Type.Record(Type.String(), Sha256),
});

export type OrdinanceLock = Static<typeof lockSchema>;

export type LockReading = { state: 'none' } | { state: 'unreadable'; reason: string } | { state: 'read'; lock: OrdinanceLock };

/** The lock beside an ordinance's sources: none, one that does not read (with why), or the lock. */
export function readLock(ordinanceDir: string): LockReading {
  let text: string;
  try {
    text = readFileSync(path.join(ordinanceDir, LOCK_FILE), 'utf8');
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? { state: 'none' } : { state: 'unreadable', reason: (error as Error).message };
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { state: 'unreadable', reason: `not JSON (${(error as Error).message})` };
  }
  if (!Value.Check(lockSchema, value)) {
    const first = Value.Errors(lockSchema, value)[0];
    return { state: 'unreadable', reason: first ? `${first.instancePath || '/'} ${first.message}` : 'not a lock' };
  }
  return { state: 'read', lock: value };
}
