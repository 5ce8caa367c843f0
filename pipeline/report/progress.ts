/**
 * Progress of a long run, as events: a stage says when it has finished one
 * unit of work (an ordinance or title checked or built, a section imported),
 * and whoever listens (the CLI's progress bar) counts them. Nothing listens
 * by default, so a library caller pays nothing.
 */

/** A unit of work done: `folder` (an ordinance or code title checked or built) or `section` (a section imported). */
export type ProgressUnit = 'folder' | 'section';

let listener: ((unit: ProgressUnit) => void) | null = null;

/** Listen to the progress of the run (null: stop listening). */
export function onProgress(callback: ((unit: ProgressUnit) => void) | null): void {
  listener = callback;
}

/** One unit of work is done. */
export function progressed(unit: ProgressUnit): void {
  listener?.(unit);
}
