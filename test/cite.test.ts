/**
 * Citations written as prose: every form and list/range shape the grammars
 * know, with the target each must resolve to; then detection end to end
 * (xref.json, links, renumbering, findings).
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileGrammar, continuedPin, detectCitations } from '../pipeline/cite/detect.js';
import type { CitationContext, CitationGrammar } from '../pipeline/grammar/citations.js';
import { ROOT, sampleCopy, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const grammarOf = (id: string): CitationGrammar => JSON.parse(readFileSync(path.join(ROOT, 'templates', 'jurisdictions', `${id}.json`), 'utf8')).citations;
const DC = compileGrammar(grammarOf('district-of-columbia'), { forms: [{ id: 'dc-code', form: 'D.C. Code' }] });
const LA = compileGrammar(grammarOf('los-angeles'), {
  forms: [
    { id: 'lapd-special-order-40', form: 'Special Order 40' },
    { id: 'la-executive-directive-20', form: 'Executive Directive No. 20' },
    { id: 'ca-values-act', form: 'California Values Act' },
  ],
});
const IN_CHAPTER = {
  title: '3',
  groups: [
    { prefix: 'Chapter', num: '12' },
    { prefix: 'Subchapter', num: 'III' },
  ],
};

/** What each detection says: "text → target pinpoint". */
function detect(compiled: ReturnType<typeof compileGrammar>, text: string, context: CitationContext = {}): string[] {
  return detectCitations(text, compiled, context).map((d) => `${d.text} → ${d.target}${d.pinpoint ? ` ${d.pinpoint}` : ''}${d.unknownForm ? ' (unknown form)' : ''}`);
}

describe('citation forms of the District of Columbia', () => {
  it.each([
    ['See § 24-211.02a(c)(6).', ['§ 24-211.02a(c)(6) → dc-code § 24-211.02a(c)(6)']],
    ['under §\u200228:9-203 and § 28:2A-405', ['§\u200228:9-203 → dc-code § 28:9-203', '§ 28:2A-405 → dc-code § 28:2A-405']],
    ['pursuant to §§ 31-4304 and 31-2502.02.', ['§§ 31-4304 → dc-code § 31-4304', '31-2502.02 → dc-code § 31-2502.02']],
    ['§§ 1-101 through 1-105', ['§§ 1-101 → dc-code § 1-101', '1-105 → dc-code § 1-105']],
    ['§§ 1-204.24a — 1-204.24f', ['§§ 1-204.24a → dc-code § 1-204.24a', '1-204.24f → dc-code § 1-204.24f']],
    ['by § 1-328.04(j) and (k).', ['§ 1-328.04(j) → dc-code § 1-328.04(j)', '(k) → dc-code § 1-328.04(k)']],
    ['§§ 3-1623 [repealed], 3-1711 [repealed]', ['§§ 3-1623 → dc-code § 3-1623', '3-1711 → dc-code § 3-1711']],
    ['D.C. Law 23-56', ['D.C. Law 23-56 → dc-law-23-56']],
    ['D.C. Law 19-124A added (e).', ['D.C. Law 19-124A → dc-law-19-124a']],
    ['§ 3 of D.C. Law 22-228 provided', ['§ 3 of D.C. Law 22-228 → dc-law-22-228 § 3']],
    ['Section 7192 of D.C. Act 24-159 repealed', ['Section 7192 of D.C. Act 24-159 → dc-act-24-159 § 7192']],
    [
      'see § 2(b) of the Trauma Technologists Licensure Temporary Amendment Act of 2014 (D.C. Act 20-180, March 7, 2015, 62 DCR 1324)',
      ['§ 2(b) of the Trauma Technologists Licensure Temporary Amendment Act of 2014 (D.C. Act 20-180 → dc-act-20-180 § 2(b)'],
    ],
    ['see §§ 3, 5 of D.C. Law 15-9', ['§§ 3, 5 of D.C. Law 15-9 → dc-law-15-9 § 3', '5 → dc-law-15-9 § 5']],
    ['Pub. L. 93-198', ['Pub. L. 93-198 → pub-l-93-198']],
    ['(42 U.S.C. § 1396r-5)', ['42 U.S.C. § 1396r-5 → us-code-42-1396r-5 § 1396r-5']],
    ['Chapter 5 of Title 2', ['Chapter 5 of Title 2 → dc-code 2|5']],
    ['part B of subchapter XII-A of Chapter 3 of Title 1', ['part B of subchapter XII-A of Chapter 3 of Title 1 → dc-code 1|3|XII-A|B']],
    // The forms of the Council's acts and of the Code's own citation style (issue 15).
    ['approved December 24, 1973 (87 Stat. 813; D.C. Official Code § 1-201.01 et seq.)', ['87 Stat. 813 → 87-stat-813', '§ 1-201.01 → dc-code § 1-201.01']],
    ['Section 23-1321 of the District of Columbia Official Code is amended as follows:', ['Section 23-1321 of the District of Columbia Official Code → dc-code § 23-1321']],
    ['sections 1-101 and 1-102(a) of the D.C. Official Code', ['sections 1-101 → dc-code § 1-101', '1-102(a) of the D.C. Official Code → dc-code § 1-102(a)']],
    ['Chapter 12I of Title 1', ['Chapter 12I of Title 1 → dc-code 1|12I']],
    ['Title 47 of the District of Columbia Official Code', ['Title 47 of the District of Columbia Official Code → dc-code 47']],
    ['set out as Title 1, Chapter 15, subchapter IV, part A.', ['Title 1, Chapter 15, subchapter IV, part A → dc-code 1|15|IV|A']],
    ['Chapter 36 of Title 3, and Chapter 37 [repealed] of Title 3', ['Chapter 36 of Title 3 → dc-code 3|36', 'Chapter 37 [repealed] of Title 3 → dc-code 3|37']],
    ['Section 7174 of Law 22-33 provided', ['Section 7174 of Law 22-33 → dc-law-22-33 § 7174']],
    // A subdivision alone continues the level of its kind, not the section.
    ['under § 47-1366(b)(3)(A) and (B)', ['§ 47-1366(b)(3)(A) → dc-code § 47-1366(b)(3)(A)', '(B) → dc-code § 47-1366(b)(3)(B)']],
    ['with § 47-860.02(a)(1) or (2),', ['§ 47-860.02(a)(1) → dc-code § 47-860.02(a)(1)', '(2) → dc-code § 47-860.02(a)(2)']],
    ['§ 47-863(a)(1A)(A)(iii)(I)(aa) and (II)', ['§ 47-863(a)(1A)(A)(iii)(I)(aa) → dc-code § 47-863(a)(1A)(A)(iii)(I)(aa)', '(II) → dc-code § 47-863(a)(1A)(A)(iii)(II)']],
    ['§ 42-3502.05(f) and (g)(1)(C)', ['§ 42-3502.05(f) → dc-code § 42-3502.05(f)', '(g)(1)(C) → dc-code § 42-3502.05(g)(1)(C)']],
  ])('%s', (text, expected) => {
    expect(detect(DC, text)).toEqual(expected);
  });

  it.each([
    // Sections 1 to 3 of a public law: a section of the Code has at least three digits after its title's hyphen.
    ['Pub. L. 86-716, §§ 1-3', ['Pub. L. 86-716 → pub-l-86-716']],
    // A section "of" another document is that document's.
    ['subject to fines pursuant to section 16-3201 of the District of Columbia Municipal Regulations', []],
    ['the Internal Revenue Code (Title 26, U.S.C.)', []],
  ])('is not deceived by %s', (text, expected) => {
    expect(detect(DC, text)).toEqual(expected);
  });

  it("reads a section named by word in a code title as the Code's only when the Code is named or the title is its own", () => {
    const inTitle28 = { title: '28', groups: [{ prefix: 'Subtitle', num: 'I' }] };
    expect(detect(DC, 'the warranty of Section 2-314 applies', inTitle28)).toEqual([]);
    expect(detect(DC, 'a violation of section 28-3803, 28-3805, or § 28-3807', inTitle28)).toEqual([
      'section 28-3803 → dc-code § 28-3803',
      '28-3805 → dc-code § 28-3805',
      '§ 28-3807 → dc-code § 28-3807',
    ]);
    expect(detect(DC, '(82 Stat. 1002, D.C. Code Section 45-715)', inTitle28)).toEqual(['82 Stat. 1002 → 82-stat-1002', 'Section 45-715 → dc-code § 45-715']);
    expect(detect(DC, 'Section 47-903 of the District of Columbia Official Code', inTitle28)).toEqual([
      'Section 47-903 of the District of Columbia Official Code → dc-code § 47-903',
    ]);
  });

  it('reads "this chapter" and "this subchapter" from where the text stands', () => {
    expect(detect(DC, 'This chapter and subchapter II of this chapter, and this subchapter, and Chapter 5 of this title', IN_CHAPTER)).toEqual([
      'This chapter → dc-code 3|12',
      'subchapter II of this chapter → dc-code 3|12|II',
      'this subchapter → dc-code 3|12|III',
      'Chapter 5 of this title → dc-code 3|5',
    ]);
  });

  it('leaves alone what is not a citation of the Code', () => {
    expect(detect(DC, 'under Title 5 of the United States Code, title 5, United States Code, on 2019-2020, at 8:00 p.m.', IN_CHAPTER)).toEqual([]);
    expect(detect(DC, 'the D.C. Code, § 1-207.11')).toEqual(['§ 1-207.11 → dc-code § 1-207.11']);
  });
});

describe("a code whose outermost group is the chapter (San Francisco's Administrative Code)", () => {
  const SF = compileGrammar(
    {
      code: {
        target: 'sf-administrative-code',
        section: String.raw`\d{1,3}[A-Z]{0,2}\.\d{1,3}`,
        groups: ['chapter', 'article'],
        lead: String.raw`§|SEC\.|\b[Ss]ections?`,
        name: String.raw`(?:San\s+Francisco\s+)?Administrative\s+Code`,
      },
    },
    { forms: [] },
  );
  it.each([
    ['as Chapter 12I provides', ['Chapter 12I → sf-administrative-code 12I']],
    [
      'Chapter 12I of the Administrative Code and Section 12H.2 of the Administrative Code',
      ['Chapter 12I of the Administrative Code → sf-administrative-code 12I', 'Section 12H.2 of the Administrative Code → sf-administrative-code § 12H.2'],
    ],
    ['Article 2 of Chapter 12H', ['Article 2 of Chapter 12H → sf-administrative-code 12H|2']],
    [
      'Sections 12H.2(a) and (b), and Section 1 of this ordinance',
      ['Sections 12H.2(a) → sf-administrative-code § 12H.2(a)', '(b) → sf-administrative-code § 12H.2(b)', 'Section 1 → 1'],
    ],
  ])('%s', (text, expected) => {
    expect(detect(SF, text, { ownSections: true })).toEqual(expected);
  });
});

describe('citation forms of Los Angeles', () => {
  it.each([
    ['codifies Special Order 40 and Executive Directive No. 20.', ['Special Order 40 → lapd-special-order-40', 'Executive Directive No. 20 → la-executive-directive-20']],
    ['Cal. Gov. Code § 7284.6(b)(1)', ['Cal. Gov. Code § 7284.6(b)(1) → ca-values-act § 7284.6(b)(1)']],
    ['Government Code Section 7282.5', ['Government Code Section 7282.5 → ca-values-act § 7282.5']],
    ['8 U.S.C. § 1325', ['8 U.S.C. § 1325 → us-code-8-1325 § 1325']],
    ['8 U.S.C. Section 1357(g)', ['8 U.S.C. Section 1357(g) → us-code-8-1357 § 1357(g)']],
    ['Ordinance No. 188441', ['Ordinance No. 188441 → la-ordinance-188441']],
    ['Section 4.2 of this Code', ['Section 4.2 of this Code → la-administrative-code § 4.2']],
    ['Charter Section 251', ['Charter Section 251 → la-city-charter-251']],
    ['Sections 2(a), (b) and 4 apply', ['Sections 2(a) → 2 (a)', '(b) → 2 (b)', '4 → 4']],
    ['see Section 9(b) and 8 U.S.C. § 1325', ['Section 9(b) → 9 (b)', '8 U.S.C. § 1325 → us-code-8-1325 § 1325']],
    ['a 2019 directive, Executive Directive No. 21', ['Executive Directive No. 21 →  (unknown form)']],
  ])('%s', (text, expected) => {
    expect(detect(LA, text).map((d) => d.replace(/ → (\d+) /, ' → $1 '))).toEqual(expected);
  });

  it('reads "Amendatory section 510(a)(10)" as the amended law\'s section, and "section 3(b)" beside it as the act\'s own (D.C. Law 24-115, Sec. 7) (issue 29)', () => {
    const found = detect(
      DC,
      'Amendatory section 510(a)(10), (f)(4), and (h) in section 3(b) shall apply upon the date of inclusion of its fiscal effect in an approved budget and financial plan.',
    );
    expect(found.some((d) => d.startsWith('section 510'))).toBe(false);
    expect(found.some((d) => d.startsWith('(f)(4)') || d.startsWith('(h)'))).toBe(false);
    expect(found.some((d) => d.startsWith('section 3(b)'))).toBe(true);
  });

  it.each([
    ['Title III of the District of Columbia Act on the Aging (D.C. Law 1-24) is amended by adding a new section 310 to read as follows:', 'section 310'],
    ['The Office of Citizen Complaint Review Establishment Act of 1998 is amended by adding new sections 17 and 18 to read as follows:', 'sections 17'],
    ['The Chief Financial Officer shall establish the Section 108 Debt Reserve Account ("Account").', 'Section 108'],
    [
      'Pursuant to sections 401 and 402(4), and notwithstanding section 421, of the Street and Alley Closing and Acquisition Procedures Act of 1982, the Council redesignates Ellen Wilson Place.',
      'sections 401',
    ],
  ])('reads no section of the act in "%s" (D.C. Laws 24-167, 24-345, 24-45, 24-205) (issue 29)', (text, words) => {
    expect(detect(DC, text).filter((d) => d.startsWith(words))).toEqual([]);
  });

  it('still reads the act’s own sections beside them: "section 4 shall apply", "sections 2 and 3 of this act"', () => {
    expect(detect(DC, 'Except as provided in section 4, this act shall apply.').some((d) => d.startsWith('section 4'))).toBe(true);
    expect(detect(DC, 'The amendments made by sections 2 and 3 of this act shall apply.').some((d) => d.startsWith('sections 2'))).toBe(true);
  });

  it.each([
    ['(c)(1)(G)', '(H)', '(c)(1)(H)'],
    ['(d)(2)', '(3)', '(d)(3)'],
    ['(a)(1)', '(b)', '(b)'],
    ['(h)', '(i)', '(i)'],
    ['(c)(1)(E)(i)', '(ii)', '(c)(1)(E)(ii)'],
    ['(c)(1)(E)(iv)', '(v)', '(c)(1)(E)(v)'],
    ['(c)(1)(E)(i)', '(d)', '(d)'],
    ['(b)(3)(A)', '(c)(1)', '(c)(1)'],
    [undefined, '(a)', '(a)'],
  ])('reads a list item of designations alone on from the item before: %s then %s is %s', (previous, pin, expected) => {
    expect(continuedPin(previous, pin)).toBe(expected);
  });

  it('resolves "section 3(c)(1)(G), (H), and (N)" and "section 3(d)(2) through (3)" within the first item (D.C. Laws 24-342, 24-53)', () => {
    expect(detect(DC, 'The amendatory section 5(10A) within section 3(c)(1)(G), (H), and (N) of this act shall apply.')).toEqual(
      expect.arrayContaining([expect.stringMatching(/^\(H\) → .*\(c\)\(1\)\(H\)/), expect.stringMatching(/^\(N\) → .*\(c\)\(1\)\(N\)/)]),
    );
  });

  it("does not take an ordinance's own number for a citation of another", () => {
    expect(detect(LA, 'This is Ordinance No. 188441.', { ownNumber: '188441' })).toEqual([]);
  });
});

describe('detection in the pipeline', () => {
  it('links, lists and checks citations written as prose, and prints references written by number as written', async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(records, `${readFileSync(records, 'utf8')}\nAs Example Order 7 requires, and as Section 1 says, records follow Example Order 9.\n`);
    const check = await runMain(['check', 'ordinance'], dir);
    expect(check.stdout).toBe(
      'ordinance/sample/02-records.md:19:68: warning § 2(c): Unknown citation `Example Order 9`, expected a form the registry knows (did you mean `Example Order 7` (`example-order`)?) [prose-citation-resolves]\n',
    );
    const out = tempDir();
    expect((await runMain(['build', 'ordinance', '--out', out], dir)).code).toBe(0);
    const xref = JSON.parse(readFileSync(path.join(out, 'sample', 'xref.json'), 'utf8'));
    expect(xref.citations.filter((c: { written: string }) => c.written !== 'annotation')).toMatchObject([
      { line: 19, column: 4, target: 'example-order', resolved: true, text: 'Example Order 7', written: 'directive', section: 'records', sectionLabel: 'Section 2' },
      { line: 19, column: 68, target: '', resolved: false, text: 'Example Order 9', written: 'directive' },
    ]);
    expect(xref.references.at(-1)).toMatchObject({ line: 19, column: 37, from: 'records', to: 'purpose', printed: 'Section 1' });
    const index = JSON.parse(readFileSync(path.join(out, 'directives.json'), 'utf8'));
    expect(index.directives).toMatchObject([{ id: 'example-order', citedBy: [{ ordinance: 'sample', relations: ['codifies', 'cites'], sections: ['Section 1', 'Section 2'] }] }]);
    expect(xref.directives).toEqual([
      {
        id: 'example-order',
        citedAs: 'Example Order 7',
        title: 'Example Order No. 7',
        status: 'in-force',
        source: 'https://example.org/orders/7',
        relations: ['codifies', 'cites'],
        sections: ['Section 1', 'Section 2'],
      },
    ]);
  });

  it('checks the year of a citation written in plain words against the registry (the news reports\' "2019 directive")', async () => {
    const dir = sampleCopy();
    const purpose = path.join(dir, 'ordinance', 'la-sanctuary-city', '02-purpose.md');
    writeFileSync(purpose, `${readFileSync(purpose, 'utf8').trimEnd()}\n\nIn 2019 the Mayor reaffirmed a 2019 directive, Executive Directive No. 20.\n`);
    const lines = readFileSync(purpose, 'utf8').split('\n');
    const line = lines.findIndex((l) => l.startsWith('In 2019')) + 1;
    const result = await runMain(['check', 'ordinance'], dir);
    // At the year that is wrong, the one nearest the citation.
    expect(result.stdout).toBe(
      `ordinance/la-sanctuary-city/02-purpose.md:${line}:32: warning § 2(d): Unexpected year 2019 for \`Executive Directive No. 20\`, expected 2017 (the registry: issued 2017-03-21) (dates registered at ordinance/directives/la-executive-directive-20.md:13:3) [citation-year]\n`,
    );
    // Its fix, the registry's year, is what `check --fix` writes (in a draft: the sample is in force, and its words are never fixed).
    writeFileSync(
      path.join(dir, 'ordinance', 'la-sanctuary-city', 'ordinance.md'),
      readFileSync(path.join(dir, 'ordinance', 'la-sanctuary-city', 'ordinance.md'), 'utf8').replace(/^status: .*$/m, 'status: draft'),
    );
    const fixed = await runMain(['check', '--fix', 'ordinance/la-sanctuary-city'], dir);
    expect(fixed.stderr).toContain('fixed 1 finding in 1 file');
    expect(readFileSync(purpose, 'utf8')).toContain('In 2019 the Mayor reaffirmed a 2017 directive, Executive Directive No. 20.');
  });

  it('reports a section written by a number the ordinance does not have', async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(records, `${readFileSync(records, 'utf8')}\nSee Section 9(b).\n`);
    expect((await runMain(['check', 'ordinance'], dir)).stdout).toBe(
      'ordinance/sample/02-records.md:19:5: error § 2(c): Unknown section in `Section 9(b)`, expected one of Sections 1–5 (better, `:ref{to=id}`, which follows the section when it moves) [section-ref-resolves]\n',
    );
  });

  it('renumbers every reference when a section moves', async () => {
    const dir = workspace();
    const sample = path.join(dir, 'ordinance', 'sample');
    // Records moves ahead of Purpose: the reference to Purpose must now print "Section 2".
    renameSync(path.join(sample, '02-records.md'), path.join(sample, '00-records.md'));
    const out = tempDir();
    expect((await runMain(['build', 'ordinance', '--out', out], dir)).code).toBe(0);
    const xref = JSON.parse(readFileSync(path.join(out, 'sample', 'xref.json'), 'utf8'));
    expect(xref.references.map((r: { printed: string }) => r.printed)).toEqual(['Section 1(b)', 'Section 2']);
  });
});
