/**
 * Property tests (issue 13): random ordinances from a grammar of the format
 * (test/grammar.ts) through the parser, model, resolver and validator, and a
 * share of them through the renderer. Properties: no stage throws and no
 * rule fails; every finding lies inside its file; a well-formed document has
 * no error; every word of its source is in the PDF's reading text; the same
 * sources give the same bytes. fast-check shrinks a failure to its smallest
 * document. `npm test` runs 1,000 documents, CI's second tier
 * (ORDINANCE_TEST_TIER=full) 10,000; ORDINANCE_PROPERTY_RUNS sets more (a
 * nightly run), ORDINANCE_PROPERTY_SEED replays one.
 */
import path from 'node:path';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { VFile } from 'vfile';
import { loadRegistrySources } from '../pipeline/load/sources.js';
import type { OrdinanceSources } from '../pipeline/model/workspace.js';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import { parseFile, parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';
import { sectionSchema } from '../pipeline/model/metadata.js';
import { compileOrdinance } from '../pipeline/runner/pipeline.js';
import { DirectiveRegistry } from '../pipeline/registry/registry.js';
import { renderOrdinance } from '../pipeline/render/render-ordinance.js';
import { resolveOrdinance } from '../pipeline/resolve/resolve-ordinance.js';
import { loadTemplate } from '../pipeline/load/templates.js';
import { checkGlyphs } from '../pipeline/validate/glyphs.js';
import { glyphTableOf } from '../pipeline/runner/glyph-table.js';
import { validateOrdinance } from '../pipeline/validate/engine.js';
import { ALL_WORDS, type GeneratedOrdinance, grammarOf, MAIN_FONT_WORDS, noiseIn } from './grammar.js';
import { FIXTURES } from './helpers.js';
import { readPdf } from './pdf.js';
import { jurisdictionContext } from '../pipeline/load/templates.js';
import { imageProblem } from '../pipeline/load/image-files.js';

/** Section files through the parser and the model; a twentieth of that in whole ordinances through every check stage, and a share through the renderer. */
const RUNS = Number(process.env.ORDINANCE_PROPERTY_RUNS ?? (process.env.ORDINANCE_TEST_TIER === 'full' ? 10_000 : 1_000));
const CHECKS = Math.max(100, Math.round(RUNS / 20));
const RENDERS = Math.max(6, Math.round(RUNS / 1500));
const full = grammarOf(ALL_WORDS);
const small = grammarOf(ALL_WORDS, 2);
const mainFonts = grammarOf(MAIN_FONT_WORDS);
const SEED = process.env.ORDINANCE_PROPERTY_SEED === undefined ? undefined : Number(process.env.ORDINANCE_PROPERTY_SEED);
const settings = (numRuns: number) => ({ numRuns, ...(SEED === undefined ? {} : { seed: SEED }) });

const DIR = path.join(FIXTURES, 'base', 'ordinance', 'generated');
const REGISTRY_DIR = path.join(FIXTURES, 'base', 'ordinance', 'directives');
let registry: DirectiveRegistry;

beforeAll(() => {
  registry = DirectiveRegistry.fromFiles(REGISTRY_DIR, loadRegistrySources(REGISTRY_DIR));
});

/** A generated ordinance as its loaded sources, never touching the disk. */
function sourcesOf(o: GeneratedOrdinance): OrdinanceSources {
  return {
    slug: 'generated',
    dir: DIR,
    ordinanceFile: new VFile({ path: path.join(DIR, 'ordinance.md'), value: o.ordinance }),
    sectionFiles: o.sections.map((s) => new VFile({ path: path.join(DIR, s.file), value: s.text })),
    groupFiles: new Map(),
    folder: new VFile({ path: DIR, value: '' }),
    problems: [],
  };
}

/** Each finding of `files` as `file:line:col rule: reason`, for failure messages. */
function shown(files: VFile[]): string {
  return files.flatMap((f) => f.messages.map((m) => `${path.basename(f.path)}:${m.line}:${m.column} ${m.ruleId}: ${m.reason}`)).join('\n');
}

/** Whether every finding names its rule and lies inside its file (line and column within the text). */
function positioned(files: VFile[]): boolean {
  for (const file of files) {
    const lines = String(file.value).split('\n');
    for (const m of file.messages) {
      if (!m.ruleId || m.ruleId === 'rule-internal') return false;
      const line = m.line ?? 1;
      const column = m.column ?? 1;
      if (line < 1 || column < 1) return false;
      if (lines.length > 0 && String(file.value) !== '' && (line > lines.length || column > lines[line - 1]!.length + 1)) return false;
    }
  }
  return true;
}

async function check(o: GeneratedOrdinance) {
  return compileOrdinance(sourcesOf(o), registry, { build: false, outDir: '', cache: false });
}

/** Parse, model, resolve, validate and render one ordinance: its PDF, or null when it has errors. */
async function render(o: GeneratedOrdinance): Promise<Buffer | null> {
  const sources = sourcesOf(o);
  const parsed = parseOrdinance(sources);
  if (!parsed) return null;
  const model = modelOrdinance(parsed);
  checkGlyphs([sources.ordinanceFile!, ...sources.sectionFiles], glyphTableOf(loadTemplate(model.meta.jurisdiction), null).glyphs);
  const resolved = resolveOrdinance(model, registry, jurisdictionContext(model.meta.jurisdiction));
  validateOrdinance(resolved);
  if ([sources.ordinanceFile!, ...sources.sectionFiles].some((f) => f.messages.some((m) => m.fatal))) return null;
  const outputs = await renderOrdinance(resolved, loadTemplate('los-angeles'), { date: new Date(1_700_000_000_000), commit: null }, { imageProblem });
  return outputs['generated.pdf'] ?? Object.values(outputs)[0]!;
}

describe('properties of random ordinances', () => {
  it(`parse and model: a section file never fails, every finding lies in it, and a well-formed one has no error (${RUNS} files)`, () => {
    const file = fc.oneof(
      small.section.map((s) => ({ text: s.text, wellFormed: true })),
      small.section.chain((s) => noiseIn(s.text)).map((text) => ({ text, wellFormed: false })),
    );
    fc.assert(
      fc.property(file, ({ text, wellFormed }) => {
        const vfile = new VFile({ path: path.join(DIR, '01-s1.md'), value: text });
        parseFile({ file: vfile, schema: sectionSchema, what: 'section front matter' });
        expect(positioned([vfile]), shown([vfile])).toBe(true);
        if (wellFormed) expect(vfile.messages.filter((m) => m.fatal).map((m) => m.reason)).toEqual([]);
      }),
      settings(RUNS),
    );
  }, 600_000);

  it(`check: an ordinance never fails a stage or a rule, every finding lies in its file, and a well-formed one has no error (${CHECKS} ordinances)`, async () => {
    const generated = fc.oneof(
      full.ordinance.map((o) => ({ o, wellFormed: true })),
      full.noisy.map((o) => ({ o, wellFormed: false })),
    );
    await fc.assert(
      fc.asyncProperty(generated, async ({ o, wellFormed }) => {
        const result = await check(o);
        expect(positioned(result.files), shown(result.files)).toBe(true);
        if (wellFormed) expect(result.files.flatMap((f) => f.messages.filter((m) => m.fatal).map((m) => m.reason))).toEqual([]);
      }),
      settings(CHECKS),
    );
  }, 600_000);

  it(`render: every word prints, and the same sources give the same bytes (${RENDERS} ordinances)`, async () => {
    await fc.assert(
      fc.asyncProperty(mainFonts.ordinance, async (o) => {
        const pdf = await render(o);
        expect(pdf).not.toBeNull();
        await expectWords(pdf!, o);
        const again = await render(o);
        expect(again!.equals(pdf!)).toBe(true);
      }),
      settings(RENDERS),
    );
  }, 600_000);

  it('render: words of the fallback fonts print too (3 ordinances)', async () => {
    await fc.assert(
      fc.asyncProperty(full.ordinance, async (o) => {
        const pdf = await render(o);
        expect(pdf).not.toBeNull();
        await expectWords(pdf!, o);
      }),
      settings(3),
    );
  }, 600_000);
});

/** Every word the generated sources print is in the PDF's reading text (white space aside: long words break across lines). */
async function expectWords(pdf: Buffer, o: GeneratedOrdinance): Promise<void> {
  const text = (await readPdf(pdf)).content.join('').normalize('NFKC').replace(/\s+/g, '');
  const missing = o.sections.flatMap((s) => s.words).filter((w) => !text.includes(w.normalize('NFKC')));
  expect(missing).toEqual([]);
}
