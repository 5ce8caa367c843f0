/**
 * The shipped sample built end to end, its PDF read back with a PDF parser,
 * and builds repeated to prove they are byte-identical.
 */
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT, tempDir } from './helpers.js';
import { runMain } from './in-process.js';
import { readPdf, type PdfReadBack } from './pdf.js';

const SLUG = 'la-sanctuary-city';
const EPOCH = { SOURCE_DATE_EPOCH: '1733702400' }; // 2024-12-09T00:00:00Z

function sectionHeadings(): string[] {
  const dir = path.join(ROOT, 'ordinance', SLUG);
  return readdirSync(dir)
    .filter((n) => n.endsWith('.md') && n !== 'ordinance.md')
    .sort()
    .map((n) => /^heading: (.+)$/m.exec(readFileSync(path.join(dir, n), 'utf8'))![1]!.replace(/^"|"$/g, ''));
}

describe('the shipped Los Angeles ordinance', () => {
  let out: string;
  let pdfBytes: Buffer;
  let pdf: PdfReadBack;
  let stderr: string;

  beforeAll(async () => {
    out = tempDir();
    const result = await runMain(['build', 'ordinance/', '--out', out], ROOT, EPOCH);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    stderr = result.stderr;
    pdfBytes = readFileSync(path.join(out, SLUG, `${SLUG}.pdf`));
    pdf = await readPdf(pdfBytes);
  });

  it('writes the PDF and the summary, and says so', () => {
    expect(readdirSync(path.join(out, SLUG)).sort()).toEqual([
      '.ordinance-outputs.json',
      `${SLUG}.pdf`,
      'record.json',
      'summary.json',
      'summary.md',
      'summary.pdf',
      'text.html',
      'xref.json',
    ]);
    expect(stderr).toContain(`${SLUG}.pdf`);
  });

  it('carries the document metadata', () => {
    expect(pdf.info.Title).toBe('Ordinance No. 188441: Sanctuary City Ordinance');
    expect(pdf.info.Author).toBe('City of Los Angeles');
    expect(String(pdf.info.Subject)).toMatch(/^An ordinance adding .+ federal immigration enforcement/);
    expect(pdf.info.Language ?? 'en-US').toBe('en-US');
  });

  it('opens with the title block', () => {
    const first = pdf.pages[0]!;
    const order = [
      'ORDINANCE NO. 188441',
      'URGENCY CLAUSE – 12 VOTES REQUIRED',
      'An ordinance adding',
      'THE PEOPLE OF THE CITY OF LOS ANGELES DO ORDAIN AS FOLLOWS:',
      'Section 1. Findings.',
    ];
    const positions = order.map((s) => first.indexOf(s));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('prints every section heading, numbered, in order', () => {
    const text = pdf.pages.join(' ').replace(/\s+/g, ' ');
    let from = 0;
    sectionHeadings().forEach((heading, i) => {
      const label = `Section ${i + 1}. ${heading}`;
      const at = text.indexOf(label, from);
      expect(at, label).toBeGreaterThanOrEqual(from);
      from = at + label.length;
    });
  });

  it('numbers pages "Page X of Y" on every page of the ordinance, and the appendix (not enacted) by its own', () => {
    const total = pdf.pages.filter((page) => !/Appendix, page \d/.test(page)).length;
    expect(total).toBe(pdf.pages.length - 1);
    expect(total).toBeGreaterThan(3);
    // The total is one small form shown by every footer, so text extraction may lose the space before it.
    pdf.pages.forEach((page, i) => {
      if (i < total) expect(page).toMatch(new RegExp(`Page ${i + 1} of\\s*${total}`));
      else expect(page).toContain(`Appendix, page ${i - total + 1}`);
    });
  });

  it('bookmarks every section', () => {
    expect(pdf.outline).toEqual([
      ...sectionHeadings().map((h, i) => `Section ${i + 1}. ${h}`),
      'CERTIFICATION AND APPROVALS',
      'DECLARATION OF POSTING ORDINANCE',
      'Appendix: Relationship to Prior Directives',
    ]);
  });

  it('ends with the relationship to prior directives, each linked to its source and its sections', () => {
    const appendix = pdf.pages
      .slice(pdf.pages.findIndex((p) => p.includes('Appendix: Relationship to Prior Directives')))
      .join('\n')
      .replace(/\s+/g, ' ');
    expect(appendix).toContain('Prior directive What this ordinance does Sections citing it');
    expect(appendix).toMatch(/Los Angeles Police Department Special Order 40 \(1979\) Codifies Section 1, Section 2, Section 5/);
    expect(appendix).toMatch(
      /Executive Directive No\. 20: Standing with Immigrants: A City of Safety, Refuge, and Opportunity for All \(2017\) Codifies Section 1, Section 2, Section 5/,
    );
    expect(appendix).toMatch(/8 U\.S\.C\. § 1326: Reentry of removed aliens Cites Section 6/);
    const last = pdf.pages.length;
    const appendixLinks = pdf.links.filter((l) => l.page >= last - 1);
    expect(appendixLinks.some((l) => l.dest === 'section-exceptions')).toBe(true);
    expect(appendixLinks.some((l) => l.url === 'https://www.law.cornell.edu/uscode/text/8/1326')).toBe(true);
  });

  it('lists every citation and what the ordinance does to each directive in xref.json', () => {
    const xref = JSON.parse(readFileSync(path.join(out, SLUG, 'xref.json'), 'utf8'));
    expect(xref.citations.every((c: { resolved: boolean }) => c.resolved)).toBe(true);
    expect(xref.directives.map((d: { id: string; relations: string[] }) => `${d.id} ${d.relations.join('+')}`)).toEqual([
      'lapd-special-order-40 codifies+cites',
      'la-executive-directive-20 codifies+cites',
      'us-code-8-1325 cites',
      'us-code-8-1357 cites',
      'ca-trust-act cites',
      'ca-values-act cites',
      'us-code-8-1326 cites',
      'us-code-8-1373 cites',
      'la-city-charter-251 cites',
    ]);
    // Citations written in plain words are found too, and linked like annotated ones.
    expect(xref.citations.filter((c: { written: string }) => c.written !== 'annotation').length).toBeGreaterThan(0);
  });

  it('prints references as current section numbers and links them', () => {
    const text = pdf.pages.join(' ').replace(/\s+/g, ' ');
    expect(text).toMatch(/Except as provided in Section 6, no City Resources/);
    expect(pdf.links.some((l) => l.dest === 'section-exceptions')).toBe(true);
    expect(pdf.links.some((l) => l.url === 'https://www.law.cornell.edu/uscode/text/8/1325')).toBe(true);
  });

  it("never prints drafter's notes or directive syntax", async () => {
    const text = pdf.pages.join('\n');
    expect(text).not.toContain('Fresh drafting');
    expect(text).not.toMatch(/:(cite|ref|term|tbd|note)[[{]/);
  });

  it('embeds its fonts, and only those', () => {
    const raw = pdfBytes.toString('latin1');
    const fonts = [...raw.matchAll(/\/BaseFont \/([A-Z]{6}\+[\w-]+)/g)].map((m) => m[1]);
    expect(fonts.length).toBeGreaterThan(0);
    for (const font of fonts) expect(font).toMatch(/\+Tinos-/);
    expect(raw).toContain('/FontFile2');
    expect(raw).not.toMatch(/\/BaseFont \/(Helvetica|Times-Roman|Courier)/);
  });

  it('fills the certification from the metadata', () => {
    const last = pdf.pages.join(' ').replace(/\s+/g, ' ');
    expect(last).toContain('at its meeting of December 4, 2024');
    expect(last).toContain('Approved December 9, 2024');
    expect(last).toContain('HYDEE FELDSTEIN SOTO');
  });

  it('gives identical bytes when built again', async () => {
    const again = tempDir();
    expect((await runMain(['build', 'ordinance/', '--out', again, '--quiet'], ROOT, EPOCH)).code).toBe(0);
    expect(readFileSync(path.join(again, SLUG, `${SLUG}.pdf`)).equals(pdfBytes)).toBe(true);
    for (const name of ['summary.md', 'summary.json', 'summary.pdf', 'xref.json', 'text.html', 'record.json'])
      expect(readFileSync(path.join(again, SLUG, name)).equals(readFileSync(path.join(out, SLUG, name))), name).toBe(true);
  });
});
