/**
 * Failures stay where they happen: a rule that throws is that rule's finding
 * and the other rules still run; an internal error in a folder is one line on
 * stderr (its stack only with --debug), stops every worker and exits 2; an
 * ordinance that cannot be published is not built, and the others are.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectDiagnostics } from '../pipeline/report/diagnostics.js';
import { compileWorkspace, filesOf } from '../pipeline/runner/run.js';
import type { Rule } from '../pipeline/validate/rule.js';
import { rules } from '../pipeline/validate/rules/index.js';
import { FIXTURES, runCli, tempDir, workspace } from './helpers.js';

describe('a rule that throws', () => {
  it('is reported as its own internal error, and the other rules still run', async () => {
    const dir = path.join(workspace(path.join(FIXTURES, 'bad-input', 'subdivision-gap')), 'ordinance');
    const failing: Rule = {
      id: 'always-fails',
      description: 'Fails on every ordinance',
      defaultSeverity: 'warning',
      check() {
        throw new Error('cannot read the model');
      },
    };
    const check = async (ruleList: readonly Rule[]) => {
      const result = await compileWorkspace({ registryDir: path.join(dir, 'directives'), ordinances: [path.join(dir, 'sample')] }, { build: false, outDir: '', rules: ruleList });
      return collectDiagnostics(filesOf([result]));
    };
    const without = await check(rules);
    expect(without.some((d) => d.ruleId === 'subdivision-sequence')).toBe(true);
    const withFailing = await check([failing, ...rules]);
    const internal = withFailing.filter((d) => d.ruleId === 'rule-internal');
    expect(internal).toHaveLength(1);
    expect(internal[0]).toMatchObject({
      file: path.join(dir, 'sample', 'ordinance.md'),
      line: 1,
      column: 1,
      severity: 'error',
      message: 'Rule `always-fails` failed: cannot read the model',
    });
    expect(withFailing.filter((d) => d.ruleId !== 'rule-internal')).toEqual(without);
  });
});

/**
 * A real failure to provoke: a file where the registry folder `directives/`
 * should be. Discovery and the registry's file stats pass over it; listing
 * it for the registry's entries fails (ENOTDIR) inside the compile of the
 * first folder that needs the registry, on whichever thread compiles it.
 * (A folder named `ordinance.md`, once the provocation here, is now that
 * ordinance's finding: see test/outputs.test.ts.)
 */
function brokenWorkspace(copies: number): string {
  const dir = tempDir();
  for (let i = 0; i < copies; i++)
    cpSync(path.join(FIXTURES, 'base', 'ordinance', 'sample'), path.join(dir, 'ordinance', `sample-${String(i).padStart(3, '0')}`), { recursive: true });
  writeFileSync(path.join(dir, 'ordinance', 'directives'), 'not a folder\n');
  return dir;
}

describe('an internal error in a folder', () => {
  const LINE = /^ordinance: internal error while checking ordinance\/sample-\d{3}: ENOTDIR: not a directory, scandir 'ordinance\/directives'\n/;

  it('is one line on the main thread, with its stack only under --debug', () => {
    const dir = brokenWorkspace(2);
    const result = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(LINE);
    expect(result.stderr.replace(LINE, '')).toBe('');
    const debug = runCli(['check', 'ordinance', '--debug'], dir, { ORDINANCE_CACHE: '0' });
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(LINE);
    expect(debug.stderr).toMatch(/\n {4}at /);
    expect(runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_DEBUG: '1' }).stderr).toMatch(/\n {4}at /);
  });

  it('in a worker, stops the pool and is one line', () => {
    // 70 ordinances of 6 files: over the 400 files from which a check shares folders among workers.
    const dir = brokenWorkspace(70);
    const result = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_WORKERS: '2' });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(LINE);
    expect(result.stderr.replace(LINE, '')).toBe('');
    const debug = runCli(['check', 'ordinance', '--debug'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_WORKERS: '2' });
    expect(debug.stderr).toMatch(LINE);
    // The stack shows where it failed: in a worker thread.
    expect(debug.stderr).toMatch(/\n {4}at .*\bworker\.js:/);
  });

  it('--debug is in the help', () => {
    expect(runCli(['--help'], tempDir()).stdout).toContain('--debug');
  });
});

describe('an ordinance that cannot be published', () => {
  it('is not built, its stale outputs are removed, and the others are built', () => {
    const dir = tempDir();
    for (const slug of ['first', 'second']) cpSync(path.join(FIXTURES, 'base', 'ordinance', 'sample'), path.join(dir, 'ordinance', slug), { recursive: true });
    cpSync(path.join(FIXTURES, 'base', 'ordinance', 'directives'), path.join(dir, 'ordinance', 'directives'), { recursive: true });
    expect(runCli(['build', 'ordinance', '--quiet'], dir, { SOURCE_DATE_EPOCH: '1700000000' }).code).toBe(0);
    // A folder where the build must write a file: renaming xref.json into place fails.
    rmSync(path.join(dir, 'dist', 'first', 'xref.json'));
    mkdirSync(path.join(dir, 'dist', 'first', 'xref.json', 'in-the-way'), { recursive: true });
    const result = runCli(['build', 'ordinance'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    // A failure of the environment: one line naming the file, not an internal error.
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ordinance: cannot write dist\/first\/xref\.json \(EISDIR: illegal operation on a directory\)\n/);
    expect(result.stderr).toContain('not built: ordinance/first (see above)\n');
    expect(result.stderr).toContain(`built ${path.join('dist', 'second', 'second.pdf')}`);
    // Every output of the last build is removed; the folder someone put in the way is not the tool's to remove.
    expect(readdirSync(path.join(dir, 'dist', 'first'))).toEqual(['xref.json']);
    expect(existsSync(path.join(dir, 'dist', 'second', 'xref.json'))).toBe(true);
    // The index holds the ordinance that was built, and not the other.
    expect(result.stderr).toContain(`built ${path.join('dist', 'directives.json')}`);
  });
});
