/**
 * The CLI as CI and drafters use it: exit codes, silence when clean, usage
 * errors without stack traces, and builds that never leave stale or partial
 * output behind.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, laSampleCopy, ROOT, runCli, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const SLUG = 'la-sanctuary-city';

describe('ordinance check', () => {
  it('exits 0 with no output on the shipped ordinances', () => {
    expect(runCli(['check', 'ordinance/'], ROOT)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('checks ordinance/ when no path is given, and a single ordinance folder or file', () => {
    expect(runCli(['check'], ROOT).code).toBe(0);
    expect(runCli(['check', `ordinance/${SLUG}`], ROOT).code).toBe(0);
    expect(runCli(['check', `ordinance/${SLUG}/04-prohibitions.md`], ROOT).code).toBe(0);
  });

  it('exits 1 on a broken copy of the sample, naming file, line and column', () => {
    const dir = laSampleCopy();
    const file = path.join(dir, 'ordinance', SLUG, '04-prohibitions.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(':ref{to=exceptions}', ':ref{to=exemptions}'));
    const result = runCli(['check', 'ordinance/'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^ordinance\/la-sanctuary-city\/04-prohibitions\.md:7:\d+: error § 4: Unknown section id `exemptions`, expected `exceptions` or else one of .+ \[section-ref-resolves\]\n$/,
    );
    expect(result.stderr).toBe('1 error, 0 warnings\n');
  });

  it('writes GitHub annotations and JSON on request', () => {
    const dir = workspace(path.join(ROOT, 'test/fixtures/bad-input/unregistered-directive'));
    const github = runCli(['check', 'ordinance', '--format', 'github'], dir);
    expect(github.stdout).toBe(
      '::error file=ordinance/sample/01-purpose.md,line=6,col=25,endLine=6,endColumn=64,title=citation-resolves::§ 1: Unknown directive `example-ordr`, expected a registered id (did you mean `example-order`?); register it as `ordinance/directives/example-ordr.md`\n',
    );
    const json = JSON.parse(runCli(['check', 'ordinance', '--format=json'], dir).stdout);
    expect(json).toEqual([expect.objectContaining({ file: 'ordinance/sample/01-purpose.md', line: 6, column: 25, severity: 'error', ruleId: 'citation-resolves', where: '§ 1' })]);
  });
});

describe('usage errors', () => {
  it.each([
    [['frobnicate'], /unknown command `frobnicate`/],
    [['check', 'no-such-folder'], /no such file or folder: no-such-folder/],
    [['check', '--format', 'xml'], /unknown format `xml`/],
    [['check', '--bogus'], /unknown option `--bogus`/],
  ])('%j exits 2 with a message, not a stack trace', (args, message) => {
    const result = runCli(args, ROOT);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(result.stdout).toBe('');
  });

  it('prints help', () => {
    const result = runCli(['--help'], ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage:\n {2}ordinance check/);
  });

  it('lists the rules', () => {
    const result = runCli(['rules'], ROOT);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^section-ref-resolves\s+error\s+Section references name an existing section id and subdivision$/m);
  });
});

describe('ordinance build', () => {
  it('builds the good ordinance when another is broken, and removes the stale output of the broken one', async () => {
    const dir = workspace();
    // A second ordinance, built once while good.
    const second = path.join(dir, 'ordinance', 'second');
    mkdirSync(second);
    for (const name of readdirSync(path.join(dir, 'ordinance', 'sample'))) {
      writeFileSync(path.join(second, name), readFileSync(path.join(dir, 'ordinance', 'sample', name)));
    }
    expect((await runMain(['build', 'ordinance', '--quiet'], dir)).code).toBe(0);
    expect(existsSync(path.join(dir, 'dist', 'second', 'second.pdf'))).toBe(true);

    // Then broken: its old PDF must not survive to be mistaken for current.
    writeFileSync(path.join(second, '01-purpose.md'), '---\nid: purpose\nheading: Purpose\nkind: nonsense\n---\nText.\n');
    const result = await runMain(['build', 'ordinance'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ordinance\/second\/01-purpose\.md:4:7: error § 1: Unexpected `nonsense` for `kind`/);
    expect(result.stderr).toContain('not built: ordinance/second');
    expect(readdirSync(path.join(dir, 'dist', 'second'))).toEqual([]);
    expect(readdirSync(path.join(dir, 'dist', 'sample')).sort()).toEqual([
      '.ordinance-outputs.json',
      'record.json',
      'sample.pdf',
      'summary.json',
      'summary.md',
      'summary.pdf',
      'text.html',
      'xref.json',
    ]);
  });

  it('leaves no temporary files in dist/', () => {
    const dir = workspace();
    expect(runCli(['build', 'ordinance', '--quiet'], dir).code).toBe(0);
    // Only the manifest of what the build wrote, no temporary file.
    expect(readdirSync(path.join(dir, 'dist', 'sample')).filter((n) => n.startsWith('.'))).toEqual(['.ordinance-outputs.json']);
    rmSync(dir, { recursive: true, force: true });
  });

  it("draws a DRAFT ordinance with the form's blanks where facts are unknown", async () => {
    const dir = workspace();
    expect((await runMain(['build', 'ordinance', '--quiet'], dir, { SOURCE_DATE_EPOCH: '1736208000' })).code).toBe(0);
    const { readPdf } = await import('./pdf.js');
    const pdf = await readPdf(readFileSync(path.join(dir, 'dist', 'sample', 'sample.pdf')));
    const text = pdf.pages.join(' ').replace(/\s+/g, ' ');
    // The watermark is drawn in outlines: the page says DRAFT, its text does not.
    expect(text).not.toContain('DRAFT');
    expect(text).toContain('ORDINANCE NO. ____________________');
    expect(text).toContain('Version 1 · Draft');
    expect(text).toContain('Built 2025-01-07');
    expect(text).toContain('The records described in Section 2(b) are public, except as provided in Section 1.');
  });
});

describe('output to a reader that stops early', () => {
  it('ends quietly, exit 0, when its output pipe is closed (`ordinance rules | head -1`)', async () => {
    const child = spawn(process.execPath, [BIN, 'rules'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    // The reader goes away before anything is written: every write fails with EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
