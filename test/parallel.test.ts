/**
 * Worker threads change nothing but speed: a workspace large enough to be
 * shared among workers reports exactly what one thread does,
 * the registry's own findings included (given by a worker, from the
 * registry it loaded, rather than parsed again on the main thread).
 */
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, filesBelow, runCli, tempDir } from './helpers.js';

/**
 * Just over the 400 source files from which folders are shared among workers,
 * in few folders (few documents to render): four code titles of 100 one-line
 * sections and the base fixture's ordinance, with a registry that has a
 * finding of its own.
 */
function largeWorkspace(): string {
  const dir = tempDir();
  const ordinance = path.join(dir, 'ordinance');
  cpSync(path.join(FIXTURES, 'base', 'ordinance'), ordinance, { recursive: true });
  for (const designation of ['91', '92', '93', '94']) {
    const title = path.join(ordinance, `title-${designation}`);
    mkdirSync(title);
    writeFileSync(
      path.join(title, 'code.md'),
      `---\ntype: code-title\ntitle: Title ${designation}. Test.\nshort-title: Test Title ${designation}\ndesignation: "${designation}"\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\n---\n`,
    );
    for (let i = 1; i <= 100; i++) {
      const number = `${designation}-${100 + i}`;
      writeFileSync(
        path.join(title, `${String(i).padStart(5, '0')}-${number}.md`),
        `---\nid: ${number}\nnumber: ${number}\nheading: Records ${i}.\nkind: code-section\n---\nRecords of kind ${i} shall be kept.\n`,
      );
    }
  }
  const order = path.join(ordinance, 'directives', 'example-order.md');
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
