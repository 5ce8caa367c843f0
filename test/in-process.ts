/**
 * The pipeline in this process, for tests about what it finds and writes
 * rather than about the process that runs it: a check or a build of a
 * workspace, and the CLI's own entry (`main`) with its output captured.
 * Spawning the CLI costs a Node start and a fresh load of the pipeline each
 * time; these share one load per test file. Tests of the process itself
 * (exit codes as the shell sees them, signals, what the bundle prints,
 * stdout and stderr as streams) spawn it with `runCli`.
 */
import path from 'node:path';
import type { VFile } from 'vfile';
import { expect } from 'vitest';
import { formatDiagnostics } from '../pipeline/cli/format.js';
import { main } from '../pipeline/cli/main.js';
import type { ProjectConfig } from '../pipeline/config/project-config.js';
import { findConfig, loadConfig } from '../pipeline/load/config-file.js';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import type { Workspace } from '../pipeline/model/workspace.js';
import { hasErrors } from '../pipeline/report/diagnostics.js';
import { compileRun, filesOf, type RunResult } from '../pipeline/runner/run.js';
import { rules } from '../pipeline/validate/rules/index.js';
import type { CliResult } from './helpers.js';
import { tempDir } from './helpers.js';

/** Run `fn` in `cwd` with `env` laid over the environment, then put both back. */
async function within<T>(cwd: string, env: NodeJS.ProcessEnv, fn: () => Promise<T>): Promise<T> {
  const before = process.cwd();
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const signals = { SIGINT: process.listeners('SIGINT'), SIGTERM: process.listeners('SIGTERM') };
  process.chdir(cwd);
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  try {
    return await fn();
  } finally {
    process.chdir(before);
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    // A build hands SIGINT and SIGTERM to its temporary files' clean-up; the test process keeps its own.
    for (const [signal, kept] of Object.entries(signals))
      for (const listener of process.listeners(signal as NodeJS.Signals)) if (!kept.includes(listener)) process.off(signal, listener);
  }
}

/**
 * The CLI's entry, `main(args)`, run in this process in `cwd` with `env`:
 * what it writes to stdout and stderr, and the exit code it returns. The
 * same code as the compiled CLI (read from source), without a process of
 * its own; no cache is kept (the caches are keyed by the bundled code).
 */
export async function runMain(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const write = { stdout: process.stdout.write, stderr: process.stderr.write };
  const capture =
    (into: string[]) =>
    (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
      into.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    };
  return within(cwd, { SOURCE_DATE_EPOCH: undefined, ...env }, async () => {
    process.stdout.write = capture(out) as typeof process.stdout.write;
    process.stderr.write = capture(err) as typeof process.stderr.write;
    let code: number;
    try {
      code = await main(args);
    } finally {
      process.stdout.write = write.stdout;
      process.stderr.write = write.stderr;
    }
    return { code, stdout: out.join(''), stderr: err.join('') };
  });
}

export interface InProcessRun {
  run: RunResult;
  /** Every file read, with its findings. */
  files: VFile[];
  /** The findings as `ordinance check` prints them on stdout (compact lines, each ending in a newline). */
  compact: string;
  /** Whether any finding is an error (the CLI then exits 1). */
  errors: boolean;
  /** The output folder (a build's). */
  out: string;
}

/**
 * Check or build the workspaces at `paths` (default `ordinance`) of `dir` in
 * this process, as `ordinance check` or `ordinance build --out <out>` run in
 * `dir` does: each workspace's configuration found from its sources upward,
 * no cache, on this thread. A build's date is `epoch` (SOURCE_DATE_EPOCH);
 * its outputs go to `out` (default: a fresh scratch folder).
 */
export async function compileInProcess(
  dir: string,
  options: { build: boolean; paths?: string[]; out?: string; epoch?: string; config?: string; codify?: boolean },
): Promise<InProcessRun> {
  const out = options.out ?? (options.build ? tempDir('ordinance-out-') : 'dist');
  return within(dir, { SOURCE_DATE_EPOCH: options.epoch ?? '1700000000' }, async () => {
    const configs = new Map<string | null, ProjectConfig>();
    const configOf = (workspace: Workspace) => {
      const file = findConfig(path.dirname(path.resolve(workspace.registryDir)), options.config);
      if (!configs.has(file)) configs.set(file, loadConfig(file, rules));
      return configs.get(file);
    };
    const run = await compileRun(discoverWorkspaces(options.paths ?? ['ordinance']), {
      build: options.build,
      outDir: out,
      cache: false,
      release: true,
      configOf,
      codify: options.codify,
    });
    const files = filesOf(run.workspaces);
    const compact = formatDiagnostics(files, 'compact');
    return { run, files, compact: compact ? `${compact}\n` : '', errors: hasErrors(files), out };
  });
}

/** Build the `ordinance/` workspace of `dir` in this process into a fresh folder at a fixed date; the build must succeed. Returns the folder. */
export async function buildInProcess(dir: string, epoch = '1700000000'): Promise<string> {
  const built = await compileInProcess(dir, { build: true, epoch });
  const failed = built.run.workspaces.flatMap((w) => w.ordinances).filter((o) => o.failure || o.outputs.length === 0);
  expect(built.errors || failed.length > 0, built.compact + failed.map((o) => `not built: ${o.dir}`).join('\n')).toBe(false);
  return built.out;
}
