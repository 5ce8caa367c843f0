/**
 * `ordinance`: check and build ordinances. Exit codes: 0 clean, 1 problems in
 * the sources, 2 usage or internal error. An internal error is one line;
 * its stack trace only with --debug (or ORDINANCE_DEBUG=1).
 *
 * Each command is a module in commands/ that parses its own options
 * (`ordinance <command> --help`); this file only picks the command.
 */
import { EnvironmentError, FolderFailure } from '../report/failure.js';
import { UsageError } from '../report/failure.js';
import { SourceDateEpochError } from '../history/build-provenance.js';
import { FileProblemsError } from '../schema/problems.js';
import { TemplateError } from '../load/templates.js';
import { ConfigError } from '../config/project-config.js';
import { packageVersion, reportInternal, reporting } from './report.js';

const HELP = `ordinance: annotated-Markdown ordinances to checked council PDFs and summaries

Usage:
  ordinance check [paths...]   check sources (default path: ordinance/)
  ordinance build [paths...]   check, then write dist/<slug>/<slug>.pdf and summary.md
  ordinance rules              list the validation rules
  ordinance publish [paths...] assemble the publication site dist/site/ from the build
  ordinance xref <directive-id> [paths...]
                               which ordinances cite or codify a registered directive, and where
  ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write)
                               apply an amending ordinance's instructions to the code it
                               names: write the amended section files and amendments.json
                               to <dir>, or the amended sections into the code itself
  ordinance diff [<rev>..<rev>] [paths...] [--format pdf|md|json]
                               each ordinance between two versions: redline PDF, or Markdown, JSON
  ordinance adopt <slug> --number N --passed DATE --vote AYES-NOES [--approved DATE] [--effective DATE]
                               record the adoption in the front matter, build, and lock the final
  ordinance verify [paths...]  prove each adopted final rebuilds to the bytes its lock records
  ordinance import dc-code <xml-dir> <out-dir> [--plain-citations] [--titles 1,24]
  ordinance import dc-law <law-xml> <out-dir> [--plain]
                               import the D.C. Code's XML into the source format
  ordinance fmt [paths...] [--check]
                               format sources canonically, never changing what they mean
  ordinance new [<folder>/]<slug> [--jurisdiction <id>]
                               start a draft ordinance from the jurisdiction's skeleton
  ordinance new jurisdiction <id> [--name <name>] [--from <id>]
                               scaffold templates/jurisdictions/<id>.json
  ordinance watch [paths...] [--serve]
                               check on every save, printing only the findings that
                               changed; --serve: a live preview on localhost
  ordinance lsp [--stdio]      the language server, for an editor to start: findings
                               as you type, hover, definition, references, outline, completion
  ordinance <command> --help   the command's options
  ordinance --help | --version

A path is an ordinance folder (ordinance/<slug>/), a file in one, or a
folder of ordinances with the registry of prior directives in directives/.

Options (each command takes only its own; an option it does not take is exit 2):
  --format <f>   check, build, amend: compact (default: path:line:col: severity
                 message [rule-id]), human, json, github (GitHub Actions
                 annotations), sarif (SARIF 2.1.0, for code-scanning upload)
  --max-warnings <n>  check, build: exit 1 when there are more than n warnings
  --config <file>     check, build, amend: project configuration (default:
                 ordinance.config.json in the sources' folder or the nearest above it)
  --out <dir>    build: output folder (default: dist); amend: where to write
  --quiet        check, build, import: no progress bar (there is none when the
                 output is not a terminal); build, amend, fmt: do not list the
                 files written
  --debug        any command: show the stack trace of an internal error
                 (also ORDINANCE_DEBUG=1)

Environment:
  SOURCE_DATE_EPOCH   build: the date stamped in the PDFs, in whole seconds
                 from 0 (1970-01-01) to 253402300799 (9999-12-31)

Exit codes: 0 clean, 1 problems in the sources, 2 usage, environment (an
output folder that cannot be written) or internal error.
`;

/** The options taken before a command (`ordinance --debug check`). */
const LEADING = new Set(['--help', '-h', '--version', '-v', '--debug']);

/** Run the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  const end = argv.indexOf('--');
  reporting.debug = Boolean(process.env.ORDINANCE_DEBUG) || (end < 0 ? argv : argv.slice(0, end)).includes('--debug');
  let command: string | undefined;
  try {
    let at = 0;
    for (; at < argv.length && argv[at]!.startsWith('-'); at++) {
      const flag = argv[at]!;
      if (flag === '--help' || flag === '-h') {
        process.stdout.write(HELP);
        return 0;
      }
      if (flag === '--version' || flag === '-v') {
        process.stdout.write(`${packageVersion()}\n`);
        return 0;
      }
      if (!LEADING.has(flag))
        throw new UsageError(`unexpected option \`${flag.split('=')[0]}\` before the command, expected it after the command (\`ordinance <command> ${flag}\`)`);
    }
    command = argv[at];
    if (command === undefined) {
      process.stderr.write(HELP);
      return 2;
    }
    const code = await runCommand(command, argv.slice(at + 1));
    if (code === null) {
      const unknown = command;
      command = undefined;
      throw new UsageError(`unknown command \`${unknown}\`, expected check, build, rules, xref, amend, import, fmt, new, watch, diff, adopt, verify, publish or lsp`);
    }
    return code;
  } catch (error) {
    return reportError(error, command);
  }
}

/** Run a command with its arguments: its exit code, or null when there is no such command. */
async function runCommand(command: string, args: string[]): Promise<number | null> {
  switch (command) {
    case 'check':
      return (await import('./commands/check.js')).runCheck(args);
    case 'build':
      return (await import('./commands/build.js')).runBuild(args);
    case 'rules':
      return (await import('./commands/rules.js')).runRules(args);
    case 'xref':
      return (await import('./commands/xref.js')).runXref(args);
    case 'amend':
      return (await import('./commands/amend.js')).runAmend(args);
    case 'import':
      return (await import('./commands/import.js')).runImport(args);
    case 'fmt':
      return (await import('./commands/fmt.js')).runFmt(args);
    case 'new':
      if (args[0] === 'jurisdiction') return (await import('./commands/new-jurisdiction.js')).runNewJurisdiction(args.slice(1));
      return (await import('./commands/new.js')).runNew(args);
    case 'watch':
      return (await import('./commands/watch.js')).runWatch(args);
    case 'diff':
      return (await import('./commands/diff.js')).runDiff(args);
    case 'adopt':
      return (await import('./commands/adopt.js')).runAdopt(args);
    case 'verify':
      return (await import('./commands/verify.js')).runVerify(args);
    case 'publish':
      return (await import('./commands/publish.js')).runPublish(args);
    case 'lsp':
      return (await import('./commands/lsp.js')).runLsp(args);
    default:
      return null;
  }
}

/** A thrown error as the CLI reports it: a mistake of the user's at its place, or one line for an internal error; the exit code (2). */
function reportError(error: unknown, command: string | undefined): number {
  // A mistake in the configuration or a template: each one at its place, as the compiler convention prints it.
  if (error instanceof FileProblemsError && error.problems.length) {
    process.stderr.write(`${error.message}\n`);
    return 2;
  }
  if (error instanceof UsageError) {
    process.stderr.write(`ordinance: ${error.message}\nRun 'ordinance ${command === undefined ? '' : `${command} `}--help' for usage.\n`);
    return 2;
  }
  if (error instanceof TemplateError || error instanceof ConfigError || error instanceof SourceDateEpochError || error instanceof EnvironmentError) {
    process.stderr.write(`ordinance: ${error.message}\n`);
    return 2;
  }
  if (error instanceof FolderFailure) {
    reportInternal(` while ${reporting.doing} ${error.dir}`, error.failure);
  } else {
    reportInternal('', { message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
  }
  return 2;
}
