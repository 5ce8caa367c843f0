/**
 * Internal errors, kept apart from the findings in the sources: which folder
 * a failure happened in, what it says (one line for the user), and its stack
 * (shown only when asked for, with --debug).
 */

/** What failed, as plain data: it crosses from a worker thread. */
export interface Failure {
  message: string;
  stack: string | undefined;
}

/** A failure as plain data, whatever was thrown. */
export function failureOf(error: unknown): Failure {
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error), stack: undefined };
}

/** An internal error while compiling one folder (on the main thread or a worker's): it stops the run. */
export class FolderFailure extends Error {
  constructor(
    readonly dir: string,
    readonly failure: Failure,
  ) {
    super(failure.message);
    this.name = 'FolderFailure';
  }
}
