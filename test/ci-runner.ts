/**
 * A small stand-in for a CI service, to run the shipped workflow templates'
 * steps in order on a repository made in a test: each job in a fresh clone at
 * the same path (as hosted runners do), its shell steps run by bash, and the
 * service's own steps (checkout, caches, artifacts, uploads) done on disk.
 * The step that installs the pipeline (`npm ci` in a city's repository) links
 * this checkout's CLI instead, so nothing is fetched.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { BIN } from './helpers.js';

/** What one shell step did. */
export interface StepRun {
  job: string;
  step: string;
  code: number | null;
  stdout: string;
  stderr: string;
}

export class CiService {
  readonly runs: StepRun[] = [];
  /** Where every job runs: one path, cleared between jobs. */
  readonly workdir: string;
  private readonly artifacts: string;
  private readonly caches: string;

  constructor(
    /** The repository the pipeline runs for (its clone is what jobs see). */
    readonly origin: string,
    scratch: string,
  ) {
    this.workdir = path.join(scratch, 'builds', 'repo');
    this.artifacts = path.join(scratch, 'artifacts');
    this.caches = path.join(scratch, 'caches');
  }

  /** A fresh clone of the repository with its full history, and the pipeline installed. */
  checkout(): void {
    rmSync(this.workdir, { recursive: true, force: true });
    mkdirSync(path.dirname(this.workdir), { recursive: true });
    const clone = spawnSync('git', ['clone', '-q', this.origin, this.workdir], { encoding: 'utf8' });
    if (clone.status !== 0) throw new Error(`git clone failed: ${clone.stderr}`);
  }

  /** In place of `npm ci`: the pipeline's CLI from this checkout, where `npx ordinance` finds it. */
  install(): void {
    const bin = path.join(this.workdir, 'node_modules', '.bin');
    mkdirSync(bin, { recursive: true });
    if (!existsSync(path.join(bin, 'ordinance'))) symlinkSync(BIN, path.join(bin, 'ordinance'));
  }

  /** Run a shell step in the job's folder, as the runner's bash does (stopping at the first failing command). */
  shell(job: string, step: string, script: string, env: Record<string, string>): StepRun {
    const result = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], {
      cwd: this.workdir,
      encoding: 'utf8',
      env: { ...process.env, CI: 'true', ...env },
      maxBuffer: 1 << 26,
    });
    const run = { job, step, code: result.status, stdout: result.stdout, stderr: result.stderr };
    this.runs.push(run);
    if (run.code !== 0) throw new Error(`${job}: step \`${step}\` exited ${run.code}\n${run.stderr}`);
    return run;
  }

  /** Keep `paths` of the job's folder as the artifact `name` (hidden files too). */
  upload(name: string, paths: string[]): void {
    const into = path.join(this.artifacts, name);
    for (const given of paths) {
      const relative = given.replace(/\/$/, '');
      const from = path.join(this.workdir, relative);
      if (existsSync(from)) cpSync(from, path.join(into, relative), { recursive: true });
    }
  }

  /** Every artifact whose name matches, merged into the job's folder (`into`, relative). */
  download(matches: (name: string) => boolean, into = '.'): string[] {
    const names = existsSync(this.artifacts) ? readdirSync(this.artifacts).filter(matches).sort() : [];
    for (const name of names) cpSync(path.join(this.artifacts, name), path.join(this.workdir, into), { recursive: true });
    return names;
  }

  /** An artifact's folder (what a deployment publishes). */
  artifact(name: string): string {
    return path.join(this.artifacts, name);
  }

  /** Restore a cache by its key, else the newest one whose key starts with a prefix. */
  restoreCache(target: string, key: string, prefixes: string[] = []): void {
    const keys = existsSync(this.caches) ? readdirSync(this.caches).sort() : [];
    const hit = keys.includes(key) ? key : prefixes.flatMap((prefix) => keys.filter((k) => k.startsWith(prefix))).at(-1);
    if (hit) cpSync(path.join(this.caches, hit), path.join(this.workdir, target), { recursive: true });
  }

  saveCache(target: string, key: string): void {
    const from = path.join(this.workdir, target);
    if (existsSync(from)) cpSync(from, path.join(this.caches, key), { recursive: true });
  }
}
