/**
 * Hostile locks (issue 31): an `ordinance.lock.json` that is a link out of
 * the workspace, a device, a named pipe, a folder, nested 100,000 deep or
 * holding a text of 100,000 characters is a positioned `final-lock` finding
 * that quotes nothing of what it leads to, and every other ordinance of the
 * run is still checked. A deeply nested ordinance.config.json is a positioned
 * message too. A lock's places are found by index: a lock of 50,000 entries
 * costs each of its findings the same as a lock of ten.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Node as JsonNode } from 'jsonc-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { lineColumn, MAX_JSON_NESTING, offsetOf, parseJsonSource, placeOf } from '../pipeline/schema/json-source.js';
import { tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const SECRET = 'SECRET-CONTENT-OUTSIDE-THE-WORKSPACE';

/** An ordinance folder `name`, a copy of the sample, whose lock `lay` puts in place. */
function finalWith(dir: string, name: string, lay: (lock: string) => void): void {
  const folder = path.join(dir, 'ordinance', name);
  cpSync(path.join(dir, 'ordinance', 'sample'), folder, { recursive: true });
  lay(path.join(folder, 'ordinance.lock.json'));
}

describe('hostile locks, each beside the others in one run', () => {
  let dir = '';
  beforeAll(() => {
    dir = workspace();
    const outside = path.join(tempDir(), 'secret.json');
    writeFileSync(outside, `${SECRET}\n`);
    finalWith(dir, 'outside', (lock) => symlinkSync(outside, lock));
    finalWith(dir, 'folder', (lock) => mkdirSync(lock));
    finalWith(dir, 'deep', (lock) => writeFileSync(lock, `${'['.repeat(100_000)}${']'.repeat(100_000)}`));
    finalWith(dir, 'long', (lock) => writeFileSync(lock, `{\n  "lock": 1,\n  "build": { "commit": "${'a'.repeat(100_000)}" }\n}\n`));
    finalWith(dir, 'dangling', (lock) => symlinkSync('missing.json', lock));
  });

  const expected = [
    'ordinance/deep/ordinance.lock.json:1:65: error Unexpected `[` nested 65 deep, expected at most 64 levels of `{…}` and `[…]` [final-lock]',
    'ordinance/dangling/ordinance.lock.json:1:1: error Unexpected dangling link `ordinance.lock.json`, expected the lock `ordinance adopt` wrote [final-lock]',
    'ordinance/folder/ordinance.lock.json:1:1: error Unexpected folder `ordinance.lock.json`, expected the lock `ordinance adopt` wrote, a file [final-lock]',
    'ordinance/long/ordinance.lock.json:3:24: error Unexpected text of 100000 characters, expected at most 1024 [final-lock]',
    'ordinance/outside/ordinance.lock.json:1:1: error Unexpected link `ordinance.lock.json` to a file outside the workspace `ordinance`, expected the lock `ordinance adopt` wrote, inside it [final-lock]',
  ];

  it('check: a positioned finding for each lock, quoting nothing outside; every ordinance is checked', async () => {
    const result = await runMain(['check', 'ordinance'], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code, result.stdout + result.stderr).toBe(1);
    for (const line of expected) expect(result.stdout).toContain(line);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
    // Past its lock, each ordinance is checked: a final's status must say it is adopted (a lock that dangles is none).
    for (const name of ['outside', 'folder', 'deep', 'long']) expect(result.stdout).toContain(`ordinance/${name}/ordinance.md:5:9: error Unexpected status \`draft\``);
  });

  it('verify: each final not verified at its lock, none an internal error', async () => {
    const result = await runMain(['verify', 'ordinance'], dir);
    expect(result.stderr).not.toContain('internal error');
    expect(result.code).toBe(1);
    for (const line of expected) expect(result.stdout).toContain(line);
    for (const name of ['outside', 'folder', 'deep', 'long', 'dangling']) expect(result.stderr).toContain(`not verified: ordinance/${name} (see above)`);
    expect(result.stdout + result.stderr).not.toContain(SECRET);
  });
});

describe('locks that would never end or never answer', () => {
  it('a link to /dev/zero and a named pipe are refused unread (check and verify return)', async () => {
    const dir = workspace();
    finalWith(dir, 'device', (lock) => symlinkSync('/dev/zero', lock));
    finalWith(dir, 'pipe', (lock) => execFileSync('mkfifo', [lock]));
    for (const command of ['check', 'verify']) {
      const result = await runMain([command, 'ordinance'], dir);
      expect(result.stderr).not.toContain('internal error');
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(
        'ordinance/device/ordinance.lock.json:1:1: error Unexpected link `ordinance.lock.json` to a file outside the workspace `ordinance`, expected the lock `ordinance adopt` wrote, inside it [final-lock]',
      );
      expect(result.stdout).toContain(
        'ordinance/pipe/ordinance.lock.json:1:1: error Unexpected named pipe `ordinance.lock.json`, expected the lock `ordinance adopt` wrote, a file [final-lock]',
      );
    }
  });
});

describe('a deeply nested ordinance.config.json', () => {
  it('is a positioned message, not a stack overflow', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'ordinance.config.json'), `{"rules": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    const result = await runMain(['check', 'ordinance'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stderr).toContain(`ordinance.config.json:1:${10 + MAX_JSON_NESTING}: error Unexpected \`[\` nested 65 deep, expected at most 64 levels of \`{…}\` and \`[…]\``);
  });
});

describe('places in a large lock', () => {
  /** A lock-shaped JSON text of `n` source entries, two-space indented as `ordinance adopt` writes it. */
  function lockOf(n: number): string {
    const sources = Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${i}.md`, '0'.repeat(64)]));
    return `${JSON.stringify({ lock: 1, sources }, null, 2)}\n`;
  }

  it('finds every entry of a lock of 50,000 by index: the object read once, not once per entry', () => {
    const n = 50_000;
    const source = parseJsonSource(lockOf(n), 'ordinance.lock.json');
    // Count every read of an entry of `sources`: a scan per lookup would read n²/2 of them.
    const sources = source.tree!.children![1]!.children![1]!;
    let reads = 0;
    const children = sources.children!;
    // jsonc-parser types a node's children read-only; the test swaps them for a counting view of the same array.
    (sources as { children?: JsonNode[] }).children = new Proxy(children, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads++;
        return Reflect.get(target, key, receiver) as unknown;
      },
    }) as JsonNode[];
    for (let i = 0; i < n; i++) {
      const place = placeOf(source, offsetOf(source, ['sources', `f${i}.md`], 'key'));
      // `{`, `"lock": 1,`, `"sources": {`, then one entry a line.
      expect(place.line === i + 4 && place.column === 5, `f${i}.md at ${place.line}:${place.column}`).toBe(true);
    }
    expect(reads).toBeLessThanOrEqual(2 * n);
  });

  it('places an offset as lineColumn does, at every line start and end', () => {
    const text = lockOf(20);
    const source = parseJsonSource(text, 'ordinance.lock.json');
    for (let offset = 0; offset <= text.length; offset++) expect(placeOf(source, offset)).toEqual(lineColumn(text, offset));
  });

  it('a missing entry is placed at the nearest enclosing value, a key at its key', () => {
    const source = parseJsonSource(lockOf(3), 'ordinance.lock.json');
    expect(placeOf(source, offsetOf(source, ['sources', 'gone.md'], 'key'))).toEqual({ line: 3, column: 14 });
    expect(placeOf(source, offsetOf(source, ['sources'], 'key'))).toEqual({ line: 3, column: 3 });
    expect(placeOf(source, offsetOf(source, ['sources', 'f1.md'], 'value'))).toEqual({ line: 5, column: 14 });
  });
});
