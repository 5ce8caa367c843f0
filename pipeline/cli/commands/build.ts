/** `ordinance build [paths...]`: check, then write each clean ordinance's outputs to dist/<slug>/. */
import { checkOrBuild, RUN_OPTIONS, RUN_USAGE, runOptionsOf } from '../check-and-build.js';
import { COMMON_USAGE, parseCommand, REPORT_OPTIONS, REPORT_USAGE } from '../options.js';

const USAGE = `Usage: ordinance build [paths...] [options]

Check the sources (default path: ordinance/), then write each clean
ordinance's PDF, summaries and cross-references to <out>/<slug>/ and the
index of directives to <out>/directives.json.

Options:
  --out <dir>         output folder (default: dist); never a source folder
  --quiet             do not list the files written, and no progress bar (there
                      is none when the output is not a terminal)
${REPORT_USAGE}
${RUN_USAGE}
${COMMON_USAGE}

Environment:
  SOURCE_DATE_EPOCH   the date stamped in the PDFs, in whole seconds
                      from 0 (1970-01-01) to 253402300799 (9999-12-31)

Exit codes: 0 clean, 1 problems in the sources, 2 usage, configuration,
template, environment (an output folder that cannot be written) or internal
error.
`;

export const BUILD_OPTIONS = {
  ...REPORT_OPTIONS,
  ...RUN_OPTIONS,
  out: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** Run `ordinance build`; returns the exit code. */
export async function runBuild(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'build', usage: USAGE, options: BUILD_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  return checkOrBuild({ build: true, outDir: values.out ?? 'dist', ...runOptionsOf(values, positionals) });
}
