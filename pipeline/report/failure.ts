/**
 * Internal errors, kept apart from the findings in the sources: which folder
 * a failure happened in, what it says (one line for the user), and its stack
 * (shown only when asked for, with --debug).
 */

/** What failed, as plain data: it crosses from a worker thread. */
export interface Failure {
  message: string;
  stack: string | undefined;
  /** A failure of the environment (an output that cannot be written), not of the tool: reported without "internal error". */
  environment?: boolean;
}

/** A failure as plain data, whatever was thrown. */
export function failureOf(error: unknown): Failure {
  if (error instanceof EnvironmentError) return { message: error.message, stack: error.stack, environment: true };
  if (error instanceof Error) return { message: error.message, stack: error.stack };
  return { message: String(error), stack: undefined };
}

/**
 * A failure of the environment, not of the tool or the sources: an output
 * folder that cannot be made or written. One line for the user, exit 2.
 */
export class EnvironmentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'EnvironmentError';
  }

  /** `cannot write <target> (EISDIR: illegal operation on a directory)`, from a failed file operation. */
  static writing(target: string, error: unknown): EnvironmentError {
    if (error instanceof EnvironmentError) return error;
    return new EnvironmentError(`cannot write ${target} (${systemReason(error)})`);
  }
}

/** The code and words of a system error, without the paths Node appends ("EACCES: permission denied"). */
export function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words = message.split(/, (?:open|mkdir|rename|unlink|rmdir|scandir|write|lstat|stat) '/)[0]!;
  return code && !words.startsWith(code) ? `${code}: ${words}` : words;
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

/** A mistake in how a command was called (its arguments or options): one line and exit 2. */
export class UsageError extends Error {}
