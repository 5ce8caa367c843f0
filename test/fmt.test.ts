/**
 * `ordinance fmt` never changes what a source means: every source of the
 * sample, of a messy copy of it and of an imported D.C. Code title, formatted
 * by the CLI, gives the same ordinance model and the same findings; a second
 * run changes nothing (idempotent); `--check` lists what is not formatted.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectDiagnostics } from '../pipeline/report/diagnostics.js';
import { formatFileText, formatSource } from '../pipeline/fmt/format-source.js';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import { compileWorkspace, filesOf } from '../pipeline/runner/run.js';
import { DC_CODE } from './corpora.js';
import { FIXTURES, ROOT, runCli, sampleCopy, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';

/** Every model and finding of the workspace at `dir/folder`, without source positions (formatting moves text, never changes it). */
async function meaningOf(dir: string, folder: string): Promise<string> {
  const cwd = process.cwd();
  process.chdir(dir);
  try {
    const models: unknown[] = [];
    const findings: unknown[] = [];
    for (const ws of discoverWorkspaces([folder])) {
      const result = await compileWorkspace(ws, { build: false, outDir: 'dist', cache: false });
      for (const o of result.ordinances) models.push(o.ordinance);
      findings.push(...collectDiagnostics(filesOf([result])).map((d) => `${d.file} ${d.severity} ${d.where ?? ''} ${d.message} [${d.ruleId}]`));
    }
    return canonical({ models, findings });
  } finally {
    process.chdir(cwd);
  }
}

/** A value as text, without source positions; a source file by its path, an object that holds itself (a resolved reference's target) by a mark. */
function canonical(value: unknown, ancestors: object[] = []): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (value instanceof VFile) return JSON.stringify(value.path);
  if (ancestors.includes(value)) return '"[itself]"';
  const inner = [...ancestors, value];
  if (value instanceof Map) return `Map{${[...value].map(([k, v]) => `${canonical(k, inner)}:${canonical(v, inner)}`).join(',')}}`;
  if (Array.isArray(value)) return `[${value.map((v) => canonical(v, inner)).join(',')}]`;
  const entries = Object.entries(value).filter(([key]) => key !== 'position' && key !== 'offset');
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v, inner)}`).join(',')}}`;
}

function markdownBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.md') && path.basename(name) !== 'README.md')
    .map((name) => path.join(dir, name))
    .filter((file) => statSync(file).isFile())
    .sort();
}

function snapshot(dir: string): Map<string, string> {
  return new Map(markdownBelow(dir).map((file) => [file, readFileSync(file, 'utf8')]));
}

/** fmt `folder` in `dir` by the CLI; the model and findings must not change, nor a second run anything. Returns the files fmt changed. */
async function formatAndProve(dir: string, folder: string): Promise<string[]> {
  const before = await meaningOf(dir, folder);
  const sources = snapshot(path.join(dir, folder));
  const result = await runMain(['fmt', folder, '--quiet'], dir);
  expect(result, result.stderr).toMatchObject({ code: 0, stdout: '' });
  const formatted = snapshot(path.join(dir, folder));
  expect(await meaningOf(dir, folder)).toBe(before);
  // Idempotent: the formatted text is its own canonical form, and --check says so.
  for (const text of formatted.values()) expect(formatSource(text).text).toBe(text);
  expect(await runMain(['fmt', '--check', folder], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  return [...formatted].filter(([file, text]) => sources.get(file) !== text).map(([file]) => path.relative(dir, file));
}

describe('ordinance fmt', () => {
  it('leaves the shipped sample as it is: it is already canonical', async () => {
    const dir = sampleCopy();
    expect(await formatAndProve(dir, 'ordinance')).toEqual([]);
  });

  it('formats a messy section canonically, keeping the words as written and the model the same', async () => {
    const dir = workspace(path.join(FIXTURES, 'fmt', 'messy'));
    const check = await runMain(['fmt', '--check', 'ordinance'], dir);
    expect(check).toEqual({ code: 1, stdout: 'ordinance/sample/02-records.md: not formatted (run `ordinance fmt`)\n', stderr: '' });
    expect(await formatAndProve(dir, 'ordinance')).toEqual(['ordinance/sample/02-records.md']);
    const text = readFileSync(path.join(dir, 'ordinance/sample/02-records.md'), 'utf8');
    // The house style: `*` emphasis, `**` strong, `-` bullets, aligned tables, one blank line between blocks.
    expect(text).toContain('any detention by a police officer, *including* a **brief** one.\n\n(a) Every Stop');
    expect(text).toContain('| field     |    kept    |\n| --------- | :--------: |\n| the date  |   always   |');
    expect(text).toContain('- a copy on paper\n- a copy by e-mail\n');
    // The drafter's words, brackets and escapes as written; attributes bare where written bare, quoted otherwise.
    expect(text).toContain('recorded [in writing], with a copy to the person stopped \\[on request].');
    expect(text).toContain(':ref{to="records" pin="(b)"} are public, except as provided in :ref{to=purpose}.\\\n');
    expect(text).toContain('[the Clerk](mailto:clerk@example.org)');
    // The front matter byte for byte.
    expect(text.startsWith(readFileSync(path.join(FIXTURES, 'fmt/messy/ordinance/sample/02-records.md'), 'utf8').slice(0, 120))).toBe(true);
  });

  it('formats one file named alone, and reports an unreadable one with exit 1', async () => {
    const dir = workspace(path.join(FIXTURES, 'fmt', 'messy'));
    expect(await runMain(['fmt', 'ordinance/sample/02-records.md'], dir)).toEqual({ code: 0, stdout: '', stderr: 'formatted ordinance/sample/02-records.md\n' });
    writeFileSync(path.join(dir, 'ordinance/sample/01-purpose.md'), Buffer.from([0x2d, 0x2d, 0x2d, 0x0a, 0xff, 0x0a]));
    const result = await runMain(['fmt', 'ordinance'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('ordinance/sample/01-purpose.md: not formatted: the file cannot be read (`ordinance check` says why)\n');
  });

  it("keeps a file's CRLF line endings, every one of them, and its byte-order mark", async () => {
    const dir = workspace(path.join(FIXTURES, 'fmt', 'messy'));
    const messy = path.join(dir, 'ordinance/sample/02-records.md');
    const canonicalFile = path.join(dir, 'ordinance/sample/01-purpose.md');
    // The same file with LF formatted: what the CRLF one must give, but for its endings and its mark.
    const lfResult = await runMain(['fmt', '--quiet', 'ordinance/sample/02-records.md'], dir);
    expect(lfResult.code).toBe(0);
    const expected = readFileSync(messy, 'utf8');
    const canonicalText = readFileSync(canonicalFile, 'utf8');
    const messyText = readFileSync(path.join(FIXTURES, 'fmt/messy/ordinance/sample/02-records.md'), 'utf8');
    const bom = Buffer.from([0xef, 0xbb, 0xbf]);
    const asCrlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
    writeFileSync(messy, Buffer.concat([bom, Buffer.from(asCrlf(messyText))]));
    writeFileSync(canonicalFile, Buffer.concat([bom, Buffer.from(asCrlf(canonicalText))]));
    // A canonical file with CRLF and a mark is canonical: --check lists only the messy one.
    expect(await runMain(['fmt', '--check', 'ordinance'], dir)).toEqual({ code: 1, stdout: 'ordinance/sample/02-records.md: not formatted (run `ordinance fmt`)\n', stderr: '' });
    expect(await runMain(['fmt', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: 'formatted ordinance/sample/02-records.md\n' });
    const written = readFileSync(messy);
    expect(written.subarray(0, 3)).toEqual(bom);
    const text = written.subarray(3).toString('utf8');
    expect(text.match(/\r\n/g)?.length).toBe(text.match(/\n/g)?.length);
    expect(text).toBe(asCrlf(expected));
    expect(readFileSync(canonicalFile)).toEqual(Buffer.concat([bom, Buffer.from(asCrlf(canonicalText))]));
    expect(await runMain(['fmt', '--check', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('leaves an adopted ordinance as enacted, byte for byte', async () => {
    const dir = workspace(path.join(FIXTURES, 'fmt', 'messy'));
    const metadata = path.join(dir, 'ordinance/sample/ordinance.md');
    writeFileSync(metadata, readFileSync(metadata, 'utf8').replace('status: draft', 'status: adopted'));
    const before = snapshot(path.join(dir, 'ordinance'));
    expect(await runMain(['fmt', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await runMain(['fmt', '--check', 'ordinance/sample/02-records.md'], dir)).code).toBe(0);
    expect(snapshot(path.join(dir, 'ordinance'))).toEqual(before);
  });
});

/** The text with every blank line between blocks doubled (the front matter as it is): the same meaning, not in the house style. */
function respaced(text: string): string {
  const body = /^---\n[\s\S]*?\n---\n/.exec(text)?.[0].length ?? 0;
  return text.slice(0, body) + text.slice(body).replace(/\n\n/g, '\n\n\n');
}

describe.skipIf(!DC_CODE.present)(`ordinance fmt on an imported D.C. Code title (${DC_CODE.needed})`, () => {
  let dir: string;

  beforeAll(() => {
    const xml = tempDir('dc-xml-');
    execFileSync('tar', ['-xJf', DC_CODE.file, '-C', xml, 'us/dc/council/code/index.xml', 'us/dc/council/code/titles/24']);
    dir = tempDir('dc-fmt-');
    expect(runCli(['import', 'dc-code', xml, path.join(dir, 'dc'), '--titles', '24'], ROOT).code).toBe(0);
  });

  it('formats every source, respaced, back to its canonical form with the same model and findings', async () => {
    const imported = snapshot(path.join(dir, 'dc'));
    expect(imported.size).toBeGreaterThan(300);
    let respacedFiles = 0;
    for (const [file, text] of imported) {
      if (respaced(text) !== text) respacedFiles++;
      writeFileSync(file, respaced(text));
    }
    expect(respacedFiles).toBeGreaterThan(250);
    const changed = await formatAndProve(dir, 'dc');
    expect(changed.length).toBe(respacedFiles);
    for (const [file, text] of imported) expect(readFileSync(file, 'utf8'), file).toBe(formatSource(text).text);
  }, 300_000);
});

describe('formatSource', () => {
  it('gives a file of mixed line endings the ending most of its lines have, on every line', () => {
    const source = '---\r\nid: a\r\nheading: A\r\n---\r\n\r\nOne *word*\nand _another_.\r\n';
    expect(formatFileText(source).text).toBe('---\r\nid: a\r\nheading: A\r\n---\r\n\r\nOne *word*\r\nand *another*.\r\n');
    expect(formatFileText(source.replace(/\r\n/g, '\n').replace('word*\n', 'word*\r\n')).text).toBe('---\nid: a\nheading: A\n---\n\nOne *word*\nand *another*.\n');
  });

  it('keeps a next-line suppression on the line right before the block it suppresses', () => {
    const text = '---\nid: x\n---\n(a) The words.\n\n<!-- ordinance-disable-next-line vague-terms -- quoted as enacted -->\n> (b) Sufficient experience.\n';
    expect(formatSource(text)).toEqual({ text, how: 'as-written' });
    // A blank line the drafter left stays: the suppression then covers that blank line, as written.
    const apart = text.replace('-->\n>', '-->\n\n>');
    expect(formatSource(apart).text).toBe(apart);
  });

  it('prints each file of the sample unchanged, and a copy with every construct respaced back to it', () => {
    for (const file of markdownBelow(path.join(ROOT, 'ordinance')).filter((f) => !f.endsWith('README.md'))) {
      const text = readFileSync(file, 'utf8');
      expect(formatSource(text)).toEqual({ text, how: 'as-written' });
      expect(formatSource(text.replace(/\n\n/g, '\n\n\n')).text).toBe(text);
    }
  });
});
