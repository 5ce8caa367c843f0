/**
 * Names and places in many scripts print: characters Tinos lacks are drawn
 * in the layout's fallback fonts (Noto), embedded as subsets, and the
 * adopted ordinance stays valid PDF/A-1b; the same sources give the same
 * bytes.
 */
import { execFileSync } from 'node:child_process';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';
import { preflight } from './preflight.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

const NAMES = {
  chinese: '唐人街, 洛杉矶',
  japanese: 'リトル東京',
  korean: '코리아타운',
  armenian: 'Փոքր Հայաստան',
  arabic: 'عمر',
  devanagari: 'प्रिया',
  spanish: 'Señora Núñez, año',
  symbols: '★ ✓',
  emoji: '😀',
};

/** The base fixture as an adopted ordinance whose second section names people and places in many scripts. */
function multilingual(): string {
  const dir = workspace();
  const front = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
  writeFileSync(
    front,
    readFileSync(front, 'utf8')
      .replace('status: draft', `status: adopted\nnumber: "188123"`)
      .replace('  introduced: "2025-01-07"', '  introduced: "2025-01-07"\n  passed: "2025-02-04"'),
  );
  appendFileSync(
    path.join(dir, 'ordinance', 'sample', '02-records.md'),
    `\n(d) Notices shall be posted in Chinatown (${NAMES.chinese}), Little Tokyo (${NAMES.japanese}), Koreatown (${NAMES.korean}), Little Armenia (${NAMES.armenian}), at the office of Omar (${NAMES.arabic}) and of Priya (${NAMES.devanagari}), and in Boyle Heights (${NAMES.spanish}). Marks: ${NAMES.symbols} ${NAMES.emoji}.\n`,
  );
  return dir;
}

async function build(dir: string): Promise<{ file: string; bytes: Buffer }> {
  const out = tempDir();
  const result = await runMain(['build', 'ordinance', '--out', out], dir, EPOCH);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  const file = path.join(out, 'sample', 'sample.pdf');
  return { file, bytes: readFileSync(file) };
}

describe('an adopted ordinance naming people and places in many scripts', () => {
  let dir: string;
  let file: string;
  let bytes: Buffer;
  let text: string;
  beforeAll(async () => {
    dir = multilingual();
    ({ file, bytes } = await build(dir));
    // Lines joined, line numbers and bidirectional embedding marks (which pdftotext adds around Arabic) dropped.
    text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
      .replace(/[\u202a-\u202e]/g, '')
      .replace(/\n\d+\n/g, '\n')
      .replace(/\s+/g, ' ');
  });

  it('checks clean', async () => {
    expect(await runMain(['check', 'ordinance'], dir)).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('prints every name: the text read back from the PDF is the source text', () => {
    for (const [script, name] of Object.entries(NAMES)) {
      if (script === 'devanagari' || script === 'arabic') continue;
      expect(text, script).toContain(name);
    }
    expect(text).toContain(`Koreatown (${NAMES.korean}), Little Armenia (${NAMES.armenian})`);
    // pdftotext reads Arabic right to left and so turns the brackets around it; the word itself comes back whole.
    expect(text).toContain(NAMES.arabic);
    // Devanagari's vowel sign i is drawn before its consonant cluster: it reads back in drawing order, with every character.
    const priya = /Priya \((\S+)\)/.exec(text)?.[1] ?? '';
    expect([...priya].sort()).toEqual([...NAMES.devanagari].sort());
  });

  it('embeds the fallback fonts as subsets, only those it uses', () => {
    const fonts = execFileSync('pdffonts', [file], { encoding: 'utf8' });
    for (const name of [
      'Tinos-Regular',
      'NotoSansSC-Regular',
      'NotoSansKR-Regular',
      'NotoSansArmenian-Regular',
      'NotoSansArabic-Regular',
      'NotoSansDevanagari-Regular',
      'NotoSansSymbols2-Regular',
      'NotoEmoji-Regular',
    ])
      expect(fonts, name).toMatch(new RegExp(`[A-Z]{6}\\+${name} +CID TrueType +Identity-H +yes +yes +yes`));
    expect(fonts).not.toMatch(/NotoSansSymbols-Regular/);
    // Subsets: a few glyphs of a 10 MB Chinese font, not the font.
    expect(bytes.length).toBeLessThan(150_000);
  });

  it('is valid PDF/A-1b by Apache PDFBox Preflight, and passes qpdf --check', () => {
    const { valid, output } = preflight(file);
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
  });

  it('gives the same bytes again', async () => {
    expect((await build(dir)).bytes.equals(bytes)).toBe(true);
  });
});

describe('a document without such characters', () => {
  it('opens no fallback font', async () => {
    const { file } = await build(workspace());
    expect(execFileSync('pdffonts', [file], { encoding: 'utf8' })).not.toMatch(/Noto/);
  });
});
