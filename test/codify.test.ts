/**
 * The codifier's step (pipeline/amend/codify.ts) by the District's rules
 * (`codify` in its template), on words real acts put into the D.C. Code, with
 * what the code's history notes say given as a stub; and the group an act is
 * codified as, read from a code's folders and notes.
 */
import { describe, expect, it } from 'vitest';
import { type CodifyWorld, codifyInstruction, codifyWords, compileCodify } from '../pipeline/amend/codify.js';
import { codeHistory } from '../pipeline/amend/code-index.js';
import type { Instruction } from '../pipeline/amend/instruction.js';
import { grammarOf } from '../pipeline/amend/read.js';
import { loadTemplate } from '../pipeline/load/templates.js';

const { jurisdiction } = loadTemplate('district-of-columbia');
const codify = compileCodify(jurisdiction.codify!, grammarOf(jurisdiction.amendments!));

/** What the notes say: the act that enacted each section, the group it makes up, and where its sections were codified. */
const enacting: Record<string, string> = { '3-1201.01': 'D.C. Law 6-99', '4-251.03': 'D.C. Law 16-69', '1-1011.01': 'D.C. Law 4-87' };
const units: Record<string, string> = { 'D.C. Law 6-99': 'chapter', 'D.C. Law 21-264': 'subchapter' };
const codified: Record<string, string> = { 'D.C. Law 16-69|106': '4-251.06', 'D.C. Law 6-99|101': '3-1201.01' };
const world: CodifyWorld = {
  enactingAct: (section) => enacting[section],
  actUnit: (act) => units[act],
  actSection: (act, section) => codified[`${act}|${section}`],
};

describe('the codifier’s conforming edits, by the District’s rules', () => {
  it('makes the act’s name for itself the group of the code it is codified as (D.C. Law 24-46, § 3-1201.01)', () => {
    const { text, edits } = codifyWords('a person licensed in the District under this act to practice certified midwifery', '3-1201.01', codify, world);
    expect(text).toBe('a person licensed in the District under this chapter to practice certified midwifery');
    expect(edits).toEqual([{ kind: 'conforming', before: 'this act', after: 'this chapter', why: 'D.C. Law 6-99 is codified as this chapter of the code' }]);
    // At the start of a sentence, as the act writes it.
    expect(codifyWords('This act shall apply upon the date of inclusion of its fiscal effect.', '3-1201.01', codify, world).text).toBe(
      'This chapter shall apply upon the date of inclusion of its fiscal effect.',
    );
  });

  it('cites a section of the act itself as the code section its history notes give (D.C. Law 24-118, § 4-251.03)', () => {
    const words = 'a medically verifiable disability under criteria prescribed by the Mayor pursuant to section 106 that prevents the parent from caring for the child';
    const { text, edits } = codifyWords(words, '4-251.03', codify, world);
    expect(text).toBe('a medically verifiable disability under criteria prescribed by the Mayor pursuant to § 4-251.06 that prevents the parent from caring for the child');
    expect(edits.map((e) => [e.before, e.after])).toEqual([['section 106', '§ 4-251.06']]);
    // A section the notes do not place, "this section", "subsection (b)": left as the act wrote them.
    const untouched = 'as provided in section 999, this section, and subsection (b) of section 47-2853.96';
    expect(codifyWords(untouched, '4-251.03', codify, world)).toEqual({ text: untouched, edits: [] });
  });

  it('cites another act’s section by the code citation the act gives it, and drops the short name it gives it (D.C. Laws 24-74, 24-86, 24-118)', () => {
    expect(
      codifyWords(
        'Except as may otherwise be provided in section 4 of the Redistricting Procedure Act of 1981, effective March 16, 1982 (D.C. Law 4-87; D.C. Official Code § 1-1041.03), any adjustment',
        '1-1011.01',
        codify,
        world,
      ).text,
    ).toBe('Except as may otherwise be provided in § 1-1041.03, any adjustment');
    // The code citation's subdivisions, or else the act's.
    expect(
      codifyWords(
        'pursuant to section 202(b)(10) of the Department of Education Establishment Act of 2007, effective June 12, 2007 (D.C. Law 17-9; D.C. Official Code § 38-191(b)(10)).',
        '38-1802.04',
        codify,
        world,
      ).text,
    ).toBe('pursuant to § 38-191(b)(10).');
    expect(
      codifyWords(
        'section 101(1C) of the Health Occupations Revision Act of 1985, effective March 25, 1986 (D.C. Law 6-99; D.C. Official Code § 3-1201.01)',
        '3-1201.02',
        codify,
        world,
      ).text,
    ).toBe('§ 3-1201.01(1C)');
    const { text, edits } = codifyWords(
      'a resident of the District as defined by section 503 of the District of Columbia Public Assistance Act of 1982, effective April 6, 1982 (D.C. Law 4-101; D.C. Official Code § 4-205.03) ("section 503"): (A) The grandparent is a resident of the District as defined by section 503;',
      '4-251.03',
      codify,
      world,
    );
    expect(text).toBe('a resident of the District as defined by § 4-205.03: (A) The grandparent is a resident of the District as defined by § 4-205.03;');
    expect(edits.map((e) => e.after)).toEqual(['§ 4-205.03', '', '§ 4-205.03']);
    // An act cited "et seq." names no section: left.
    const range = 'the District of Columbia Administrative Procedure Act, approved October 21, 1968 (82 Stat. 1204; D.C. Official Code § 2-501 et seq.)';
    expect(codifyWords(range, '7-801', codify, world).text).toBe(range);
  });

  it('conforms only the words an instruction puts into the code, on a copy: the instruction keeps the act’s', () => {
    const read = {
      op: 'strike',
      words: 'under the act',
      insert: 'under this act',
      occurrence: { kind: 'only' },
      target: { section: '3-1201.01', path: ['(1A)'] },
      prose: 'Paragraph (1A) is amended by striking the phrase "under the act" and inserting the phrase "under this act" in its place.',
      source: { file: { path: 'act/02-amendments.md' }, position: undefined },
      form: 'prose',
      sectionId: 'amendments',
    } as unknown as Instruction;
    const { codified, edits } = codifyInstruction(read, codify, world);
    expect(codified).toMatchObject({ words: 'under the act', insert: 'under this chapter' });
    expect(read).toMatchObject({ words: 'under the act', insert: 'under this act' });
    expect(edits).toHaveLength(1);
    // Named by the instruction, the act its words are read in wins over the section's enacting act.
    expect(codifyInstruction({ ...read, act: 'D.C. Law 21-264' } as Instruction, codify, world).codified).toMatchObject({ insert: 'under this subchapter' });
    // What strikes or repeals only puts nothing into the code.
    const repeal = { ...read, op: 'repeal' } as unknown as Instruction;
    expect(codifyInstruction(repeal, codify, world)).toEqual({ codified: repeal, edits: [] });
  });
});

describe('the group of the code an act makes up', () => {
  const note = (doc: string, path?: string) => `:::annotation{type="History" doc="${doc}"${path ? ` path="§${path}"` : ''}}\nHistory\n:::\n`;
  // An act codified as chapter 12 (both subchapters), one of its sections moved to chapter 21 since, among others' sections.
  const files: Record<string, string> = {
    't3/18-chapter-12/01-subchapter-i/01-3-1201.01.md': note('D.C. Law 6-99', '101'),
    't3/18-chapter-12/01-subchapter-i/02-3-1201.02.md': note('D.C. Law 6-99', '102'),
    't3/18-chapter-12/02-subchapter-ii/01-3-1202.01.md': note('D.C. Law 6-99', '201'),
    't3/18-chapter-12/02-subchapter-ii/02-3-1202.02.md': note('D.C. Law 9-1', '2'),
    't3/33-chapter-21/01-3-2101.md': note('D.C. Law 6-99', '301'),
    't3/33-chapter-21/02-3-2102.md': note('D.C. Law 2-1', '1'),
    't3/33-chapter-21/03-3-2103.md': note('D.C. Law 2-1', '2'),
    't3/33-chapter-21/04-3-2104.md': note('D.C. Law 2-1', '3'),
  };
  const history = codeHistory({
    root: '/code',
    sections: new Map(Object.keys(files).map((f) => [/-(\d[^/]*)\.md$/.exec(f)![1]!, f])),
    read: (file) => files[file]!,
  });

  it('is the widest group around the section of which the act enacted most sections', () => {
    expect(history.enactingAct('3-1202.01')).toBe('D.C. Law 6-99');
    expect(history.actUnit('D.C. Law 6-99', '3-1201.01')).toBe('chapter');
    expect(history.actUnit('D.C. Law 6-99', '3-1202.01')).toBe('chapter');
    // Where the act enacted one section of four, it makes up no group.
    expect(history.actUnit('D.C. Law 6-99', '3-2101')).toBeUndefined();
    expect(history.actUnit('D.C. Law 2-1', '3-2102')).toBe('chapter');
  });
});
