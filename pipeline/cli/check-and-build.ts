/**
 * What `check` and `build` share: find the workspaces and their
 * configuration, run the pipeline over them, print the diagnostics, and say
 * what was built.
 */
import path from 'node:path';
import { collectDiagnostics, hasErrors } from '../report/diagnostics.js';
import { discoverWorkspaces } from '../load/sources.js';
import { UsageError } from '../report/failure.js';
import type { Workspace } from '../model/workspace.js';
import { compileRun, filesOf } from '../runner/run.js';
import { selectWorkspaces } from '../select/select.js';
import { parseShard, type Shard } from '../select/shard.js';
import { sourceDateEpoch } from '../history/build-provenance.js';
import { exitAfterWrites } from '../outputs/temporary.js';
import { checkTemplates } from '../load/templates.js';
import type { ProjectConfig } from '../config/project-config.js';
import { findConfig, loadConfig } from '../load/config-file.js';
import { rules } from '../validate/rules/index.js';
import { type Format, formatDiagnostics } from './format.js';
import { formatOption, wholeNumberOption } from './options.js';
import { progressBar } from './progress-bar.js';
import { writeFixes } from './fix.js';
import { packageVersion, reportInternal, reporting } from './report.js';

export interface CheckOrBuildOptions {
  build: boolean;
  paths: string[];
  format: Format;
  maxWarnings: number | null;
  config: string | undefined;
  /** build: the output folder. */
  outDir: string;
  /** No progress bar; build: do not list the files written. */
  quiet: boolean;
  /** Only part i of n of the ordinance folders. */
  shard?: Shard | undefined;
  /** Only the ordinances whose inputs changed since this git revision. */
  changedSince?: string | undefined;
  /** check: first write each finding's fix where it has exactly one (never into an adopted ordinance). */
  fix?: boolean | undefined;
}

/** Check (or build) the workspaces at `paths`; returns the exit code. */
export async function checkOrBuild(args: CheckOrBuildOptions): Promise<number> {
  const workspaces = discoverWorkspaces(args.paths.length ? args.paths : ['ordinance']);
  if (workspaces.every((w) => w.ordinances.length === 0) && workspaces.every((w) => w.registryDir === '.')) {
    throw new UsageError(`no ordinances found in ${args.paths.join(', ') || 'ordinance/'}`);
  }
  const build = args.build;
  reporting.doing = build ? 'building' : 'checking';
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
  checkTemplates(rules);
  const selected = await selectWorkspaces(
    workspaces,
    args,
    (w) => ({ build: false, outDir: args.outDir, config: configOf(w) }),
    (line) => process.stderr.write(`${line}\n`),
  );
  if (args.fix) {
    // Fixed first, then checked again below: what is reported is what is left.
    const first = await compileRun(selected, { build: false, outDir: args.outDir, release: true, parallel: true, configOf });
    const made = await writeFixes(filesOf(first.workspaces));
    if (made.fixed > 0) process.stderr.write(`fixed ${made.fixed} finding${made.fixed === 1 ? '' : 's'} in ${made.files.length} file${made.files.length === 1 ? '' : 's'}\n`);
    for (const file of made.adopted) process.stderr.write(`not fixed: ${file} (an adopted ordinance's words change only by another ordinance)\n`);
  }
  const folders = selected.reduce((n, w) => n + w.ordinances.length, 0);
  const bar = progressBar(build ? 'building' : 'checking', folders, 'folder', { quiet: args.quiet, noun: 'ordinances' });
  let run: Awaited<ReturnType<typeof compileRun>>;
  try {
    run = await compileRun(selected, { build, outDir: args.outDir, release: true, parallel: true, configOf });
  } finally {
    bar.stop();
  }
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

/** The options check and build both take beside the report's: which ordinances run, and when the run fails. */
export const RUN_OPTIONS = {
  shard: { type: 'string' },
  'changed-since': { type: 'string' },
  'max-warnings': { type: 'string' },
} as const;

/** The usage lines of RUN_OPTIONS, for check's and build's help. */
export const RUN_USAGE = `  --max-warnings <n>  exit 1 when there are more than n warnings
  --changed-since <rev>  only the ordinances whose sources, registry entries,
                      configuration or amended code changed since a git revision
                      (those skipped are listed)
  --shard <i/n>       only part i of n of the ordinance folders (deterministic,
                      balanced by size; the n parts cover all once)`;

/** What check and build take alike, from their parsed options and arguments. */
export function runOptionsOf(
  values: {
    format?: string | undefined;
    config?: string | undefined;
    shard?: string | undefined;
    'changed-since'?: string | undefined;
    'max-warnings'?: string | undefined;
    quiet?: boolean | undefined;
  },
  positionals: string[],
): Omit<CheckOrBuildOptions, 'build' | 'outDir'> {
  return {
    paths: positionals,
    format: formatOption(values.format),
    maxWarnings: wholeNumberOption('max-warnings', values['max-warnings']),
    config: values.config,
    quiet: values.quiet ?? false,
    shard: values.shard === undefined ? undefined : parseShard(values.shard),
    changedSince: values['changed-since'],
  };
}
