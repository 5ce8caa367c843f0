/**
 * The check cache, as the CLI uses it: a warm check reports exactly what a
 * cold one does, and an edit (even one that keeps the file's size) is seen.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SealedLines } from '../pipeline/cache/sealed-lines.js';
import { collectDiagnostics } from '../pipeline/report/diagnostics.js';
import { compileWorkspace, filesOf } from '../pipeline/runner/run.js';
import { DC_CODE } from './corpora.js';
import { FIXTURES, ROOT, runCli, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';

describe('check with the cache', () => {
  it('reports the same findings warm as cold, and sees every edit', () => {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'subdivision-gap'));
    const cold = runCli(['check', 'ordinance'], dir);
    expect(cold.code).toBe(1);
    expect(existsSync(path.join(dir, '.cache', 'ordinance'))).toBe(true);
    expect(readdirSync(path.join(dir, '.cache', 'ordinance')).some((n) => n.startsWith('summary-ordinance-'))).toBe(true);

    // Age the sources past the racy window, so the summary is trusted.
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    const old = new Date(Date.now() - 60_000);
    for (const name of readdirSync(path.join(dir, 'ordinance', 'sample'))) utimesSync(path.join(dir, 'ordinance', 'sample', name), old, old);
    runCli(['check', 'ordinance'], dir);
    const warm = runCli(['check', 'ordinance'], dir);
    expect(warm).toEqual(cold);

    // Fix the gap with an edit of the same size: (c) becomes (b).
    writeFileSync(records, readFileSync(records, 'utf8').replace('(c) Records', '(b) Records'));
    const fixed = runCli(['check', 'ordinance'], dir);
    expect(fixed.stdout).toBe('ordinance/sample/02-records.md:13:1: error § 2(b)(1): Unexpected subdivision `(1)`, expected `(2)` [subdivision-sequence]\n');

    // A registry change is seen too: the citation's target disappears.
    writeFileSync(path.join(dir, 'ordinance', 'directives', 'example-order.md'), '---\nid: example-order\n---\n');
    expect(runCli(['check', 'ordinance'], dir).stdout).toContain('[citation-resolves]');
  });

  it('can be switched off', () => {
    const dir = workspace();
    expect(runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0' }).code).toBe(0);
    expect(existsSync(path.join(dir, '.cache'))).toBe(false);
  });
});

/**
 * A partly warm check (one section edited, the rest from the analysis cache)
 * of an imported D.C. Code title gives what a cold check of the same tree
 * gives: the same findings and the same citations, those written as
 * annotations and those detected in the sections' text and in their notes.
 */
describe.skipIf(!DC_CODE.present)(`a partly warm check of an imported title (${DC_CODE.needed})`, () => {
  let xml: string;

  beforeAll(() => {
    xml = tempDir('dc-xml-');
    execFileSync('tar', ['-xJf', DC_CODE.file, '-C', xml, 'us/dc/council/code/index.xml', 'us/dc/council/code/titles/24']);
  });

  it.each([
    ['with its citations annotated', []],
    ['with its citations as plain prose', ['--plain-citations']],
  ])('finds the same as a cold one, %s', async (_, flags) => {
    const out = path.join(tempDir('dc-import-'), 'dc');
    expect((await runMain(['import', 'dc-code', xml, out, '--titles', '24', ...flags], ROOT)).code).toBe(0);
    const workspace = { registryDir: path.join(out, 'directives'), ordinances: [path.join(out, 'dc-code-title-24')] };
    const cache = { dir: tempDir('dc-cache-'), key: 'test' };
    const check = async (caching: typeof cache | false) => {
      const result = await compileWorkspace(workspace, { build: false, outDir: '', cache: caching });
      return { findings: collectDiagnostics(filesOf([result])), xref: result.ordinances[0]!.xref! };
    };
    await check(cache);
    expect(readdirSync(cache.dir).some((n) => n.startsWith('ordinance-'))).toBe(true);
    // What detection found in each file is remembered too, and answers for the unchanged files below.
    expect(readdirSync(cache.dir).some((n) => n.startsWith('detections-'))).toBe(true);

    // One section edited: it is parsed again, every other file comes from the cache.
    const [section] = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((n) => n.endsWith('-24-211.07.md'));
    const file = path.join(out, section!);
    writeFileSync(file, readFileSync(file, 'utf8').replace('\n:::annotation', '\nSee section 24-211.02 of this title, and D.C. Law 19-194.\n\n:::annotation'));
    const warm = await check(cache);
    const cold = await check(false);
    expect(warm.findings).toEqual(cold.findings);
    expect(warm.xref).toEqual(cold.xref);
    // What is compared is real: citations in the text and in the notes (history), some found in prose.
    expect(cold.xref.citations.length).toBeGreaterThan(500);
    const inNotes = cold.xref.citations.filter((c) => readFileSync(c.file, 'utf8').split('\n')[c.line - 1]!.includes('D.C. Law'));
    expect(inNotes.length).toBeGreaterThan(100);
    if (flags.length) expect(cold.xref.citations.filter((c) => c.written !== 'annotation').length).toBe(cold.xref.citations.length);
    else expect(cold.xref.citations.some((c) => c.written === 'annotation' && c.text)).toBe(true);
  });
});

/**
 * A cache is never trusted: each kind of entry (the per-file analyses, the
 * per-folder summaries) damaged each way gives exactly what a cold check
 * gives, on that run and the next (the damaged entry is dropped and written
 * again), and never a crash.
 */
describe('a damaged cache', () => {
  const CACHE = path.join('.cache', 'ordinance');

  /** A workspace with a finding from parsing (kept in the analyses) and one from a rule (kept in the summaries only). */
  function workspaceWithFindings(): string {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'unknown-annotation'));
    cpSync(path.join(FIXTURES, 'bad-input', 'subdivision-gap', 'ordinance'), path.join(dir, 'ordinance'), { recursive: true });
    return dir;
  }

  /** What a cold check of such a workspace gives (its paths are relative: the same for every copy), found once. */
  let coldCheck: ReturnType<typeof runCli>;
  beforeAll(() => {
    coldCheck = runCli(['check', 'ordinance'], workspaceWithFindings(), { ORDINANCE_CACHE: '0' });
    expect(coldCheck.code).toBe(1);
    expect(coldCheck.stdout).toContain('[unknown-annotation]');
    expect(coldCheck.stdout).toContain('[subdivision-sequence]');
  });

  /** The workspace the damage tests share, and its cache as the first check with the cache left it. */
  let checked: { dir: string; cache: Map<string, Buffer> } | null = null;

  /**
   * Such a workspace, checked once with the cache, and what a cold check
   * gives. The caches are keyed by the folder's path, so the tests share one
   * workspace (they run one after another): each starts from the cache as
   * that check left it, put back whole.
   */
  function setup(): { dir: string; cold: ReturnType<typeof runCli> } {
    const cold = coldCheck;
    if (checked) {
      const cacheDir = path.join(checked.dir, CACHE);
      rmSync(cacheDir, { recursive: true, force: true });
      mkdirSync(cacheDir, { recursive: true });
      for (const [name, bytes] of checked.cache) writeFileSync(path.join(cacheDir, name), bytes);
      return { dir: checked.dir, cold };
    }
    const dir = workspaceWithFindings();
    // Sources older than the summaries, so that a cache trusting modification times would trust them.
    const old = new Date(Date.now() - 60_000);
    for (const name of readdirSync(path.join(dir, 'ordinance'), { recursive: true, encoding: 'utf8' })) utimesSync(path.join(dir, 'ordinance', name), old, old);
    expect(runCli(['check', 'ordinance'], dir)).toEqual(cold);
    checked = { dir, cache: new Map(readdirSync(path.join(dir, CACHE)).map((name) => [name, readFileSync(path.join(dir, CACHE, name))])) };
    return { dir, cold };
  }

  /** The cache files whose names start with `prefix`. */
  function cacheFiles(dir: string, prefix: string): string[] {
    const files = readdirSync(path.join(dir, CACHE))
      .filter((n) => n.startsWith(prefix) && !n.endsWith('.tmp'))
      .map((n) => path.join(dir, CACHE, n));
    expect(files.length).toBeGreaterThan(0);
    return files;
  }

  /** `text` with the JSON that starts at its first `{` rewritten by `edit` (what comes before it, a key or a checksum, kept). */
  function rewriteJson(text: string, edit: (value: Record<string, unknown>) => void): string {
    const start = text.indexOf('{');
    const value = JSON.parse(text.slice(start)) as Record<string, unknown>;
    edit(value);
    return text.slice(0, start) + JSON.stringify(value);
  }

  /** Every list of findings in `value` emptied. */
  function emptyMessages(value: Record<string, unknown>): void {
    if (Array.isArray(value.messages)) value.messages = [];
    for (const v of Object.values(value)) if (Array.isArray(v)) for (const item of v) if (item && typeof item === 'object' && 'messages' in item) item.messages = [];
  }

  const damage: Record<string, (text: string) => string> = {
    edited: (text) => text.replaceAll('Unexpected annotation', 'Unexpected remark').replaceAll('"frontMatterValid":true', '"frontMatterValid":false'),
    truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
    null: () => 'null',
    'emptied messages': (text) => text,
    'wrong-typed': (text) => text,
  };

  /** The analyses: one header line, then one line per file (its path, a tab, the entry). */
  function damageAnalyses(dir: string, how: string): void {
    for (const file of cacheFiles(dir, 'ordinance-')) {
      const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
      const damaged = lines.map((line) => {
        const tab = line.indexOf('\t');
        const [key, entry] = [line.slice(0, tab), line.slice(tab + 1)];
        if (how === 'null') return `${key}\tnull`;
        if (how === 'emptied messages') return `${key}\t${rewriteJson(entry, emptyMessages)}`;
        if (how === 'wrong-typed') return `${key}\t${rewriteJson(entry, (e) => Object.assign(e, { messages: 'none', places: 7 }))}`;
        return `${key}\t${damage[how]!(entry)}`;
      });
      writeFileSync(file, how === 'truncated' ? damage.truncated!(readFileSync(file, 'utf8')) : [header, ...damaged].join('\n'));
    }
    // Without the summaries, the next check reads the analyses.
    removeSummaries(dir);
  }

  /** The folders' summaries removed (if they are still there), so the next check reads the caches below them. */
  function removeSummaries(dir: string): void {
    for (const name of readdirSync(path.join(dir, CACHE))) if (name.startsWith('summary-')) rmSync(path.join(dir, CACHE, name));
  }

  /** The detections: like the analyses, one header line, then one line per file. */
  function damageDetections(dir: string, how: string): void {
    for (const file of cacheFiles(dir, 'detections-')) {
      const [header, ...lines] = readFileSync(file, 'utf8').split('\n');
      const damaged = lines.map((line) => {
        const tab = line.indexOf('\t');
        const [key, entry] = [line.slice(0, tab), line.slice(tab + 1)];
        if (how === 'null') return `${key}\tnull`;
        if (how === 'edited') return `${key}\t${entry.replaceAll('"target":"', '"target":"x').replaceAll('"start":', '"start":1')}`;
        if (how === 'wrong-typed') return `${key}\t${entry.replaceAll('"category":"', '"category":7,"was":"')}`;
        return `${key}\t${damage[how]!(entry)}`;
      });
      writeFileSync(file, how === 'truncated' ? damage.truncated!(readFileSync(file, 'utf8')) : [header, ...damaged].join('\n'));
    }
    removeSummaries(dir);
  }

  function damageSummaries(dir: string, how: string): void {
    for (const file of cacheFiles(dir, 'summary-')) {
      const text = readFileSync(file, 'utf8');
      if (how === 'emptied messages') writeFileSync(file, rewriteJson(text, emptyMessages));
      else if (how === 'wrong-typed')
        writeFileSync(
          file,
          rewriteJson(text, (s) => Object.assign(s, { tool: 1, context: null, files: 'x', stats: 'x' })),
        );
      else writeFileSync(file, damage[how]!(text));
    }
  }

  // The analyses and the detections are damaged together: without the summaries a check reads both (each read by its own
  // stage, neither masking the other), and a damaged entry of either taken on trust would show in the findings.
  it.each(Object.keys(damage).flatMap((how) => [['analyses and detections', how] as const, ['summaries', how] as const]))(
    'with its %s %s, finds what a cold check finds',
    (kind, how) => {
      const { dir, cold } = setup();
      if (kind === 'summaries') damageSummaries(dir, how);
      else {
        damageAnalyses(dir, how);
        damageDetections(dir, how);
      }
      expect(runCli(['check', 'ordinance'], dir)).toEqual(cold);
      expect(runCli(['check', 'ordinance'], dir)).toEqual(cold);
    },
  );

  it('remembers which characters print, and reads the fonts again when that record is damaged', () => {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'unprintable-character'));
    const cold = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0' });
    expect(cold.stdout).toContain('(U+10C80)');
    expect(runCli(['check', 'ordinance'], dir)).toEqual(cold);
    const [glyphs] = cacheFiles(dir, 'glyphs-');
    const record = readFileSync(glyphs!, 'utf8');
    // The answers as the fonts gave them: U+10C80 has no glyph, "§" (in the sample) has one.
    expect(record).toContain(`[${0x10c80},false]`);
    expect(record).toContain(`[${0xa7},true]`);
    for (const lie of [record.replace(`[${0x10c80},false]`, `[${0x10c80},true]`), record.slice(0, record.length / 2), 'null']) {
      writeFileSync(glyphs!, lie);
      for (const file of cacheFiles(dir, 'summary-')) rmSync(file);
      expect(runCli(['check', 'ordinance'], dir)).toEqual(cold);
    }
  });

  it('sees an edit of the same size with the old modification time put back', () => {
    const { dir } = setup();
    const sample = path.join(dir, 'ordinance', 'sample');
    const records = path.join(sample, '02-records.md');
    const before = statSync(records);
    writeFileSync(records, readFileSync(records, 'utf8').replace('(c) Records', '(b) Records'));
    utimesSync(records, before.atime, before.mtime);
    expect(statSync(records).size).toBe(before.size);
    expect(statSync(records).mtimeMs).toBe(before.mtimeMs);
    const cold = runCli(['check', 'ordinance'], dir, { ORDINANCE_CACHE: '0' });
    expect(cold.stdout).not.toContain('Unexpected subdivision `(c)`');
    expect(runCli(['check', 'ordinance'], dir)).toEqual(cold);
  });
});

/**
 * The cache files of per-file records: a run that changes a few records
 * appends them, a later line of a key wins, a torn line is a miss for its
 * key only, and the file is written anew when keys are gone or old lines
 * outnumber the live ones.
 */
describe('sealed lines', () => {
  const rows = (file: string) => readFileSync(file, 'utf8').split('\n');

  it('appends changed records and reads the latest line of each key', () => {
    const file = path.join(tempDir('sealed-'), 'lines.ndjson');
    const first = new SealedLines(file, 'tool-1');
    for (const key of ['a', 'b', 'c']) first.set(key, `${key}1`);
    first.save(['a', 'b', 'c']);
    expect(rows(file)).toHaveLength(4);

    const second = new SealedLines(file, 'tool-1');
    expect(['a', 'b', 'c'].map((k) => second.get(k))).toEqual(['a1', 'b1', 'c1']);
    second.set('b', 'b2');
    second.save(['a', 'b', 'c']);
    expect(rows(file)).toHaveLength(5); // appended, not rewritten
    expect(new SealedLines(file, 'tool-1').get('b')).toBe('b2');

    // A torn append is a miss for its key; the others still read.
    writeFileSync(file, readFileSync(file, 'utf8').slice(0, -1));
    const torn = new SealedLines(file, 'tool-1');
    expect([torn.get('a'), torn.get('b'), torn.get('c')]).toEqual(['a1', null, 'c1']);
    // Another tool's file, or its lines, are never read.
    expect(new SealedLines(file, 'tool-2').get('a')).toBeNull();
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^tool-1/, 'tool-2'));
    expect(new SealedLines(file, 'tool-2').get('a')).toBeNull();
  });

  it('writes the file anew when keys are gone or old lines outnumber the live ones', () => {
    const file = path.join(tempDir('sealed-'), 'lines.ndjson');
    const lines = new SealedLines(file, 'tool');
    lines.set('a', 'a0');
    lines.set('b', 'b0');
    lines.save(['a', 'b']);
    for (let i = 1; i <= 6; i++) {
      const next = new SealedLines(file, 'tool');
      next.set('a', `a${i}`);
      next.save(['a', 'b']);
      expect(rows(file).length - 1).toBeLessThanOrEqual(4);
    }
    expect(new SealedLines(file, 'tool').get('a')).toBe('a6');
    const gone = new SealedLines(file, 'tool');
    gone.save(['a']);
    expect(rows(file)).toHaveLength(2);
    expect(new SealedLines(file, 'tool').get('b')).toBeNull();
    expect(new SealedLines(file, 'tool').get('a')).toBe('a6');
  });
});
