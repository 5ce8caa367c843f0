/**
 * An ordinance's lifecycle: the order of its statuses, and what git recorded
 * of them (gathered by the runner, history/lifecycle-history.ts, for the
 * status-lifecycle rule, which reads no git itself).
 */
import type { OrdinanceStatus } from './metadata.js';
import type { Ordinance } from './types.js';

/** The order of the forward statuses; withdrawn and failed end the lifecycle, from draft or introduced. */
export const LIFECYCLE: readonly OrdinanceStatus[] = ['draft', 'introduced', 'adopted', 'effective'];
export const ENDS: readonly OrdinanceStatus[] = ['withdrawn', 'failed'];

/** One commit's status and version of the ordinance. */
export interface LifecycleState {
  hash: string;
  /** Committer date, seconds since 1970. */
  time: number;
  subject: string;
  status: string;
  version: number | undefined;
}

/** What git and the folder say of an ordinance's lifecycle. */
export interface Lifecycle {
  /** It has a lock (`ordinance.lock.json`): an adopted final. */
  locked: boolean;
  /** The status and version at each commit that touched it, oldest first. */
  history: LifecycleState[];
  /** Git holds only part of the history (a shallow clone): the lifecycle read from it may lack its start. */
  shallow?: boolean | undefined;
  /** The ordinance as it stood at the commit its current version was introduced in (null when it was not, or that version does not model). */
  introduced: Ordinance | null;
}

/** The rank of a forward status (-1 for an end or an unknown one). */
export function rankOf(status: string): number {
  return (LIFECYCLE as readonly string[]).indexOf(status);
}
