/**
 * What a build writes and removes, and what stops it (issue 13, items 1, 2
 * and 8, and symbolic links): the output folder is never among the sources;
 * only files the tool wrote are ever removed; a source that cannot be read
 * is a finding on its ordinance and the others still build; a folder that
 * cannot be written is one line, exit 2; builds running at once into one
 * folder never fail, and a killed build's temporary files are cleaned.
 */
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { threadId } from 'node:worker_threads';
import { removeTemporariesOfThread, temporaryName } from '../pipeline/outputs/temporary.js';
import { BIN, FIXTURES, runCli, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };
const OUTPUTS = ['.ordinance-outputs.json', 'record.json', 'sample.pdf', 'summary.json', 'summary.md', 'summary.pdf', 'text.html', 'xref.json'];

/** Every file below `dir` with its size and modification time: what a refused build must leave as it was. */
function snapshot(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const stat = statSync(file);
    out.push(`${path.relative(dir, file)} ${stat.size} ${stat.mtimeMs}`);
  }
  return out.sort();
}

/** A second ordinance beside the base sample, built once while good. */
async function twoOrdinances(): Promise<string> {
  const dir = workspace();
  cpSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'ordinance', 'second'), { recursive: true });
  expect((await runMain(['build', 'ordinance', '--quiet'], dir, EPOCH)).code).toBe(0);
  expect(existsSync(path.join(dir, 'dist', 'second', 'second.pdf'))).toBe(true);
  return dir;
}

/** The ids in dist/directives.json's citedBy lists: which built ordinances it names. */
function indexed(dir: string): string[] {
  const index = JSON.parse(readFileSync(path.join(dir, 'dist', 'directives.json'), 'utf8')) as { directives: { citedBy?: { ordinance: string }[] }[] };
  return [...new Set(index.directives.flatMap((d) => (d.citedBy ?? []).map((c) => c.ordinance)))].sort();
}

describe('--out among the sources (item 1)', () => {
  it.each([
    ['ordinance', 'is the source folder ordinance'],
    ['ordinance/sample', 'is the source folder ordinance/sample'],
    ['ordinance/sample/out', 'lies inside the source folder ordinance/sample'],
    ['ordinance/directives/out', 'lies inside the source folder ordinance/directives'],
    ['.', 'holds the source folder ordinance'],
  ])('--out %s is refused with exit 2 before anything is written or removed', async (out, why) => {
    const dir = workspace();
    const before = snapshot(dir);
    const result = await runMain(['build', 'ordinance', '--out', out], dir);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`ordinance: --out ${out} ${why}: a build would write among the sources; choose an output folder apart from them\n`);
    expect(snapshot(dir)).toEqual(before);
  });

  it('is refused through a link, and when one ordinance of a broken workspace is named', async () => {
    const dir = workspace();
    symlinkSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'out'));
    writeFileSync(path.join(dir, 'ordinance', 'sample', '01-purpose.md'), '---\nid: purpose\nkind: nonsense\n---\nText.\n');
    const before = snapshot(path.join(dir, 'ordinance'));
    const result = await runMain(['build', 'ordinance/sample', '--out', 'out'], dir);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^ordinance: --out out is the source folder ordinance\/sample: /);
    expect(snapshot(path.join(dir, 'ordinance'))).toEqual(before);
  });
});

describe('removing old outputs (item 1)', () => {
  it('removes only the files the last build wrote, never what others put beside them', async () => {
    const dir = workspace();
    expect((await runMain(['build', 'ordinance', '--quiet'], dir, EPOCH)).code).toBe(0);
    const out = path.join(dir, 'dist', 'sample');
    expect(readdirSync(out).sort()).toEqual(OUTPUTS);
    writeFileSync(path.join(out, 'notes.txt'), 'mine\n');
    mkdirSync(path.join(out, 'versions'));
    writeFileSync(path.join(out, 'versions', 'v1.pdf'), 'frozen\n');
    // Rebuilt: what others put there stays.
    expect((await runMain(['build', 'ordinance', '--quiet'], dir, EPOCH)).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual([...OUTPUTS, 'notes.txt', 'versions'].sort());
    // Broken: every output is retracted, and nothing else.
    writeFileSync(path.join(dir, 'ordinance', 'sample', '01-purpose.md'), '---\nid: purpose\nkind: nonsense\n---\nText.\n');
    expect((await runMain(['build', 'ordinance', '--quiet'], dir, EPOCH)).code).toBe(1);
    expect(readdirSync(out).sort()).toEqual(['notes.txt', 'versions']);
    expect(readFileSync(path.join(out, 'versions', 'v1.pdf'), 'utf8')).toBe('frozen\n');
  });

  it('never follows a manifest out of its folder', async () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'dist', 'sample'), { recursive: true });
    writeFileSync(
      path.join(dir, 'dist', 'sample', '.ordinance-outputs.json'),
      JSON.stringify({ tool: 'ordinance', files: ['../../ordinance/sample/ordinance.md', '..', '.hidden'] }),
    );
    writeFileSync(path.join(dir, 'ordinance', 'sample', '01-purpose.md'), '---\nid: purpose\nkind: nonsense\n---\nText.\n');
    expect((await runMain(['build', 'ordinance', '--quiet'], dir)).code).toBe(1);
    expect(existsSync(path.join(dir, 'ordinance', 'sample', 'ordinance.md'))).toBe(true);
  });
});

describe('one bad input never stops the others (item 2)', () => {
  /** Break `second`, rebuild, and check: exit 1, the finding, `sample` built, `second`'s outputs gone, the index rewritten. */
  async function expectFinding(dir: string, finding: string): Promise<void> {
    const result = await runMain(['build', 'ordinance'], dir, EPOCH);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toContain(finding);
    expect(result.code).toBe(1);
    expect(readdirSync(path.join(dir, 'dist', 'sample')).sort()).toEqual(OUTPUTS);
    expect(readdirSync(path.join(dir, 'dist', 'second'))).toEqual([]);
    expect(indexed(dir)).toEqual(['sample']);
  }

  it('a folder named ordinance.md (EISDIR)', async () => {
    const dir = await twoOrdinances();
    const file = path.join(dir, 'ordinance', 'second', 'ordinance.md');
    rmSync(file);
    mkdirSync(file);
    await expectFinding(dir, 'ordinance/second/ordinance.md:1:1: error Unexpected folder `ordinance.md`, expected a Markdown file [source-file]\n');
  });

  it('a dangling symlinked section (ENOENT)', async () => {
    const dir = await twoOrdinances();
    symlinkSync('../missing/06-gone.md', path.join(dir, 'ordinance', 'second', '06-gone.md'));
    await expectFinding(
      dir,
      'ordinance/second/06-gone.md:1:1: error § 6: Unexpected dangling link to `../missing/06-gone.md`, expected a link to a file or folder that exists [source-link]\n',
    );
  });

  it('a section that cannot be read: a named pipe where a file must be', async () => {
    const dir = await twoOrdinances();
    expect(spawnSync('mkfifo', [path.join(dir, 'ordinance', 'second', '06-pipe.md')]).status).toBe(0);
    await expectFinding(dir, 'ordinance/second/06-pipe.md:1:1: error § 6: Unexpected named pipe `06-pipe.md`, expected a Markdown file [source-file]\n');
  });

  it('a broken ordinance of the same name in a second workspace leaves the valid one built', async () => {
    const dir = workspace();
    cpSync(path.join(dir, 'ordinance'), path.join(dir, 'other'), { recursive: true });
    const metadata = path.join(dir, 'other', 'sample', 'ordinance.md');
    writeFileSync(metadata, readFileSync(metadata, 'utf8').replace('version: 1', 'version: x'));
    const result = await runMain(['build', 'ordinance/sample', 'other/sample'], dir, EPOCH);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'other/sample:1:1: error Unexpected ordinance folder name `sample`, expected a name of its own: `ordinance/sample` is built to the same place in the output folder [output-clash]\n',
    );
    expect(readdirSync(path.join(dir, 'dist', 'sample')).sort()).toEqual(OUTPUTS);
    expect(indexed(dir)).toEqual(['sample']);
  });

  it('an ordinance folder named like the index (EEXIST)', async () => {
    const dir = workspace();
    cpSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'ordinance', 'directives.json'), { recursive: true });
    const result = await runMain(['build', 'ordinance'], dir, EPOCH);
    expect(result.stderr).not.toContain('internal error');
    expect(result.stdout).toContain('ordinance/directives.json:1:1: error Unexpected ordinance folder name `directives.json`');
    expect(result.code).toBe(1);
    expect(statSync(path.join(dir, 'dist', 'directives.json')).isFile()).toBe(true);
    expect(indexed(dir)).toEqual(['sample']);
  });

  it('rewrites directives.json empty when every ordinance fails', async () => {
    const dir = await twoOrdinances();
    expect(indexed(dir)).toEqual(['sample', 'second']);
    for (const slug of ['sample', 'second']) writeFileSync(path.join(dir, 'ordinance', slug, '01-purpose.md'), '---\nid: purpose\nkind: nonsense\n---\nText.\n');
    const result = await runMain(['build', 'ordinance'], dir, EPOCH);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`built ${path.join('dist', 'directives.json')}\n`);
    expect(JSON.parse(readFileSync(path.join(dir, 'dist', 'directives.json'), 'utf8'))).toEqual({ directives: [] });
  });
});

describe('an output folder that cannot be written (item 2)', () => {
  it.each([
    ['a file', 'afile', 'ordinance: --out afile is not a folder, expected a folder for the outputs\n'],
    ['/dev/null', '/dev/null', 'ordinance: --out /dev/null is not a folder, expected a folder for the outputs\n'],
    ['a folder below a file', 'afile/sub', 'ordinance: cannot write to --out afile/sub (ENOTDIR: not a directory)\n'],
    ['/proc/x', '/proc/x', 'ordinance: cannot write to --out /proc/x (ENOENT: no such file or directory)\n'],
  ])('--out at %s is one line, exit 2, and fails fast', (_, out, line) => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'afile'), 'not a folder\n');
    const result = spawnSync(process.execPath, [BIN, 'build', 'ordinance', '--out', out], { cwd: dir, encoding: 'utf8', timeout: 30_000 });
    expect(result.signal).toBeNull();
    expect(result.status).toBe(2);
    expect(result.stderr).toBe(line);
    expect(result.stdout).toBe('');
  });
});

describe('symbolic links (item 3)', () => {
  it('a linked section inside the workspace is read in its place, not skipped', async () => {
    const dir = workspace();
    const sample = path.join(dir, 'ordinance', 'sample');
    mkdirSync(path.join(sample, '.shared'));
    renameSync(path.join(sample, '02-records.md'), path.join(sample, '.shared', '02-records.md'));
    symlinkSync('.shared/02-records.md', path.join(sample, '02-records.md'));
    expect(await runMain(['build', 'ordinance', '--quiet'], dir, EPOCH)).toEqual({ code: 0, stdout: '', stderr: '' });
    const summary = JSON.parse(readFileSync(path.join(dir, 'dist', 'sample', 'summary.json'), 'utf8')) as { sections: { id: string; label: string }[] };
    expect(summary.sections.map((s) => [s.id, s.label])).toEqual([
      ['purpose', 'Section 1'],
      ['records', 'Section 2'],
    ]);
  });

  it('a linked folder inside the workspace is walked as a group', async () => {
    const dir = workspace();
    const parts = path.join(dir, 'ordinance', '.parts', 'chapter');
    mkdirSync(parts, { recursive: true });
    writeFileSync(path.join(parts, 'group.md'), '---\nheading: General Provisions\n---\n');
    // A finding inside the linked folder shows it was read, at the path the drafter sees.
    writeFileSync(path.join(parts, '06-more.md'), '---\nid: more\nheading: More\n---\nAs in :ref{to=nowhere}.\n');
    symlinkSync('../.parts/chapter', path.join(dir, 'ordinance', 'sample', '06-chapter'));
    const result = await runMain(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0' });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ordinance\/sample\/06-chapter\/06-more\.md:5:\d+: error § 6: Unknown section id `nowhere`/m);
    expect(result.stdout).not.toMatch(/source-link/);
  });

  it.each([
    [
      'a section leaving the workspace',
      (dir: string) => symlinkSync(path.join(FIXTURES, 'base', 'ordinance', 'sample', '03-severability.md'), path.join(dir, 'ordinance', 'sample', '06-outside.md')),
      '06-outside.md',
      /Unexpected link to `[^`]+03-severability\.md` outside the workspace `[^`]+`, expected a link to a file or folder inside it \[source-link\]/,
    ],
    [
      'a folder leaving the workspace',
      (dir: string) => symlinkSync(path.join(FIXTURES, 'base', 'ordinance', 'directives'), path.join(dir, 'ordinance', 'sample', '06-outside')),
      '06-outside',
      /Unexpected link to `[^`]+` outside the workspace `[^`]+`, expected a link to a file or folder inside it \[source-link\]/,
    ],
    [
      'a folder leading back to its own',
      (dir: string) => symlinkSync('..', path.join(dir, 'ordinance', 'sample', '06-loop')),
      '06-loop',
      /Unexpected link to `\.\.`, a folder that holds it, expected a link to a folder beside or below it \[source-link\]/,
    ],
  ])('%s is a positioned error, never skipped', (_, link, name, message) => {
    const dir = workspace();
    link(dir);
    const result = spawnSync(process.execPath, [BIN, 'check', 'ordinance'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, ORDINANCE_CACHE: '0' } });
    expect(result.status).toBe(1);
    // A section file's finding carries its law path (the section it would be); a folder's has none.
    const where = name.endsWith('.md') ? '§ 6: ' : '';
    expect(result.stdout).toMatch(new RegExp(`^ordinance/sample/${name}:1:1: error ${where}${message.source}\\n$`));
  });
});

describe('builds at once, and killed builds (item 8)', () => {
  /** Run the CLI without waiting, so two builds overlap. */
  function runAsync(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, ...EPOCH } });
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  it('two builds into one --out never fail, and leave whole outputs', async () => {
    const dir = workspace();
    for (const slug of ['b', 'c', 'd']) cpSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'ordinance', slug), { recursive: true });
    for (let round = 0; round < 3; round++) {
      const results = await Promise.all([runAsync(['build', 'ordinance', '--quiet'], dir), runAsync(['build', 'ordinance', '--quiet'], dir)]);
      expect(results).toEqual([
        { code: 0, stderr: '' },
        { code: 0, stderr: '' },
      ]);
    }
    for (const slug of ['sample', 'b', 'c', 'd']) {
      const names = readdirSync(path.join(dir, 'dist', slug)).sort();
      expect(names).toEqual(OUTPUTS.map((n) => n.replace('sample', slug)).sort());
      const pdf = readFileSync(path.join(dir, 'dist', slug, `${slug}.pdf`), 'latin1');
      expect(pdf.startsWith('%PDF-')).toBe(true);
      expect(pdf.trimEnd().endsWith('%%EOF')).toBe(true);
    }
    expect(indexed(dir)).toEqual(['b', 'c', 'd', 'sample']);
    expect(readdirSync(path.join(dir, 'dist')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 120_000);

  it('never removes the temporary file of another build writing into the same folder (the cause of the 1 in 30 failures)', () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'dist', 'sample'), { recursive: true });
    // This test's own process stands for a build still writing.
    const running = [path.join(dir, 'dist', 'sample', `.sample.pdf.${process.pid}.0a1b2c3d.tmp`), path.join(dir, 'dist', `.directives.json.${process.pid}.0a1b2c3d.tmp`)];
    for (const file of running) writeFileSync(file, '');
    expect(runCli(['build', 'ordinance', '--quiet'], dir, EPOCH).code).toBe(0);
    for (const file of running) expect(existsSync(file)).toBe(true);
  });

  it('cleans the temporary files of a build that is gone', () => {
    const dir = workspace();
    // The id of a process that has ended.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    mkdirSync(path.join(dir, 'dist', 'sample'), { recursive: true });
    const stale = [path.join(dir, 'dist', `.directives.json.${gone}.tmp`), path.join(dir, 'dist', 'sample', `.sample.pdf.${gone}.0a1b2c3d.tmp`)];
    for (const file of stale) writeFileSync(file, '');
    expect(runCli(['build', 'ordinance', '--quiet'], dir, EPOCH).code).toBe(0);
    for (const file of stale) expect(existsSync(file)).toBe(false);
  });

  it("removes what a worker thread that died was writing, and only that thread's", () => {
    const dir = path.join(workspace(), 'dist');
    mkdirSync(path.join(dir, 'sample'), { recursive: true });
    // Threads 7 and 8 of this process, and one of an older version's names (no thread): only thread 7 died.
    const dead = [path.join(dir, 'sample', `.sample.pdf.${process.pid}.t7.0a1b2c3d.tmp`), path.join(dir, `.directives.json.${process.pid}.t7.0a1b2c3d.tmp`)];
    const alive = [path.join(dir, 'sample', `.sample.pdf.${process.pid}.t8.0a1b2c3d.tmp`), path.join(dir, 'sample', `.summary.md.${process.pid}.0a1b2c3d.tmp`)];
    for (const file of [...dead, ...alive]) writeFileSync(file, '');
    removeTemporariesOfThread(dir, 7);
    for (const file of dead) expect(existsSync(file), file).toBe(false);
    for (const file of alive) expect(existsSync(file), file).toBe(true);
    // A name written now says its thread, so the thread that replaces a dead one can find it.
    expect(temporaryName('sample.pdf')).toMatch(new RegExp(`^\\.sample\\.pdf\\.${process.pid}\\.t${threadId}\\.[0-9a-f]{8}\\.tmp$`));
  });

  it('removes its temporary files when interrupted', async () => {
    const dir = workspace();
    for (const slug of ['b', 'c']) cpSync(path.join(dir, 'ordinance', 'sample'), path.join(dir, 'ordinance', slug), { recursive: true });
    const child = spawn(process.execPath, [BIN, 'build', 'ordinance', '--quiet'], { cwd: dir });
    // Interrupted once it has begun writing.
    while (!existsSync(path.join(dir, 'dist', 'b'))) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill('SIGTERM');
    const code = await new Promise((resolve) => child.on('close', (c, signal) => resolve(c ?? signal)));
    // 143 from its handler; on a loaded machine the build may have finished (0) or be exiting when the signal lands.
    expect([143, 0, 'SIGTERM']).toContain(code);
    const left = readdirSync(path.join(dir, 'dist'), { recursive: true }).map(String);
    expect(left.filter((n) => n.endsWith('.tmp'))).toEqual([]);
  }, 60_000);
});
