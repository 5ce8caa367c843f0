/**
 * `adopt` under facts that cannot be so (issue 31, finding 13): a vote the
 * body could not have cast, a date after today, a number holding a line break
 * or a direction character, or of another council's form, an ordinance whose
 * working tree says it failed: each is refused at its place and nothing is
 * written. A clone that holds only part of the history is said to, not
 * passed over; a CRLF ordinance.md with a BOM keeps both.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, workspace } from './helpers.js';
import { commit, git, GIT_ENV } from './git.js';
import { runMain } from './in-process.js';

let dir: string;
let meta: string;
let introduced: string;

/** An adoption of the sample with `options` in place of the usual facts. */
const adopt = (...options: string[]) => runMain(['adopt', 'sample', '--out', 'dist', ...options], dir);
const facts = (over: Record<string, string> = {}) =>
  Object.entries({ number: '190001', passed: '2025-02-04', vote: '12-1', ...over }).flatMap(([key, value]) => [`--${key}`, value]);

beforeAll(() => {
  dir = workspace();
  meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
  git(dir, 'init', '-q');
  commit(dir, 'Draft', '2025-01-02T10:00:00Z');
  introduced = readFileSync(meta, 'utf8').replace('status: draft', 'status: introduced');
  writeFileSync(meta, introduced);
  commit(dir, 'Introduced', '2025-01-07T10:00:00Z');
});

describe('a vote the body could not have cast', () => {
  it.each([
    ['0-15', '16:9: error Unexpected vote 0-15 for an adopted ordinance: 0 ayes, expected at least 8 (a majority of the Council (8 of 15 members))'],
    ['0-0', '16:9: error Unexpected vote 0-0 for an adopted ordinance: 0 ayes, expected at least 8'],
    ['99999-99999', '16:3: error Unexpected vote 99999-99999: 199998 votes, expected at most 15, the members of the Council'],
    ['8-16', '16:3: error Unexpected vote 8-16: 24 votes, expected at most 15'],
  ])('--vote %s is refused at the vote, and ordinance.md is as it was', async (vote, finding) => {
    const result = await adopt(...facts({ vote }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`ordinance/sample/ordinance.md:${finding}`);
    expect(result.stdout).toContain('[vote-count]');
    expect(result.stderr).toContain('nothing was written');
    expect(readFileSync(meta, 'utf8')).toBe(introduced);
  });
});

describe('a date after today', () => {
  it.each([
    [['--passed', '9999-12-31'], '--passed is 9999-12-31, after today'],
    [['--approved', '9999-12-31'], '--approved is 9999-12-31, after today'],
  ])('%j is a usage error, nothing written', async (option, message) => {
    const result = await adopt(...facts(), ...option);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(readFileSync(meta, 'utf8')).toBe(introduced);
  });

  it('an effective date after today is recorded only with status adopted (not in effect yet)', async () => {
    const effective = await adopt(...facts(), '--effective', '9999-12-31', '--status', 'effective');
    expect(effective.code).toBe(2);
    expect(effective.stderr).toContain('--effective is 9999-12-31, after today');
    expect(readFileSync(meta, 'utf8')).toBe(introduced);
  });
});

describe('a number that could not be the Clerk’s', () => {
  it.each([
    ['a line break', '1900\n01', 'Unexpected `1900\\u{000A}01` for `number`, expected a number on one line, without control, invisible or direction characters'],
    ['a right-to-left override', '190001\u202E', 'Unexpected `190001\\u{202E}` for `number`, expected a number on one line, without control, invisible or direction characters'],
    ["another council's form", '180-24', 'Unexpected ordinance number `180-24`, expected one in the form the City of Los Angeles assigns, such as `188441` [number-form]'],
  ])('one with %s is refused at `number`', async (_what, number, message) => {
    const result = await adopt(...facts({ number }));
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`ordinance/sample/ordinance.md:14:9: error ${message}`);
    // The message shows what is there, and nothing in it reverses or breaks the line.
    expect(result.stdout).not.toMatch(/[\u202E]|1900\n01/);
    expect(readFileSync(meta, 'utf8')).toBe(introduced);
  });
});

describe('an ordinance whose working tree ended its lifecycle', () => {
  it('is not adopted when ordinance.md says failed, committed or not', async () => {
    writeFileSync(meta, introduced.replace('status: introduced', 'status: failed'));
    try {
      const result = await adopt(...facts());
      expect(result.code).toBe(1);
      expect(result.stderr).toContain('ordinance/sample/ordinance.md:5:9: error Unexpected status `failed`: a failed ordinance ends its lifecycle');
      expect(readFileSync(meta, 'utf8')).toContain('status: failed');
      expect(existsSync(path.join(dir, 'ordinance', 'sample', 'ordinance.lock.json'))).toBe(false);
    } finally {
      writeFileSync(meta, introduced);
    }
  });
});

describe('a shallow clone', () => {
  it("says the status's history is partly missing, at `status:` (a warning), instead of passing over it", async () => {
    const clone = path.join(tempDir(), 'clone');
    execFileSync('git', ['clone', '-q', '--depth', '1', `file://${dir}`, clone], { env: { ...process.env, ...GIT_ENV } });
    const result = await runMain(['check', 'ordinance/sample'], clone);
    expect(result.stdout).toContain(
      "ordinance/sample/ordinance.md:5:9: warning Unexpected shallow clone: git holds only the newest commit of this ordinance's history, so its status is checked against part of it",
    );
    // The full history says nothing of the kind.
    expect((await runMain(['check', 'ordinance/sample'], dir)).stdout).not.toContain('shallow clone');
  });
});

describe('an ordinance.md written with CRLF and a byte-order mark', () => {
  it('keeps both: every line adopt adds ends CRLF, and the BOM stays', async () => {
    const other = workspace();
    const file = path.join(other, 'ordinance', 'sample', 'ordinance.md');
    writeFileSync(file, `\uFEFF${readFileSync(file, 'utf8').replace('status: draft', 'status: introduced').replace(/\n/g, '\r\n')}`);
    const result = await runMain(['adopt', 'sample', ...facts(), '--approved', '2025-02-05'], other);
    expect(result.code, result.stdout + result.stderr).toBe(0);
    const text = readFileSync(file, 'utf8');
    expect(text.startsWith('\uFEFF---\r\n')).toBe(true);
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
    expect(text).toContain('status: adopted\r\n');
    expect(text).toContain('  passed: "2025-02-04"\r\n');
    expect(text).toContain('vote:\r\n  ayes: 12\r\n  noes: 1\r\n');
  });
});
