/**
 * The council PDF as a screen reader, an archive and a clerk see it: the
 * structure tree, reading text without furniture or line numbers, links tied
 * to their structure elements, PDF/A-1b for adopted versions (PDFBox
 * Preflight), the DRAFT watermark only on drafts, table headers repeated, no
 * heading left alone at the foot of a page.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir, workspace } from './helpers.js';
import { buildInProcess } from './in-process.js';
import { readPdf, type PdfReadBack } from './pdf.js';
import { preflight } from './preflight.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1733702400' };

const build = (dir: string): Promise<string> => buildInProcess(dir, EPOCH.SOURCE_DATE_EPOCH);

describe('the adopted sample (effective)', () => {
  let file: string;
  let pdf: PdfReadBack;
  /** The structure tree as poppler prints it: what a screen reader reads. */
  let tree: string;
  beforeAll(async () => {
    const out = tempDir();
    expect(runCli(['build', 'ordinance/', '--out', out], ROOT, EPOCH).code).toBe(0);
    file = path.join(out, 'la-sanctuary-city', 'la-sanctuary-city.pdf');
    pdf = await readPdf(readFileSync(file));
    tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  });

  it('is valid PDF/A-1b by Apache PDFBox Preflight', () => {
    const { valid, output } = preflight(file);
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
  });

  it('is tagged, in English, identified as PDF/A-1b and PDF/UA-1, with its title shown', () => {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(/^Tagged: +yes$/m);
    expect(info).toMatch(/^PDF version: +1\.4$/m);
    const bytes = readFileSync(file, 'latin1');
    expect(bytes).toContain('<pdfaid:part>1</pdfaid:part>');
    expect(bytes).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(bytes).toMatch(/\/Lang \(en-US\)/);
    expect(bytes).toMatch(/\/DisplayDocTitle true/);
    // Tab order follows the structure on every page.
    expect(bytes.match(/\/Tabs \/S/g)?.length).toBe(pdf.pages.length);
  });

  it('has headings at their levels, paragraphs, subdivisions as lists, tables with header cells, and links', () => {
    expect(pdf.roles.get('H1')).toBe(1);
    expect(pdf.roles.get('H2')).toBe(13); // ten sections, the certification, the Declaration of Posting and the appendix (no contents: Los Angeles has none)
    for (const role of ['P', 'Sect', 'L', 'LI', 'Lbl', 'LBody', 'Table', 'TR', 'TH', 'TD', 'Link']) expect(pdf.roles.get(role), role).toBeGreaterThan(0);
    expect(pdf.roles.get('TH')).toBe(3);
  });

  it('ties every link annotation to a Link structure element', () => {
    const owned = [...tree.matchAll(/^( *)Link \(inline\)\n((?:\1 +.*\n)*)/gm)].flatMap((m) => m[2]!.match(/Object \d+ \d+/g) ?? []);
    expect(owned.length).toBe(pdf.links.length);
    expect(pdf.links.length).toBeGreaterThan(40);
  });

  it('reads, as a screen reader does (the structure tree), in order and without header, footer or line numbers', () => {
    const texts = [...tree.matchAll(/^ *"(.*)"$/gm)].map((m) => m[1]!);
    expect(texts.slice(0, 3)).toEqual(['ORDINANCE NO. 188441', 'URGENCY CLAUSE – 12 VOTES REQUIRED', expect.stringMatching(/^An ordinance adding /)]);
    const all = texts.join('\n');
    expect(all.indexOf('THE PEOPLE OF THE CITY OF LOS ANGELES DO ORDAIN AS FOLLOWS:')).toBeLessThan(all.indexOf('Section 1. Findings.'));
    expect(all).not.toMatch(/Page \d+ of|Built \d{4}-\d\d-\d\d|Version 2 · Effective/);
    // No bare number is read: line numbers and page numbers are artifacts.
    expect(texts.filter((t) => /^\d+$/.test(t.trim()))).toEqual([]);
  });

  it('numbers the body lines of each page from 1, beside the text, as artifacts; the appendix, not enacted, has neither line numbers nor a page number of the ordinance', () => {
    const ordinancePages = pdf.artifacts.filter((text) => !/Appendix, page \d/.test(text)).length;
    expect(ordinancePages).toBe(pdf.artifacts.length - 1);
    pdf.artifacts.forEach((text, i) => {
      const numbers = text
        .split('\n')
        .filter((l) => /^\d+$/.test(l.trim()))
        .map(Number);
      if (i >= ordinancePages) {
        expect(numbers, `page ${i + 1}`).toEqual([]);
        expect(text).toContain(`Appendix, page ${i - ordinancePages + 1}`);
        expect(text).not.toMatch(/Page \d+ of/);
        return;
      }
      expect(numbers.length, `page ${i + 1}`).toBeGreaterThan(5);
      expect(numbers).toEqual(numbers.map((_, k) => k + 1));
      expect(text).toMatch(new RegExp(`Page ${i + 1} of\\s*${ordinancePages}`));
      if (i > 0) expect(text).toContain('ORDINANCE NO. 188441');
    });
  });

  it('has no table of contents, as Los Angeles ordinances have none: the title, then the enacting clause; the outline lists the sections and the form’s pages', () => {
    const first = pdf.content[0]!;
    expect(first).not.toContain('CONTENTS');
    expect(tree).not.toMatch(/^ *TOCI?\b/m);
    expect(first.indexOf('THE PEOPLE OF THE CITY OF LOS ANGELES')).toBeGreaterThan(first.indexOf('An ordinance adding'));
    expect(pdf.links.filter((l) => l.page === 1 && typeof l.dest === 'string' && l.dest.startsWith('section-')).length).toBeLessThan(10);
  });

  it('carries no watermark', () => {
    expect(pdf.pages.join('\n')).not.toContain('DRAFT');
  });

  it('never leaves a section heading alone at the foot of a page', () => {
    pdf.content.forEach((text, i) => {
      const last = text.trim().split('\n').at(-1) ?? '';
      expect(last, `page ${i + 1}`).not.toMatch(/^Section \d+\./);
    });
  });
});

describe('a draft', () => {
  let file: string;
  let pdf: PdfReadBack;
  beforeAll(async () => {
    const dir = workspace();
    // A long table: its header row must repeat on the next page.
    const rows = Array.from({ length: 70 }, (_, i) => `| ${i + 1} | Stop at post ${i + 1} | recorded |`).join('\n');
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(records, `${readFileSync(records, 'utf8')}\n| Number | Place | Record |\n|---|---|---|\n${rows}\n`);
    file = path.join(await build(dir), 'sample', 'sample.pdf');
    pdf = await readPdf(readFileSync(file));
  });

  it('is marked DRAFT on every page in outlines, as an artifact, never in the text a reader copies (issue 29)', () => {
    // Seen on the page, never read: no "D/R/A/FT" in extracted, copied or spoken text.
    for (const text of pdf.pages) expect(text).not.toMatch(/DRAFT|D\s*R\s*A\s*F\s*T/);
    const expanded = path.join(tempDir(), 'expanded.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, expanded]);
    const marks = [...readFileSync(expanded, 'latin1').matchAll(/\/Artifact <<\s*\/Type \/Background\s*>> BDC([\s\S]*?)EMC/g)].map((m) => m[1]!);
    expect(marks.length).toBe(pdf.pages.length);
    for (const mark of marks) {
      expect(mark).toMatch(/ (?:c|v)\n/);
      expect(mark).toMatch(/\nf\n/);
      expect(mark).not.toMatch(/T[jJ]\n/);
    }
  });

  it('is tagged and PDF/UA-identified, but not archival', () => {
    const bytes = readFileSync(file, 'latin1');
    expect(bytes).toContain('<pdfuaid:part>1</pdfuaid:part>');
    expect(bytes).not.toContain('pdfaid:part');
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Tagged: +yes$/m);
  });

  it("repeats a table's header row on each page it continues on, as pagination: a reader has it once", () => {
    const pages = pdf.pages.flatMap((text, n) => (/Stop at post \d+/.test(text) ? [n] : []));
    expect(pages.length).toBeGreaterThan(1);
    for (const n of pages) expect(pdf.pages[n]).toMatch(/Number\s*Place\s*Record/);
    for (const n of pages.slice(1)) expect(pdf.artifacts[n]).toMatch(/Number\s*Place\s*Record/);
    expect(pdf.content.join('\n').match(/Number\s*Place\s*Record/g)).toHaveLength(1);
    // Header cells: three in the table, and three in the appendix's table.
    const tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(tree.match(/^ *TH\b/gm)?.length).toBe(3 + 3);
  });

  it('passes qpdf --check', () => {
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
  });
});
