/**
 * `ordinance`: check and build ordinances. Exit codes: 0 clean, 1 problems in
 * the sources, 2 usage or internal error. An internal error is one line;
 * its stack trace only with --debug (or ORDINANCE_DEBUG=1).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectDiagnostics, hasErrors } from '../diagnostics.js';
import { EnvironmentError, FolderFailure, type Failure } from '../failure.js';
import { discoverWorkspaces, UsageError, type Workspace } from '../load/sources.js';
import { compileRun, compileWorkspace, filesOf } from '../pipeline.js';
import { checkTemplates, TemplateError } from '../template/load.js';
import { FileProblemsError } from '../schema/json-file.js';
import { ConfigError, findConfig, loadConfig, type ProjectConfig } from '../validate/config.js';
import { SourceDateEpochError, sourceDateEpoch } from '../provenance.js';
import { exitAfterWrites } from '../publish/temporary.js';
import { rules } from '../validate/rules/index.js';
import { selectWorkspaces } from '../select/select.js';
import { parseShard, type Shard } from '../select/shard.js';
import { FORMATS, formatDiagnostics, type Format } from './format.js';

const HELP = `ordinance: annotated-Markdown ordinances to checked council PDFs and summaries

Usage:
  ordinance check [paths...]   check sources (default path: ordinance/)
  ordinance build [paths...]   check, then write dist/<slug>/<slug>.pdf and summary.md
  ordinance rules              list the validation rules
  ordinance xref <directive-id> [paths...]
                               which ordinances cite or codify a registered directive, and where
  ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write)
                               apply an amending ordinance's instructions to the code it
                               names: write the amended section files and amendments.json
                               to <dir>, or the amended sections into the code itself
  ordinance import dc-code <xml-dir> <out-dir> [--plain-citations] [--titles 1,24]
  ordinance import dc-law <law-xml> <out-dir> [--plain]
                               import the D.C. Code's XML into the source format
  ordinance --help | --version

A path is an ordinance folder (ordinance/<slug>/), a file in one, or a
folder of ordinances with the registry of prior directives in directives/.

Options:
  --format <f>   compact (default: path:line:col: severity message [rule-id]),
                 human, json, github (GitHub Actions annotations)
                 sarif (SARIF 2.1.0, for code-scanning upload)
  --max-warnings <n>  exit 1 when there are more than n warnings
  --config <file>     project configuration (default: ordinance.config.json
                 in the sources' folder or the nearest above it)
  --out <dir>    output folder for build (default: dist) and amend
  --code <dir>   amend: the code to amend, in place of the ordinance's amends-code
  --write        amend: write the amended sections into the code's own files
  --quiet        build: do not list the files written
  --changed-since <rev>  check, build: only the ordinances whose sources, registry
                 entries, configuration or amended code changed since a git
                 revision (those skipped are listed)
  --shard <i/n>  check, build: only part i of n of the ordinance folders
                 (deterministic, balanced by size; the n parts cover all once)
  --debug        show the stack trace of an internal error (also ORDINANCE_DEBUG=1)

Environment:
  SOURCE_DATE_EPOCH   build: the date stamped in the PDFs, in whole seconds
                 from 0 (1970-01-01) to 253402300799 (9999-12-31)

Exit codes: 0 clean, 1 problems in the sources, 2 usage, environment (an
output folder that cannot be written) or internal error.
`;

interface Args {
  command: string | undefined;
  paths: string[];
  format: Format;
  outDir: string;
  /** --out was given (amend has no default). */
  outGiven: boolean;
  code: string | undefined;
  write: boolean;
  quiet: boolean;
  plainCitations: boolean;
  plain: boolean;
  titles: string[];
  maxWarnings: number | null;
  config: string | undefined;
  debug: boolean;
  shard: Shard | undefined;
  changedSince: string | undefined;
}

function parseArgs(argv: string[]): Args | 'help' | 'version' {
  const args: Args = {
    command: undefined,
    paths: [],
    format: 'compact',
    outDir: 'dist',
    outGiven: false,
    code: undefined,
    write: false,
    quiet: false,
    plainCitations: false,
    plain: false,
    titles: [],
    maxWarnings: null,
    config: undefined,
    debug: false,
    shard: undefined,
    changedSince: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith('--') ? (arg.split(/=(.*)/s, 2) as [string, string | undefined]) : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return 'help';
    else if (flag === '--version' || flag === '-v') return 'version';
    else if (flag === '--format') {
      const format = value();
      if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown format \`${format}\`, expected one of ${FORMATS.join(', ')}`);
      args.format = format as Format;
    } else if (flag === '--out') {
      args.outDir = value();
      args.outGiven = true;
    } else if (flag === '--code') args.code = value();
    else if (flag === '--write') args.write = true;
    else if (flag === '--quiet') args.quiet = true;
    else if (flag === '--debug') args.debug = true;
    else if (flag === '--plain-citations') args.plainCitations = true;
    else if (flag === '--plain') args.plain = true;
    else if (flag === '--config') args.config = value();
    else if (flag === '--shard') args.shard = parseShard(value());
    else if (flag === '--changed-since') args.changedSince = value();
    else if (flag === '--max-warnings') {
      const n = value();
      if (!/^\d+$/.test(n)) throw new UsageError(`--max-warnings takes a whole number, not \`${n}\``);
      args.maxWarnings = Number(n);
    } else if (flag === '--titles')
      args.titles = value()
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean);
    else if (flag.startsWith('-')) throw new UsageError(`unknown option \`${flag}\``);
    else if (args.command === undefined) args.command = arg;
    else args.paths.push(arg);
  }
  return args;
}

/** The source-format checks, from their docs pages: id and one line. */
function formatChecks(): [string, string][] {
  const dir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../pipeline/validate/diagnostics');
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md'))
    .sort()
    .map((n) => [n.slice(0, -3), readFileSync(path.join(dir, n), 'utf8').split('\n')[2] ?? '']);
}

function packageVersion(): string {
  const pkg = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../package.json');
  return (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version;
}

/** Whether internal errors show their stack trace: --debug, or ORDINANCE_DEBUG set. */
let debug = false;
/** What the run was doing with a folder, for the line of an internal error in it. */
let doing = 'checking';

/** One line for an internal error (`ordinance --help` says how to see more), and its stack trace when debugging; a failure of the environment is its own line. */
function reportInternal(what: string, failure: Failure): void {
  process.stderr.write(failure.environment ? `ordinance: ${failure.message}\n` : `ordinance: internal error${what}: ${failure.message}\n`);
  if (debug) process.stderr.write(`${failure.stack ?? ''}\n`);
}

/** Run the CLI; returns the exit code. */
export async function main(argv: string[]): Promise<number> {
  debug = Boolean(process.env.ORDINANCE_DEBUG);
  try {
    const args = parseArgs(argv);
    if (typeof args === 'object') debug ||= args.debug;
    if (args === 'help') {
      process.stdout.write(HELP);
      return 0;
    }
    if (args === 'version') {
      process.stdout.write(`${packageVersion()}\n`);
      return 0;
    }
    switch (args.command) {
      case 'check':
      case 'build':
        return await run(args);
      case 'import':
        return await runImport(args);
      case 'amend':
        return await runAmend(args);
      case 'xref':
        return await runXref(args);
      case 'rules':
        for (const rule of rules) process.stdout.write(`${rule.id.padEnd(26)} ${rule.defaultSeverity.padEnd(8)} ${rule.description}\n`);
        process.stdout.write('\nChecks of the source format (always on; docs in pipeline/validate/diagnostics/):\n');
        for (const [id, line] of formatChecks()) process.stdout.write(`${id.padEnd(26)} ${line}\n`);
        return 0;
      case undefined:
        process.stderr.write(HELP);
        return 2;
      default:
        throw new UsageError(`unknown command \`${args.command}\`, expected check, build, amend or rules`);
    }
  } catch (error) {
    // A mistake in the configuration or a template: each one at its place, as the compiler convention prints it.
    if (error instanceof FileProblemsError && error.problems.length) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    if (
      error instanceof UsageError ||
      error instanceof TemplateError ||
      error instanceof ConfigError ||
      error instanceof SourceDateEpochError ||
      error instanceof EnvironmentError
    ) {
      process.stderr.write(`ordinance: ${error.message}\n${error instanceof UsageError ? "Run 'ordinance --help' for usage.\n" : ''}`);
      return 2;
    }
    if (error instanceof FolderFailure) {
      reportInternal(` while ${doing} ${error.dir}`, error.failure);
    } else {
      reportInternal('', { message: (error as Error)?.message ?? String(error), stack: (error as Error)?.stack });
    }
    return 2;
  }
}

async function runXref(args: Args): Promise<number> {
  const [directiveId, ...paths] = args.paths;
  if (!directiveId) throw new UsageError('usage: ordinance xref <directive-id> [paths...]');
  const { backReferences } = await import('../xref/xref.js');
  const lines: string[] = [];
  let known = false;
  for (const workspace of discoverWorkspaces(paths.length ? paths : ['ordinance'])) {
    const result = await compileWorkspace(workspace, { build: false, outDir: args.outDir, cache: false });
    if (result.registry?.get(directiveId)) known = true;
    else if (result.registry) {
      const candidates = result.registry.candidates(directiveId);
      if (!known && candidates.length) lines.push(`# not registered here; did you mean ${candidates.join(', ')}?`);
    }
    const resolved = result.ordinances.flatMap((o) => (o.ordinance && o.xref ? [{ ordinance: o.ordinance, xref: o.xref }] : []));
    for (const ref of backReferences(resolved, directiveId)) lines.push(`${ref.ordinance}\t${ref.relation}\t${ref.sections.join(', ') || '(metadata only)'}`);
  }
  if (!known) throw new UsageError(`unknown directive \`${directiveId}\`${lines.length ? `\n${lines.join('\n')}` : ''}`);
  if (lines.length) process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

async function runImport(args: Args): Promise<number> {
  const [source, xmlDir, outDir] = args.paths;
  if (source === 'dc-law') return runImportLaw(xmlDir, outDir, args);
  if (source !== 'dc-code') throw new UsageError(`unknown import source \`${source ?? ''}\`, expected \`dc-code\` or \`dc-law\``);
  if (!xmlDir || !outDir) throw new UsageError('usage: ordinance import dc-code <xml-dir> <out-dir>');
  const { importDcCode } = await import('../import/dc-code/import.js');
  const started = performance.now();
  let report: ReturnType<typeof importDcCode>;
  try {
    report = importDcCode(xmlDir, outDir, { plainCitations: args.plainCitations, titles: args.titles });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `imported ${report.titles} titles, ${report.groups} groups, ${report.sections} sections (${report.notInForce} not in force, ${report.explicitSections} with explicit subdivisions), ` +
      `${report.annotations} annotations, ${report.citations} citations, ${report.registryEntries} registry entries, ${report.images} images into ${outDir} in ${seconds} s\n`,
  );
  for (const missing of report.missing) process.stderr.write(`skipped missing include: ${missing}\n`);
  for (const failure of report.failures) process.stderr.write(`failed: ${failure.file}: ${failure.message}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

async function run(args: Args): Promise<number> {
  const workspaces = discoverWorkspaces(args.paths.length ? args.paths : ['ordinance']);
  if (workspaces.every((w) => w.ordinances.length === 0) && workspaces.every((w) => w.registryDir === '.')) {
    throw new UsageError(`no ordinances found in ${args.paths.join(', ') || 'ordinance/'}`);
  }
  const build = args.command === 'build';
  doing = build ? 'building' : 'checking';
  // A build's date is checked before anything is read or written.
  if (build) sourceDateEpoch();
  // Each workspace's configuration is found from its sources upward (an explicit --config wins), so the run does not depend on the working directory.
  const configs = new Map<string | null, ProjectConfig>();
  const configOf = (workspace: Workspace) => {
    const file = findConfig(path.dirname(path.resolve(workspace.registryDir)), args.config);
    if (!configs.has(file)) configs.set(file, loadConfig(file, rules));
    return configs.get(file);
  };
  for (const workspace of workspaces) configOf(workspace);
  // Interrupted, a build lets the writes in flight settle, then exits through its exit handlers, which remove its temporary files.
  if (build)
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const)
      process.once(signal, () => exitAfterWrites(code));
  // Templates are part of the installation: a mistake in any stops the run before it starts, at its place.
  checkTemplates();
  const selected = await selectWorkspaces(
    workspaces,
    args,
    (w) => ({ build: false, outDir: args.outDir, config: configOf(w) }),
    (line) => process.stderr.write(`${line}\n`),
  );
  const run = await compileRun(selected, { build, outDir: args.outDir, release: true, parallel: true, configOf });
  const results = run.workspaces;
  const files = filesOf(results);
  const output = formatDiagnostics(files, args.format, packageVersion());
  if (output) process.stdout.write(`${output}\n`);
  const failed = results.flatMap((r) => r.ordinances).filter((o) => o.failure);
  for (const result of failed) reportInternal(` while building ${result.dir}`, result.failure!);
  if (build && !args.quiet) {
    for (const result of results.flatMap((r) => r.ordinances)) {
      if (result.outputs.length) process.stderr.write(`built ${result.outputs.join(', ')}${result.reused ? ' (unchanged: reused)' : ''}\n`);
      else if (result.failure) process.stderr.write(`not built: ${result.dir} (${result.failure.environment ? 'see above' : 'internal error above'})\n`);
      else process.stderr.write(`not built: ${result.dir} (fix the errors above)\n`);
    }
    if (run.index) process.stderr.write(`built ${run.index}\n`);
  }
  if (args.format === 'compact' && collectDiagnostics(files).length > 0) {
    const diagnostics = collectDiagnostics(files);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}, ${diagnostics.length - errors} warning${diagnostics.length - errors === 1 ? '' : 's'}\n`);
  }
  if (failed.length) return 2;
  if (hasErrors(files)) return 1;
  const warnings = collectDiagnostics(files).filter((d) => d.severity === 'warning').length;
  if (args.maxWarnings !== null && warnings > args.maxWarnings) {
    process.stderr.write(`ordinance: ${warnings} warnings, more than --max-warnings ${args.maxWarnings}\n`);
    return 1;
  }
  return 0;
}

async function runImportLaw(lawXml: string | undefined, outDir: string | undefined, args: Args): Promise<number> {
  if (!lawXml || !outDir) throw new UsageError('usage: ordinance import dc-law <law-xml> <out-dir> [--plain]');
  const { importDcLaw } = await import('../import/dc-law/import.js');
  let report: ReturnType<typeof importDcLaw>;
  try {
    report = importDcLaw(lawXml, outDir, { plain: args.plain });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  process.stderr.write(`imported ${report.law}: ${report.sections} sections${args.plain ? '' : `, ${report.annotations} instructions as annotations`} into ${outDir}\n`);
  return 0;
}

/**
 * `ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write)`:
 * check the ordinance, apply its instructions to the code, and write the
 * amended section files (laid out as the code's folders) and amendments.json
 * to <dir>, or the amended sections into the code itself. Nothing is written
 * when an instruction does not apply: its findings are printed, exit 1.
 */
async function runAmend(args: Args): Promise<number> {
  const [dir, ...extra] = args.paths;
  if (!dir || extra.length > 0 || args.outGiven === args.write) throw new UsageError('usage: ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write)');
  const workspaces = discoverWorkspaces([dir]);
  const workspace = workspaces[0];
  if (workspaces.length !== 1 || workspace?.ordinances.length !== 1) throw new UsageError(`\`${dir}\` is not one ordinance folder`);
  const configOf = (w: Workspace) => loadConfig(findConfig(path.dirname(path.resolve(w.registryDir)), args.config), rules);
  checkTemplates();
  const run = await compileRun([workspace], { build: false, outDir: args.outDir, cache: false, configOf, code: args.code });
  const result = run.workspaces[0]!.ordinances[0]!;
  const files = filesOf(run.workspaces);
  const output = formatDiagnostics(files, args.format, packageVersion());
  if (output) process.stdout.write(`${output}\n`);
  if (result.failure) {
    reportInternal(` while amending with ${result.dir}`, result.failure);
    return 2;
  }
  const amendments = result.amendments;
  if (!result.ordinance) return 1;
  if (amendments?.unnamed) {
    process.stderr.write(`ordinance: ${dir}: ${amendments.codeError}; name it there or with --code <dir>\n`);
    return 1;
  }
  if (!amendments || amendments.outcomes.length === 0) {
    process.stderr.write(`ordinance: ${dir} has no amending instructions${amendments?.codeError ? ` (${amendments.codeError})` : ''}\n`);
    return 1;
  }
  const failed = amendments.outcomes.filter((o) => !o.applied);
  if (failed.length > 0 || !amendments.code) {
    process.stderr.write(`not amended: ${failed.length} of ${amendments.outcomes.length} instructions do not apply (fix the errors above)\n`);
    return 1;
  }
  const changed = amendments.sections.filter((s) => s.changed);
  const { writeAtomically } = await import('../publish/dist.js');
  const written: string[] = [];
  if (args.write) {
    for (const section of changed) written.push(await writeAtomically(amendments.code.root, section.file, section.after));
  } else {
    const { amendmentsJson } = await import('../amend/amend-ordinance.js');
    const { prepareOutDir } = await import('../publish/out-dir.js');
    const out = path.resolve(args.outDir);
    prepareOutDir(out, [path.resolve(result.dir), amendments.code.root]);
    for (const section of changed) written.push(await writeAtomically(out, section.file, section.after));
    written.push(await writeAtomically(out, 'amendments.json', amendmentsJson(amendments, path.dirname(path.resolve(result.dir)))));
  }
  if (!args.quiet) for (const file of written) process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  process.stderr.write(
    `amended ${changed.length} section${changed.length === 1 ? '' : 's'} with ${amendments.outcomes.length} instruction${amendments.outcomes.length === 1 ? '' : 's'}\n`,
  );
  return 0;
}
