import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { applyToSection, newSectionSource } from '../pipeline/amend/apply.js';
import { applyInstructions } from '../pipeline/amend/amend-ordinance.js';
import { compileCodify } from '../pipeline/amend/codify.js';
import { grammarOf } from '../pipeline/amend/read.js';
import { loadTemplate } from '../pipeline/load/templates.js';
import type { Instruction } from '../pipeline/amend/instruction.js';
import { amendedSectionModels } from '../pipeline/amend/section-model.js';
import type { Block, Subdivision } from '../pipeline/model/types.js';
import { markdown } from '../pipeline/dc-xml/markdown.js';
import { sectionTree } from '../pipeline/dc-xml/section.js';
import { readXml } from '../pipeline/import/xml-file.js';
import { FIXTURES } from './helpers.js';

type Operation = Instruction extends infer I ? (I extends Instruction ? Omit<I, 'prose' | 'source' | 'form' | 'sectionId'> : never) : never;

/** An instruction as the reader would give it, around an operation. */
function instruction(operation: Operation): Instruction {
  return {
    prose: 'test',
    source: { file: new VFile({ path: 'ordinance/act/02-amendments.md' }), position: undefined },
    form: 'annotation',
    sectionId: 'amendments',
    ...operation,
  } as Instruction;
}

const at = (path: string[] = [], part?: 'text' | 'heading') => ({ section: '1-101', path, ...(part ? { part } : {}) });

/** A small section as the importer writes it (marker form). */
const SECTION = `---
id: 1-101
number: 1-101
heading: Definitions of the Department.
kind: code-section
---

For the purposes of this chapter, the term:

(a) "Department" means the Department of Consumer and Regulatory Affairs.

(b) "Director" means the Director of the Department; and

(1) the Director's deputy, who is appointed by the Director; or

(2) any officer the Director names.

(c) "Permit" means a permit issued by the Department.

:::annotation{type="History"}
Jan. 1, 2000, D.C. Law 13-1, § 2.
:::
`;

/** The body of a section source (front matter and annotations apart), one block a line. */
function body(source: string): string[] {
  return source
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .replace(/:::annotation[\s\S]*$/, '')
    .split(/\n+/)
    .filter(Boolean);
}

describe('applying instructions to a code section', () => {
  it('strikes words and inserts others in their place, changing nothing else', () => {
    const result = applyToSection(SECTION, [
      instruction({ op: 'strike', words: 'Consumer and Regulatory Affairs', occurrence: { kind: 'only' }, insert: 'Buildings', target: at(['(a)']) }),
    ]);
    expect(result.changed).toBe(true);
    expect(result.outcomes[0]).toMatchObject({ applied: true, struck: ['Consumer and Regulatory Affairs'], inserted: ['Buildings'] });
    expect(result.source).toBe(SECTION.replace('Consumer and Regulatory Affairs', 'Buildings'));
  });

  it('strikes words alone, leaving one space where two met and none before punctuation', () => {
    const result = applyToSection(SECTION, [
      instruction({ op: 'strike', words: 'Consumer and Regulatory Affairs', occurrence: { kind: 'only' }, target: at(['(a)']) }),
      instruction({ op: 'strike', words: ', who is appointed by the Director', occurrence: { kind: 'only' }, target: at(['(b)', '(1)']) }),
      instruction({ op: 'strike', words: 'issued', occurrence: { kind: 'only' }, target: at(['(c)']) }),
    ]);
    expect(result.outcomes.every((o) => o.applied)).toBe(true);
    expect(body(result.source)).toContain('(a) "Department" means the Department of.');
    expect(body(result.source)).toContain("(1) the Director's deputy; or");
    expect(body(result.source)).toContain('(c) "Permit" means a permit by the Department.');
  });

  it('strikes each place words appear, the nth time, or the last time', () => {
    const every = applyToSection(SECTION, [instruction({ op: 'strike', words: 'Director', occurrence: { kind: 'every' }, insert: 'Chief', target: at(['(b)']) })]);
    expect(every.outcomes[0]!.struck).toHaveLength(5);
    expect(body(every.source).join('\n')).not.toContain('Director');
    const second = applyToSection(SECTION, [instruction({ op: 'strike', words: 'Director', occurrence: { kind: 'nth', n: 2 }, insert: 'Chief', target: at(['(b)']) })]);
    expect(body(second.source)).toContain('(b) "Director" means the Chief of the Department; and');
    const last = applyToSection(SECTION, [instruction({ op: 'strike', words: '.', occurrence: { kind: 'last' }, insert: '; and', target: at(['(c)']) })]);
    expect(body(last.source)).toContain('(c) "Permit" means a permit issued by the Department; and');
  });

  it('matches struck words whatever their quotes, straight or curly', () => {
    const result = applyToSection(SECTION, [
      instruction({ op: 'strike', words: '“Permit” means', occurrence: { kind: 'only' }, insert: '"Permit" includes', target: at(['(c)']) }),
    ]);
    expect(result.outcomes[0]!.applied).toBe(true);
    expect(body(result.source)).toContain('(c) "Permit" includes a permit issued by the Department.');
  });

  it('strikes "the period": the mark that ends the text, not the point inside a section number or the comma inside a number (D.C. Law 24-118 on § 4-251.03(a)(3)(C))', () => {
    const source = SECTION.replace(
      '(a) "Department" means the Department of Consumer and Regulatory Affairs.',
      '(a) "Department" means the department named pursuant to § 4-251.06, with 1,001 employees.',
    );
    const result = applyToSection(source, [instruction({ op: 'strike', words: '.', occurrence: { kind: 'only' }, insert: '; or', target: at(['(a)']) })]);
    expect(result.outcomes[0]!.reason).toBeUndefined();
    expect(body(result.source)).toContain('(a) "Department" means the department named pursuant to § 4-251.06, with 1,001 employees; or');
    // Two periods that end sentences are two: the instruction must say which.
    const two = applyToSection(source.replace('employees.', 'employees. It is one.'), [
      instruction({ op: 'strike', words: '.', occurrence: { kind: 'only' }, target: at(['(a)']) }),
    ]);
    expect(two.outcomes[0]!.reason).toContain('found twice; expected once');
  });

  it('does not apply a strike whose words are not there, quoting what the law says', () => {
    const result = applyToSection(SECTION, [instruction({ op: 'strike', words: 'Department of Health', occurrence: { kind: 'only' }, target: at(['(a)']) })]);
    expect(result.changed).toBe(false);
    expect(result.source).toBe(SECTION);
    expect(result.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
    expect(result.outcomes[0]!.reason).toBe(
      '“Department of Health” does not occur in § 1-101(a), which reads “"Department" means the Department of Consumer and Regulatory Affairs.”',
    );
  });

  it('does not apply a strike of words that occur more often than it says', () => {
    const result = applyToSection(SECTION, [instruction({ op: 'strike', words: 'Director', occurrence: { kind: 'only' }, target: at(['(b)']) })]);
    expect(result.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
    expect(result.outcomes[0]!.reason).toContain('found 5 times; expected once');
    const third = applyToSection(SECTION, [instruction({ op: 'strike', words: 'Department', occurrence: { kind: 'nth', n: 3 }, target: at(['(a)']) })]);
    expect(third.outcomes[0]!.reason).toContain('found twice, so there is no occurrence 3');
  });

  it('names the target that is not in the code and what is there instead', () => {
    const result = applyToSection(SECTION, [instruction({ op: 'repeal', target: at(['(b)', '(3)']) })]);
    expect(result.outcomes[0]).toMatchObject({ applied: false, failure: 'target', reason: '§ 1-101(b)(3) does not exist: § 1-101(b) has (1), (2)' });
    const top = applyToSection(SECTION, [instruction({ op: 'repeal', target: at(['(d)']) })]);
    expect(top.outcomes[0]!.reason).toBe('§ 1-101(d) does not exist: § 1-101 has (a), (b), (c)');
  });

  it('inserts words before or after others, at the beginning or at the end, spaced as words are', () => {
    const result = applyToSection(SECTION, [
      instruction({ op: 'insert', words: 'local', at: { kind: 'before', anchor: 'permit issued', occurrence: { kind: 'only' } }, target: at(['(c)']) }),
      instruction({ op: 'insert', words: 'first', at: { kind: 'after', anchor: 'the', occurrence: { kind: 'nth', n: 1 } }, target: at(['(b)', '(2)']) }),
      instruction({ op: 'insert', words: '; or', at: { kind: 'end' }, target: at(['(a)']) }),
      instruction({ op: 'insert', words: 'Also,', at: { kind: 'beginning' }, target: at(['(b)', '(1)']) }),
    ]);
    expect(result.outcomes.map((o) => o.applied)).toEqual([true, true, true, true]);
    const lines = body(result.source);
    expect(lines).toContain('(c) "Permit" means a local permit issued by the Department.');
    expect(lines).toContain('(2) any officer the first Director names.');
    expect(lines).toContain('(a) "Department" means the Department of Consumer and Regulatory Affairs.; or');
    expect(lines).toContain("(1) Also, the Director's deputy, who is appointed by the Director; or");
  });

  it('adds new subdivisions in their place, in order of designation or after the one named', () => {
    const result = applyToSection(SECTION, [
      instruction({ op: 'add', text: '(d) "Fee" means a permit fee.\n', designations: ['(d)'], target: at() }),
      instruction({ op: 'add', text: "(1A) the Director's chief of staff; or\n", designations: ['(1A)'], target: at(['(b)']) }),
      instruction({ op: 'add', text: '(a-1) "Deputy" means a deputy.\n\n(1) A deputy acts for the Director.\n', designations: ['(a-1)'], after: '(a)', target: at() }),
    ]);
    expect(result.outcomes.map((o) => o.applied)).toEqual([true, true, true]);
    expect(body(result.source).map((l) => l.slice(0, 5))).toEqual(['For t', '(a) "', '(a-1)', '(1) A', '(b) "', '(1) t', '(1A) ', '(2) a', '(c) "', '(d) "']);
    expect(result.outcomes[0]!.inserted).toEqual(['(d) "Fee" means a permit fee.']);
  });

  it('does not add a subdivision whose designation is taken or does not follow the last one', () => {
    const taken = applyToSection(SECTION, [instruction({ op: 'add', text: '(c) "Fee" means a fee.\n', designations: ['(c)'], target: at() })]);
    expect(taken.outcomes[0]).toMatchObject({
      applied: false,
      failure: 'applies',
      reason: '§ 1-101(c) already exists: it reads “"Permit" means a permit issued by the Department.”',
    });
    const gap = applyToSection(SECTION, [instruction({ op: 'add', text: '(f) "Fee" means a fee.\n', designations: ['(f)'], target: at() })]);
    expect(gap.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
    expect(gap.outcomes[0]!.reason).toBe('§ 1-101(f) does not fit its place: it would follow (c), after which the next designation is (d)');
  });

  it('adds a paragraph to a section that is all one subsection inside that subsection, and refuses one that fits no level', () => {
    // As D.C. Law 24-118 adds "(3A)" to § 4-251.21, whose definitions all stand under one (a).
    const wrapped = SECTION.replace(
      /\(a\) "Department"[\s\S]*?\n\n:::/,
      '(a)\n\n(1) "Agency" means the Agency.\n\n(2) "Close relative" means a relative.\n\n(3) "Mayor" means the Mayor.\n\n(4) "TANF" means the program.\n\n:::',
    );
    const add = instruction({ op: 'add', text: '(3A) "Godparent" means a godparent.\n', designations: ['(3A)'], target: at() });
    const result = applyToSection(wrapped, [add]);
    expect(result.outcomes[0]).toMatchObject({ applied: true });
    expect(result.outcomes[0]!.instruction).toBe(add);
    expect(body(result.source).map((l) => l.slice(0, 4))).toEqual(['For ', '(a)', '(1) ', '(2) ', '(3) ', '(3A)', '(4) ']);
    const lettered = applyToSection(SECTION, [instruction({ op: 'add', text: '(3A) "Godparent" means a godparent.\n', designations: ['(3A)'], target: at() })]);
    expect(lettered.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
    expect(lettered.outcomes[0]!.reason).toBe('§ 1-101(3A) does not fit its place: § 1-101 holds (a), (b), (c), not subdivisions like (3A)');
  });

  it('finds words with a colon in them, as a time is written ("4:45 p.m."), in a subdivision as the importer writes it', () => {
    // As D.C. Law 24-342 strikes "4:45" in § 1-1001.08(r)(2): the Markdown reader takes ":45" for an annotation unless read back as text.
    const source = SECTION.replace('(2) any officer the Director names.', '::subdivision[any officer the Director names by 4:45 p.m.]{num="(2)" depth="2"}');
    const result = applyToSection(source, [instruction({ op: 'strike', words: '4:45', insert: '5:00', occurrence: { kind: 'only' }, target: at(['(b)', '(2)']) })]);
    expect(result.outcomes[0]).toMatchObject({ applied: true, struck: ['4:45'] });
    expect(result.source).toMatch(/names by 5\\?:00 p\.m\./);
    // A colon the instruction does not touch is written back as it was.
    const other = applyToSection(source.replace('\n:::annotation', '\n(d) Open at 8:00 a.m.\n\n:::annotation'), [
      instruction({ op: 'strike', words: 'Permit', insert: 'License', occurrence: { kind: 'only' }, target: at(['(c)']) }),
    ]);
    expect(other.outcomes[0]).toMatchObject({ applied: true });
    expect(other.source).toContain('(d) Open at 8:00 a.m.');
  });

  it('reads a letter after the letters there as the next letter, not a first roman numeral: (I) after (H)', () => {
    // As D.C. Law 24-167 adds "New subparagraphs (I) through (K)" to § 32-242(a)(2A), which holds (A) to (H).
    const letters = 'ABCDEFGH'.split('').map((l) => `(${l}) Item ${l};`);
    const source = SECTION.replace('(2) any officer the Director names.', `(2) any officer the Director names:\n\n${letters.join('\n\n')}`);
    const result = applyToSection(source, [
      instruction({ op: 'add', text: '(I) Item I;\n\n(J) Item J; and\n\n(K) Item K.\n', designations: ['(I)', '(J)', '(K)'], target: at(['(b)', '(2)']) }),
    ]);
    expect(result.outcomes[0]).toMatchObject({ applied: true });
    const lines = body(result.source);
    const h = lines.indexOf('(H) Item H;');
    expect(lines.slice(h, h + 5)).toEqual(['(H) Item H;', '(I) Item I;', '(J) Item J; and', '(K) Item K.', '(c) "Permit" means a permit issued by the Department.']);
  });

  it('adds a subdivision in the place of one kept only as repealed', () => {
    const repealed = SECTION.replace('(2) any officer the Director names.', '(2) Repealed.');
    const result = applyToSection(repealed, [instruction({ op: 'add', text: '(2) any officer.\n', designations: ['(2)'], target: at(['(b)']) })]);
    expect(result.outcomes[0]).toMatchObject({ applied: true, struck: ['Repealed.'] });
    expect(body(result.source)).toContain('(2) any officer.');
  });

  it('rewrites a subdivision with its new text, children included', () => {
    const result = applyToSection(SECTION, [instruction({ op: 'rewrite', text: '(b) "Director" means the Chief.\n', target: at(['(b)']) })]);
    expect(result.outcomes[0]!.applied).toBe(true);
    expect(body(result.source)).toEqual([
      'For the purposes of this chapter, the term:',
      '(a) "Department" means the Department of Consumer and Regulatory Affairs.',
      '(b) "Director" means the Chief.',
      '(c) "Permit" means a permit issued by the Department.',
    ]);
  });

  it('rewrites a whole section, heading included, and keeps its annotations', () => {
    const result = applyToSection(SECTION, [instruction({ op: 'rewrite', text: '§ 1-101. Definitions.\n\nThe Department is the Department of Buildings.\n', target: at() })]);
    expect(result.source).toContain('heading: Definitions.\n');
    expect(body(result.source)).toEqual(['The Department is the Department of Buildings.']);
    expect(result.source).toContain(':::annotation{type="History"}\nJan. 1, 2000, D.C. Law 13-1, § 2.\n:::');
  });

  it('repeals a subdivision (its place kept) or a whole section', () => {
    const sub = applyToSection(SECTION, [instruction({ op: 'repeal', target: at(['(b)']) })]);
    expect(body(sub.source)).toContain('(b) Repealed.');
    expect(body(sub.source).join('\n')).not.toContain('deputy');
    const whole = applyToSection(SECTION, [instruction({ op: 'repeal', target: at() })]);
    expect(whole.source).toContain('status: repealed\n');
    expect(body(whole.source)).toEqual(['Repealed.']);
  });

  it('repeals in the words the section already uses for what was repealed', () => {
    const bracketed = SECTION.replace('(2) any officer the Director names.', '(2) \\[Repealed].');
    const result = applyToSection(bracketed, [instruction({ op: 'repeal', target: at(['(c)']) })]);
    expect(body(result.source)).toContain('(c) \\[Repealed].');
  });

  it('redesignates subdivisions, and designates existing text as a new subdivision', () => {
    const renamed = applyToSection(SECTION, [instruction({ op: 'redesignate', from: ['(1)', '(2)'], to: ['(A)', '(B)'], target: at(['(b)']) })]);
    expect(body(renamed.source)).toContain("(A) the Director's deputy, who is appointed by the Director; or");
    expect(body(renamed.source)).toContain('(B) any officer the Director names.');
    const designated = applyToSection(SECTION, [instruction({ op: 'redesignate', from: [], to: ['(1)'], target: at(['(c)']) })]);
    expect(body(designated.source)).toContain('(c)');
    expect(body(designated.source)).toContain('(1) "Permit" means a permit issued by the Department.');
  });

  it('tells apart two subdivisions the law designates alike: the second (17) is the later one, and none is guessed beyond them (D.C. Law 24-147, sec. 111)', () => {
    // § 47-1801.04 as the Code held it: two paragraphs (17), the second where (18) belongs.
    const TWICE = `---
id: 1-101
number: 1-101
heading: Definitions.
kind: code-section
---

For the purposes of this chapter, the term:

(16) "Return" means a return; and

(17) "Tax" means the tax; and

(17) "Taxpayer" means a person; and

(18) "Year" means a calendar year.
`;
    const renamed = applyToSection(TWICE, [instruction({ op: 'redesignate', from: ['(17)'], to: ['(18)'], nth: 2, target: at() })]);
    expect(renamed.outcomes[0]!.applied).toBe(true);
    expect(body(renamed.source)).toEqual(expect.arrayContaining(['(17) "Tax" means the tax; and', '(18) "Taxpayer" means a person; and']));
    // The first (17), its words only: the second is a sibling, not a part of it.
    const first = applyToSection(TWICE, [instruction({ op: 'strike', words: '; and', insert: ';', occurrence: { kind: 'only' }, target: at(['(17)']) })]);
    expect(first.outcomes[0]!.applied).toBe(true);
    expect(body(first.source)).toEqual(expect.arrayContaining(['(17) "Tax" means the tax;', '(17) "Taxpayer" means a person; and']));
    const second = applyToSection(TWICE, [instruction({ op: 'strike', words: '; and', insert: ';', occurrence: { kind: 'only' }, target: { ...at(['(17)']), nth: [2] } })]);
    expect(body(second.source)).toEqual(expect.arrayContaining(['(17) "Tax" means the tax; and', '(17) "Taxpayer" means a person;']));
    // A third (17) is not there: the instruction names it, the code does not hold it.
    const third = applyToSection(TWICE, [instruction({ op: 'redesignate', from: ['(17)'], to: ['(18)'], nth: 3, target: at() })]);
    expect(third.outcomes[0]).toMatchObject({
      applied: false,
      failure: 'target',
      reason: '§ 1-101(17) (the third (17) of § 1-101) does not exist: the law designates 2 subdivisions (17) there',
    });
    const missing = applyToSection(TWICE, [instruction({ op: 'strike', words: 'Year', occurrence: { kind: 'only' }, target: { ...at(['(18)']), nth: [2] } })]);
    expect(missing.outcomes[0]).toMatchObject({ applied: false, failure: 'target' });
    expect(missing.outcomes[0]!.reason).toMatch(/^§ 1-101\(18\) \(the second \(18\) of § 1-101\) does not exist/);
  });

  it('applies an instruction on a whole title in every section of it where its words stand, and says where they are not (D.C. Law 24-332)', () => {
    const section = (id: string, text: string) => `---\nid: ${id}\nnumber: ${id}\nheading: Section ${id}.\nkind: code-section\n---\n\n${text}\n`;
    const files: Record<string, string> = {
      't25/01-25-101.md': section('25-101', '(1) "ABRA" means the Alcoholic Beverage Regulation Administration.\n\n(2) "Board" means the board of ABRA.'),
      't25/02-25-102.md': section('25-102', 'The Board shall meet monthly.'),
      't25/03-25-103.md': section('25-103', 'ABRA shall keep the records.'),
      't26/01-26-101.md': section('26-101', 'ABRA is not in this title.'),
    };
    const code = { root: '/code', sections: new Map(Object.keys(files).map((f) => [/-(\d[^/]*)\.md$/.exec(f)![1]!, f])), read: (file: string) => files[file]! };
    const within = { kind: 'title' as const, title: '25', prefix: '25-' };
    const everywhere = instruction({ op: 'strike', words: 'ABRA', insert: 'ABCA', occurrence: { kind: 'every' }, target: { section: '', path: [], within } });
    const result = applyInstructions([everywhere], code);
    // The sections of title 25 that hold it, each changed; the one that does not, and title 26, untouched.
    expect(result.sections.map((s) => s.section)).toEqual(['25-101', '25-103']);
    expect(body(result.sections[0]!.after)).toEqual(['(1) "ABCA" means the Alcoholic Beverage Regulation Administration.', '(2) "Board" means the board of ABCA.']);
    expect(result.outcomes).toHaveLength(1);
    expect(result.outcomes[0]).toMatchObject({ instruction: everywhere, applied: true, struck: ['ABRA', 'ABRA', 'ABRA'], inserted: ['ABCA', 'ABCA', 'ABCA'] });
    // Words the title does not hold; words in two sections where the instruction says once.
    const nowhere = applyInstructions([instruction({ op: 'strike', words: 'ABC Board', occurrence: { kind: 'every' }, target: { section: '', path: [], within } })], code);
    expect(nowhere.outcomes[0]).toMatchObject({ applied: false, failure: 'applies', reason: '“ABC Board” does not occur in any section of title 25 of the code' });
    expect(nowhere.sections).toEqual([]);
    const once = applyInstructions([instruction({ op: 'strike', words: 'ABRA', occurrence: { kind: 'only' }, target: { section: '', path: [], within } })], code);
    expect(once.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
    expect(once.outcomes[0]!.reason).toBe('“ABRA” occurs in 2 sections of title 25 of the code (§§ 25-101, 25-103); expected it once, or "wherever it appears"');
    // The sections an amending act's section amended: the one of them that holds the words.
    const amended = { kind: 'amended' as const, by: 'section 6142 of D.C. Law 24-45', sections: ['25-102', '25-103'] };
    const there = applyInstructions(
      [instruction({ op: 'strike', words: 'ABRA', insert: 'ABCA', occurrence: { kind: 'only' }, target: { section: '', path: [], within: amended } })],
      code,
    );
    expect(there.sections.map((s) => s.section)).toEqual(['25-103']);
    expect(there.outcomes[0]).toMatchObject({ applied: true, struck: ['ABRA'] });
    // Words once in the scope but twice in its one section: the section's own finding, naming it once.
    const twice = applyInstructions(
      [instruction({ op: 'strike', words: 'ABRA', occurrence: { kind: 'only' }, target: { section: '', path: [], within: { ...amended, sections: ['25-101', '25-102'] } } })],
      code,
    );
    expect(twice.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
    expect(twice.outcomes[0]!.reason!.split('§ 25-101')).toHaveLength(2);
    // Each section's outcome is the instruction's as read, and so with the codifier's step: its edits listed, the act's words kept.
    expect(result.sections.flatMap((s) => s.outcomes.map((o) => o.instruction))).toEqual([everywhere, everywhere]);
    const { jurisdiction } = loadTemplate('district-of-columbia');
    const codify = compileCodify(jurisdiction.codify!, grammarOf(jurisdiction.amendments!));
    const world = { enactingAct: () => 'D.C. Law 13-1', actUnit: () => 'chapter', actSection: () => undefined };
    const act = instruction({ op: 'strike', words: 'ABRA', insert: 'ABRA under this act', occurrence: { kind: 'every' }, target: { section: '', path: [], within } });
    const codified = applyInstructions([act], code, undefined, { codify, world });
    expect(codified.outcomes[0]).toMatchObject({ instruction: act, applied: true, inserted: ['ABRA under this chapter', 'ABRA under this chapter', 'ABRA under this chapter'] });
    // The instruction's words conformed once, wherever they went.
    expect(codified.outcomes[0]!.conforming?.map((e) => [e.before, e.after])).toEqual([['this act', 'this chapter']]);
    expect(codified.sections.flatMap((s) => s.outcomes.map((o) => o.instruction))).toEqual([act, act]);
  });

  it('acts on the heading, or on a subdivision’s own text before its children', () => {
    const heading = applyToSection(SECTION, [instruction({ op: 'strike', words: ' of the Department', occurrence: { kind: 'only' }, target: at([], 'heading') })]);
    expect(heading.source).toContain('heading: Definitions.\n');
    const lead = applyToSection(SECTION, [
      instruction({ op: 'strike', words: '"Director" means', occurrence: { kind: 'only' }, insert: '"Chief" means', target: at(['(b)'], 'text') }),
    ]);
    expect(lead.outcomes[0]!.applied).toBe(true);
    expect(body(lead.source)).toContain('(b) "Chief" means the Director of the Department; and');
    // Its children are not its own text: words only they hold are not found there.
    const child = applyToSection(SECTION, [instruction({ op: 'strike', words: 'deputy', occurrence: { kind: 'only' }, target: at(['(b)'], 'text') })]);
    expect(child.outcomes[0]).toMatchObject({ applied: false, failure: 'applies' });
  });

  it('keeps a section in explicit form when its designations need it, and in marker form when they read back', () => {
    const explicit = `---
id: 1-102
number: 1-102
kind: code-section
---

::subdivision[The Board shall:]{num="1." depth="1"}

::subdivision[Meet monthly.]{num="(a)" depth="2"}
`;
    const result = applyToSection(explicit, [
      instruction({ op: 'strike', words: 'monthly', occurrence: { kind: 'only' }, insert: 'quarterly', target: { section: '1-102', path: ['1.', '(a)'] } }),
    ]);
    expect(result.source).toBe(explicit.replace('monthly', 'quarterly'));
  });

  it('writes a new section as the importer writes one', () => {
    const added = instruction({
      op: 'add',
      text: '(a) The Board shall meet.\n\n(b) It shall report.\n',
      designations: [],
      heading: 'Meetings.',
      target: { section: '1-103', path: [] },
    });
    expect(newSectionSource(added as Instruction & { op: 'add' }, '1-103')).toBe(
      '---\nid: 1-103\nnumber: 1-103\nheading: Meetings.\nkind: code-section\n---\n\n(a) The Board shall meet.\n\n(b) It shall report.\n',
    );
  });
});

/** A section XML of the corpus as the D.C. importer writes it, with plain citations. */
function imported(file: string): string {
  const ctx = { plainCitations: true, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
  return markdown.stringify(sectionTree(readXml(file), ctx).tree);
}

const lawText = (source: string) =>
  source
    .replace(/:::annotation[\s\S]*$/, '')
    .replace(/\s+/g, ' ')
    .trim();

describe('real acts on the District’s code (cases of the amendments corpus)', () => {
  const dir = path.join(FIXTURES, 'amend');
  // Each case is a folder (the reader's tests keep an act's XML beside them).
  for (const name of readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    it(`${name}: the amended section reads as the Council codified it`, () => {
      const { instructions, kind } = JSON.parse(readFileSync(path.join(dir, name, 'instructions.json'), 'utf8')) as { instructions: Instruction[]; kind: string };
      const after = imported(path.join(dir, name, 'after.xml'));
      let source: string;
      if (kind === 'add_section') {
        const added = instructions[0] as Instruction & { op: 'add' };
        source = newSectionSource(added, added.target.section);
      } else {
        const before = imported(path.join(dir, name, 'before.xml'));
        const result = applyToSection(before, instructions);
        expect(result.outcomes.filter((o) => !o.applied)).toEqual([]);
        source = result.source;
        // The annotations stay those of the code before (the codifier adds the act's history; an instruction does not).
        expect(source.slice(source.indexOf(':::annotation'))).toBe(before.slice(before.indexOf(':::annotation')));
      }
      expect(lawText(source)).toBe(lawText(after));
    });
  }
});

describe('the models of an amended section, for the comparative print', () => {
  it('reads the section before and after as the format models a code section', () => {
    const result = applyToSection(SECTION, [
      instruction({ op: 'repeal', target: at(['(b)', '(2)']) }),
      instruction({ op: 'add', text: '(d) "Fee" means a permit fee.\n', designations: ['(d)'], target: at() }),
    ]);
    const { before, after } = amendedSectionModels(
      { section: '1-101', file: 'title-1/01-1-101.md', before: SECTION, after: result.source, changed: true, outcomes: result.outcomes },
      '/code',
    );
    expect(before?.designation).toBe('1-101');
    expect(after?.heading).toBe('Definitions of the Department.');
    const labels = (blocks: Block[] | undefined) => (blocks ?? []).filter((b): b is Subdivision => b.type === 'subdivision').map((b) => b.path);
    expect(labels(before?.blocks)).toEqual(['(a)', '(b)', '(c)']);
    expect(labels(after?.blocks)).toEqual(['(a)', '(b)', '(c)', '(d)']);
    const b = after?.blocks.find((x): x is Subdivision => x.type === 'subdivision' && x.label === 'b');
    expect(labels(b?.blocks)).toEqual(['(b)(1)', '(b)(2)']);
    expect(after?.file.path).toBe('/code/title-1/01-1-101.md');
  });
});
