/**
 * The hostile-input suite (issue 13): every row of test/hostile-cases.ts is
 * an ordinance folder of one workspace, built by one run of the real CLI.
 * For each row: a positioned finding where the input is bad, or, when it
 * builds, every word of its source in the PDF's text and a PDF that qpdf
 * accepts (Preflight reads a few). For the run: no internal error, no stack
 * trace, nothing written outside --out, no temporary file left.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ADOPTED_FILES, adopted, BASE_ORDINANCE, ORDINANCE_CASES, type OrdinanceCase } from './hostile-cases.js';
import { BIN, FIXTURES, runCli, tempDir, workspace, type CliResult } from './helpers.js';
import { type Diagnostic, expectNoCrash, findings, pdfWords, qpdfCheck, snapshot, sourceWords } from './hostile-run.js';
import { readPdf } from './pdf.js';
import { preflight } from './preflight.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

/** The case's folder name: its row number and name. */
function slugOf(index: number, c: OrdinanceCase): string {
  const words = c.name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return `c${String(index).padStart(3, '0')}-${words}`;
}

describe('hostile ordinances, built in one run', () => {
  let ws = '';
  let result: CliResult;
  let diagnostics: Diagnostic[] = [];
  let before: string[] = [];
  const slugs = ORDINANCE_CASES.map((c, i) => slugOf(i, c));

  beforeAll(() => {
    ws = tempDir('ordinance-hostile-');
    const root = path.join(ws, 'ordinance');
    mkdirSync(path.join(root, 'directives'), { recursive: true });
    writeFileSync(path.join(root, 'directives', 'example-order.md'), readFileSync(path.join(FIXTURES, 'base', 'ordinance', 'directives', 'example-order.md')));
    for (const [i, c] of ORDINANCE_CASES.entries()) {
      const dir = path.join(root, slugs[i]!);
      mkdirSync(dir, { recursive: true });
      const files: Record<string, string | Buffer | null> = { 'ordinance.md': BASE_ORDINANCE, ...(c.preflight ? ADOPTED_FILES : {}), ...c.files };
      // Only adopted ordinances are PDF/A: a draft's watermark is transparent.
      if (c.preflight) files['ordinance.md'] = adopted(String(files['ordinance.md']));
      for (const [name, content] of Object.entries(files)) {
        if (content === null) continue;
        mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
        writeFileSync(path.join(dir, name), content);
      }
      c.setup?.(dir, ws);
    }
    // Beside the ordinance folders: a section that belongs to none (a warning), and notes (left alone).
    writeFileSync(path.join(root, '06-stray.md'), '---\nid: stray\nheading: Stray\nkind: general\n---\nStray words.\n');
    writeFileSync(path.join(root, 'notes.md'), '# Notes on these ordinances\n');
    before = snapshot(ws);
    result = runCli(['build', 'ordinance', '--out', 'dist', '--format', 'json', '--quiet'], ws, EPOCH);
    diagnostics = findings(result);
  }, 300_000);

  it('ends with exit 1 (some cases are broken), no internal error and no stack trace', () => {
    expectNoCrash(result);
    expect(result.code).toBe(1);
  });

  it('writes nothing outside --out (but its cache, .cache/ordinance/ where it runs), and leaves no temporary file in it', () => {
    expect(snapshot(ws, ['dist', '.cache'])).toEqual(before);
    expect(readdirSync(path.join(ws, '.cache'))).toEqual(['ordinance']);
    const leftovers = readdirSync(path.join(ws, 'dist'), { recursive: true }).filter((f) => String(f).endsWith('.tmp'));
    expect(leftovers).toEqual([]);
  });

  it('warns of a section file beside the ordinance folders, in none of them, and leaves notes alone', () => {
    const beside = diagnostics.filter((d) => path.dirname(d.file) === 'ordinance' && d.file.endsWith('.md'));
    expect(beside.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} [${d.ruleId}]`)).toEqual(['ordinance/06-stray.md:1:1 warning [source-file]']);
  });

  it('puts every finding inside its file', () => {
    for (const d of diagnostics) {
      const file = path.join(ws, d.file);
      const stat = lstatSync(file, { throwIfNoEntry: false });
      expect(stat, d.file).toBeDefined();
      expect(d.line, `${d.file}: ${d.message}`).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      if (stat?.isFile()) {
        const lines = readFileSync(file, 'utf8').split('\n');
        expect(d.line, `${d.file}:${d.line}: ${d.message}`).toBeLessThanOrEqual(lines.length);
        expect(d.column, `${d.file}:${d.line}:${d.column}: ${d.message}`).toBeLessThanOrEqual(lines[d.line - 1]!.length + 2);
      }
    }
  });

  it.each(ORDINANCE_CASES.map((c, i) => [c.name, i] as const))('%s', async (_name, i) => {
    const c = ORDINANCE_CASES[i]!;
    const slug = slugs[i]!;
    const mine = diagnostics.filter((d) => d.file === `ordinance/${slug}` || d.file.startsWith(`ordinance/${slug}/`));
    const pdf = path.join(ws, 'dist', slug, `${slug}.pdf`);
    const shown = mine.map((d) => `${d.file}:${d.line}:${d.column} ${d.severity} ${d.message} [${d.ruleId}]`).join('\n');
    const expected = c.expect;
    if ('rule' in expected) {
      const file = expected.file === '' ? `ordinance/${slug}` : `ordinance/${slug}/${expected.file ?? '01-case.md'}`;
      const hit = mine.find(
        (d) =>
          d.ruleId === expected.rule &&
          d.file === file &&
          d.severity === (expected.severity ?? 'error') &&
          (expected.line === undefined || d.line === expected.line) &&
          (expected.column === undefined || d.column === expected.column),
      );
      expect(hit, `expected ${expected.rule} at ${file}:${expected.line ?? '?'}:${expected.column ?? '?'}, got:\n${shown}`).toBeDefined();
      if ((expected.severity ?? 'error') === 'error') expect(existsSync(pdf), 'a broken ordinance is not built').toBe(false);
      return;
    }
    expect(
      mine.filter((d) => d.severity === 'error'),
      shown,
    ).toEqual([]);
    if (expected.warns) expect(mine.map((d) => d.ruleId)).toContain(expected.warns);
    expect(existsSync(pdf), `not built:\n${shown}`).toBe(true);
    for (const out of [pdf, path.join(ws, 'dist', slug, 'summary.pdf')].filter((f) => existsSync(f))) {
      const check = qpdfCheck(out);
      expect(check.ok, check.output).toBe(true);
    }
    const text = pdfWords(pdf);
    const words =
      expected.words ??
      Object.entries(c.files)
        .filter(([name, content]) => name.endsWith('.md') && name !== 'ordinance.md' && typeof content === 'string')
        .flatMap(([, content]) => sourceWords(content as string));
    expect(words.length).toBeGreaterThan(0);
    let missing = words.filter((w) => !text.includes(w.normalize('NFKC')));
    if (missing.length > 0) {
      // pdftotext reads line numbers and table cells by position; the reading text (pdfjs, without artifacts) is in drawing order.
      const reading = (await readPdf(readFileSync(pdf))).content.join('').normalize('NFKC').replace(/\s+/g, '');
      missing = missing.filter((w) => !reading.includes(w.normalize('NFKC')));
    }
    expect(missing, `words missing from ${slug}.pdf`).toEqual([]);
    if (c.preflight) {
      const verdict = preflight(pdf);
      expect(verdict.valid, verdict.output).toBe(true);
    }
  });
});

/**
 * Cases that need a user who cannot read or write everything: run as
 * `nobody` when the tests run as root (who can read any folder), else as the
 * tester, with permissions taken away.
 */
describe('a user without every permission', () => {
  const asUser = (args: string[], cwd: string) => {
    const root = process.getuid?.() === 0;
    const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', ...(root ? { uid: 65534, gid: 65534 } : {}) });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };
  /** A workspace everyone may read (and, with `writable`, write), below a folder everyone may enter. */
  const open = (writable: boolean) => {
    const ws = workspace();
    for (let dir = ws; dir !== path.dirname(dir) && dir.startsWith(tmpdir()); dir = path.dirname(dir)) if (dir !== tmpdir()) chmodSync(dir, 0o755);
    for (const entry of readdirSync(ws, { recursive: true, withFileTypes: true })) chmodSync(path.join(entry.parentPath, entry.name), entry.isDirectory() ? 0o755 : 0o644);
    if (!writable) chmodSync(ws, 0o555);
    return ws;
  };

  it('an unreadable sub-folder is an error at the folder; the other sections are still checked', () => {
    const ws = open(true);
    const part = path.join(ws, 'ordinance', 'sample', '06-part');
    mkdirSync(part);
    writeFileSync(path.join(part, '01-hidden.md'), '---\nid: hidden\nheading: Hidden\nkind: general\n---\nWords.\n');
    chmodSync(part, 0o000);
    const result = asUser(['check', 'ordinance'], ws);
    chmodSync(part, 0o755);
    expectNoCrash(result);
    expect(result.stdout).toBe('ordinance/sample/06-part:1:1: error Unexpected unreadable folder (EACCES), expected a folder the build can read [source-file]\n');
    expect(result.code).toBe(1);
  });

  it('a check in a folder it cannot write runs without its cache', () => {
    const ws = open(false);
    const result = asUser(['check', 'ordinance'], ws);
    chmodSync(ws, 0o755);
    expect(result).toEqual({ code: 0, stdout: '', stderr: '' });
    expect(existsSync(path.join(ws, '.cache'))).toBe(false);
  });
});

/** Command-line misuse: each row one run of the CLI in a scratch copy of the base workspace. */
interface MisuseCase {
  name: string;
  args: string[];
  env?: NodeJS.ProcessEnv;
  setup?: (ws: string) => void;
  code: number;
  /** What stderr says (for exit 2: its first line). */
  stderr?: RegExp;
}

const MISUSE: MisuseCase[] = [
  { name: 'an unknown command', args: ['frobnicate', 'ordinance'], code: 2, stderr: /^ordinance: unknown command/ },
  { name: 'an unknown option', args: ['check', '--frobnicate', 'ordinance'], code: 2, stderr: /^ordinance: unknown option/ },
  { name: '--format without a value', args: ['check', 'ordinance', '--format'], code: 2, stderr: /^ordinance: --format needs a value/ },
  { name: 'an unknown format', args: ['check', 'ordinance', '--format', 'xml'], code: 2, stderr: /^ordinance: unknown format `xml`/ },
  { name: '--max-warnings that is not a number', args: ['check', 'ordinance', '--max-warnings', 'abc'], code: 2, stderr: /^ordinance: --max-warnings/ },
  { name: 'negative --max-warnings', args: ['check', 'ordinance', '--max-warnings', '-1'], code: 2, stderr: /^ordinance: --max-warnings/ },
  { name: 'a path that does not exist', args: ['check', 'nowhere'], code: 2, stderr: /^ordinance: no such file or folder: nowhere/ },
  { name: '--config at a missing file', args: ['check', 'ordinance', '--config', 'missing.json'], code: 2, stderr: /missing\.json/ },
  {
    name: 'a configuration that is not JSON',
    args: ['check', 'ordinance'],
    setup: (ws) => writeFileSync(path.join(ws, 'ordinance.config.json'), '{ "rules": '),
    code: 2,
    stderr: /^ordinance\.config\.json:1:\d+: error/,
  },
  {
    name: 'a configuration naming an unknown rule',
    args: ['check', 'ordinance'],
    setup: (ws) => writeFileSync(path.join(ws, 'ordinance.config.json'), '{ "rules": { "no-such-rule": "off" } }'),
    code: 2,
    stderr: /^ordinance\.config\.json:1:\d+: error/,
  },
  {
    name: 'a configuration with __proto__',
    args: ['check', 'ordinance'],
    setup: (ws) => writeFileSync(path.join(ws, 'ordinance.config.json'), '{ "__proto__": { "rules": {} } }'),
    code: 2,
    stderr: /^ordinance\.config\.json:1:\d+: error/,
  },
  { name: 'SOURCE_DATE_EPOCH that is not a number', args: ['build', 'ordinance', '--out', 'dist'], env: { SOURCE_DATE_EPOCH: 'yesterday' }, code: 2, stderr: /SOURCE_DATE_EPOCH/ },
  { name: 'SOURCE_DATE_EPOCH below zero', args: ['build', 'ordinance', '--out', 'dist'], env: { SOURCE_DATE_EPOCH: '-1' }, code: 2, stderr: /SOURCE_DATE_EPOCH/ },
  { name: 'SOURCE_DATE_EPOCH past 9999', args: ['build', 'ordinance', '--out', 'dist'], env: { SOURCE_DATE_EPOCH: '253402300800' }, code: 2, stderr: /SOURCE_DATE_EPOCH/ },
  {
    name: '--out at a file',
    args: ['build', 'ordinance', '--out', 'file.txt'],
    setup: (ws) => writeFileSync(path.join(ws, 'file.txt'), 'x'),
    code: 2,
    stderr: /^ordinance: .*file\.txt/,
  },
  { name: '--out at /dev/null', args: ['build', 'ordinance', '--out', '/dev/null'], code: 2, stderr: /^ordinance: .*\/dev\/null/ },
  { name: '--out inside /proc', args: ['build', 'ordinance', '--out', '/proc/ordinance-out'], code: 2, stderr: /^ordinance: .*\/proc\/ordinance-out/ },
  { name: 'one section file named', args: ['check', 'ordinance/sample/01-purpose.md'], code: 0 },
  { name: 'the same folder named twice', args: ['check', 'ordinance', 'ordinance/sample'], code: 0 },
  { name: 'an option written with =', args: ['check', 'ordinance', '--format=json'], code: 0 },
  { name: '--help', args: ['--help'], code: 0 },
  { name: 'no arguments', args: [], code: 2 },
];

describe('command-line misuse', () => {
  it.each(MISUSE.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const ws = workspace();
    c.setup?.(ws);
    const before = snapshot(ws, ['dist']);
    const result = runCli(c.args, ws, c.env ?? {});
    expectNoCrash(result);
    expect(result.code, `${result.stdout}${result.stderr}`).toBe(c.code);
    if (c.stderr) expect(result.stderr).toMatch(c.stderr);
    if (c.code === 2 && c.args[0] === 'build') expect(existsSync(path.join(ws, 'dist'))).toBe(false);
    expect(snapshot(ws, ['dist', '.cache'])).toEqual(before.filter((f) => !f.startsWith('.cache')));
  });
});

/** Broken registry entries: each row one file of one registry, checked in one run; each must be a finding at its file, never a crash. */
const ENTRY = (front: string) => `---\n${front}---\nThe entry's text.\n`;
const GOOD =
  'id: %ID%\ncited-as:\n  - "Example Order 8"\ntitle: "Example Order No. 8"\nkind: special-order\nissuer: "Chief of Police"\ndates:\n  issued: "1990-01-02"\nstatus: in-force\n';
const good = (id: string, replace?: [RegExp, string]) => {
  const front = GOOD.replace('%ID%', id);
  return ENTRY(replace ? front.replace(replace[0], replace[1]) : front);
};

const REGISTRY: { name: string; file: string; content?: string | Buffer; setup?: (dir: string) => void; rule: string; line?: number }[] = [
  { name: 'malformed YAML', file: 'bad-yaml.md', content: ENTRY('id: bad-yaml\ntitle: [unclosed\n'), rule: 'front-matter-syntax' },
  { name: 'an unknown key', file: 'unknown-key.md', content: good('unknown-key', [/^kind:/m, 'knd:']), rule: 'front-matter-schema' },
  { name: 'no front matter', file: 'no-front-matter.md', content: 'Just words.\n', rule: 'front-matter-syntax', line: 1 },
  { name: 'an id unlike its file name', file: 'file-name.md', content: good('other-name'), rule: 'registry-id' },
  { name: 'an id of __proto__', file: '__proto__.md', content: good('__proto__'), rule: 'front-matter-schema' },
  {
    name: 'bytes that are not UTF-8',
    file: 'latin1.md',
    content: Buffer.concat([Buffer.from(good('latin1').replace('Chief', 'Ch')), Buffer.from([0xe9])]),
    rule: 'source-encoding',
  },
  {
    name: 'a control character in the title',
    file: 'control.md',
    content: good('control', [/Example Order No\. 8/, 'Example\\u0007 Order']),
    rule: 'front-matter-control-character',
  },
  { name: 'an unknown status', file: 'status.md', content: good('status', [/in-force/, 'maybe']), rule: 'front-matter-schema' },
  { name: 'an impossible date', file: 'date.md', content: good('date', [/1990-01-02/, '1990-13-45']), rule: 'front-matter-schema' },
  { name: 'pinpoints that are not a list', file: 'pinpoints.md', content: good('pinpoints', [/^status:/m, 'pinpoints: "§ 1"\nstatus:']), rule: 'front-matter-schema' },
  { name: 'an empty file', file: 'empty.md', content: '', rule: 'front-matter-syntax', line: 1 },
  { name: 'a folder named like an entry', file: 'folder.md', setup: (dir) => mkdirSync(path.join(dir, 'folder.md')), rule: 'source-file', line: 1 },
  { name: 'a dangling link', file: 'dangling.md', setup: (dir) => symlinkSync('missing.md', path.join(dir, 'dangling.md')), rule: 'source-link', line: 1 },
  { name: 'a link out of the workspace', file: 'outside.md', setup: (dir) => symlinkSync('/etc/hostname', path.join(dir, 'outside.md')), rule: 'source-link', line: 1 },
];

describe('a broken registry, checked in one run', () => {
  let ws = '';
  let result: CliResult;
  let diagnostics: Diagnostic[] = [];
  beforeAll(() => {
    ws = workspace();
    const dir = path.join(ws, 'ordinance', 'directives');
    for (const c of REGISTRY) {
      if (c.content !== undefined) writeFileSync(path.join(dir, c.file), c.content);
      c.setup?.(dir);
    }
    result = runCli(['check', 'ordinance', '--format', 'json'], ws);
    diagnostics = findings(result);
  });

  it('ends with exit 1, no internal error and no stack trace; the ordinance itself stays clean', () => {
    expectNoCrash(result);
    expect(result.code).toBe(1);
    expect(diagnostics.filter((d) => d.file.startsWith('ordinance/sample/'))).toEqual([]);
  });

  it.each(REGISTRY.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const file = `ordinance/directives/${c.file}`;
    const mine = diagnostics.filter((d) => d.file === file);
    const shown = mine.map((d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}`).join('\n');
    expect(
      mine.some((d) => d.ruleId === c.rule && d.severity === 'error' && (c.line === undefined || d.line === c.line)),
      `expected ${c.rule} in ${file}, got:\n${shown}`,
    ).toBe(true);
  });
});
