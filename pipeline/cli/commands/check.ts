/** `ordinance check [paths...]`: check sources; a clean check prints nothing. */
import { checkOrBuild, RUN_OPTIONS, RUN_USAGE, runOptionsOf } from '../check-and-build.js';
import { COMMON_USAGE, parseCommand, REPORT_OPTIONS, REPORT_USAGE } from '../options.js';

const USAGE = `Usage: ordinance check [paths...] [options]

Check the sources (default path: ordinance/). A path is an ordinance folder
(ordinance/<slug>/), a file in one, or a folder of ordinances with the
registry of prior directives in directives/. A clean check prints nothing.

Options:
${REPORT_USAGE}
${RUN_USAGE}
  --fix               first write each finding's fix where it has exactly one
                      (a mistyped id or value, as the editor's quick fix does),
                      then report what is left; an adopted ordinance is never changed
  --quiet             no progress bar (there is none when the output is not a terminal)
${COMMON_USAGE}

Exit codes: 0 clean, 1 problems in the sources, 2 usage, configuration,
template or internal error.
`;

export const CHECK_OPTIONS = {
  ...REPORT_OPTIONS,
  ...RUN_OPTIONS,
  quiet: { type: 'boolean' },
  fix: { type: 'boolean' },
} as const;

/** Run `ordinance check`; returns the exit code. */
export async function runCheck(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'check', usage: USAGE, options: CHECK_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  return checkOrBuild({ build: false, outDir: 'dist', ...runOptionsOf(values, positionals), fix: values.fix === true });
}
