/**
 * Everything relative to the sources, nothing to the working directory: the
 * configuration is found from the sources upward, git runs in the sources'
 * repository, paths in xref.json are relative to the workspace, so the same
 * sources build the same bytes from any folder. What the build stamps and
 * prints is checked: SOURCE_DATE_EPOCH and the numbers of the front matter.
 * A folder of ordinances stays one whatever Markdown lies beside them.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { provenanceOf } from '../pipeline/history/build-provenance.js';
import { laSampleCopy, runCli, sampleCopy, tempDir } from './helpers.js';
import { runMain } from './in-process.js';

/** The environment without SOURCE_DATE_EPOCH, so the date comes from git. */
function withoutEpoch(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  delete env.SOURCE_DATE_EPOCH;
  return env;
}

/** sha256 of every file below `dir`, by path relative to it. */
function hashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  }
  return out;
}

/** A git repository holding a copy of the sample, committed at a fixed date. */
function committedSample(): string {
  const dir = laSampleCopy();
  const env = { ...withoutEpoch(), GIT_AUTHOR_DATE: '2024-12-09T00:00:00Z', GIT_COMMITTER_DATE: '2024-12-09T00:00:00Z' };
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=Clerk', '-c', 'user.email=clerk@example.org', ...args], { cwd: dir, env, stdio: 'ignore' });
  git('init', '-q');
  git('add', '.');
  git('commit', '-q', '-m', 'sample');
  return dir;
}

describe('the working directory', () => {
  it('does not change what a build writes: the same bytes from the repository and from elsewhere', () => {
    const repo = committedSample();
    const elsewhere = tempDir('elsewhere-');
    const [inside, outside] = [path.join(tempDir('out-'), 'dist'), path.join(tempDir('out-'), 'dist')];
    expect(runCli(['build', 'ordinance', '--out', inside, '--quiet'], repo, { ...withoutEpoch() }).code).toBe(0);
    const fromOutside = spawnBuild(path.join(repo, 'ordinance'), outside, elsewhere);
    expect(fromOutside.stderr).toBe('');
    expect(fromOutside.code).toBe(0);
    const a = hashes(inside);
    expect(Object.keys(a)).toContain(path.join('la-sanctuary-city', 'la-sanctuary-city.pdf'));
    expect(hashes(outside)).toEqual(a);
  });

  it('finds the configuration from the sources upward, not from the working directory', async () => {
    const repo = laSampleCopy();
    const elsewhere = tempDir('elsewhere-');
    const here = await runMain(['check', 'ordinance'], repo);
    expect(here).toEqual({ code: 0, stdout: '', stderr: '' });
    // The sample's config turns the placeholder rule off: without it, the check fails.
    expect(await runMain(['check', path.join(repo, 'ordinance')], elsewhere)).toEqual(here);
    const out = path.join(tempDir('out-'), 'dist');
    expect((await runMain(['build', path.join(repo, 'ordinance'), '--out', out, '--quiet'], elsewhere, { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    expect(existsSync(path.join(out, 'la-sanctuary-city', 'la-sanctuary-city.pdf'))).toBe(true);
  });

  it('gives each workspace of one command line its own configuration; --config wins', async () => {
    const first = laSampleCopy();
    const second = laSampleCopy();
    // The second project has no configuration: its placeholders are errors.
    execFileSync('rm', [path.join(second, 'ordinance.config.json')]);
    const both = await runMain(['check', path.join(first, 'ordinance'), path.join(second, 'ordinance')], tempDir());
    expect(both.code).toBe(1);
    expect(both.stdout).toContain(`${path.basename(second)}/ordinance/la-sanctuary-city/`);
    expect(both.stdout).not.toContain(`${path.basename(first)}/ordinance/la-sanctuary-city/`);
    expect((await runMain(['check', path.join(second, 'ordinance'), '--config', path.join(first, 'ordinance.config.json')], tempDir())).code).toBe(0);
  });

  it('runs git in the sources\u2019 repository: commit and date of the last commit, from any folder', () => {
    const repo = committedSample();
    const files = readdirSync(path.join(repo, 'ordinance', 'la-sanctuary-city')).map((n) => path.join(repo, 'ordinance', 'la-sanctuary-city', n));
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' }).trim();
    const provenance = provenanceOf(files, tempDir('elsewhere-'), {});
    expect(provenance).toEqual({ date: new Date('2024-12-09T00:00:00Z'), commit: head });
    writeFileSync(files[0]!, `${readFileSync(files[0]!, 'utf8')}\n`);
    expect(provenanceOf(files, tempDir('elsewhere-'), {}).commit).toBe(`${head}+`);
  });

  it('writes xref.json with paths relative to the workspace', async () => {
    const repo = laSampleCopy();
    const out = path.join(tempDir('out-'), 'dist');
    expect((await runMain(['build', path.join(repo, 'ordinance'), '--out', out, '--quiet'], tempDir(), { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    const xref = JSON.parse(readFileSync(path.join(out, 'la-sanctuary-city', 'xref.json'), 'utf8')) as { citations: { file: string }[]; references: { file: string }[] };
    const files = new Set([...xref.citations, ...xref.references].map((c) => c.file));
    expect([...files].sort()).toContain('la-sanctuary-city/01-findings.md');
    for (const file of files) expect(file).toMatch(/^la-sanctuary-city\/\d\d-[a-z-]+\.md$/);
  });
});

function spawnBuild(ordinances: string, out: string, cwd: string) {
  return runCli(['build', ordinances, '--out', out, '--quiet'], cwd, withoutEpoch());
}

describe('the documents built before', () => {
  it('do not change what a document prints: glyphs two characters share read back as this document wrote them', () => {
    // Tinos draws the hyphen and the soft hyphen with one glyph; fonts are parsed once per process, glyphs are laid out per document.
    const both = laSampleCopy();
    const other = path.join(both, 'ordinance', 'a-first');
    cpSync(path.join(both, 'ordinance', 'la-sanctuary-city'), other, { recursive: true });
    const front = readFileSync(path.join(other, 'ordinance.md'), 'utf8')
      .replace(/^status: effective$/m, 'status: draft')
      .replace(/^number: .*\n/m, '');
    writeFileSync(path.join(other, 'ordinance.md'), front);
    const findings = readFileSync(path.join(other, '01-findings.md'), 'utf8');
    const body = findings.indexOf('\n---\n', 3) + 5;
    writeFileSync(path.join(other, '01-findings.md'), `${findings.slice(0, body)}A co\u00adoperative word, written before any hyphen.\n\n${findings.slice(body)}`);
    const alone = laSampleCopy();
    const env = { SOURCE_DATE_EPOCH: '1700000000', ORDINANCE_WORKERS: '1' };
    expect(runCli(['build', 'ordinance', '--out', path.join(both, 'dist'), '--quiet'], both, env).code).toBe(0);
    expect(runCli(['build', 'ordinance', '--out', path.join(alone, 'dist'), '--quiet'], alone, env).code).toBe(0);
    expect(existsSync(path.join(both, 'dist', 'a-first', 'a-first.pdf'))).toBe(true);
    const pdf = (dir: string) => hashes(path.join(dir, 'dist', 'la-sanctuary-city'))['la-sanctuary-city.pdf'];
    expect(pdf(both)).toBe(pdf(alone));
  });
});

describe('SOURCE_DATE_EPOCH', () => {
  it.each([
    ['not a number', 'yesterday', 'expected a whole number of seconds'],
    ['a fraction', '1700000000.5', 'expected a whole number of seconds'],
    ['negative', '-1', 'expected a whole number of seconds'],
    ['past the year 9999', '253402300800', 'expected at most 253402300799'],
    ['far too large', '99999999999999999999999', 'expected at most 253402300799'],
  ])('%s stops a build with exit 2, before anything is written', (_, value, expected) => {
    const dir = laSampleCopy();
    const out = path.join(dir, 'dist');
    const result = runCli(['build', 'ordinance', '--out', 'dist'], dir, { SOURCE_DATE_EPOCH: value });
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.startsWith(`ordinance: SOURCE_DATE_EPOCH is \`${value}\`, `)).toBe(true);
    expect(result.stderr).toContain(expected);
    expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
    expect(existsSync(out)).toBe(false);
  });

  it('takes the last second of 9999 and the first of 1970', async () => {
    for (const value of ['253402300799', '0']) {
      const dir = laSampleCopy();
      const result = await runMain(['build', 'ordinance', '--out', 'dist', '--quiet'], dir, { SOURCE_DATE_EPOCH: value });
      expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
      const pdf = readFileSync(path.join(dir, 'dist', 'la-sanctuary-city', 'la-sanctuary-city.pdf'), 'latin1');
      expect(pdf).toContain(value === '0' ? '(D:19700101000000Z)' : '(D:99991231235959Z)');
    }
  });
});

describe('numbers in the front matter', () => {
  it.each([
    ['version', 'version: 1e26', 10, 'Unexpected number `1e+26` for `version`, expected a whole number from 1 to 9999'],
    ['version', 'version: 12345678901234567890', 10, 'for `version`, expected a whole number from 1 to 9999'],
    ['vote.ayes', '  ayes: 1e26', 9, 'Unexpected number `1e+26` for `vote.ayes`, expected a whole number from 0 to 99999'],
  ])('`%s` out of range is an error at its place', async (key, line, column, message) => {
    const dir = laSampleCopy();
    const file = path.join(dir, 'ordinance', 'la-sanctuary-city', 'ordinance.md');
    const text = readFileSync(file, 'utf8');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => l.startsWith(key === 'version' ? 'version:' : '  ayes:'));
    lines[at] = line;
    writeFileSync(file, lines.join('\n'));
    const result = await runMain(['check', 'ordinance'], dir);
    expect(result.code).toBe(1);
    const found = result.stdout.split('\n').find((l) => l.includes('[front-matter-schema]'));
    expect(found).toContain(message);
    expect(found).toMatch(new RegExp(`^ordinance/la-sanctuary-city/ordinance\\.md:${at + 1}:${column}: error `));
  });
});

describe('a folder of ordinances', () => {
  it('stays one with a stray Markdown file beside its ordinances', async () => {
    // San Francisco's example with the code it amends beside it.
    const dir = sampleCopy(['la-sanctuary-city', 'sf-city-of-refuge', 'sf-admin-code']);
    writeFileSync(path.join(dir, 'ordinance', 'NOTES.md'), '# Notes for the drafters\n');
    expect(await runMain(['check', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const out = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance', '--out', out, '--quiet'], dir, { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['directives.json', 'la-sanctuary-city', 'sf-admin-code', 'sf-city-of-refuge']);
  });

  it('passes over folders whose names start with "." (as documented in the drafters\u2019 guide)', async () => {
    const dir = laSampleCopy();
    mkdirSync(path.join(dir, 'ordinance', '.drafts'));
    cpSync(path.join(dir, 'ordinance', 'la-sanctuary-city'), path.join(dir, 'ordinance', '.drafts', 'broken'), { recursive: true });
    writeFileSync(path.join(dir, 'ordinance', '.drafts', 'broken', 'ordinance.md'), '---\ntitle: 1\n---\n');
    expect(await runMain(['check', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(readFileSync(path.join(dir, 'ordinance', 'README.md'), 'utf8')).toMatch(/start with `\.`/);
  });
});
