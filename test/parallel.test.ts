/**
 * Worker threads change nothing but speed: a workspace large enough to be
 * shared among workers reports exactly what one thread does,
 * the registry's own findings included (given by a worker, from the
 * registry it loaded, rather than parsed again on the main thread).
 */
import { describe, expect, it } from 'vitest';
import { largeWorkspace, runCli } from './helpers.js';

describe('a workspace shared among workers', () => {
  it('reports what one thread reports, the registry findings included', () => {
    const dir = largeWorkspace();
    const one = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_WORKERS: '1' });
    expect(one.stdout).toContain('[registry-relation]');
    const two = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0', ORDINANCE_WORKERS: '2' });
    expect(two).toEqual(one);
  });
});
