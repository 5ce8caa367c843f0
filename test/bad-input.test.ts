/**
 * Bad input: each case lays broken files over a small valid ordinance; the CLI
 * must answer with exactly the diagnostics in the case's expected.txt
 * (path:line:col: severity message [rule-id]), exit 1, and never a stack trace.
 * The cases run the CLI's entry in this process (runMain); the clean base is
 * checked by the spawned CLI.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { caseNames, FIXTURES, runCli, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const COMPACT_LINE = /^ordinance\/[^:]+:\d+:\d+: (error|warning) .+ \[[a-z-]+\]$/;

describe('the base fixture', () => {
  it('is clean', () => {
    const result = runCli(['check', 'ordinance'], workspace());
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
  });
});

describe.each(caseNames('bad-input'))('bad input: %s', (name) => {
  const dir = path.join(FIXTURES, 'bad-input', name);
  const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8');

  it('reports each problem at its place, and exits 1', async () => {
    const result = await runMain(['check', 'ordinance'], workspace(dir));
    expect(result.stdout).toBe(expected);
    expect(result.code).toBe(1);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('has expectations in the compact format', () => {
    // One finding a line, the last ending in a newline as the CLI ends it: at least one finding, no blank line.
    const lines = expected.split('\n');
    expect(lines.pop()).toBe('');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(line).toMatch(COMPACT_LINE);
  });

  it('builds nothing for the broken ordinance', async () => {
    const ws = workspace(dir);
    const result = await runMain(['build', 'ordinance', '--out', 'dist'], ws);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/not built: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });
});
