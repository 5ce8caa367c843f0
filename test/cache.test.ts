/**
 * The check cache, as the CLI uses it: a warm check reports exactly what a
 * cold one does, and an edit (even one that keeps the file's size) is seen.
 */
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, workspace } from './helpers.js';

describe('check with the cache', () => {
  it('reports the same findings warm as cold, and sees every edit', () => {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'subdivision-gap'));
    const cold = runCli(['check', 'ordinance'], dir);
    expect(cold.code).toBe(1);
    expect(existsSync(path.join(dir, '.cache', 'ordinance'))).toBe(true);
    expect(readdirSync(path.join(dir, '.cache', 'ordinance')).some((n) => n.startsWith('summary-ordinance-'))).toBe(true);

    // Age the sources past the racy window, so the summary is trusted.
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    const old = new Date(Date.now() - 60_000);
    for (const name of readdirSync(path.join(dir, 'ordinance', 'sample'))) utimesSync(path.join(dir, 'ordinance', 'sample', name), old, old);
    runCli(['check', 'ordinance'], dir);
    const warm = runCli(['check', 'ordinance'], dir);
    expect(warm).toEqual(cold);

    // Fix the gap with an edit of the same size: (c) becomes (b).
    writeFileSync(records, readFileSync(records, 'utf8').replace('(c) Records', '(b) Records'));
    const fixed = runCli(['check', 'ordinance'], dir);
    expect(fixed.stdout).toBe('ordinance/sample/02-records.md:13:1: error § 2(b)(1): Unexpected subdivision `(1)`, expected `(2)` [subdivision-sequence]\n');

    // A registry change is seen too: the citation's target disappears.
    writeFileSync(path.join(dir, 'ordinance', 'directives', 'example-order.md'), '---\nid: example-order\n---\n');
    expect(runCli(['check', 'ordinance'], dir).stdout).toContain('[citation-resolves]');
  });

  it('can be switched off', () => {
    const dir = workspace();
    expect(runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0' }).code).toBe(0);
    expect(existsSync(path.join(dir, '.cache'))).toBe(false);
  });
});
