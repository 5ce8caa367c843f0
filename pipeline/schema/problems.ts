/** Mistakes in a file the run depends on (configuration, template, an output read back), each at its place. */
/** A mistake at a place in a file. */
export interface FileProblem {
  file: string;
  line: number;
  column: number;
  message: string;
}

/** How a file problem prints: `path:line:col: error message`, as the compact format prints findings (the compiler convention editors and CI understand). */
export function formatProblem(problem: FileProblem): string {
  return `${problem.file}:${problem.line}:${problem.column}: error ${problem.message}`;
}

/** Mistakes in a file the run depends on (configuration, template): exit 2, each one at its place. */
export class FileProblemsError extends Error {
  constructor(
    readonly problems: FileProblem[],
    message = problems.map(formatProblem).join('\n'),
  ) {
    super(message);
  }
}
