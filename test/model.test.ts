/**
 * Parse and model: positions of what drafters write, subdivision nesting,
 * annotations, and the place of every front-matter key.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOrdinanceSources } from '../pipeline/load/sources.js';
import { leadingMarkers, levelOf } from '../pipeline/model/subdivisions.js';
import type { Block, Subdivision } from '../pipeline/model/types.js';
import { placeOf } from '../pipeline/parse/front-matter.js';
import { compileWorkspace } from '../pipeline/runner/run.js';
import { FIXTURES } from './helpers.js';

const base = path.join(FIXTURES, 'base', 'ordinance');

async function baseOrdinance() {
  const result = await compileWorkspace({ registryDir: path.join(base, 'directives'), ordinances: [path.join(base, 'sample')] }, { build: false, outDir: '' });
  const ordinance = result.ordinances[0]!.ordinance!;
  return { result, ordinance };
}

const subdivisions = (blocks: Block[]): Subdivision[] => blocks.flatMap((b) => (b.type === 'subdivision' ? [b, ...subdivisions(b.blocks)] : []));

describe('model of the base fixture', () => {
  it('numbers sections by file order and keeps their front matter', async () => {
    const { ordinance } = await baseOrdinance();
    expect(ordinance.sections.map((s) => [s.number, s.id, s.heading, s.kind])).toEqual([
      [1, 'purpose', 'Purpose', 'purpose'],
      [2, 'records', 'Records of Stops', 'operative'],
      [3, 'severability', 'Severability', 'severability'],
      [4, 'effective-date', 'Effective Date', 'effective-date'],
      [5, 'certification', 'Certification', 'certification'],
    ]);
    expect(ordinance.meta.codifies).toEqual(['example-order']);
    expect(ordinance.meta.dates?.introduced).toBe('2025-01-07');
  });

  it('nests subdivisions by marker and keeps their positions', async () => {
    const { ordinance } = await baseOrdinance();
    const found = subdivisions(ordinance.sections[1]!.blocks).map((s) => [s.path, s.level, s.source.position?.start.line, s.source.position?.start.column]);
    expect(found).toEqual([
      ['(a)', 1, 9, 1],
      ['(b)', 1, 11, 1],
      ['(b)(1)', 2, 13, 1],
      ['(b)(2)', 2, 15, 1],
      ['(c)', 1, 17, 1],
    ]);
  });

  it('resolves annotations with exact positions', async () => {
    const { ordinance } = await baseOrdinance();
    const [citation] = ordinance.citations;
    expect(citation).toMatchObject({ directiveId: 'example-order', pinpoint: '§ 1', sectionId: 'purpose' });
    expect(citation!.directive?.meta.title).toBe('Example Order No. 7');
    expect(citation!.source.position?.start).toMatchObject({ line: 7, column: 25 });
    expect(citation!.source.position?.end).toMatchObject({ line: 7, column: 75 });

    expect(ordinance.references.map((r) => [r.targetId, r.pinpoint, r.target?.number, r.source.position?.start.line, r.source.position?.start.column])).toEqual([
      ['records', '(b)', 2, 17, 30],
      ['purpose', undefined, 1, 17, 91],
    ]);
    expect(ordinance.terms.map((t) => [t.term, t.id, t.source.position?.start.line, t.source.position?.start.column])).toEqual([['Stop', 'stop', 7, 31]]);
  });

  it('knows where every front-matter value is', async () => {
    const { ordinance } = await baseOrdinance();
    expect(placeOf(ordinance.file, 'status')?.start).toMatchObject({ line: 5, column: 9 });
    expect(placeOf(ordinance.file, 'dates.introduced')?.start).toMatchObject({ line: 10, column: 15 });
    expect(placeOf(ordinance.file, 'codifies.0')?.start).toMatchObject({ line: 12, column: 5 });
    expect(placeOf(ordinance.sections[0]!.file, 'id')?.start).toMatchObject({ line: 2, column: 5 });
  });

  it('reads the registry', async () => {
    const { result } = await baseOrdinance();
    const entry = result.registry?.get('example-order');
    expect(entry?.meta['cited-as']).toEqual(['Example Order 7']);
    expect(entry?.digest).toBe('Existing Example Order 7 says officers keep records of every stop.');
  });

  it("keeps drafter's notes out of the model", async () => {
    const sources = loadOrdinanceSources(path.join(base, 'sample'));
    sources.sectionFiles[0]!.value = `${String(sources.sectionFiles[0]!.value)}\nSecret :note[do not print] text.\n\n:::note\nblock note\n:::\n`;
    const { compileOrdinance } = await import('../pipeline/runner/pipeline.js');
    const { DirectiveRegistry } = await import('../pipeline/registry/registry.js');
    const result = await compileOrdinance(sources, DirectiveRegistry.fromFiles('', []), { build: false, outDir: '' });
    const text = JSON.stringify(result.ordinance!.sections[0]!.blocks, (key, value) => (key === 'source' || key === 'directive' ? undefined : value));
    expect(text).toContain('Secret ');
    expect(text).not.toContain('do not print');
    expect(text).not.toContain('block note');
  });
});

describe('subdivision markers', () => {
  it('reads leading markers, also stacked ones', () => {
    expect(leadingMarkers('(a) Text')).toEqual({ labels: ['a'], length: 4 });
    expect(leadingMarkers('(a)(1) Text')).toEqual({ labels: ['a', '1'], length: 7 });
    expect(leadingMarkers('(a)text')).toEqual({ labels: [], length: 0 });
    expect(leadingMarkers('Text (a)')).toEqual({ labels: [], length: 0 });
  });

  it('reads (i) as a letter after (h) and as a numeral under (A)', () => {
    expect(levelOf('i', new Map([[1, 'h']]))).toBe(1);
    expect(
      levelOf(
        'i',
        new Map([
          [1, 'c'],
          [2, '4'],
          [3, 'A'],
        ]),
      ),
    ).toBe(4);
    expect(
      levelOf(
        'v',
        new Map([
          [1, 'c'],
          [2, '4'],
          [3, 'A'],
          [4, 'iv'],
        ]),
      ),
    ).toBe(4);
    expect(levelOf('v', new Map([[1, 'u']]))).toBe(1);
    expect(levelOf('1', new Map())).toBe(2);
    expect(levelOf('B', new Map([[3, 'A']]))).toBe(3);
  });

  it('settles an (i) that both follows (h) and could open numerals under (A) by the label after it, as D.C. Law 24-315 needs', () => {
    const open = new Map([
      [1, 'h'],
      [2, '2'],
      [3, 'A'],
    ]);
    expect(levelOf('i', open, 'ii')).toBe(4);
    expect(levelOf('i', open, 'j')).toBe(1);
    expect(levelOf('i', open)).toBe(1);
  });

  it('reads a numeral that skips a level ("(A)" then "(I)", D.C. Law 24-342) as the numeral it begins, not as a letter out of sequence', () => {
    expect(
      levelOf(
        'I',
        new Map([
          [1, 'f'],
          [2, '1'],
          [3, 'A'],
        ]),
      ),
    ).toBe(5);
    // "(I)" at the top, with nothing open, is still the letter.
    expect(levelOf('I', new Map())).toBe(3);
  });
});
