/**
 * Adoption as one transaction (issue 31, findings 1, 7 and 8): an adoption
 * killed at any instant leaves the old final or the new one, whole (the next
 * `verify` or `adopt` rolls a half-done one back); two adoptions of one
 * folder never interleave; an output folder that cannot take the build stops
 * the adoption before `ordinance.md` changes. The kill test runs 5 times in
 * the first tier and 50 in the second (`npm run test:full`, run by .ci/run).
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADOPTION_JOURNAL } from '../pipeline/history/adoption-journal.js';
import { killableRun, ROOT, workspace } from './helpers.js';
import { commit, git } from './git.js';
import { runMain } from './in-process.js';

const FULL = process.env.ORDINANCE_TEST_TIER === 'full';
let dir: string;
let sample: string;
/** The adopted final: ordinance.md and its lock, as adopt wrote them. */
let adopted: { ordinance: string; lock: string };

const state = () => ({
  ordinance: readFileSync(path.join(sample, 'ordinance.md'), 'utf8'),
  lock: existsSync(path.join(sample, 'ordinance.lock.json')) ? readFileSync(path.join(sample, 'ordinance.lock.json'), 'utf8') : '',
});
const restore = () => {
  writeFileSync(path.join(sample, 'ordinance.md'), adopted.ordinance);
  writeFileSync(path.join(sample, 'ordinance.lock.json'), adopted.lock);
  rmSync(path.join(sample, ADOPTION_JOURNAL), { force: true });
};

beforeAll(async () => {
  dir = workspace();
  sample = path.join(dir, 'ordinance', 'sample');
  git(dir, 'init', '-q');
  commit(dir, 'Draft', '2025-01-02T10:00:00Z');
  const meta = path.join(sample, 'ordinance.md');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace('status: draft', 'status: introduced'));
  commit(dir, 'Introduced', '2025-01-07T10:00:00Z');
  const result = await runMain(['adopt', 'sample', '--number', '190001', '--passed', '2025-02-04', '--vote', '12-1'], dir);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  commit(dir, 'Adopted', '2025-02-04T12:00:00Z');
  adopted = state();
}, 120_000);

describe('an adoption interrupted part way', () => {
  it('is rolled back by verify: the old final, whole, and verified (not "no adopted finals")', async () => {
    // What a kill between writing ordinance.md and writing the new lock leaves: the new status, no lock, the journal.
    writeFileSync(path.join(sample, ADOPTION_JOURNAL), JSON.stringify({ pid: 2 ** 22 + 1, ordinance: adopted.ordinance, lock: adopted.lock }));
    writeFileSync(path.join(sample, 'ordinance.md'), adopted.ordinance.replace('status: adopted', 'status: effective'));
    rmSync(path.join(sample, 'ordinance.lock.json'));
    const verified = await runMain(['verify'], dir);
    expect(verified.stderr).toContain('an adoption interrupted in process 4194305 was rolled back');
    expect(verified.stderr).toContain('verified ordinance/sample: No. 190001');
    expect(verified.code).toBe(0);
    expect(state()).toEqual(adopted);
    expect(existsSync(path.join(sample, ADOPTION_JOURNAL))).toBe(false);
  });

  it('refuses a second adoption of the folder while one is running', async () => {
    // This process's own journal stands for an adoption in progress.
    writeFileSync(path.join(sample, ADOPTION_JOURNAL), JSON.stringify({ pid: process.pid, ordinance: adopted.ordinance, lock: adopted.lock }));
    const second = await runMain(['adopt', 'sample', '--effective', '2025-03-06'], dir);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(`ordinance/sample is being adopted by another process (process ${process.pid}); wait for it to finish`);
    expect(state()).toEqual(adopted);
    restore();
  });
});

describe('an output folder that cannot take the build', () => {
  it('stops the adoption before ordinance.md changes (exit 2), and leaves no journal', async () => {
    const refused = await runMain(['adopt', 'sample', '--effective', '2025-03-06', '--out', 'ordinance/sample/out'], dir);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('a build would write among the sources');
    expect(state()).toEqual(adopted);
    expect(existsSync(path.join(sample, ADOPTION_JOURNAL))).toBe(false);
  });
});

describe('adopt --effective killed at random instants', () => {
  it(`leaves the old final or the new one, whole, every time (${FULL ? 50 : 5} runs)`, async () => {
    const run = killableRun(['adopt', 'sample', '--effective', '2025-03-06'], dir);
    // Once whole, to know the new final and how long an adoption takes.
    const started = Date.now();
    await run(null);
    const took = Date.now() - started;
    const effective = state();
    expect(effective.ordinance).toContain('status: effective');
    restore();
    const seen = { old: 0, new: 0, rolledBack: 0 };
    for (let i = 0; i < (FULL ? 50 : 5); i++) {
      await run(Math.floor(Math.random() * took * 1.1));
      if (existsSync(path.join(sample, ADOPTION_JOURNAL))) {
        // Killed part way: the next verify rolls it back.
        await runMain(['verify'], dir);
        seen.rolledBack++;
        expect(state(), `run ${i}`).toEqual(adopted);
      } else {
        const now = state();
        if (now.ordinance === adopted.ordinance) {
          seen.old++;
          expect(now.lock, `run ${i}: the old final's lock`).toBe(adopted.lock);
        } else {
          seen.new++;
          // The new final, whole: its ordinance.md, and a lock that records it and verifies.
          expect(now.ordinance, `run ${i}`).toBe(effective.ordinance);
          const lock = JSON.parse(now.lock) as { sources: Record<string, string> };
          expect(lock.sources['ordinance.md'], `run ${i}: the lock records the new ordinance.md`).toBe(createHash('sha256').update(now.ordinance).digest('hex'));
          expect((await runMain(['verify'], dir)).code, `run ${i}: the new final verifies`).toBe(0);
        }
      }
      restore();
    }
    expect(seen.old + seen.new + seen.rolledBack).toBe(FULL ? 50 : 5);
  }, 600_000);
});

describe('a lock that names another final', () => {
  it.each([
    ['number', '"number": "190001"', '"number": "111"', 'Unexpected `number` `111` in the lock, expected `190001`, `number` in ordinance.md'],
    ['slug', '"slug": "sample"', '"slug": "other"', "Unexpected `slug` `other` in the lock, expected `sample`, the ordinance's folder name"],
    ['adopted', '"adopted": "2025-02-04"', '"adopted": "2025-01-01"', 'Unexpected `adopted` `2025-01-01` in the lock, expected `2025-02-04`, `dates.passed` in ordinance.md'],
  ])('does not verify: its %s is an error at the field', async (_field, from, to, message) => {
    writeFileSync(path.join(sample, 'ordinance.lock.json'), adopted.lock.replace(from, to));
    const verified = await runMain(['verify'], dir);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toContain(message);
    expect(verified.stdout).toContain('[final-lock]');
    restore();
  });

  it('does not verify when it records other fonts: an error at the font', async () => {
    const lock = JSON.parse(adopted.lock) as { fonts: Record<string, string> };
    const face = Object.keys(lock.fonts).find((name) => name.startsWith('Tinos'))!;
    writeFileSync(path.join(sample, 'ordinance.lock.json'), adopted.lock.replace(lock.fonts[face]!, 'f'.repeat(64)));
    const verified = await runMain(['verify'], dir);
    expect(verified.code).toBe(1);
    expect(verified.stdout).toMatch(
      new RegExp(
        `ordinance/sample/ordinance\\.lock\\.json:\\d+:5: error Unexpected font: the font \`${face.replace('.', '\\.')}\` the lock records is not the one this build draws with, expected the fonts the final was adopted with \\[final-lock\\]`,
      ),
    );
    restore();
  });

  it('verifies, with a warning at `tool`, when another tool rebuilds the same bytes', async () => {
    const lock = JSON.parse(adopted.lock) as { tool: { sha256: string } };
    writeFileSync(path.join(sample, 'ordinance.lock.json'), adopted.lock.replace(lock.tool.sha256, 'e'.repeat(64)));
    const verified = await runMain(['verify'], dir);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toMatch(
      /ordinance\/sample\/ordinance\.lock\.json:6:3: warning Unexpected tool ordinance-pipeline 0\.1\.0 \(eeeeeeeeeeee\) in the lock, this is ordinance-pipeline 0\.1\.0 \([0-9a-f]{12}\): it rebuilds the same bytes, so the final verifies/,
    );
    restore();
  });
});

describe('two adoptions of one ordinance at once, in two processes', () => {
  const RUNS = FULL ? 30 : 2;
  it(`end with one final whose ordinance.md and lock agree, every time (${RUNS} runs)`, async () => {
    const other = workspace();
    const folder = path.join(other, 'ordinance', 'sample');
    git(other, 'init', '-q');
    commit(other, 'Draft', '2025-01-02T10:00:00Z');
    const meta = path.join(folder, 'ordinance.md');
    const introduced = readFileSync(meta, 'utf8').replace('status: draft', 'status: introduced');
    writeFileSync(meta, introduced);
    commit(other, 'Introduced', '2025-01-07T10:00:00Z');
    const cli = path.join(ROOT, 'bin', 'ordinance.js');
    const adopt = (number: string) =>
      new Promise<number>((resolve) => {
        const child = spawn(process.execPath, [cli, 'adopt', 'sample', '--number', number, '--passed', '2025-02-04', '--vote', '12-1', '--out', `dist-${number}`], {
          cwd: other,
          stdio: 'ignore',
        });
        child.on('exit', (code) => resolve(code ?? -1));
      });
    for (let i = 0; i < RUNS; i++) {
      const codes = await Promise.all([adopt('111'), adopt('222')]);
      // One adopts; the other is refused while it runs (2), or finds the ordinance adopted already, or changed under its check (1).
      expect(
        codes.filter((code) => code === 0),
        `run ${i}: exit codes ${codes.join(', ')}`,
      ).toHaveLength(1);
      const number = codes[0] === 0 ? '111' : '222';
      const ordinance = readFileSync(meta, 'utf8');
      const lock = JSON.parse(readFileSync(path.join(folder, 'ordinance.lock.json'), 'utf8')) as { number: string; sources: Record<string, string> };
      expect(ordinance, `run ${i}`).toContain(`number: "${number}"`);
      expect(lock.number, `run ${i}`).toBe(number);
      expect(lock.sources['ordinance.md'], `run ${i}: the lock records ordinance.md as it is`).toBe(createHash('sha256').update(ordinance).digest('hex'));
      expect(existsSync(path.join(folder, ADOPTION_JOURNAL)), `run ${i}: no journal left`).toBe(false);
      writeFileSync(meta, introduced);
      rmSync(path.join(folder, 'ordinance.lock.json'));
    }
  }, 900_000);
});
