/**
 * A build whose workers run out of their heap: each is replaced by one with
 * twice the heap, and the run writes what one thread writes. In the second
 * tier (`npm run test:full`, which .ci/run runs): it builds the large
 * workspace twice and restarts workers many times.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { filesBelow, largeWorkspace, runCli } from './helpers.js';

describe('a build whose workers run out of their heap', () => {
  // Its own limits: a worker heap of 4 MiB, in which no worker can start, so the first workers always run out and each
  // is replaced by one with twice the heap (8, 16, 32, 64 MiB …) until one can build; and its own time, for the restarts.
  it('goes on in parallel on fresh workers with more heap, and writes what one thread writes', { timeout: 180_000 }, () => {
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
