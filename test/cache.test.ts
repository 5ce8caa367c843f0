/**
 * The check cache, as the CLI uses it: a warm check reports exactly what a
 * cold one does, and an edit (even one that keeps the file's size) is seen.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { collectDiagnostics } from '../pipeline/diagnostics.js';
import { compileWorkspace, filesOf } from '../pipeline/pipeline.js';
import { FIXTURES, ROOT, runCli, tempDir, workspace } from './helpers.js';

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
describe('a partly warm check of an imported title', () => {
  const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-code-titles-1-38.tar.xz');
  let xml: string;

  beforeAll(() => {
    if (!existsSync(CORPUS)) throw new Error(`the D.C. Code corpus is missing: expected ${CORPUS}`);
    xml = tempDir('dc-xml-');
    execFileSync('tar', ['-xJf', CORPUS, '-C', xml, 'us/dc/council/code/index.xml', 'us/dc/council/code/titles/24']);
  });

  it.each([
    ['with its citations annotated', []],
    ['with its citations as plain prose', ['--plain-citations']],
  ])('finds the same as a cold one, %s', async (_, flags) => {
    const out = path.join(tempDir('dc-import-'), 'dc');
    expect(runCli(['import', 'dc-code', xml, out, '--titles', '24', ...flags], ROOT).code).toBe(0);
    const workspace = { registryDir: path.join(out, 'directives'), ordinances: [path.join(out, 'dc-code-title-24')] };
    const cache = { dir: tempDir('dc-cache-'), key: 'test' };
    const check = async (caching: typeof cache | false) => {
      const result = await compileWorkspace(workspace, { build: false, outDir: '', cache: caching });
      return { findings: collectDiagnostics(filesOf([result])), xref: result.ordinances[0]!.xref! };
    };
    await check(cache);
    expect(readdirSync(cache.dir).some((n) => n.startsWith('ordinance-'))).toBe(true);

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
