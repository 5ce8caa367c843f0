/**
 * `ordinance new`: a draft from the jurisdiction's skeleton (templates/
 * skeletons/<id>/, else default/) that checks clean apart from its
 * placeholders, with every jurisdiction; and the mistakes it refuses.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { jurisdictionIds, TEMPLATES_DIR } from '../pipeline/load/templates.js';
import { runCli, laSampleCopy, sampleCopy, tempDir } from './helpers.js';
import { runMain } from './in-process.js';

describe('ordinance new', () => {
  it.each(jurisdictionIds())('starts a %s draft that checks clean apart from its placeholders, already formatted', async (jurisdiction) => {
    const dir = tempDir();
    const created = await runMain(['new', 'ordinances/first-draft', '--jurisdiction', jurisdiction], dir);
    expect(created).toEqual({ code: 0, stdout: '', stderr: expect.stringMatching(/^created ordinances\/first-draft\/ \(.+, \d+ files\)/) });
    const skeleton = path.join(TEMPLATES_DIR, 'skeletons', existsSync(path.join(TEMPLATES_DIR, 'skeletons', jurisdiction)) ? jurisdiction : 'default');
    expect(readdirSync(path.join(dir, 'ordinances/first-draft')).sort()).toEqual(readdirSync(skeleton).sort());
    expect(readFileSync(path.join(dir, 'ordinances/first-draft/ordinance.md'), 'utf8')).toContain(`jurisdiction: "${jurisdiction}"\n`);

    const check = await runMain(['check', 'ordinances'], dir);
    expect(check.code, check.stdout).toBe(0);
    const findings = check.stdout.trim().split('\n');
    expect(findings.length).toBeGreaterThan(0);
    for (const finding of findings) expect(finding).toMatch(/^ordinances\/first-draft\/\S+:\d+:\d+: warning .*Unexpected placeholder .* \[placeholder\]$/);
    expect(await runMain(['fmt', '--check', 'ordinances'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('follows the jurisdiction of the ordinances beside it, and builds', async () => {
    const dir = laSampleCopy();
    expect(runCli(['new', 'stop-records'], dir).stderr).toBe(
      'created ordinance/stop-records/ (los-angeles, 7 files); fill in its placeholders: ordinance check ordinance/stop-records\n',
    );
    expect(readFileSync(path.join(dir, 'ordinance/stop-records/06-certification.md'), 'utf8')).toContain('The City Clerk shall certify to the passage of this ordinance');
    expect((await runMain(['build', 'ordinance/stop-records', '--out', path.join(dir, 'dist'), '--quiet'], dir, { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist/stop-records/stop-records.pdf'))).toBe(true);
  });

  it.each([
    [['new', 'la-sanctuary-city'], /^ordinance: `ordinance\/la-sanctuary-city` already exists, expected a new folder \(nothing was written\)\n/],
    [['new', 'Stop_Records'], /^ordinance: unexpected slug `Stop_Records`, expected lower-case words and digits joined by hyphens/],
    [['new', 'x', '--jurisdiction', 'atlantis'], /^ordinance: unknown jurisdiction `atlantis`, expected one of .*los-angeles/],
    [['new', 'elsewhere/x'], /^ordinance: no ordinance in `elsewhere` names its jurisdiction: name it with --jurisdiction <id>, one of /],
    [['new'], /^ordinance: usage: ordinance new \[<folder>\/\]<slug>/],
    [['new', 'stop-records'], /^ordinance: the ordinances of `ordinance` follow district-of-columbia, los-angeles and san-francisco: name it with --jurisdiction <id>/],
  ])('%j exits 2 and writes nothing', (args, message) => {
    const dir = sampleCopy();
    const before = readdirSync(path.join(dir, 'ordinance')).sort();
    const result = runCli(args, dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(readdirSync(path.join(dir, 'ordinance')).sort()).toEqual(before);
    expect(existsSync(path.join(dir, 'elsewhere'))).toBe(false);
  });

  const long = 'a'.repeat(300);
  it.each([
    [['new', long, '--jurisdiction', 'los-angeles'], "unexpected slug of 300 characters, expected at most 100: it names the ordinance's folder and its output files"],
    [
      ['new', 'site', '--jurisdiction', 'los-angeles'],
      "unexpected slug `site`: `site/` is the folder `ordinance publish` writes the site to in the output folder (dist/site/), where this ordinance's outputs would go; choose another name (nothing was written)",
    ],
    [
      ['new', 'elsewhere/directives.json', '--jurisdiction', 'los-angeles'],
      'unexpected slug `directives.json`: `directives.json` is the index every build writes at the top of the output folder (dist/directives.json); choose another name (nothing was written)',
    ],
    [
      ['new', 'elsewhere/directives', '--jurisdiction', 'los-angeles'],
      'unexpected slug `directives`: `directives/` is the registry of prior directives beside the ordinance folders; choose another name (nothing was written)',
    ],
  ])('%j is a usage error that says why, in one line, and writes nothing', async (args, message) => {
    const dir = tempDir();
    expect(await runMain(args, dir)).toEqual({ code: 2, stdout: '', stderr: `ordinance: ${message}\nRun 'ordinance new --help' for usage.\n` });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('takes a slug of 100 characters, and says which file it cannot write when the folder above has a name too long', async () => {
    const dir = tempDir();
    expect((await runMain(['new', 'b'.repeat(100), '--jurisdiction', 'los-angeles'], dir)).code).toBe(0);
    expect(readdirSync(path.join(dir, 'ordinance'))).toEqual(['b'.repeat(100)]);
    const result = await runMain(['new', `${long}/x`, '--jurisdiction', 'los-angeles'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^ordinance: cannot write ${long}/x/\\S+\\.md \\(ENAMETOOLONG: name too long\\)\n$`));
  });

  it('leaves nothing when it fails part way: the skeleton is written aside and renamed into place whole', async () => {
    const dir = tempDir();
    // A folder where its third file goes: writing it fails after two files are written.
    const staging = path.join(dir, 'ordinance', `.part-way.new-${process.pid}`);
    mkdirSync(path.join(staging, '03-requirements.md', 'taken'), { recursive: true });
    const result = await runMain(['new', 'part-way', '--jurisdiction', 'los-angeles'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ordinance: cannot write ordinance\/part-way\/03-requirements\.md \(/);
    expect(readdirSync(path.join(dir, 'ordinance'))).toEqual([]);
  });
});
