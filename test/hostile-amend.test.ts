import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, killableRun, tempDir, workspace } from './helpers.js';

const FULL = process.env.ORDINANCE_TEST_TIER === 'full';
import { runMain } from './in-process.js';

const CASE = path.join(FIXTURES, 'amend-cli');
const META = path.join('ordinance', 'sample', 'ordinance.md');
const CODE = path.join('ordinance', 'dc-code-title-1', '01-chapter-1');

function naming(dir: string, code: string): void {
  const meta = path.join(dir, META);
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^amends-code:.*$/m, `amends-code: ${code}`));
}

describe('a code named outside the workspace', () => {
  it('is refused by check and amend, and nothing outside is written (`amends-code: ../../victim-code`)', async () => {
    const dir = workspace(CASE);
    // The victim: a copy of the code two folders up from the ordinances.
    const victim = path.join(tempDir('victim-'), 'victim-code');
    mkdirSync(path.dirname(victim), { recursive: true });
    cpSync(path.join(dir, 'ordinance', 'dc-code-title-1'), victim, { recursive: true });
    const before = readFileSync(path.join(victim, '01-chapter-1', '01-1-101.md'), 'utf8');
    naming(dir, path.relative(path.join(dir, 'ordinance'), victim));
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/ordinance\/sample\/ordinance\.md:\d+:\d+: error Unknown code: the folder `[^`]*victim-code` lies outside the workspace/);
    const amend = await runMain(['amend', 'ordinance/sample', '--write'], dir);
    expect(amend.code).toBe(1);
    expect(readFileSync(path.join(victim, '01-chapter-1', '01-1-101.md'), 'utf8')).toBe(before);
    expect(existsSync(path.join(victim, '01-chapter-1', '01a-1-102.md'))).toBe(false);
  });

  it('is refused when it is the root of the disk, without walking it (`amends-code: /`)', async () => {
    const dir = workspace(CASE);
    naming(dir, '/');
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('error Unknown code: the folder `/` lies outside the workspace');
    expect(check.stderr).not.toMatch(/internal error/i);
  });

  it('is refused through a symbolic link inside the workspace that leads out of it', async () => {
    const dir = workspace(CASE);
    const outside = tempDir('outside-code-');
    symlinkSync(outside, path.join(dir, 'ordinance', 'linked-code'));
    naming(dir, 'linked-code');
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.stdout).toContain('error Unknown code: the folder `linked-code` lies outside the workspace');
  });

  it('is the user’s own choice on the command line (`--code`)', async () => {
    const dir = workspace(CASE);
    const elsewhere = path.join(tempDir('code-elsewhere-'), 'dc-code-title-1');
    cpSync(path.join(dir, 'ordinance', 'dc-code-title-1'), elsewhere, { recursive: true });
    const amend = await runMain(['amend', 'ordinance/sample', '--code', elsewhere, '--out', 'out', '--quiet'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
  });
});

describe('a section file of the code that is not a regular file', () => {
  it('is a finding at the instruction, not an internal error, and the other instructions still apply', async () => {
    const dir = workspace(CASE);
    const file = path.join(dir, CODE, '01-1-101.md');
    const text = readFileSync(file, 'utf8');
    const moved = path.join(tempDir('moved-'), '01-1-101.md');
    writeFileSync(moved, text);
    rmSync(file);
    symlinkSync(moved, file);
    const check = await runMain(['check', 'ordinance/sample'], dir);
    // A link is never followed out of the code: the section is not in it.
    expect(check.stdout).toMatch(/error .*§ 1-101 is not in the code/);
    expect(check.stderr).not.toMatch(/internal error/i);
  });
});

describe('amend --write', () => {
  it('changes the code all at once or not at all: a section that cannot be written leaves every other as it was', async () => {
    const dir = workspace(CASE);
    const amended = path.join(dir, CODE, '01-1-101.md');
    const before = readFileSync(amended, 'utf8');
    // Where the new § 1-102 goes there is a folder: that file cannot be written.
    mkdirSync(path.join(dir, CODE, '01a-1-102.md'));
    const result = await runMain(['amend', 'ordinance/sample', '--write'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/cannot write .*01a-1-102\.md \(it is not a regular file\)/);
    expect(readFileSync(amended, 'utf8')).toBe(before);
    // No temporary file or backup is left beside the code's files.
    expect(readdirSync(path.join(dir, CODE)).filter((n) => n.startsWith('.'))).toEqual([]);
  });
});

describe('import dc-law into a folder it made before', () => {
  const LAW = path.join(FIXTURES, 'dc-law-24-118', 'laws', '24-118.xml');

  it('replaces its own files, and never deletes a file the drafter added or changed', async () => {
    const dir = tempDir('reimport-');
    const out = path.join(dir, 'ordinance', 'act');
    expect((await runMain(['import', 'dc-law', LAW, out], dir)).code).toBe(0);
    // Imported again, unchanged: replaced as before.
    expect((await runMain(['import', 'dc-law', LAW, out], dir)).code).toBe(0);
    // A drafter adds a section, then imports again: refused, the section kept.
    const added = path.join(out, '09-notes.md');
    writeFileSync(added, '---\nid: notes\nheading: Notes\nkind: general\n---\nThe drafter’s own words.\n');
    const again = await runMain(['import', 'dc-law', LAW, out], dir);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain('holds files the import did not write, or changed since it wrote them (09-notes.md)');
    expect(readFileSync(added, 'utf8')).toContain('The drafter’s own words.');
    // An edit of an imported file is the drafter's too.
    rmSync(added);
    const meta = path.join(out, 'ordinance.md');
    writeFileSync(meta, `${readFileSync(meta, 'utf8')}\n`);
    const edited = await runMain(['import', 'dc-law', LAW, out], dir);
    expect(edited.code).toBe(2);
    expect(edited.stderr).toContain('(ordinance.md)');
  });
});

describe('import dc-law interrupted', () => {
  const LAW = path.join(FIXTURES, 'dc-law-24-118', 'laws', '24-118.xml');
  /** Every file of `dir`, by path, with its bytes. */
  const contents = (dir: string) =>
    Object.fromEntries(
      readdirSync(dir, { recursive: true, encoding: 'utf8' })
        .sort()
        .map((f) => [f, existsSync(path.join(dir, f)) && !statSync(path.join(dir, f)).isDirectory() ? readFileSync(path.join(dir, f), 'utf8') : '']),
    );

  it('between setting the old folder aside and putting the new one in place: the next import puts the old one back first', async () => {
    const dir = tempDir('reimport-');
    const out = path.join(dir, 'ordinance', 'act');
    expect((await runMain(['import', 'dc-law', LAW, out], dir)).code).toBe(0);
    const whole = contents(out);
    // What a kill between the two renames leaves: the old folder aside under a dead process's id, the new one half-written.
    const dead = 2 ** 22 + 3;
    renameSync(out, `${out}.replaced-${dead}`);
    mkdirSync(`${out}.partial-${dead}`);
    writeFileSync(path.join(`${out}.partial-${dead}`, '01-half.md'), 'half');
    // A drafter's import into the folder again: the old folder is back, and then replaced whole.
    expect((await runMain(['import', 'dc-law', LAW, out], dir)).code).toBe(0);
    expect(contents(out)).toEqual(whole);
    expect(readdirSync(path.dirname(out))).toEqual(['act']);
  });

  it(`killed at random instants, leaves the old folder or the new one, whole, every time (${FULL ? 30 : 10} runs)`, async () => {
    const dir = tempDir('reimport-');
    const out = path.join(dir, 'ordinance', 'act');
    expect((await runMain(['import', 'dc-law', LAW, out], dir)).code).toBe(0);
    const whole = contents(out);
    const run = killableRun(['import', 'dc-law', LAW, out], dir);
    const started = Date.now();
    await run(null);
    const took = Date.now() - started;
    for (let i = 0; i < (FULL ? 30 : 10); i++) {
      await run(Math.floor(Math.random() * took * 1.1));
      // What stands is whole (the same law imported again gives the same files), or it is aside and the next import puts it back.
      if (existsSync(out)) expect(contents(out), `run ${i}`).toEqual(whole);
      expect((await runMain(['import', 'dc-law', LAW, out], dir)).code, `run ${i}`).toBe(0);
      expect(contents(out), `run ${i}`).toEqual(whole);
      expect(readdirSync(path.dirname(out)), `run ${i}`).toEqual(['act']);
    }
  }, 300_000);
});

describe("an ordinance folder named as the build's own outputs", () => {
  it('is refused by check and by build, and the published site is never deleted (an ordinance folder named `site`)', async () => {
    const dir = workspace();
    cpSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'ordinance', 'site'), { recursive: true });
    const check = await runMain(['check', 'ordinance'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      "ordinance/site:1:1: error Unexpected ordinance folder name `site`, expected a name other than the published site's folder (`site` in the output folder) [output-clash]",
    );
    // The site a publish wrote stays whole through a build.
    const site = path.join(dir, 'dist', 'site');
    mkdirSync(site, { recursive: true });
    writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>Site</title>');
    const build = await runMain(['build', 'ordinance', '--quiet'], dir);
    expect(build.code).toBe(1);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toBe('<!doctype html><title>Site</title>');
  });
});

describe('import dc-law on XML that is not an act', () => {
  it('names the line and column and the parser’s own reason when the XML does not parse', async () => {
    const dir = tempDir('bad-law-');
    const xml = path.join(dir, 'law.xml');
    writeFileSync(xml, '<law>\n  <section></sec>\n</law>\n');
    const result = await runMain(['import', 'dc-law', xml, 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${xml}:2:12: Missing end tag for element section`);
    expect(result.stderr).not.toContain('Could not parse XML');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('refuses a file larger than law is, before reading it', async () => {
    const dir = tempDir('huge-law-');
    const xml = path.join(dir, 'law.xml');
    writeFileSync(xml, '');
    // Sparse: 17 MiB long, nothing on disk.
    truncateSync(xml, 17 * 1024 * 1024);
    const result = await runMain(['import', 'dc-law', xml, 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${xml}: 17.0 MiB (17825792 bytes), expected at most 16 MiB, as an XML file of law is (an act is about 1 MB)`);
  });
});
