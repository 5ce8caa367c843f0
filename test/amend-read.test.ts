/**
 * Reading amending sentences (pipeline/amend/read.ts) with the District's
 * amendment grammar: each operation and prose form, the context lead-ins give,
 * the sentences that read like instructions but do not parse, and an act of the
 * amendments corpus imported with `ordinance import dc-law --plain`.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Instruction } from '../pipeline/amend/instruction.js';
import { amendmentPatternProblems } from '../pipeline/grammar/amendments.js';
import { actSectionsFromHistory } from '../pipeline/amend/code-index.js';
import { type ActSectionResolver, readInstructions, type ReadResult } from '../pipeline/amend/read.js';
import { setQuotesApart } from '../pipeline/amend/read-words.js';
import { importDcLaw } from '../pipeline/import/dc-law/import.js';
import { loadOrdinanceSources } from '../pipeline/load/sources.js';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import { parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';
import { loadTemplate } from '../pipeline/load/templates.js';
import { BIN, FIXTURES, tempDir } from './helpers.js';
import { runMain } from './in-process.js';

const grammar = loadTemplate('district-of-columbia').jurisdiction.amendments!;

/** Read an ordinance folder's instructions. */
function readFolder(dir: string, with_ = grammar, options: { actSection?: ActSectionResolver } = {}): ReadResult {
  const parsed = parseOrdinance(loadOrdinanceSources(dir));
  if (!parsed) throw new Error(`${dir} did not parse`);
  return readInstructions(modelOrdinance(parsed), with_, options);
}

/** An amending ordinance of one section whose body is `body`; returns what is read from it. */
function read(body: string, with_ = grammar, options: { actSection?: ActSectionResolver } = {}): ReadResult {
  const dir = path.join(tempDir(), 'amending');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'ordinance.md'),
    '---\ntitle: "An act to amend the Code"\nshort-title: "Amendment Act"\njurisdiction: district-of-columbia\nstatus: draft\nversion: 1\n---\n',
  );
  writeFileSync(path.join(dir, '01-amendments.md'), `---\nid: amendments\nheading: Amendments.\nkind: amendment\n---\n${body}\n`);
  return readFolder(dir, with_, options);
}

/** The parts of an instruction a test compares (not its source or prose). */
function gist(i: Instruction): Record<string, unknown> {
  const { source: _source, prose: _prose, form: _form, sectionId: _sectionId, ...rest } = i;
  return rest;
}

describe('the prose reader', () => {
  it('strikes and inserts words in the subdivision nested lead-ins narrow to', () => {
    const { instructions, unparsed } = read(`Section 24-211.07 is amended as follows:

(a) Subsection (a) is amended as follows:

(1) Paragraph (2) is amended by striking the phrase "Department of Corrections" and inserting the phrase "Department" in its place.

(2) The lead-in language is amended by striking the word "shall" and inserting the word "may" in its place.

(b) Subsection (c)(1) is amended by striking the phrase "federal" each place it appears.`);
    expect(unparsed).toEqual([]);
    expect(instructions.map(gist)).toEqual([
      { op: 'strike', words: 'Department of Corrections', insert: 'Department', occurrence: { kind: 'only' }, target: { section: '24-211.07', path: ['(a)', '(2)'] } },
      { op: 'strike', words: 'shall', insert: 'may', occurrence: { kind: 'only' }, target: { section: '24-211.07', path: ['(a)'], part: 'text' } },
      { op: 'strike', words: 'federal', occurrence: { kind: 'every' }, target: { section: '24-211.07', path: ['(c)', '(1)'] } },
    ]);
    expect(instructions[0]!.prose).toBe('Paragraph (2) is amended by striking the phrase "Department of Corrections" and inserting the phrase "Department" in its place.');
    expect(instructions[0]!.form).toBe('prose');
    expect(instructions[0]!.sectionId).toBe('amendments');
    // Line 10 of the section file: five lines of front matter, then the body.
    expect(instructions[0]!.source.position?.start.line).toBe(10);
  });

  it('finds the code section an act section names in its citation, and reads the imperative form under it', () => {
    const { instructions } =
      read(`Title V of the Rental Housing Act of 1985, effective July 17, 1985 (D.C. Law 6-10; D.C. Official Code § 42-3505.01 et seq.), is amended as follows:

(a) Section 501(b) (D.C. Official Code § 42-3505.01(b)) is amended as follows:

(1) Strike the phrase "30 days" the first time it appears and insert the phrase "60 days" in its place.

(2) Strike the word "tenant" wherever it appears and insert the word "resident" in its place.`);
    // The act whose section it is, named by law in the lead-in: what codifying reads "this act" and "section 501" in.
    expect(instructions.map(gist)).toEqual([
      { op: 'strike', words: '30 days', insert: '60 days', occurrence: { kind: 'nth', n: 1 }, target: { section: '42-3505.01', path: ['(b)'] }, act: 'D.C. Law 6-10' },
      { op: 'strike', words: 'tenant', insert: 'resident', occurrence: { kind: 'every' }, target: { section: '42-3505.01', path: ['(b)'] }, act: 'D.C. Law 6-10' },
    ]);
  });

  it('reads marks named in words: the period, the semicolon, the comma', () => {
    const { instructions } = read(`Section 7-2051 is amended as follows:

(a) Subparagraph (B) is amended by striking the period at the end and inserting a semicolon in its place.

(b) Paragraph (3) is amended by striking the semicolon and inserting the phrase "; and" in its place.

(c) Paragraph (4) is amended by striking the comma.`);
    expect(instructions.map(gist)).toEqual([
      { op: 'strike', words: '.', insert: ';', occurrence: { kind: 'last' }, target: { section: '7-2051', path: ['(B)'] } },
      { op: 'strike', words: ';', insert: '; and', occurrence: { kind: 'last' }, target: { section: '7-2051', path: ['(3)'] } },
      { op: 'strike', words: ',', occurrence: { kind: 'last' }, target: { section: '7-2051', path: ['(4)'] } },
    ]);
  });

  it('inserts words before or after other words, and at the end', () => {
    const { instructions } = read(`Section 25-374 is amended as follows:

(a) Subsection (a) is amended by inserting the phrase "or mixed-use" after the word "commercial" the second time it appears.

(b) Subsection (b) is amended by inserting the word "licensed" before the phrase "establishment".

(c) Subsection (c) is amended by inserting the phrase ", or by rule" at the end.`);
    expect(instructions.map(gist)).toEqual([
      { op: 'insert', words: 'or mixed-use', at: { kind: 'after', anchor: 'commercial', occurrence: { kind: 'nth', n: 2 } }, target: { section: '25-374', path: ['(a)'] } },
      { op: 'insert', words: 'licensed', at: { kind: 'before', anchor: 'establishment', occurrence: { kind: 'only' } }, target: { section: '25-374', path: ['(b)'] } },
      { op: 'insert', words: ', or by rule', at: { kind: 'end' }, target: { section: '25-374', path: ['(c)'] } },
    ]);
  });

  it('adds new subdivisions and new sections with the quoted text that follows', () => {
    const { instructions, unparsed } = read(`(a) Section 23-1321 is amended by adding a new subsection (d) to read as follows:

> (d) The Mayor shall not detain a person on the basis of a civil immigration detainer.

(b) Section 16-1501 is amended as follows:

(1) New subsections (b) through (d) are added to read as follows:

> (b) First.
>
> (c) Second.
>
> (d) Third.

(c) A new section 24-211.08 is added to read as follows:

> § 24-211.08. Reports.
>
> The Mayor shall report annually.`);
    expect(unparsed).toEqual([]);
    expect(instructions.map(gist)).toEqual([
      { op: 'add', designations: ['(d)'], text: '(d) The Mayor shall not detain a person on the basis of a civil immigration detainer.', target: { section: '23-1321', path: [] } },
      { op: 'add', designations: ['(b)', '(c)', '(d)'], text: '(b) First.\n\n(c) Second.\n\n(d) Third.', target: { section: '16-1501', path: [] } },
      { op: 'add', designations: ['24-211.08'], text: '§ 24-211.08. Reports.\n\nThe Mayor shall report annually.', target: { section: '24-211.08', path: [] } },
    ]);
  });

  it("numbers an act's new section after the section it follows, as the act cites it, and says when it cannot", () => {
    const { instructions, unparsed } =
      read(`The District of Columbia Government Comprehensive Merit Personnel Act of 1978, effective March 3, 1979 (D.C. Law 2-139; D.C. Official Code § 1-601.01 et seq.), is amended as follows:

(a) Section 1204 (D.C. Official Code § 1-612.04) is repealed.

(b) New sections 1204a and 1204b are added to read as follows:

> § 1204a. Leave.
>
> Text of the first.
>
> § 1204b. Insurance.
>
> Text of the second.

(c) A new section 1299a is added to read as follows:

> § 1299a. Unknown.`);
    expect(instructions.map((i) => [i.op, i.target.section, i.op === 'add' ? i.text : ''])).toEqual([
      ['repeal', '1-612.04', ''],
      ['add', '1-612.04a', '§ 1204a. Leave.\n\nText of the first.'],
      ['add', '1-612.04b', '§ 1204b. Insurance.\n\nText of the second.'],
    ]);
    expect(unparsed.map((u) => u.expected)).toEqual([
      'the code designation of new section 1299a: its text beginning "§ 24-211.08. Heading.", or the code it amends (`amends-code:`) whose history notes give section 1299 of D.C. Law 2-139',
    ]);
  });

  it("numbers an act's new sections as the District's codifier does, from the code's history notes", () => {
    // What the notes say each act's sections were codified as (a code's `actSectionsFromHistory`).
    const history: Record<string, string> = {
      'D.C. Law 2-139|1211': '1-612.11',
      'Leg. Assem. ch. 106|6': '22-1006',
      'Leg. Assem. ch. 106|11': '22-1012',
      'D.C. Law 22-168|1083': '1-1162.03',
    };
    const enacted: Record<string, string> = { '22-1001': 'Leg. Assem. ch. 106' };
    const actSection: ActSectionResolver = (act, n) => history[`${act.law}|${n}`] ?? (act.codeStart ? history[`${enacted[act.codeStart]}|${n}`] : undefined);
    const { instructions, unparsed } = read(
      `The District of Columbia Government Comprehensive Merit Personnel Act of 1978, effective March 3, 1979 (D.C. Law 2-139; D.C. Official Code § 1-601.01 et seq.), is amended as follows:

(a) Title XII is amended as follows:

(1) A new section 1212 is added to read as follows:

> § 1212. Reports.
>
> Text.

(b) An Act for the preservation of the public peace, approved August 23, 1871 (Leg. Assem., p. 137, ch. 106; D.C. Official Code § 22-1001 et seq.), is amended as follows:

(1) A new section 6b is added to read as follows:

> § 6b. Neglect.
>
> Text.

(2) New sections 11a and 11b are added to read as follows:

> § 11a. First.
>
> Text.
>
> § 11b. Second.
>
> Text.`,
      grammar,
      { actSection },
    );
    expect(unparsed).toEqual([]);
    // The next decimal after the act's section before (1211 is 1-612.11); a letter after a section codified without a decimal takes its place as one.
    expect(instructions.map((i) => i.target.section)).toEqual(['1-612.12', '22-1006.02', '22-1012.01', '22-1012.02']);
  });

  it('places a section of an act named by its law at the code section it enacted, as the history notes say (D.C. Law 24-147, sec. 150)', () => {
    // The notes: section 103 of D.C. Law 22-164 enacted 7-231.03; section 2042 of D.C. Law 22-33 only amended the code (the enacting ask finds nothing).
    const enacting: Record<string, string> = { 'D.C. Law 22-164|103': '7-231.03' };
    const amending: Record<string, string> = { 'D.C. Law 22-33|2042': '1-325.361' };
    const actSection: ActSectionResolver = (act, n, ask = {}) => enacting[`${act.law}|${n}`] ?? (ask.enacting ? undefined : amending[`${act.law}|${n}`]);
    const { instructions, unparsed } = read(
      `(a) The Vital Records Modernization Amendment Act of 2018, effective October 30, 2018 (D.C. Law 22-164; 65 DCR 9324), is amended as follows:

(1) Section 103(b) is amended as follows:

(A) Paragraph (8) is redesignated as paragraph (9).

(2) Section 103(c) is amended by striking the phrase "Vital Records Act of 1981" and inserting the phrase "Vital Records Modernization Amendment Act of 2018" in its place.

(b) The Fiscal Year 2018 Budget Support Act of 2017, effective December 13, 2017 (D.C. Law 22-33; 64 DCR 7652), is amended as follows:

(1) Section 2042(e)(3) is amended by striking the phrase "St. Elizabeth" and inserting the phrase "St. Elizabeths" in its place.`,
      grammar,
      { actSection },
    );
    expect(instructions.map(gist)).toEqual([
      { op: 'redesignate', from: ['(8)'], to: ['(9)'], target: { section: '7-231.03', path: ['(b)'] } },
      {
        op: 'strike',
        words: 'Vital Records Act of 1981',
        insert: 'Vital Records Modernization Amendment Act of 2018',
        occurrence: { kind: 'only' },
        target: { section: '7-231.03', path: ['(c)'] },
      },
    ]);
    // A section of an act that amended the code: its subdivisions are its own instructions, not the code's, so it is not placed by them.
    expect(unparsed.map((u) => u.sentence)).toEqual([expect.stringMatching(/^Section 2042\(e\)\(3\) is amended/)]);
    expect(unparsed[0]!.expected).toMatch(/^the code section that "Section 2042\(e\)\(3\)" is/);
  });

  it("finds in the code's history notes the section an act's section enacted, apart from those it only amended", () => {
    const note = (attributes: string) => `:::annotation{type="History" ${attributes}}\nHistory\n:::\n`;
    // The notes as the imported D.C. Code writes them (§ 7-231.03 and § 1-325.361 as codified; § 1-325.362 beside it; § 28-3910 amended by a later act).
    const files: Record<string, string> = {
      't7/03-7-231.03.md': note('doc="D.C. Law 22-164" eff="2018-10-30" display="false"') + note('doc="D.C. Law 22-164" path="§103" eff="2018-10-30"'),
      't1/01-1-325.361.md': note('doc="D.C. Law 22-33" path="II" display="false"') + note('doc="D.C. Law 22-33" path="§2042"'),
      't1/02-1-325.362.md': note('doc="D.C. Law 22-33" path="§2042"'),
      't28/10-28-3910.md': note('doc="D.C. Law 1-76" path="§10"') + note('doc="D.C. Law 22-140" path="§2"') + note('doc="D.C. Law 22-140" path="§2|(e)"'),
      // Section 2 of D.C. Law 22-161 amended two sections: its (c)(1) and (c)(2)(A) one, its (d) the other.
      't21/01-21-2301.md': note('doc="D.C. Law 22-161" path="§2|(c)|(1)"') + note('doc="D.C. Law 22-161" path="§2|(c)|(2)|(A)"'),
      't21/02-21-2302.md': note('doc="D.C. Law 22-161" path="§2|(d)"'),
    };
    const resolve = actSectionsFromHistory({
      root: '/code',
      sections: new Map(Object.keys(files).map((f) => [/-(\d.*)\.md$/.exec(f)![1]!, f])),
      read: (file) => files[file]!,
    });
    expect(resolve({ law: 'D.C. Law 22-164' }, '103', { enacting: true })).toBe('7-231.03');
    // D.C. Law 22-140 only amended § 28-3910: its section is codified there, but enacted nothing.
    expect(resolve({ law: 'D.C. Law 22-140' }, '2')).toBe('28-3910');
    expect(resolve({ law: 'D.C. Law 22-140' }, '2', { enacting: true })).toBeUndefined();
    // An amending act's subdivisions, as the notes name them (D.C. Law 22-140, section 2(e), amended § 28-3910 alone).
    expect(resolve({ law: 'D.C. Law 22-140' }, '2(e)(1)', { amended: true })).toBe('28-3910');
    expect(resolve({ law: 'D.C. Law 22-161' }, '2(c)', { amended: true })).toBe('21-2301');
    // Its section 2 as a whole amended both: '' (several), so the subdivisions below it are placed each by its own.
    expect(resolve({ law: 'D.C. Law 22-161' }, '2', { amended: true })).toBe('');
    expect(resolve({ law: 'D.C. Law 22-161' }, '3', { amended: true })).toBeUndefined();
    // Section 2042 of D.C. Law 22-33 enacted two sections: neither is its place.
    expect(resolve({ law: 'D.C. Law 22-33' }, '2042', { enacting: true })).toBeUndefined();
  });

  it("places a technical amendment to an amending act's section at the code section that section amended, as the history notes say (D.C. Law 24-147)", () => {
    // The notes: D.C. Law 22-140's section 2(e) amended § 28-3910; section 2(d)(3) of D.C. Law 22-250 amended § 1-1163.03, its (d)(4) § 1-1163.04.
    const amending: Record<string, string> = { 'D.C. Law 22-140|2(e)': '28-3910', 'D.C. Law 22-250|2(d)(3)': '1-1163.03', 'D.C. Law 22-250|2(d)(4)': '1-1163.04' };
    const actSection: ActSectionResolver = (act, n, ask = {}) => {
      if (!ask.amended) return undefined;
      // As the code's resolver does: what the notes name at the act's subdivision or below it, else above it; '' for several.
      for (let path = n; path; path = path.replace(/(?:\([^()]+\)|^\d+[a-z]*)$/, '')) {
        const at = `${act.law}|${path}`;
        const found = new Set(Object.entries(amending).flatMap(([key, code]) => (key === at || key.startsWith(`${at}(`) ? [code] : [])));
        if (found.size > 0) return found.size === 1 ? [...found][0] : '';
      }
      return undefined;
    };
    const { instructions, unparsed } = read(
      `(a) Section 2(e)(1) of the Consumer Protection Clarification and Enhancement Amendment Act of 2018, effective July 17, 2018 (D.C. Law 22-140; 65 DCR 5970), is amended by striking the phrase "Attorney General" and inserting the phrase "Attorney General for the District of Columbia" in its place.

(b) The Campaign Finance Reform Amendment Act of 2018, effective March 13, 2019 (D.C. Law 22-250; 66 DCR 985), is amended as follows:

(1) Section 2(d) is amended as follows:

(A) Paragraph (3) is amended by striking the phrase "sub-subparagraph (iv)" and inserting the phrase "sub-subparagraph (v)" in its place.

(B) The lead-in language of paragraph (4) is amended by striking the word "shall" and inserting the word "may" in its place.

(C) A new paragraph (5) is added to read as follows:

> (5) Text.

(D) Paragraph (6) is amended by striking the word "shall" and inserting the word "may" in its place.

(2) Section 4 is amended by striking the word "shall" and inserting the word "may" in its place.

(c) Section 2(e) of the Consumer Protection Clarification and Enhancement Amendment Act of 2018, effective July 17, 2018 (D.C. Law 22-140; 65 DCR 5970), is amended as follows:

(1) The lead-in language is amended by striking the word "shall" and inserting the word "may" in its place.

(2) The amendatory section heading is amended by striking the word "Attorney" and inserting the word "Attorneys" in its place.

(d) Section 4(b)(2)(C) of the Tipped Wage Workers Fairness Amendment Act of 2018, effective December 13, 2018 (D.C. Law 22-196; 65 DCR 12049), is amended by striking the phrase ", and" and inserting the phrase "; and" in its place.`,
      grammar,
      { actSection },
    );
    // The words are the act's, sought in the whole code section its instruction amended: its subdivisions are the act's, not the code's.
    expect(instructions.map((i) => [i.target, i.op === 'strike' ? i.words : i.op])).toEqual([
      [{ section: '28-3910', path: [] }, 'Attorney General'],
      [{ section: '1-1163.03', path: [] }, 'sub-subparagraph (iv)'],
      [{ section: '1-1163.04', path: [] }, 'shall'],
      // Its lead-in language is the act's instruction's, the words sought in the whole section; its "amendatory section heading", the heading of the code section.
      [{ section: '28-3910', path: [] }, 'shall'],
      [{ section: '28-3910', path: [], part: 'heading' }, 'Attorney'],
    ]);
    // What the act adds to its own instruction is not the code's; an instruction the notes do not place is not guessed.
    expect(unparsed.map((u) => u.expected)).toEqual([
      'a code section to add to cited in the sentence: section 2(d) of D.C. Law 22-250 is an amending instruction, whose own subdivisions and text the code does not hold',
      // Its (6) is named by no note: what its section 2(d) amended as a whole is several code sections.
      "the code section that section 2(d)(6) of D.C. Law 22-250 amended, cited in the sentence: the code's history notes place that section in several code sections",
      // Its section 4 is named by no note at all.
      'the code section that "Section 4" is, cited in parentheses after it ("(D.C. Official Code § 24-211.07)")',
      // Nor is D.C. Law 22-196's section 4: the sentence says which section of which act, and what would place it.
      'the code section that section 4(b)(2)(C) of D.C. Law 22-196 is, or amended: its citation in parentheses after it ("(D.C. Official Code § 24-211.07)"), or a code whose history notes name that section',
    ]);
  });

  it('reads the words the Council also writes: "a semi-colon", "the section designation", "the redesignated paragraph" (D.C. Laws 24-45 and 24-147)', () => {
    const { instructions, unparsed } = read(`Section 47-1801.04 is amended as follows:

(a) Paragraph (16) is amended by striking the phrase "; and" and inserting a semi-colon in its place.

(b) The redesignated paragraph (18) is amended by striking the period and inserting the phrase "; and" in its place.

(c) Strike the phrase "section 121 of the Vital Records Modernization Amendment Act of 2018" and insert the section designation "§ 7-231.21" in its place.`);
    expect(unparsed).toEqual([]);
    expect(instructions.map(gist)).toEqual([
      { op: 'strike', words: '; and', insert: ';', occurrence: { kind: 'only' }, target: { section: '47-1801.04', path: ['(16)'] } },
      { op: 'strike', words: '.', insert: '; and', occurrence: { kind: 'last' }, target: { section: '47-1801.04', path: ['(18)'] } },
      {
        op: 'strike',
        words: 'section 121 of the Vital Records Modernization Amendment Act of 2018',
        insert: '§ 7-231.21',
        occurrence: { kind: 'only' },
        target: { section: '47-1801.04', path: [] },
      },
    ]);
  });

  it('reads which of two subdivisions designated alike a sentence names: "the second subsection (k)", "the first paragraph (17)" (D.C. Laws 24-45 and 24-147)', () => {
    const { instructions, unparsed } = read(`Section 44-407 is amended as follows:

(a) The second subsection (k) is redesignated as subsection (l).

(b) Subsection (b) is amended as follows:

(1) The first paragraph (17) is amended by striking the period at the end and inserting a semicolon in its place.

(2) The second paragraph (17) is redesignated as paragraph (18).

(3) The second paragraph designated as paragraph (7) is redesignated as paragraph (8).

(4) The second paragraph (17) is amended by striking the word "and".`);
    expect(unparsed).toEqual([]);
    expect(instructions.map(gist)).toEqual([
      { op: 'redesignate', from: ['(k)'], to: ['(l)'], nth: 2, target: { section: '44-407', path: [] } },
      { op: 'strike', words: '.', insert: ';', occurrence: { kind: 'last' }, target: { section: '44-407', path: ['(b)', '(17)'] } },
      { op: 'redesignate', from: ['(17)'], to: ['(18)'], nth: 2, target: { section: '44-407', path: ['(b)'] } },
      { op: 'redesignate', from: ['(7)'], to: ['(8)'], nth: 2, target: { section: '44-407', path: ['(b)'] } },
      { op: 'strike', words: 'and', occurrence: { kind: 'only' }, target: { section: '44-407', path: ['(b)', '(17)'], nth: [1, 2] } },
    ]);
  });

  it('reads words struck "wherever it appears" below a title of the code as an instruction on every section of the title (D.C. Law 24-332)', () => {
    const { instructions, unparsed } = read(`Title 25 of the D.C. Official Code is amended as follows:

(a) Strike the acronym "ABRA" wherever it appears and insert the acronym "ABCA" in its place.

(b) Strike the phrase "Alcoholic Beverage Regulation Administration" wherever it appears and insert the phrase "Alcoholic Beverage and Cannabis Administration" in its place.`);
    expect(unparsed).toEqual([]);
    expect(instructions.map(gist)).toEqual([
      { op: 'strike', words: 'ABRA', insert: 'ABCA', occurrence: { kind: 'every' }, target: { section: '', path: [], within: { kind: 'title', title: '25', prefix: '25-' } } },
      {
        op: 'strike',
        words: 'Alcoholic Beverage Regulation Administration',
        insert: 'Alcoholic Beverage and Cannabis Administration',
        occurrence: { kind: 'every' },
        target: { section: '', path: [], within: { kind: 'title', title: '25', prefix: '25-' } },
      },
    ]);
    // What only a section can take (new text, a repeal) is not spread over a title.
    expect(read('Title 25 of the D.C. Official Code is amended as follows:\n\n(a) Paragraph (3) is repealed.').unparsed).toHaveLength(1);
  });

  it("reads words an amending act's section struck, where its notes name several code sections, as an instruction on those that hold them (D.C. Law 24-147)", () => {
    // The notes: section 6142 of D.C. Law 24-45 amended §§ 47-1801.04 and 47-1806.03.
    const sections = ['47-1801.04', '47-1806.03'];
    const actSection: ActSectionResolver = Object.assign(
      (act: { law?: string }, n: string, ask: { amended?: boolean } = {}) => (ask.amended && act.law === 'D.C. Law 24-45' && n === '6142' ? '' : undefined),
      {
        amendedSections: (act: { law?: string }, n: string) => (act.law === 'D.C. Law 24-45' && n.startsWith('6142') ? sections : []),
      },
    );
    const { instructions, unparsed } = read(
      `The Fiscal Year 2022 Budget Support Act of 2021, effective November 13, 2021 (D.C. Law 24-45; 68 DCR 10163), is amended as follows:

(a) Section 6142 is amended by striking the phrase "2021" and inserting the phrase "2022" in its place.

(b) Section 6142 is amended to read as follows:

> Sec. 6142. Text.`,
      grammar,
      { actSection },
    );
    expect(instructions.map(gist)).toEqual([
      {
        op: 'strike',
        words: '2021',
        insert: '2022',
        occurrence: { kind: 'only' },
        target: { section: '', path: [], within: { kind: 'amended', by: 'section 6142 of D.C. Law 24-45', sections } },
      },
    ]);
    // New text for the act's own section is not the code's to take.
    expect(unparsed.map((u) => u.expected)).toEqual([
      'a code section to amend cited in the sentence: section 6142 of D.C. Law 24-45 is an amending instruction, whose own subdivisions and text the code does not hold',
    ]);
  });

  it('reads a section by its number within the title of the code a lead-in names (D.C. Law 24-147, sec. 133)', () => {
    const { instructions, unparsed } = read(`Title 28 of the D. C. Official Code is amended as follows:

(a) Section 2701 is amended by striking the phrase "May; Independence Day," and inserting the phrase "May; Juneteenth National Independence Day, June 19; Independence Day," in its place.

(b) Section 3814 is amended as follows:

(1) Subsection (a) is amended by striking the word "shall" and inserting the word "may" in its place.`);
    expect(unparsed).toEqual([]);
    expect(instructions.map((i) => [i.target.section, i.target.path])).toEqual([
      ['28-2701', []],
      ['28-3814', ['(a)']],
    ]);
    // A grammar that does not say how its titles number their sections reads no such section.
    const { titleSection: _titleSection, ...without } = grammar;
    expect(
      read(
        'Title 28 of the D. C. Official Code is amended as follows:\n\n(a) Section 2701 is amended by striking the word "May" and inserting the word "June" in its place.',
        without,
      ).unparsed,
    ).toHaveLength(1);
  });

  it('reads what the Council writes beside the forms: typos in a lead-in, "to read as" over nested instructions, headings, a new subdivision "amended to read", a level word its designation belies', () => {
    const { instructions, unparsed } = read(`(a) Section 202(c)(2) (D.C. Official Code § 2-1411.01(c)(2)) as amended as follows:

(1) Subparagraph (A) is amended by striking the word "and" and inserting the word "or" in its place.

(b) Section 206(a) (D.C. Official Code § 4-561.06(a)) is amended as followed:

(1) A new subparagraph (C) is amended to read as follows:

> (C) New text.

(c) D.C. Official Code § 25-101 is amended to read as follows:

(1) Paragraph (11) is amended to read as follows:

> (11) New text.

(d) The section designation for § 47-2887.04 is amended by striking the phrase "form; requirements." and inserting the phrase "application; requirements." in its place.

(e) Section 47-2887.16 is amended by striking the phrase "Administrative penalty" in the section heading and inserting the phrase "Civil penalty" in its place.

(f) The section designation for section 25-766 is amended to read as follows:

> Prohibited statements in advertisements.

(g) Section 38-2905 is amended by adding a new section (e) to read as follows:

> (e) New text.

(h) Section 7-2051(b)(5) is amended as follows:

(1) A new paragraph (E) is added to read as follows:

> (E) New text.`);
    expect(unparsed).toEqual([]);
    expect(instructions.map((i) => [i.op, i.target.section, i.target.path.join(''), i.target.part ?? ''])).toEqual([
      ['strike', '2-1411.01', '(c)(2)(A)', ''],
      ['add', '4-561.06', '(a)', ''],
      ['rewrite', '25-101', '(11)', ''],
      ['strike', '47-2887.04', '', 'heading'],
      ['strike', '47-2887.16', '', 'heading'],
      ['rewrite', '25-766', '', 'heading'],
      ['add', '38-2905', '', ''],
      // "A new paragraph (E)": its shape makes it a subparagraph, of paragraph (5).
      ['add', '7-2051', '(b)(5)', ''],
    ]);
    expect(instructions[1]).toMatchObject({ designations: ['(C)'] });
    expect(instructions[6]).toMatchObject({ designations: ['(e)'] });
  });

  it('rewrites, repeals and redesignates subdivisions', () => {
    const { instructions } = read(`Section 24-211.07 is amended as follows:

(a) Subsection (b) is amended to read as follows:

> (b) No person shall be detained solely on a detainer.

(b) Paragraphs (3) and (4) are repealed.

(c) Paragraphs (5) and (6) are redesignated as paragraphs (3) and (4), respectively.

(d) The existing text is designated as subsection (a).

(e) Section 24-211.06 is repealed.`);
    expect(instructions.map(gist)).toEqual([
      { op: 'rewrite', text: '(b) No person shall be detained solely on a detainer.', target: { section: '24-211.07', path: ['(b)'] } },
      { op: 'repeal', target: { section: '24-211.07', path: ['(3)'] } },
      { op: 'repeal', target: { section: '24-211.07', path: ['(4)'] } },
      { op: 'redesignate', from: ['(5)', '(6)'], to: ['(3)', '(4)'], target: { section: '24-211.07', path: [] } },
      { op: 'redesignate', from: [''], to: ['(a)'], target: { section: '24-211.07', path: [] } },
      { op: 'repeal', target: { section: '24-211.06', path: [] } },
    ]);
  });

  it('reports a sentence that reads like an instruction but does not parse, with what was expected', () => {
    const { instructions, unparsed } = read(`Section 24-211.07 is amended as follows:

(a) Subsection (a) is amended by deleting the phrase "federal".

(b) Paragraph (9) is amended to read as follows:

(c) Section 9 is repealed.`);
    expect(instructions).toEqual([]);
    expect(unparsed.map((u) => [u.sentence, u.source.position?.start.line, u.expected])).toEqual([
      [
        'Subsection (a) is amended by deleting the phrase "federal".',
        8,
        'an instruction of the grammar: "is amended as follows:", "is amended by striking …", "is amended to read as follows:", "is repealed", "is redesignated as …"',
      ],
      ['Paragraph (9) is amended to read as follows:', 10, 'the new text as a block quote after the sentence'],
      ['Section 9 is repealed.', 12, 'the code section that "Section 9" is, cited in parentheses after it ("(D.C. Official Code § 24-211.07)")'],
    ]);
  });

  it('sets quoted words apart, quotes inside them included', () => {
    expect(setQuotesApart('by striking the period and inserting the phrase "; provided, that the term "reprogramming" means a change." in its place')).toEqual({
      sentence: 'by striking the period and inserting the phrase \u27e60\u27e7 in its place',
      quotes: ['; provided, that the term "reprogramming" means a change.'],
    });
    expect(setQuotesApart('striking \u201cthe \u201cBoard\u201d\u201d and inserting \u201cit\u201d').quotes).toEqual(['the \u201cBoard\u201d', 'it']);
  });
});

describe('the grammar as data', () => {
  it('compiles, and names a pattern that does not compile at its place', () => {
    expect(amendmentPatternProblems(grammar)).toEqual([]);
    const broken = { ...grammar, forms: [...grammar.forms, { op: 'repeal' as const, pattern: '{target} is (repealed' }] };
    expect(amendmentPatternProblems(broken)).toEqual([{ path: ['forms', grammar.forms.length, 'pattern'], error: expect.stringContaining('Unterminated group') }]);
  });
});

describe("the drafters' guide", () => {
  it('reads its example of an amending section as it says', () => {
    const guide = readFileSync(path.join(FIXTURES, '..', '..', 'docs', 'guide', '04-codes.md'), 'utf8');
    const example = /## Writing amending instructions[\s\S]*?```markdown\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const { instructions, unparsed } = read(example);
    expect(unparsed).toEqual([]);
    expect(instructions.map((i) => [i.op, i.target.section, i.target.path.join(''), i.target.part ?? ''])).toEqual([
      ['strike', '24-211.07', '(a)(2)', ''],
      ['strike', '24-211.07', '(a)', 'text'],
      ['rewrite', '24-211.07', '(d)', ''],
      ['add', '23-1321', '', ''],
    ]);
  });
});

describe('the annotation form', () => {
  it("states a sentence's instructions explicitly, in place of its prose, and gives the same model", () => {
    const { instructions, unparsed } = read(`Section 24-211.07 is amended as follows:

(a) Subsection (a) is amended by striking out, wherever it may appear, "federal".

::amend{op=strike section="24-211.07" path="(a)" words="federal" insert="national" occurrence=every}

(b) Subsection (d) shall hereafter read:

::amend{op=rewrite section="24-211.07" path="(d)"}

> (d) New text.

(c) Paragraph (3) is abolished.

::amend{op=repeal section="24-211.07" path="(3)"}`);
    expect(unparsed).toEqual([]);
    expect(instructions.map(gist)).toEqual([
      { op: 'strike', words: 'federal', insert: 'national', occurrence: { kind: 'every' }, target: { section: '24-211.07', path: ['(a)'] } },
      { op: 'rewrite', text: '(d) New text.', target: { section: '24-211.07', path: ['(d)'] } },
      { op: 'repeal', target: { section: '24-211.07', path: ['(3)'] } },
    ]);
    expect(instructions.map((i) => i.form)).toEqual(['annotation', 'annotation', 'annotation']);
    expect(instructions[0]!.prose).toBe('Subsection (a) is amended by striking out, wherever it may appear, "federal".');
    expect(instructions[0]!.source.position?.start.line).toBe(10);
  });

  it('says what an annotation lacks, at the annotation', () => {
    const { instructions, unparsed } = read(`Section 24-211.07 is amended as follows:

(a) Subsection (a) is amended by striking "federal".

::amend{op=strike section="24-211.07" path="(a)"}`);
    expect(instructions).toEqual([]);
    expect(unparsed.map((u) => [u.source.position?.start.line, u.expected])).toEqual([[10, 'in `::amend`, `words`: the words struck']]);
  });

  it("written by import dc-law from the Council's markup, reads as the prose does", async () => {
    const law = path.join(FIXTURES, 'amend', '24-288.xml');
    const plain = path.join(tempDir(), 'plain');
    const annotated = path.join(tempDir(), 'annotated');
    importDcLaw(law, plain, { plain: true });
    expect(importDcLaw(law, annotated, { plain: false }).annotations).toBe(3);
    const fromProse = readFolder(plain).instructions;
    const fromAnnotations = readFolder(annotated);
    expect(fromAnnotations.unparsed).toEqual([]);
    expect(fromAnnotations.instructions.map((i) => i.form)).toEqual(['annotation', 'annotation', 'annotation']);
    // The same operations at the same places; the prose also names the act the section codifies, which the annotation does not.
    expect(fromAnnotations.instructions.map(gist)).toEqual(fromProse.map(gist).map(({ act: _act, ...rest }) => rest));
    expect((await runMain(['check', annotated], path.dirname(BIN))).stdout).not.toContain('annotation');
  });
});

describe('ordinance import dc-law', () => {
  const law = path.join(FIXTURES, 'amend', '24-288.xml');

  it('--plain keeps the prose and quoted text, and drops the codification markup', async () => {
    const out = path.join(tempDir(), 'law-24-288');
    const result = await runMain(['import', 'dc-law', law, out, '--plain'], path.dirname(BIN));
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('imported D.C. Law 24-288');
    const files = readdirSync(out).filter((f) => f.endsWith('.md'));
    const text = files.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
    expect(text).toContain('Subsection (a) is amended to read as follows:');
    expect(text).toMatch(/^> "\(a\) /m);
    expect(text).not.toContain('codify');
    expect(text).not.toContain('::amend');
  });

  it('gives, read from the prose alone, the instructions the Council marked up (cases.jsonl)', () => {
    const out = path.join(tempDir(), 'law-24-288');
    importDcLaw(law, out, { plain: true });
    const { instructions, unparsed } = readFolder(out);
    expect(unparsed).toEqual([]);
    // The corpus' gold for § 9-1108.11: replace (a), replace (b)(2), repeal (b)(3).
    expect(instructions.map((i) => [i.op, i.target.section, i.target.path.join('')])).toEqual([
      ['rewrite', '9-1108.11', '(a)'],
      ['rewrite', '9-1108.11', '(b)(2)'],
      ['repeal', '9-1108.11', '(b)(3)'],
    ]);
    expect(instructions[0]!.op === 'rewrite' && instructions[0]!.text.startsWith('(a)')).toBe(true);
  });

  it("joins a sentence the Council's document breaks across lines, and keeps a heading line apart", () => {
    const broken = path.join(tempDir(), '24-288-broken.xml');
    writeFileSync(
      broken,
      readFileSync(law, 'utf8')
        .replace(
          'D.C. Law 19-286; D.C. Official Code § 9-1108.11), is amended as follows:</text>',
          'D.C. Law 19-286; D.C. Official Code § 9-1108.11), is amended as</text>\n    <text>follows:</text>',
        )
        .replace(
          '<text>Subsection (a) is amended to read as follows:</text>',
          '<text>Subsection (a) is amended to read as follows:</text>\n      <text>Note</text>\n      <text>The new text.</text>',
        )
        .replace('approved December 24, 1973 (87 Stat. 813;', 'approved December</text>\n    <text>24, 1973 (87 Stat. 813;'),
    );
    const out = path.join(tempDir(), 'law-24-288');
    importDcLaw(broken, out, { plain: true });
    const text = readdirSync(out)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(path.join(out, f), 'utf8'))
      .join('\n');
    expect(text).toContain('(D.C. Law 19-286; D.C. Official Code § 9-1108.11), is amended as follows:\n');
    expect(text).toContain('approved December 24, 1973 (87 Stat. 813; D.C. Official Code § 1-206.02(c)(1))');
    expect(text).toMatch(/\nNote\n\nThe new text\.\n/);
    expect(readFolder(out).instructions.map((i) => [i.op, i.target.section, i.target.path.join('')])).toEqual([
      ['rewrite', '9-1108.11', '(a)'],
      ['rewrite', '9-1108.11', '(b)(2)'],
      ['repeal', '9-1108.11', '(b)(3)'],
    ]);
  });

  it('refuses a file that is not a law, in one line', async () => {
    const bad = path.join(tempDir(), 'not-a-law.xml');
    writeFileSync(bad, '<section><num>1</num></section>');
    const result = await runMain(['import', 'dc-law', bad, path.join(tempDir(), 'out')], path.dirname(BIN));
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('not a D.C. law (expected a <document> root, found <section>)');
    expect(result.stderr).not.toContain('    at ');
  });
});

describe("Los Angeles' amendment grammar", () => {
  const la = loadTemplate('los-angeles').jurisdiction.amendments!;

  it("reads the City's forms: a section of a code named with its groups, a subdivision of a section, a new chapter added to a division", () => {
    const { instructions, unparsed } = read(
      `Section 4.1001 of Article 1, Chapter 1, Division 4 of the Los Angeles Administrative Code is amended to read as follows:

> Sec. 4.1001. Definitions.
>
> The following words have the meanings given.

Subsection (b) of Section 22.13 of the Los Angeles Administrative Code is amended by striking the word "may" and inserting the word "shall" in its place.

A new Chapter 17 is added to Division 4 of the Los Angeles Administrative Code to read as follows:

> Sec. 4.2000. Purpose.
>
> This chapter protects residents.
>
> Sec. 4.2001. Definitions.
>
> "City resources" means money, property and personnel.

Section 12.03 of the Los Angeles Municipal Code is hereby repealed.`,
      la,
    );
    expect(unparsed).toEqual([]);
    expect(instructions.map((i) => [i.op, i.target.section, i.target.path.join('')])).toEqual([
      ['rewrite', '4.1001', ''],
      ['strike', '22.13', '(b)'],
      ['add', '4.2000', ''],
      ['add', '4.2001', ''],
      ['repeal', '12.03', ''],
    ]);
    const strike = instructions[1]!;
    expect(strike.op === 'strike' && [strike.words, strike.insert]).toEqual(['may', 'shall']);
  });

  it("says what it expects in the City's own words, not the District's", () => {
    const sentences =
      'Strike the word "may" and insert the word "shall" in its place.\n\nThe table of contents is amended by striking the word "may" and inserting the word "shall" in its place.';
    expect(read(sentences, la).unparsed.map((u) => u.expected)).toEqual([
      'a code section to amend: a lead-in naming it ("Section 4.1001 of the Los Angeles Administrative Code is amended as follows:") or its citation in the sentence',
      'a target: a code section ("Section 4.1001 of the Los Angeles Administrative Code", or "Section 3 (Los Angeles Administrative Code Section 4.1001)") or a subdivision ("Subsection (a)"); found "The table of contents"',
    ]);
    expect(read(sentences).unparsed.map((u) => u.expected)).toEqual([
      'a code section to amend: a lead-in naming it ("Section 24-211.07 is amended as follows:") or its citation in the sentence',
      'a target: a code section ("Section 24-211.07", or "Section 3 (D.C. Official Code § 24-211.07)") or a subdivision ("Subsection (a)"); found "The table of contents"',
    ]);
  });

  it("reads the guide's example of the City's forms as it says", () => {
    const guide = readFileSync(path.join(FIXTURES, '..', '..', 'docs', 'guide', '04-codes.md'), 'utf8');
    const example = /## Writing amending instructions[\s\S]*?Los Angeles names a section[\s\S]*?```markdown\n([\s\S]*?)```/.exec(guide)?.[1] ?? '';
    const { instructions, unparsed } = read(example, la);
    expect(unparsed).toEqual([]);
    expect(instructions.map((i) => [i.op, i.target.section, i.target.path.join('')])).toEqual([
      ['rewrite', '4.1001', ''],
      ['strike', '22.13', '(b)'],
      ['add', '4.2000', ''],
    ]);
  });

  it('reports a City instruction that does not parse, saying what it expected', () => {
    const { instructions, unparsed } = read('Section 4.1001 of the Los Angeles Administrative Code is amended by changing the word "may".', la);
    expect(instructions).toEqual([]);
    expect(unparsed.map((u) => u.expected)).toEqual([expect.stringContaining('an instruction of the grammar')]);
  });
});
