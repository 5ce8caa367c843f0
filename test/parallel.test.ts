/**
 * Worker threads change nothing but speed: a workspace large enough to be
 * shared among workers reports exactly what one thread does,
 * the registry's own findings included (given by a worker, from the
 * registry it loaded, rather than parsed again on the main thread).
 */
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, filesBelow, runCli, tempDir } from './helpers.js';

/** 70 ordinances of 6 files (over the 400 files from which folders are shared among workers), and a registry with a finding of its own. */
function largeWorkspace(): string {
  const dir = tempDir();
  for (let i = 0; i < 70; i++) cpSync(path.join(FIXTURES, 'base', 'ordinance', 'sample'), path.join(dir, 'ordinance', `sample-${String(i).padStart(3, '0')}`), { recursive: true });
  cpSync(path.join(FIXTURES, 'base', 'ordinance', 'directives'), path.join(dir, 'ordinance', 'directives'), { recursive: true });
  const order = path.join(dir, 'ordinance', 'directives', 'example-order.md');
  writeFileSync(order, readFileSync(order, 'utf8').replace(/^id: (.*)$/m, 'id: $1\nrelations:\n  supersedes: [no-such-order]'));
  return dir;
}

describe('a workspace shared among workers', () => {
  it('reports what one thread reports, the registry findings included', () => {
    const dir = largeWorkspace();
    const one = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_WORKERS: '1' });
    expect(one.stdout).toContain('[registry-relation]');
    const two = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_WORKERS: '2' });
    expect(two).toEqual(one);
  });
});

describe('a build whose workers run out of their heap', () => {
  it('goes on in parallel on fresh workers with more heap, and writes what one thread writes', () => {
    const dir = largeWorkspace();
    const env = { ORDINANCE_CACHE: '0', SOURCE_DATE_EPOCH: '1700000000' };
    const one = runCli(['build', 'ordinance', '--out', 'one', '--quiet'], dir, { ...env, ORDINANCE_WORKERS: '1' });
    // A heap far too small for a worker to start: each one that runs out is replaced by one with twice the heap.
    const two = runCli(['build', 'ordinance', '--out', 'two', '--quiet'], dir, { ...env, ORDINANCE_WORKERS: '2', ORDINANCE_WORKER_HEAP_MIB: '4' });
    expect(two.code, two.stderr).toBe(one.code);
    expect(two.stdout).toEqual(one.stdout);
    expect(filesBelow(path.join(dir, 'two'))).toEqual(filesBelow(path.join(dir, 'one')));
  });
});
