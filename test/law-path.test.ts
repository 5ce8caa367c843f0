/**
 * The walk over the model and the law path it gives every finding: the
 * visitor hands each node its ancestors (ordinance, section, subdivisions),
 * the engine turns a finding's place into "§ 4(f)(2)", and every output
 * format prints it.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { lawPathAt } from '../pipeline/model/law-path.js';
import type { Inline, Subdivision } from '../pipeline/model/types.js';
import { SKIP, visitInlines, visitOrdinance, type Ancestry } from '../pipeline/model/visit.js';
import type { PdfContext } from '../pipeline/render/pdf/context.js';
import { toRuns } from '../pipeline/render/pdf/inline.js';
import { compileWorkspace } from '../pipeline/runner/run.js';
import { ROOT, runCli, sampleCopy, tempDir } from './helpers.js';

const SLUG = 'la-sanctuary-city';

async function sample() {
  const base = path.join(ROOT, 'ordinance');
  const result = await compileWorkspace({ registryDir: path.join(base, 'directives'), ordinances: [path.join(base, SLUG)] }, { build: false, outDir: '' });
  return result.ordinances[0]!.ordinance!;
}

describe('visitOrdinance', () => {
  it('gives each subdivision its section, its groups and the subdivisions above it', async () => {
    const ordinance = await sample();
    const seen = new Map<string, Ancestry>();
    visitOrdinance(ordinance, { subdivision: (subdivision, at) => void seen.set(`${at.section?.number}${subdivision.path}`, at) });
    const f2 = seen.get('4(f)(2)')!;
    expect(f2.ordinance).toBe(ordinance);
    expect(f2.section?.id).toBe('prohibitions');
    expect(f2.file).toBe(f2.section?.file);
    expect(f2.groups).toEqual([]);
    expect(f2.subdivisions.map((s) => s.path)).toEqual(['(f)']);
    expect(seen.get('4(a)')!.subdivisions).toEqual([]);
    // Every subdivision of Section 4, in document order.
    expect([...seen.keys()].filter((k) => k.startsWith('4('))).toEqual(['4(a)', '4(a)(1)', '4(a)(2)', '4(b)', '4(c)', '4(d)', '4(e)', '4(f)', '4(f)(1)', '4(f)(2)', '4(f)(3)']);
  });

  it('walks inline nodes inside their subdivision, and skips what a callback asks it to', async () => {
    const ordinance = await sample();
    const cited: string[] = [];
    const words: string[] = [];
    visitOrdinance(ordinance, {
      citation: (citation, at) => void cited.push(`${at.section?.number}${at.subdivisions.at(-1)?.path ?? ''} ${citation.directiveId}`),
      term: () => SKIP,
      text: (node, at) => void (at.inlines.some((n) => n.type === 'term') ? words.push(node.value) : undefined),
    });
    expect(cited).toContain('1(c) lapd-special-order-40');
    expect(cited).toContain('1(d)(5) us-code-8-1357');
    expect(words).toEqual([]);
  });
});

describe('visitInlines', () => {
  const text = (value: string): Inline => ({ type: 'text', value });
  const source = { file: new VFile(), position: undefined };
  const amended: Inline[] = [
    text('keep '),
    {
      type: 'insertion',
      source,
      children: [
        { type: 'emphasis', children: [text('new')] },
        { type: 'deletion', source, children: [text('old')] },
      ],
    },
  ];

  it('enters each node before its contents and leaves it after', () => {
    const events: string[] = [];
    const name = (node: Inline) => (node.type === 'text' ? node.value : node.type);
    visitInlines(amended, { inline: (node, at) => void events.push(`${'>'.repeat(at.inlines.length)}${name(node)}`), leave: (node) => void events.push(`/${name(node)}`) });
    expect(events).toEqual(['keep ', '/keep ', 'insertion', '>emphasis', '>>new', '/new', '/emphasis', '>deletion', '>>old', '/old', '/deletion', '/insertion']);
  });

  it('gives the PDF its runs: insertions underlined, deletions struck and inside their marks', () => {
    const ctx = { layout: { amendment: { deletionOpen: '((', deletionClose: '))' } }, template: { jurisdiction: {} }, ordinance: { sections: [] } } as unknown as PdfContext;
    expect(toRuns(ctx, amended).map((r) => [r.text, r.italic, r.underline, r.strike])).toEqual([
      ['keep ', false, false, false],
      ['new', true, true, false],
      ['((old))', false, true, true],
    ]);
  });
});

describe('lawPathAt', () => {
  it('names the section and the deepest subdivision holding a place', async () => {
    const ordinance = await sample();
    const section = ordinance.sections.find((s) => s.id === 'prohibitions')!;
    const f = section.blocks.find((b): b is Subdivision => b.type === 'subdivision' && b.label === 'f')!;
    const f2 = f.blocks.find((b): b is Subdivision => b.type === 'subdivision' && b.label === '2')!;
    const inside = { line: f2.source.position!.start.line, column: 20 };
    expect(lawPathAt(ordinance, section.file, inside)).toBe('§ 4(f)(2)');
    expect(lawPathAt(ordinance, section.file, f.source.position)).toBe('§ 4(f)');
    expect(lawPathAt(ordinance, section.file, { line: 2, column: 1 })).toBe('§ 4');
    expect(lawPathAt(ordinance, section.file, undefined)).toBe('§ 4');
    expect(lawPathAt(ordinance, ordinance.file, { line: 1, column: 1 })).toBeUndefined();
  });
});

describe('the law path of a finding, in every format', () => {
  const dir = sampleCopy();
  const file = path.join(dir, 'ordinance', SLUG, '04-prohibitions.md');
  writeFileSync(file, readFileSync(file, 'utf8').replace('(2) The date, time, or place', '(2) The date and/or time'));
  const relative = `ordinance/${SLUG}/04-prohibitions.md`;
  const check = (format: string) => runCli(['check', 'ordinance', '--format', format], dir);
  const line =
    readFileSync(file, 'utf8')
      .split('\n')
      .findIndex((l) => l.includes('and/or')) + 1;
  const column = readFileSync(file, 'utf8').split('\n')[line - 1]!.indexOf('and/or') + 1;
  const message = 'Unexpected `and/or`, expected `or`, `and`, or `A or B, or both`';

  it('compact: after the severity', () => {
    expect(check('compact').stdout).toBe(`${relative}:${line}:${column}: warning § 4(f)(2): ${message} [and-or]\n`);
  });

  it('GitHub: in the message', () => {
    expect(check('github').stdout).toBe(`::warning file=${relative},line=${line},col=${column},endLine=${line},endColumn=${column + 6},title=and-or::§ 4(f)(2): ${message}\n`);
  });

  it('JSON: as `where`', () => {
    expect(JSON.parse(check('json').stdout)).toEqual([expect.objectContaining({ file: relative, line, column, ruleId: 'and-or', where: '§ 4(f)(2)', message })]);
  });

  it('SARIF: in the message and as a logical location, and the log still validates', () => {
    const output = check('sarif').stdout;
    const result = JSON.parse(output).runs[0].results[0];
    expect(result.message.text).toBe(`§ 4(f)(2): ${message}`);
    expect(result.locations[0].logicalLocations).toEqual([{ fullyQualifiedName: '§ 4(f)(2)', kind: 'section' }]);
    const log = path.join(tempDir(), 'check.sarif');
    writeFileSync(log, output);
    const validation = path.join(path.dirname(log), 'validation.sarif');
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool'), ['validate', log, '-o', validation], { encoding: 'utf8' });
    expect(JSON.parse(readFileSync(validation, 'utf8')).runs[0].results.filter((r: { level?: string }) => r.level === 'error')).toEqual([]);
  });

  it('human: as the note under the finding', () => {
    const out = check('human').stdout;
    expect(out).toContain(`${relative}\n${line}:${column}-${line}:${column + 6}`);
    expect(out).toMatch(/\[note\]:\n +§ 4\(f\)\(2\)\n/);
  });
});
