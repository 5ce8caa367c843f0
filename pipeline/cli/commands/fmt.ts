/** `ordinance fmt [paths...] [--check]`: canonical formatting of sources, never changing what they mean. */
import path from 'node:path';
import { formatPaths } from '../../fmt/format-workspace.js';
import { writeAtomically } from '../../outputs/dist.js';
import { COMMON_USAGE, parseCommand } from '../options.js';

const USAGE = `Usage: ordinance fmt [paths...] [--check]

Format the sources (default path: ordinance/) canonically: one style of
Markdown, front matter and words exactly as written. Each file is proved to
mean the same after formatting (the same tree) before it is written. An
adopted or effective ordinance is left as it is.

Options:
  --check             write nothing: list the files that are not formatted, exit 1 if any
  --quiet             do not list the files formatted
${COMMON_USAGE}

Exit codes: 0 formatted (or, with --check, already canonical), 1 files not
formatted (--check) or not readable, 2 usage error.
`;

const FMT_OPTIONS = {
  check: { type: 'boolean' },
  quiet: { type: 'boolean' },
} as const;

/** Run `ordinance fmt`; returns the exit code. */
export async function runFmt(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'fmt', usage: USAGE, options: FMT_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const check = parsed.values.check ?? false;
  let code = 0;
  for (const result of formatPaths(parsed.positionals)) {
    if (result.outcome === 'unreadable') {
      process.stderr.write(`${result.file}: not formatted: the file cannot be read (\`ordinance check\` says why)\n`);
      code = 1;
    } else if (result.outcome === 'kept') {
      process.stderr.write(`${result.file}: left as it is: no canonical form keeps its meaning\n`);
    } else if (result.outcome === 'formatted' && check) {
      process.stdout.write(`${result.file}: not formatted (run \`ordinance fmt\`)\n`);
      code = 1;
    } else if (result.outcome === 'formatted') {
      await writeAtomically(path.dirname(result.file), path.basename(result.file), result.text!);
      if (!parsed.values.quiet) process.stderr.write(`formatted ${result.file}\n`);
    }
  }
  return code;
}
