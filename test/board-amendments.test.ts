/**
 * San Francisco's marks, each as the Board's legend states them (issue 28):
 * the ordinance in Arial; the Code's changes, which the ordinance itself
 * marks (`:ins`, `:del`), in Times New Roman italics, underlined or struck;
 * the Board's own amendments, which a redline between two versions of the
 * ordinance shows, in Arial, additions double-underlined and deletions
 * struck through. Each read apart by a screen reader and a copy:
 * "[inserted: …]" for the Code's, "[Board amendment, inserted: …]" for the
 * Board's. Rendered in-process from two versions of the sample.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { beforeAll, describe, expect, it } from 'vitest';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import { parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';
import { diffOrdinances, redlineForm } from '../pipeline/compare/diff.js';
import { imageProblem } from '../pipeline/load/image-files.js';
import { loadOrdinanceSources, loadRegistrySources } from '../pipeline/load/sources.js';
import { jurisdictionContext, loadTemplate } from '../pipeline/load/templates.js';
import type { Ordinance } from '../pipeline/model/types.js';
import { DirectiveRegistry } from '../pipeline/registry/registry.js';
import { renderOrdinance, renderRedline } from '../pipeline/render/render-ordinance.js';
import { resolveOrdinance, type ResolvedOrdinance } from '../pipeline/resolve/resolve-ordinance.js';
import { ROOT, tempDir } from './helpers.js';
import { readTags, type TagsReadBack } from './pdf.js';
import { preflight } from './preflight.js';

const SAMPLE = path.join(ROOT, 'ordinance', 'sf-city-of-refuge');
const REGISTRY = path.join(ROOT, 'ordinance', 'directives');
const PROVENANCE = { date: new Date(1_700_000_000_000), commit: null };

/** The sample, its findings edited by `edit`. */
function version(edit: (text: string) => string = (text) => text): Ordinance {
  return resolved(edit).ordinance;
}

function resolved(edit: (text: string) => string = (text) => text): ResolvedOrdinance {
  const sources = loadOrdinanceSources(SAMPLE);
  const sectionFiles = sources.sectionFiles.map((file) => (path.basename(file.path) === '01-findings.md' ? new VFile({ path: file.path, value: edit(String(file.value)) }) : file));
  const ordinance = modelOrdinance(parseOrdinance({ ...sources, sectionFiles })!);
  return resolveOrdinance(ordinance, DirectiveRegistry.fromFiles(REGISTRY, loadRegistrySources(REGISTRY)), jurisdictionContext(ordinance.meta.jurisdiction));
}

/** Horizontal strokes drawn on the first page, as [x from, x to, y]: the lines under and through words. */
function strokes(pdf: Buffer): [number, number, number][] {
  const dir = tempDir();
  const file = path.join(dir, 'redline.pdf');
  writeFileSync(file, pdf);
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 64 << 20 });
  const found: [number, number, number][] = [];
  for (const match of qdf.matchAll(/([\d.]+) ([\d.]+) m\s+([\d.]+) ([\d.]+) l\s+S/g)) {
    const [x1, y1, x2, y2] = match.slice(1).map(Number) as [number, number, number, number];
    if (Math.abs(y1 - y2) < 0.01) found.push([x1, x2, y1]);
  }
  return found;
}

describe("a redline of a San Francisco ordinance: the Board's amendments apart from the Code's changes", () => {
  let tags: TagsReadBack;
  let lines: [number, number, number][];
  beforeAll(async () => {
    const template = loadTemplate('san-francisco');
    const before = version();
    const after = version((text) =>
      text
        .replace('which affirms in Section 12H.1', 'which affirmed in Section 12H.1')
        .replace('(Ordinance No. 204-13).', "(Ordinance No. 204-13), which limits the City's response to civil immigration detainers."),
    );
    expect(after.sections[0]).not.toEqual(before.sections[0]);
    const diff = diffOrdinances(before, after, redlineForm(template));
    const files = await renderRedline({ before, after, diff, from: 'v1', to: 'v2' }, template, PROVENANCE, { imageProblem });
    const pdf = files['redline.pdf']!;
    tags = await readTags(pdf, { fonts: true });
    lines = strokes(pdf);
  }, 60_000);

  it("prints the Board's legend whole, its amendments' lines included", () => {
    const legend = tags.elements.find((e) => e.text.startsWith('NOTE: Unchanged Code text'))!;
    expect(legend.text.replace(/\s+/g, ' ')).toBe(
      'NOTE: Unchanged Code text and uncodified text are in plain Arial font. Additions to Codes are in single-underline italics Times New Roman font. Deletions to Codes are in strikethrough italics Times New Roman font. Board amendment additions are in double-underlined Arial font. Board amendment deletions are in strikethrough Arial font. Asterisks (* * * *) indicate the omission of unchanged Code subsections or parts of tables.',
    );
  });

  it('reads each Board amendment as one, inserted or deleted', () => {
    const spans = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text.replace(/\s+/g, ' '));
    expect(spans).toContain('[Board amendment, deleted: affirms]');
    expect(spans).toContain('[Board amendment, inserted: affirmed]');
    expect(spans).toContain('[Board amendment, inserted: , which limits the City’s response to civil immigration detainers]');
    // Nothing else of the findings changed, and nothing reads as a change to the Code.
    expect(spans.filter((t) => t.startsWith('[Board amendment'))).toHaveLength(3);
    expect(spans.some((t) => t.startsWith('[inserted: ') || t.startsWith('[deleted: '))).toBe(false);
  });

  it('prints them in Arial (Arimo), upright: the ordinance in Arial too', () => {
    const fontOf = (words: string) => tags.lines.find((l) => l.text.includes(words))?.font;
    expect(String(fontOf('affirmed'))).toMatch(/\+Arimo-Regular$/);
    expect(String(fontOf('In 1989, the Board'))).toMatch(/\+Arimo-Regular$/);
  });

  it('double-underlines the additions: two lines under each, one through the deletion', () => {
    // Two lines of equal length, one just under the other, for each line of inserted words ("affirmed"; the added clause over two lines).
    const pairs = lines.filter(([x1, x2, y]) => lines.some(([a1, a2, b]) => Math.abs(a1 - x1) < 0.01 && Math.abs(a2 - x2) < 0.01 && y - b > 1 && y - b < 5));
    expect(pairs.length).toBeGreaterThanOrEqual(3);
    // The struck word has one line through it, not two.
    expect(lines.length - 2 * pairs.length).toBe(1);
  });
});

describe("a San Francisco ordinance's redline once adopted", () => {
  it('is valid PDF/A-1b by Apache PDFBox Preflight and passes qpdf --check, its fonts embedded', async () => {
    const template = loadTemplate('san-francisco');
    const adopted = (ordinance: Ordinance): Ordinance => ({ ...ordinance, meta: { ...ordinance.meta, status: 'adopted' } });
    const before = adopted(version());
    const after = adopted(version((text) => text.replace('which affirms in Section 12H.1', 'which affirmed in Section 12H.1')));
    const diff = diffOrdinances(before, after, redlineForm(template));
    const pdf = (await renderRedline({ before, after, diff, from: 'v1', to: 'v2' }, template, PROVENANCE, { imageProblem }))['redline.pdf']!;
    const file = path.join(tempDir(), 'redline.pdf');
    writeFileSync(file, pdf);
    const checked = preflight(file);
    expect(checked.valid, checked.output).toBe(true);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors');
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    expect(fonts).toMatch(/\+Arimo-Regular/);
    // Every font embedded (the column after the encoding: "yes").
    for (const line of fonts.split('\n').slice(2).filter(Boolean)) expect(line).toMatch(/Identity-H\s+yes/);
  }, 60_000);
});

describe("a San Francisco ordinance: the Code's changes in Times New Roman italics", () => {
  it('draws inserted Code text in Tinos italic, apart from the Arial around it', async () => {
    const template = loadTemplate('san-francisco');
    const files = await renderOrdinance(resolved(), template, PROVENANCE, { imageProblem });
    const read = await readTags(files[`${path.basename(SAMPLE)}.pdf`]!, { fonts: true });
    const tinos = read.lines.filter((l) => /\+Tinos-/.test(String(l.font)));
    expect(tinos.map((l) => String(l.font).split('+')[1])).toEqual(tinos.map(() => 'Tinos-Italic'));
    expect(tinos.map((l) => l.text).join(' ')).toContain('and that every person');
    const plain = read.lines.find((l) => l.text.includes('It is hereby affirmed'));
    expect(String(plain?.font)).toMatch(/\+Arimo-Regular$/);
  });
});
