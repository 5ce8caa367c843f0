/**
 * Prose is never rewritten (issue 12 §2): a section reference written in
 * prose is one of this document's sections only when it refers to this
 * document, designations ("2a", "602(c)(2)") are read whole, and what prints
 * is always the drafter's text. Fixtures: sections of real amending acts of
 * the District (test/fixtures/prose/dc-act, from the corpus
 * dc-amendments-23-24). Also where such links go: a subdivision's reference
 * to the subdivision.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileGrammar, detectCitations } from '../pipeline/cite/detect.js';
import type { CitationGrammar } from '../pipeline/grammar/citations.js';
import { codeTitleWorkspace, FIXTURES, ROOT, type runCli, sampleCopy, tempDir, workspace } from './helpers.js';
import { buildInProcess, runMain } from './in-process.js';
import { readPdf, type PdfReadBack } from './pdf.js';

const grammarOf = (id: string): CitationGrammar => JSON.parse(readFileSync(path.join(ROOT, 'templates', 'jurisdictions', `${id}.json`), 'utf8')).citations;
const DC = compileGrammar(grammarOf('district-of-columbia'), { forms: [{ id: 'dc-code', form: 'D.C. Code' }] });

/** What each detection in an ordinance's text says: "text → target pinpoint". */
function detect(text: string): string[] {
  return detectCitations(text, DC, {}).map((d) => `${d.text} → ${d.target}${d.pinpoint ? ` ${d.pinpoint}` : ''}`);
}

/** Whitespace as one space and typographic quotes as straight ones: the words as a reader reads them. */
const words = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'");

const build = (dir: string): Promise<string> => buildInProcess(dir);

describe('section references of another act, in the words of D.C. amending acts', () => {
  it.each([
    // D.C. Law 23-275: the pinpoint's last level cannot be dropped to leave "(2) of the … Act" behind.
    [
      'as provided in section 602(c)(2) of the District of Columbia Home Rule Act, approved December 24, 1973 (87 Stat. 813; D.C. Official Code § 1-206.02(c)(2)), and',
      ['87 Stat. 813 → 87-stat-813', '§ 1-206.02(c)(2) → dc-code § 1-206.02(c)(2)'],
    ],
    // D.C. Law 24-147: "4a" is read whole, and it is the other act's.
    [
      'required by section 4a of the General Legislative Procedures Act of 1975, approved October 16, 2006 (120 Stat. 2038; D.C. Official Code § 1-301.47a).',
      ['120 Stat. 2038 → 120-stat-2038', '§ 1-301.47a → dc-code § 1-301.47a'],
    ],
    // D.C. Law 24-342: another act named by its long title, cited as the law the grammar finds.
    [
      'Section 8(b) of An Act To create a Department of Corrections in the District of Columbia, effective April 26, 2019 (D.C. Law 22-309; D.C. Official Code § 24-211.08(b)), is amended',
      [
        'Section 8(b) of An Act To create a Department of Corrections in the District of Columbia, effective April 26, 2019 (D.C. Law 22-309 → dc-law-22-309 § 8(b)',
        '§ 24-211.08(b) → dc-code § 24-211.08(b)',
      ],
    ],
    // D.C. Law 24-178: a section codified in a parenthetical is the amended act's; quoted words are the amended act's.
    ['(a) Section 3 (D.C. Official Code § 1-1231.02) is amended by striking the phrase "sections 20(i)," and inserting', ['§ 1-1231.02 → dc-code § 1-1231.02']],
    // D.C. Law 24-167: designations read whole ("5a", "107b(b)"), never "section 5" or "section 107(b)".
    ['receiving subsidy payments pursuant to section 5a.', ['section 5a → 5a']],
    ['to make Formula payments pursuant to section 107b(b); provided, that', ['section 107b(b) → 107b (b)']],
    ['sections 3 and 4 of the Youth Employment Act of 1979', []],
    ['section 201(c)(1) of the Budget Support Act', []],
    // D.C. Law 24-213: "of this act" is this document.
    ['in section 2 of this act shall apply', ['section 2 → 2']],
  ])('%s', (text, expected) => {
    expect(detect(text)).toEqual(expected);
  });
});

describe('section references in a section that amends another act', () => {
  // D.C. Law 24-167, sec. 5102: "The Direct Support Professional Payment Rate Act of 2020, … is amended as follows: … (g) Section 7 is amended".
  it("are that act's, unless they name this act", () => {
    const amending = { amending: true };
    expect(detectCitations('(g) Section 7 is amended to read as follows:', DC, amending)).toEqual([]);
    expect(detectCitations('as provided in section 2 of this act', DC, amending).map((d) => d.target)).toEqual(['2']);
  });
});

describe('an act built from sections of D.C. amending acts', () => {
  let out: string;
  let check: ReturnType<typeof runCli>;
  let pdf: PdfReadBack;
  beforeAll(async () => {
    const dir = workspace(path.join(FIXTURES, 'prose', 'dc-act'));
    check = await runMain(['check', 'ordinance'], dir);
    out = await build(dir);
    pdf = await readPdf(readFileSync(path.join(out, 'dc-act', 'dc-act.pdf')));
  });

  it("takes none of the other acts' sections for its own", () => {
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain('section-ref-resolves');
    const xref = JSON.parse(readFileSync(path.join(out, 'dc-act', 'xref.json'), 'utf8'));
    // The only reference to one of its own sections: "section 2 of this act", printed as written.
    expect(xref.references).toMatchObject([{ from: 'applicability', to: 'corrections', pinpoint: null, printed: 'section 2' }]);
    expect(xref.citations.filter((c: { target: string }) => c.target.startsWith('dc-law-'))).toMatchObject([
      { target: 'dc-law-22-189', pinpoint: null },
      { target: 'dc-law-22-309', pinpoint: '§ 8(b)', resolved: true },
      { target: 'dc-law-3-46', pinpoint: '§ 2a(a)(2A)' },
      { target: 'dc-law-23-77', pinpoint: null },
    ]);
  });

  it("prints every reference in the drafter's words", () => {
    const text = words(pdf.content.join(' '));
    for (const phrase of [
      'as provided in section 602(c)(2) of the District of Columbia Home Rule Act',
      'required by section 4a of the General Legislative Procedures Act of 1975',
      'Section 8(b) of An Act To create a Department of Corrections in the District of Columbia',
      '(a) Section 3 (D.C. Official Code § 1-1231.02) is amended by striking the phrase "sections 20(i)," and inserting the phrase "sections 14a, 20(i),"',
      'conforms with section 14a."',
      'Section 2a(a)(2A) of the Youth Employment Act of 1979',
      'pursuant to section 5a.',
      'pursuant to section 107b(b); provided',
      'in section 2 of this act shall apply',
      '(b) Section 7 is amended to read as follows:',
    ])
      expect(text).toContain(phrase);
  });

  it('links to its own sections only where the words name them', () => {
    // "section 2 of this act", and the appendix's "Sections citing it" for D.C. Law 22-309: no other section is a target.
    expect([...new Set(pdf.links.map((l) => l.dest).filter((d) => typeof d === 'string'))]).toEqual(['section-corrections']);
  });
});

describe('references written in prose in an ordinance', () => {
  it('print as written when their finding is suppressed', async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(
      records,
      `${readFileSync(records, 'utf8')}\n<!-- ordinance-disable-next-line section-ref-resolves -- the Records Act's section, cited by its own number -->\nAs Section 9(b) of that act provides, the records are kept.\n`,
    );
    const out = await build(dir);
    const pdf = await readPdf(readFileSync(path.join(out, 'sample', 'sample.pdf')));
    expect(words(pdf.content.join(' '))).toContain('As Section 9(b) of that act provides, the records are kept.');
  });

  it('never resolve to a section whose front matter could not be read', async () => {
    const dir = workspace();
    writeFileSync(path.join(dir, 'ordinance', 'sample', '06-broken.md'), '---\nid: broken\nheading: [unclosed\n---\nSee Section 99(b).\n');
    const result = await runMain(['check', 'ordinance'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('06-broken.md:3:10: error § 6: Malformed YAML');
    // Before, "Section 99(b)" was taken for the id-less section itself: "Unknown subdivision `(b)` in Section 6 (``)".
    expect(result.stdout).not.toContain('Unknown subdivision');
    expect(result.stdout).not.toContain('(``)');
  });

  it('keep their words when the section they name moves, and link to the section now of that number', async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(records, `${readFileSync(records, 'utf8')}\nAs section 1 says, and as :ref{to=purpose} says.\n`);
    const out = await build(dir);
    const xref = JSON.parse(readFileSync(path.join(out, 'sample', 'xref.json'), 'utf8'));
    expect(xref.references.slice(-2)).toMatchObject([
      { to: 'purpose', printed: 'section 1' },
      { to: 'purpose', printed: 'Section 1' },
    ]);
    const pdf = await readPdf(readFileSync(path.join(out, 'sample', 'sample.pdf')));
    expect(words(pdf.content.join(' '))).toContain('As section 1 says, and as Section 1 says.');
  });
});

/** A named destination's page index and top, as a viewer resolves it. */
async function destinations(file: string, names: string[]): Promise<Record<string, { page: number; top: number } | null>> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
  const found: Record<string, { page: number; top: number } | null> = {};
  for (const name of names) {
    const dest = await doc.getDestination(name);
    found[name] = dest ? { page: await doc.getPageIndex(dest[0] as { num: number; gen: number }), top: dest[3] as number } : null;
  }
  await doc.destroy();
  return found;
}

describe('a reference to a subdivision', () => {
  it('goes to the subdivision, not to the start of its section', async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    // The sample's `:ref{to=records pin="(b)"}`, and the same in prose.
    writeFileSync(records, `${readFileSync(records, 'utf8')}\nSee also Section 2(b).\n`);
    const out = await build(dir);
    const file = path.join(out, 'sample', 'sample.pdf');
    const pdf = await readPdf(readFileSync(file));
    const internal = pdf.links.map((l) => l.dest).filter((d): d is string => typeof d === 'string' && d.startsWith('section-records'));
    expect(internal).toEqual(['section-records/b', 'section-records/b']);
    const at = await destinations(file, ['section-records', 'section-records/b']);
    expect(at['section-records/b']).not.toBeNull();
    const [section, subdivision] = [at['section-records']!, at['section-records/b']!];
    // (b) stands below the heading (PDF space: y grows upward), or on a later page.
    expect(subdivision.page > section.page || (subdivision.page === section.page && subdivision.top < section.top - 20)).toBe(true);
  });
});

describe("a citation of a subdivision of a code title's own section", () => {
  it('goes to the subdivision', async () => {
    const { dir, title } = codeTitleWorkspace('title-98', '98');
    // Numbered as the Code numbers sections: its title, a hyphen, then at least three digits (chapter and place).
    writeFileSync(
      path.join(title, '00001-98-101.md'),
      '---\nid: 98-101\nnumber: 98-101\nheading: Records.\nkind: code-section\n---\n(a) Records shall be kept.\n\n(b) Records shall be public.\n',
    );
    writeFileSync(
      path.join(title, '00002-98-102.md'),
      '---\nid: 98-102\nnumber: 98-102\nheading: Access.\nkind: code-section\n---\nThe records public under § 98-101(b) may be copied.\n',
    );
    const out = await build(dir);
    const pdf = await readPdf(readFileSync(path.join(out, 'title-98', 'title-98.pdf')));
    expect(pdf.links.map((l) => l.dest).filter((d) => typeof d === 'string' && d.startsWith('section-98-101'))).toEqual(['section-98-101/b']);
  });
});

describe('a code title', () => {
  it('takes no "section 201(c)(1) of … Act" for one of its sections, whether the title has a designation or not (the benchmark samples)', async () => {
    const dir = tempDir();
    const title = path.join(dir, 'ordinance', 'sample');
    mkdirSync(path.join(dir, 'ordinance', 'directives'), { recursive: true });
    mkdirSync(title, { recursive: true });
    // As bench/run.mjs writes its samples: a code title without `designation`.
    writeFileSync(
      path.join(title, 'code.md'),
      '---\ntype: code-title\ntitle: "D.C. Code: a sample"\nshort-title: "D.C. Code sample"\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\n---\n',
    );
    writeFileSync(
      path.join(title, '00001-1-101.md'),
      '---\nid: 1-101\nnumber: 1-101\nheading: Territorial area.\nkind: code-section\n---\nAs provided in section 201(c)(1) of the Budget Support Act, and in section 4 of the Home Rule Act, see § 1-101.\n',
    );
    const out = await build(dir);
    const xref = JSON.parse(readFileSync(path.join(out, 'sample', 'xref.json'), 'utf8'));
    expect(xref.references).toEqual([]);
    const pdf = await readPdf(readFileSync(path.join(out, 'sample', 'sample.pdf')));
    expect(words(pdf.content.join(' '))).toContain('As provided in section 201(c)(1) of the Budget Support Act, and in section 4 of the Home Rule Act, see § 1-101.');
  });
});

describe('a citation with a pinpoint', () => {
  const page = (n: string) => `https://leginfo.legislature.ca.gov/faces/codes_displaySection.xhtml?lawCode=GOV&sectionNum=${n}`;
  const linksTo = (pdf: PdfReadBack, url: string) => pdf.links.filter((l) => l.url === url).length;

  it("links to its section's page, and to no other section's page when the registry lists none for it", async () => {
    // The sample cites Government Code Section 7284.4(f) of the Values Act, whose `source` is the page of § 7284.6.
    const dir = sampleCopy();
    const sample = (root: string) => readPdf(readFileSync(path.join(root, 'la-sanctuary-city', 'la-sanctuary-city.pdf')));
    const listed = await sample(await build(dir));
    expect(linksTo(listed, page('7284.4'))).toBeGreaterThan(0);
    const entry = path.join(dir, 'ordinance', 'directives', 'ca-values-act.md');
    writeFileSync(entry, readFileSync(entry, 'utf8').replace(/^ {2}"§ 7284\.4": .*\n/m, ''));
    const unlisted = await sample(await build(dir));
    expect(linksTo(unlisted, page('7284.4'))).toBe(0);
    expect(linksTo(unlisted, page('7284.6'))).toBe(linksTo(listed, page('7284.6')));
  });
});
