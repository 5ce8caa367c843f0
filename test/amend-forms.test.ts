/**
 * Amending instructions in each council's real forms, through the CLI as a
 * drafter runs it: new text quoted as enrolled acts quote it (an opening
 * quotation mark on each paragraph, the closing `".` after the last), new and
 * rewritten sections headed as the council heads them ("Sec. 7. Heading.",
 * "§ 1-102. Heading."), and the invariant that a clean check never hides a
 * wrong amendment: what would leave the act's marks or headings in the code is
 * an error at the instruction, an instruction that does not read is an error
 * in an ordinance that names its code, and `amend` writes nothing while either
 * stands (`--keep-going` writes what applies and lists the rest).
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../pipeline/amend/apply-units.js';
import { unquoteLaw } from '../pipeline/amend/quoted.js';
import { readSectionHeading } from '../pipeline/model/quoted-law.js';
import { illFormed } from '../pipeline/amend/well-formed.js';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import { verifyWorkspace } from '../pipeline/readback/verify.js';
import { FIXTURES, ROOT, sampleCopy, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const CASE = path.join(FIXTURES, 'amend-cli');
const AMENDMENTS = path.join('ordinance', 'sample', '02a-amendments.md');
const CODE = path.join('ordinance', 'dc-code-title-1', '01-chapter-1');

/** A scratch workspace whose amending section reads `body` (under the fixture's front matter). */
function withSection(body: string, status = 'draft'): string {
  const dir = workspace(CASE);
  const file = path.join(dir, AMENDMENTS);
  const head = readFileSync(file, 'utf8').split('---\n').slice(0, 2).join('---\n');
  writeFileSync(file, `${head}---\n${body}`);
  const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^status: .*$/m, `status: ${status}`));
  // The Code as a registered directive, as a workspace that amends it registers it.
  cpSync(path.join(ROOT, 'ordinance', 'directives', 'dc-code.md'), path.join(dir, 'ordinance', 'directives', 'dc-code.md'));
  return dir;
}

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
/** A section file's body: what follows its front matter. */
const body = (source: string) => source.split('---\n').slice(2).join('---\n').trim();

/** The District's enrolled form: every quoted paragraph opens with a quotation mark, the last closes with `".`. */
const ENROLLED = `(a) Section 1-101 of the District of Columbia Official Code is amended as follows:

(1) Subsection (c) is amended to read as follows:

> "(c) "Permit" means a license or permit issued by the Department.".

(2) A new subsection (d) is added to read as follows:

> "(d) "Fee" means a fee for a permit; and
>
> "(e) "Holder" means the person who holds a permit.".

(b) Chapter 1 of Title 1 of the District of Columbia Official Code is amended by adding a new section 1-102 to read as follows:

> "§ 1-102. Fees.
>
> "(a) The Department shall set the fee for each permit.
>
> "(b) Fees shall be published in the District of Columbia Register.".
`;

/** A whole section rewritten under the act's own heading for it, "Sec. 2.". */
const SECTION_REWRITTEN = `Section 2 of the Department Establishment Act of 2012 (D.C. Official Code § 1-101) is amended to read as follows:

> "Sec. 2. Definitions of the Department of Buildings.
>
> "For the purposes of this chapter, the term:
>
> "(a) "Department" means the Department of Buildings.".
`;

describe('quoted new text as enrolled acts write it', () => {
  it('takes off the act’s quotation marks, and only those', () => {
    expect(unquoteLaw('"(c) "Permit" means a permit.".')).toEqual({ text: '(c) "Permit" means a permit.', marked: true });
    expect(unquoteLaw('“(a) Text;\n\n“(b) More.”;')).toEqual({ text: '(a) Text;\n\n(b) More.', marked: true });
    expect(unquoteLaw('"Sec. 7. Heading.\n\n"(a) Text.".').text).toBe('Sec. 7. Heading.\n\n(a) Text.');
    // Unmarked text, and a definition that opens with the law's own quotation, are left as written.
    expect(unquoteLaw('(d) "Fee" means a fee.')).toEqual({ text: '(d) "Fee" means a fee.', marked: false });
    expect(unquoteLaw('"Fee" means a fee for a "permit".')).toEqual({ text: '"Fee" means a fee for a "permit".', marked: false });
  });

  it('tells the act’s leftovers from the law’s own marks', () => {
    const wrong = (text: string) => illFormed(parseText(text, []));
    expect(wrong('(a) Text.\n\n".')).toMatch(/punctuation standing alone as a paragraph \(“"\.”\)/);
    expect(wrong('(a) Text.\n\nSec. 7. Qualifications.')).toMatch(/a section heading \(“Sec\. 7\. Qualifications\.”\) inside the text/);
    expect(wrong('(a) (a) Text.')).toMatch(/designation \(a\) written twice/);
    // The Code's own row of dots for omitted text, a list of sections, a defined term in quotation marks: the law's.
    expect(wrong('(a) Text.\n\n. . . . . . . .')).toBeUndefined();
    expect(wrong('(A) Section 22-301.')).toBeUndefined();
    expect(wrong('"Section 504" means section 504 of the Rehabilitation Act.')).toBeUndefined();
  });

  it("reads each council's section heading line", () => {
    expect(readSectionHeading('§ 24-211.07. Heading.')).toEqual({ designation: '24-211.07', heading: 'Heading.' });
    expect(readSectionHeading('Sec. 7. Qualifications.')).toEqual({ designation: '7', heading: 'Qualifications.' });
    expect(readSectionHeading('Sec. 4.1003. Notice to Persons in Custody.')).toEqual({ designation: '4.1003', heading: 'Notice to Persons in Custody.' });
    expect(readSectionHeading('**SEC. 12H.1. CITY AND COUNTY OF REFUGE.**')).toEqual({ designation: '12H.1', heading: 'CITY AND COUNTY OF REFUGE.' });
    expect(readSectionHeading('Section 3 of this act applies.')).toBeNull();
  });

  it('checks clean and applies: no quotation mark of the act, the heading set, each designation a subdivision', async () => {
    const dir = withSection(ENROLLED);
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.stdout + check.stderr).not.toMatch(/error|warning/);
    expect(check.code).toBe(0);
    const amend = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    expect(body(read(dir, 'out/01-chapter-1/01-1-101.md'))).toBe(
      [
        'For the purposes of this chapter, the term:',
        '(a) "Department" means the Department of Consumer and Regulatory Affairs.',
        '(b) "Director" means the Director of the Department; and',
        "(1) the Director's deputy, who is appointed by the Director; or",
        '(2) any officer the Director names.',
        '(c) "Permit" means a license or permit issued by the Department.',
        '(d) "Fee" means a fee for a permit; and',
        '(e) "Holder" means the person who holds a permit.',
      ].join('\n\n'),
    );
    const added = read(dir, 'out/01-chapter-1/01a-1-102.md');
    expect(added).toContain('heading: Fees.\n');
    expect(body(added)).toBe('(a) The Department shall set the fee for each permit.\n\n(b) Fees shall be published in the District of Columbia Register.');
  });

  it('rewrites a whole section under its act heading "Sec. 7.": the heading becomes the section’s, the body its subdivisions', async () => {
    const dir = withSection(SECTION_REWRITTEN);
    const amend = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    const out = read(dir, 'out/01-chapter-1/01-1-101.md');
    expect(out).toContain('heading: Definitions of the Department of Buildings.\n');
    expect(body(out)).toBe('For the purposes of this chapter, the term:\n\n(a) "Department" means the Department of Buildings.');
  });

  it('reports quotation marks that do not pair as the act’s at the instruction, quoting what would be written, and amend writes nothing', async () => {
    // The closing mark is missing: the marks are not the enrolled form, so they would stay in the code.
    const dir = withSection(`Section 1-101 of the District of Columbia Official Code is amended by adding a new subsection (d) to read as follows:

> "(d) "Fee" means a fee for a permit; and
>
> "(e) "Holder" means the person who holds a permit.
`);
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'ordinance/sample/02a-amendments.md:7:1: error § 3: Instruction does not apply: the new text for § 1-101 would leave the act\'s opening quotation mark " in the code, before “(d) "Fee" means a fee for a permit; and”',
    );
    const amend = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(amend.code).toBe(1);
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
    expect(read(dir, path.join(CODE, '01-1-101.md'))).toBe(readFileSync(path.join(CASE, CODE, '01-1-101.md'), 'utf8'));
  });

  it('names the designation once, in single parentheses, when new text does not begin with one', async () => {
    const dir = withSection(`Section 1-101 of the District of Columbia Official Code is amended by adding a new subsection (d) to read as follows:

> A fee is due for each permit.
`);
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.stdout).toContain('does not begin with a designation such as “(d)”');
    expect(check.stdout).not.toContain('((d))');
  });
});

describe('an instruction that does not read, in an ordinance that names its code', () => {
  const UNREAD = `${ENROLLED}
(c) Section 1-101 of the District of Columbia Official Code is amended by striking subsection (b) in its entirety as if it were never there.
`;

  it('is an error even in a draft, and amend writes nothing while it stands', async () => {
    const dir = withSection(UNREAD, 'draft');
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toMatch(/02a-amendments\.md:\d+:1: error .*Unexpected amending sentence that does not parse .*\[amendment-unparsed\]/);
    const amend = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(amend.code).toBe(1);
    expect(amend.stderr).toContain('not amended: 1 sentence that reads as an instruction does not parse');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('is a warning in a draft that names no code (nothing is applied)', async () => {
    const dir = withSection(UNREAD, 'draft');
    const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^amends-code:.*\n/m, ''));
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.stdout).toMatch(/warning .*Unexpected amending sentence that does not parse/);
  });

  it('with --keep-going, writes every section whose instructions all apply, lists the rest and exits 1', async () => {
    const dir = withSection(`${UNREAD}
(d) Section 1-102 of the District of Columbia Official Code is amended by striking the word "set" and inserting the word "fix" in its place.

(e) Section 1-101 of the District of Columbia Official Code is amended by striking the word "Regulatory" and inserting the word "Licensing" in its place.

(f) Section 1-101 of the District of Columbia Official Code is amended by striking the word "Zoning" and inserting the word "Planning" in its place.
`);
    const amend = await runMain(['amend', 'ordinance/sample', '--out', 'out', '--keep-going'], dir);
    expect(amend.code).toBe(1);
    expect(amend.stderr).toContain('amended 1 section with 2 instructions');
    expect(amend.stderr).toMatch(/left § 1-101 as it was: “Zoning” does not occur in § 1-101/);
    expect(amend.stderr).toContain('not read: 1 sentence');
    // § 1-102 (added, then amended) is written; § 1-101 is left whole, not half-amended.
    expect(read(dir, 'out/01-chapter-1/01a-1-102.md')).toContain('(a) The Department shall fix the fee for each permit.');
    expect(existsSync(path.join(dir, 'out/01-chapter-1/01-1-101.md'))).toBe(false);
    const json = JSON.parse(read(dir, 'out/amendments.json')) as { sections: unknown[]; left: { section: string; reasons: string[] }[]; unread: { sentence: string }[] };
    expect(json.sections).toEqual([{ section: '1-102', file: '01-chapter-1/01a-1-102.md', added: true }]);
    expect(json.left.map((l) => l.section)).toEqual(['1-101']);
    expect(json.left[0]!.reasons[0]).toMatch(/“Zoning” does not occur/);
    expect(json.unread[0]!.sentence).toContain('in its entirety as if it were never there');
  });
});

describe("Los Angeles' forms (the shipped form example la-city-resources and the sample of the code it amends)", () => {
  const LA = path.join(FIXTURES, 'amend-la');
  const laSample = () => sampleCopy(['la-city-resources', 'la-admin-code']);
  const OUTPUTS = ['01-article-1/01-4.1001.md', '01-article-1/02-4.1002.md', '01-article-1/03-4.1003.md', '01-article-1/03a-4.1004.md', 'amendments.json'];

  it('reads "Subdivision 3 of Subsection (b)", "is deleted", "amended in its entirety", "SEC. 4.1003." and "Sec. 4.1004." and applies them', async () => {
    const dir = laSample();
    const check = await runMain(['check', 'ordinance/la-city-resources'], dir);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.code).toBe(0);
    const amend = await runMain(['amend', 'ordinance/la-city-resources', '--out', 'out', '--quiet'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    expect(amend.stderr).toBe('amended 4 sections with 5 instructions\n');
    for (const file of OUTPUTS) expect(read(dir, path.join('out', file)), file).toBe(readFileSync(path.join(LA, 'expected', file), 'utf8'));
    // The new section's heading line and the rewritten one's, as the drafter wrote them, are the code's headings.
    expect(read(dir, 'out/01-article-1/03a-4.1004.md')).toContain('heading: Notice to Persons in Custody.\n');
    expect(read(dir, 'out/01-article-1/03-4.1003.md')).toContain('heading: ANNUAL REPORT.\n');
  });

  it('adds "a new Subdivision 4" under "Subsection (b)": a level word over a bare number names the subdivision', async () => {
    const dir = laSample();
    const file = path.join(dir, 'ordinance', 'la-city-resources', '02-prohibitions.md');
    const head = readFileSync(file, 'utf8').split('---\n').slice(0, 2).join('---\n');
    writeFileSync(
      file,
      `${head}---\nSubsection (b) of Section 4.1002 of the Los Angeles Administrative Code is amended by adding a new Subdivision 4 to read as follows:\n\n> (4) make a person in City custody available for an interview by a federal immigration agent.\n`,
    );
    const amend = await runMain(['amend', 'ordinance/la-city-resources', '--out', 'out', '--quiet'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    expect(body(read(dir, 'out/01-article-1/02-4.1002.md'))).toContain(
      '(3) give another agency access to a City facility.\n\n(4) make a person in City custody available for an interview by a federal immigration agent.\n\n(c) Repealed.',
    );
  });

  it('reports "is deleted" of a subsection that is not there, instead of passing it over', async () => {
    const dir = laSample();
    const file = path.join(dir, 'ordinance', 'la-city-resources', '04-scope.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Subsection (c)', 'Subsection (d)'));
    const check = await runMain(['check', 'ordinance/la-city-resources'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('error § 4: Unknown target: § 4.1002(d) does not exist');
  });
});

describe("San Francisco's forms", () => {
  const SF = path.join(FIXTURES, 'amend-sf');
  const OUTPUTS = [
    '01-chapter-12h/01-12h.1.md',
    '01-chapter-12h/02-12h.2.md',
    '01a-chapter-12i/group.md',
    '01a-chapter-12i/01-12i.1.md',
    '01a-chapter-12i/02-12i.2.md',
    '01a-chapter-12i/03-12i.3.md',
    'amendments.json',
  ];

  it('reads the instruction in the section heading, revises sections shown with the Board’s marks and "* * * *" gaps, and adds a chapter (its sections in files of their own) in its own folder', async () => {
    const dir = workspace(SF);
    const check = await runMain(['check', 'ordinance/amending'], dir);
    expect(check.stdout).not.toMatch(/: error /);
    const amend = await runMain(['amend', 'ordinance/amending', '--out', 'out', '--quiet'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    expect(amend.stderr).toBe('amended 5 sections with 5 instructions\n');
    for (const file of OUTPUTS) expect(read(dir, path.join('out', file)), file).toBe(readFileSync(path.join(SF, 'expected', file), 'utf8'));
    // The gaps keep the law they stand for; the marked words change; the added paragraph is a subdivision.
    expect(body(read(dir, 'out/01-chapter-12h/02-12h.2.md'))).toContain(
      "(2) conducting arrests for federal immigration purposes; and\n\n(3) requesting or disseminating information regarding a person's immigration status; and\n\n(4) making City facilities available to federal immigration officials.\n\n(c) This Section",
    );
    expect(read(dir, 'out/01a-chapter-12i/group.md')).toBe('---\nprefix: Chapter\nnum: 12I\nheading: CIVIL IMMIGRATION DETAINERS\n---\n');
  });

  it('prints its comparative print as the Board prints one: its legend, additions in underlined italics and deletions struck, each read in its marks by text extraction, the added chapter’s sections inserted heading and all (issue 28)', async () => {
    const dir = workspace(SF);
    const out = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/amending', '--out', out], dir)).code).toBe(0);
    const print = path.join(out, 'amending', 'comparative-print.pdf');
    const text = execFileSync('pdftotext', [print, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(text).toContain('NOTE: Unchanged Code text and uncodified text are in plain Arial font. Additions to Codes are in single-underline italics Times New Roman font.');
    // The section revised: its words struck and inserted, read so; no council's ((…)).
    expect(text).toContain('requesting [inserted: or disseminating] information [deleted: about] [inserted: regarding] a person’s immigration status[deleted: .][inserted: ; and]');
    expect(text).not.toContain('((');
    // Beside each section, the ordinance's section that changes it.
    expect(text).toContain('SEC. 12H.2. USE OF CITY FUNDS PROHIBITED. Changed by Section 2. (a) No department');
    // The chapter added: its heading, then each section new, its heading with it.
    expect(text).toContain(
      '[inserted: Chapter 12I. CIVIL IMMIGRATION DETAINERS] [inserted: SEC. 12I.1. FINDINGS.] Added by Section 3. [inserted: The City has an interest in the trust of all its residents.]',
    );
    const fonts = execFileSync('pdffonts', [print], { encoding: 'utf8' });
    expect(fonts).toMatch(/BoldItalic/);
    // Every word of the law as amended and of the struck text, with its mark, in the tags (npm run verify's check).
    const [found] = discoverWorkspaces([path.join(dir, 'ordinance')]);
    const report = await verifyWorkspace({ ...found!, ordinances: [path.join(dir, 'ordinance', 'amending')] }, path.join(dir, 'verified'));
    expect(report.documents.map((d) => [d.slug, d.sections, d.words, d.geometry])).toEqual([
      ['amending', 3, [], []],
      ['amending/comparative-print', 5, [], []],
    ]);
  });

  it('reports a comparative-print setting it does not know at its place, naming the two it takes', async () => {
    const dir = workspace(SF);
    const meta = path.join(dir, 'ordinance', 'amending', 'ordinance.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/\n---\n/, '\ncomparative-print: entire\n---\n'));
    const line = readFileSync(meta, 'utf8').split('\n').indexOf('comparative-print: entire') + 1;
    const check = await runMain(['check', 'ordinance/amending'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      `ordinance/amending/ordinance.md:${line}:20: error Unexpected \`entire\` for \`comparative-print\`, expected one of \`elided\`, \`whole\` [front-matter-schema]`,
    );
  });

  it('reports text shown unmarked that is not the law, so no change goes in unmarked', async () => {
    const dir = workspace(SF);
    const file = path.join(dir, 'ordinance', 'amending', '02-funds.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('(b) Prohibited activities include:', '(b) Activities prohibited include:'));
    const check = await runMain(['check', 'ordinance/amending'], dir);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain(
      'ordinance/amending/02-funds.md:3:1: error § 2: Instruction does not apply: the text of § 12H.2 shown unmarked is not the law: the law reads “(b) Prohibited activities include:”, the text shows “(b) Activities prohibited include:”: mark what changes (:ins[…], :del[…]) [amendment-applies]',
    );
  });

  it('names the whole designation after a gap that the law does not hold', async () => {
    const dir = workspace(SF);
    const file = path.join(dir, 'ordinance', 'amending', '02-funds.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('(b) Prohibited activities include:', '(q) Prohibited activities include:'));
    const check = await runMain(['check', 'ordinance/amending'], dir);
    expect(check.stdout).toContain('the text after “* * * *” begins (q)(3), which is not in the law as it reads [amendment-applies]');
  });

  it('reports a change to the law’s punctuation that is not marked', async () => {
    const dir = workspace(SF);
    const file = path.join(dir, 'ordinance', 'amending', '02-funds.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('status:del[.]:ins[; and]', 'status:ins[; and]'));
    const check = await runMain(['check', 'ordinance/amending'], dir);
    expect(check.stdout).toContain(
      "the law reads “(3) requesting information about a person's immigration status.”, the text shows “(3) requesting information about a person's immigration status”",
    );
  });
});

describe("the drafters' guide", () => {
  const guide = readFileSync(path.join(ROOT, 'docs', 'guide', '04-codes.md'), 'utf8');
  /** A file's text as the guide shows it: its front matter and body, as written. */
  const shown = (file: string) => readFileSync(file, 'utf8').trim();

  it("shows each council's forms with the examples these tests run, word for word", () => {
    expect(guide).toContain(ENROLLED.trim());
    expect(guide).toContain(SECTION_REWRITTEN.trim());
    const la = path.join(ROOT, 'ordinance', 'la-city-resources');
    for (const name of ['02-prohibitions.md', '03-reports.md', '04-scope.md', '05-notice.md']) expect(guide, name).toContain(shown(path.join(la, name)));
    const sf = path.join(FIXTURES, 'amend-sf', 'ordinance', 'amending');
    for (const name of ['02-funds.md', '03-detainers.md', '03-detainers/01-sec-12i-1.md']) expect(guide, name).toContain(shown(path.join(sf, name)));
    expect(guide).toContain(shown(path.join(ROOT, 'ordinance', 'dc-wmata-board', '02-board-of-directors.md')));
  });
});
