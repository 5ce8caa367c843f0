/**
 * A workspace that holds a code beside its ordinances, in the guide's layout
 * (docs/guide/04-codes.md): `ordinance/` with the ordinances and their
 * registry, and `ordinance/dc-code/` with the code's titles (each a folder
 * with code.md) and the code's own `directives/`. `check` and `build`, given
 * `ordinance` or the workspace's root, check the ordinances against the code
 * and the code's titles as code titles; the code folder, the root and a
 * build's output are never taken for an ordinance. Run through the CLI's
 * entry in this process, on the small title of test/fixtures/amend-cli.
 */
import { cpSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const CASE = path.join(FIXTURES, 'amend-cli');
const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const TITLE = path.join('ordinance', 'dc-code', 'dc-code-title-1');

/**
 * The base fixture with the amending ordinance `sample` (amends-code: dc-code)
 * and the code `ordinance/dc-code/`: title 1, its registry, and the README an
 * import writes. Both registries know the code, so the workspace is clean.
 */
function workspaceWithCode(): string {
  const dir = workspace(CASE);
  const code = path.join(dir, 'ordinance', 'dc-code');
  mkdirSync(path.join(code, 'directives'), { recursive: true });
  renameSync(path.join(dir, 'ordinance', 'dc-code-title-1'), path.join(dir, TITLE));
  writeFileSync(path.join(code, 'README.md'), '# D.C. Code, imported\n\n- titles: 1\n');
  for (const registry of [path.join(dir, 'ordinance', 'directives'), path.join(code, 'directives')])
    cpSync(path.join(ROOT, 'ordinance', 'directives', 'dc-code.md'), path.join(registry, 'dc-code.md'));
  const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^amends-code: .*$/m, 'amends-code: dc-code'));
  return dir;
}

/** A section of the code whose subsections skip (b): a finding of rule subdivision-sequence, at its line. */
function gapInCode(dir: string): { file: string; line: number } {
  const file = path.join(TITLE, '01-chapter-1', '03-1-103.md');
  writeFileSync(
    path.join(dir, file),
    '---\nid: 1-103\nnumber: 1-103\nheading: Reports.\nkind: code-section\n---\n\n(a) The Director shall report.\n\n(c) Reports shall be public.\n',
  );
  return { file, line: 10 };
}

describe.each([['ordinance'], ['.']])('a code beside the ordinances: check %s', (given) => {
  it('checks the ordinances and the code, and takes no folder for a missing ordinance', async () => {
    const dir = workspaceWithCode();
    expect(await runMain(['check', given], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it("checks the code's titles as code titles, with the rules the jurisdiction gives code titles", async () => {
    const dir = workspaceWithCode();
    const { file, line } = gapInCode(dir);
    const result = await runMain(['check', given], dir);
    // A gap in an ordinance's numbering is an error; the District's code titles make it a warning (the code is as enacted).
    expect(result.stdout).toMatch(new RegExp(`^${file.replaceAll('.', '\\.')}:${line}:1: warning .*\\[subdivision-sequence\\]$`, 'm'));
    expect(result.stdout).not.toContain('[empty-ordinance]');
    expect(result.code).toBe(0);
  });

  it('checks the ordinances against the code', async () => {
    const dir = workspaceWithCode();
    const file = path.join(dir, 'ordinance', 'sample', '02a-amendments.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('(B) Paragraph (2) is repealed.', '(B) Paragraph (9) is repealed.'));
    const result = await runMain(['check', given], dir);
    expect(result.stdout).toMatch(/^ordinance\/sample\/02a-amendments\.md:\d+:1: error .*§ 1-101\(b\)\(9\) does not exist: .*\[amendment-target\]$/m);
    expect(result.stdout).not.toContain('[empty-ordinance]');
    expect(result.code).toBe(1);
  });

  it("checks the code's own registry", async () => {
    const dir = workspaceWithCode();
    writeFileSync(path.join(dir, 'ordinance', 'dc-code', 'directives', 'broken.md'), '---\nid: broken\n---\n');
    const result = await runMain(['check', given], dir);
    expect(result.stdout).toMatch(/^ordinance\/dc-code\/directives\/broken\.md:2:1: error .*\[front-matter-schema\]$/m);
    expect(result.code).toBe(1);
  });

  it('still reports an empty ordinance folder, and a title without code.md, beside the code', async () => {
    const dir = workspaceWithCode();
    mkdirSync(path.join(dir, 'ordinance', 'empty'));
    mkdirSync(path.join(dir, 'ordinance', 'dc-code', 'dc-code-title-2'));
    const result = await runMain(['check', given], dir);
    expect(result.stdout.split('\n').filter((l) => l.includes('[empty-ordinance]'))).toEqual([
      'ordinance/dc-code/dc-code-title-2:1:1: error Unexpected empty ordinance folder, expected `ordinance.md` and one Markdown file per section [empty-ordinance]',
      'ordinance/empty:1:1: error Unexpected empty ordinance folder, expected `ordinance.md` and one Markdown file per section [empty-ordinance]',
    ]);
    expect(result.code).toBe(1);
  });
});

describe("the workspace's root, named", () => {
  it('stands for the folder of ordinances it holds: its other folders are not read', async () => {
    const dir = workspaceWithCode();
    mkdirSync(path.join(dir, 'docs', 'guide'), { recursive: true });
    writeFileSync(path.join(dir, 'docs', 'guide', '01-start.md'), '---\ntitle: Start\n---\nNotes for the drafters.\n');
    writeFileSync(path.join(dir, 'docs', 'index.md'), '# Docs\n');
    // Markdown of its own (not a README) does not make it an ordinance either.
    writeFileSync(path.join(dir, 'CONTRIBUTING.md'), '# Contributing\n');
    expect(await runMain(['check', '.'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    // The folder of ordinances is still checked in full from there.
    writeFileSync(path.join(dir, 'ordinance', 'sample', 'ordinance.md'), '---\ntitle: 1\n---\n');
    const broken = await runMain(['check', '.'], dir);
    expect(broken.stdout).toMatch(/^ordinance\/sample\/ordinance\.md:\d+:\d+: error .*\[front-matter-schema\]$/m);
    expect(broken.code).toBe(1);
  });
});

describe('a code beside the ordinances: build', () => {
  it("builds the ordinances and the code's titles from the root, and takes no build output for an ordinance", async () => {
    const dir = workspaceWithCode();
    const built = await runMain(['build', '.', '--quiet'], dir, EPOCH);
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(readdirSync(path.join(dir, 'dist')).sort()).toEqual(['dc-code-title-1', 'directives.json', 'sample']);
    expect(readdirSync(path.join(dir, 'dist', 'dc-code-title-1'))).toContain('dc-code-title-1.pdf');
    expect(readdirSync(path.join(dir, 'dist', 'sample'))).toContain('amendments.json');
    // dist/ beside ordinance/, and a build's output copied among the ordinances: neither is a source.
    expect(await runMain(['check', '.'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    cpSync(path.join(dir, 'dist'), path.join(dir, 'ordinance', 'out'), { recursive: true });
    expect(await runMain(['check', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(await runMain(['check', '.'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    const named = await runMain(['check', 'dist'], dir);
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('no ordinances found in dist');
  });
});
