/** `ordinance check [paths...]`: check sources; a clean check prints nothing. */
import { parseShard } from '../../select/shard.js';
import { checkOrBuild } from '../check-and-build.js';
import { COMMON_USAGE, formatOption, parseCommand, REPORT_OPTIONS, REPORT_USAGE, wholeNumberOption } from '../options.js';

const USAGE = `Usage: ordinance check [paths...] [options]

Check the sources (default path: ordinance/). A path is an ordinance folder
(ordinance/<slug>/), a file in one, or a folder of ordinances with the
registry of prior directives in directives/. A clean check prints nothing.

Options:
${REPORT_USAGE}
  --max-warnings <n>  exit 1 when there are more than n warnings
  --changed-since <rev>  only the ordinances whose sources, registry entries,
                      configuration or amended code changed since a git revision
                      (those skipped are listed)
  --shard <i/n>       only part i of n of the ordinance folders (deterministic,
                      balanced by size; the n parts cover all once)
  --quiet             no progress bar (there is none when the output is not a terminal)
${COMMON_USAGE}

Exit codes: 0 clean, 1 problems in the sources, 2 usage, configuration,
template or internal error.
`;

export const CHECK_OPTIONS = {
  ...REPORT_OPTIONS,
  shard: { type: 'string' },
  'changed-since': { type: 'string' },
  'max-warnings': { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

/** Run `ordinance check`; returns the exit code. */
export async function runCheck(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'check', usage: USAGE, options: CHECK_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  return checkOrBuild({
    build: false,
    paths: positionals,
    format: formatOption(values.format),
    maxWarnings: wholeNumberOption('max-warnings', values['max-warnings']),
    config: values.config,
    outDir: 'dist',
    quiet: values.quiet ?? false,
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    changedSince: values['changed-since'],
  });
}
