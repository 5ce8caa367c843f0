/**
 * `ordinance amend` and the amend stage in check and build, on a small code
 * title and an amending ordinance written in prose (test/fixtures/amend-cli):
 * the amended section files and amendments.json equal the files kept in
 * expected/, an instruction that does not apply stops it with a positioned
 * finding, and build publishes the same files under dist/<slug>/.
 */
import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, runCli, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const CASE = path.join(FIXTURES, 'amend-cli');
const EXPECTED = path.join(CASE, 'expected');
const CODE_FILE = path.join('ordinance', 'dc-code-title-1', '01-chapter-1', '01-1-101.md');

function sameFiles(dir: string, expected: string, names: string[]): void {
  for (const name of names) expect(readFileSync(path.join(dir, name), 'utf8'), name).toBe(readFileSync(path.join(expected, name), 'utf8'));
}

const OUTPUTS = ['01-chapter-1/01-1-101.md', '01-chapter-1/01a-1-102.md', 'amendments.json'];

describe('ordinance amend', () => {
  it('writes the amended sections, laid out as the code, and amendments.json', async () => {
    const dir = workspace(CASE);
    const result = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('amended 2 sections with 5 instructions');
    sameFiles(path.join(dir, 'out'), EXPECTED, OUTPUTS);
    expect(
      readdirSync(path.join(dir, 'out'), { recursive: true, encoding: 'utf8' })
        .filter((f) => f.endsWith('.md') || f.endsWith('.json'))
        .sort(),
    ).toEqual(OUTPUTS);
    // The code itself is untouched.
    expect(readFileSync(path.join(dir, CODE_FILE), 'utf8')).toBe(readFileSync(path.join(CASE, CODE_FILE), 'utf8'));
  });

  it('without amends-code, reads the instructions but neither applies nor reports them; amend says what is missing', async () => {
    const dir = workspace(CASE);
    const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^amends-code:.*\n/m, ''));
    expect(readFileSync(meta, 'utf8')).not.toContain('amends-code');
    const check = await runMain(['check', 'ordinance/sample'], dir);
    expect(check.stdout).not.toMatch(/amendment-(target|applies)/);
    expect(check.code).toBe(0);
    const amend = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(amend.code).toBe(1);
    expect(amend.stderr).toBe('ordinance: ordinance/sample: the ordinance amends a code but names none (`amends-code:` in ordinance.md); name it there or with --code <dir>\n');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it('reports an ::amend that does not read at that annotation, named as written', async () => {
    const dir = workspace(CASE);
    const file = path.join(dir, 'ordinance', 'sample', '02a-amendments.md');
    const source = readFileSync(file, 'utf8');
    const sentence = '(B) Paragraph (2) is repealed.\n';
    writeFileSync(file, source.replace(sentence, `${sentence}\n::amend{op=repeal section="1-101" path="(b)(2)"}\n\n::amend{op=bogus}\n`));
    const line = source.slice(0, source.indexOf(sentence)).split('\n').length + 4;
    const result = await runMain(['check', 'ordinance/sample'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(`ordinance/sample/02a-amendments.md:${line}:1: error § 3(a): Unexpected amending sentence that does not parse (“Paragraph (2) is repealed.”)`);
    expect(result.stdout).toContain(
      `ordinance/sample/02a-amendments.md:${line}:1: error § 3(a): Missing attribute \`section\` on \`::amend\`, expected \`::amend{section=...}\` [annotation-attribute]`,
    );
  });

  it('records each instruction with its place, operation, target, words and outcome', () => {
    const json = JSON.parse(readFileSync(path.join(EXPECTED, 'amendments.json'), 'utf8')) as { instructions: Record<string, unknown>[]; sections: unknown[] };
    expect(json.instructions[0]).toMatchObject({
      place: { file: 'sample/02a-amendments.md', line: 9, column: 1 },
      operation: 'strike',
      target: { section: '1-101', path: '(a)' },
      applied: true,
      struck: ['Consumer and Regulatory Affairs'],
      inserted: ['Buildings'],
    });
    expect(json.instructions.map((i) => i.operation)).toEqual(['strike', 'insert', 'repeal', 'add', 'add']);
    expect(json.sections).toEqual([
      { section: '1-101', file: '01-chapter-1/01-1-101.md', added: false },
      { section: '1-102', file: '01-chapter-1/01a-1-102.md', added: true },
    ]);
  });

  it('writes the amended sections into the code with --write', async () => {
    const dir = workspace(CASE);
    const result = await runMain(['amend', 'ordinance/sample', '--write'], dir);
    expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(path.join(dir, CODE_FILE), 'utf8')).toBe(readFileSync(path.join(EXPECTED, '01-chapter-1/01-1-101.md'), 'utf8'));
    expect(readFileSync(path.join(dir, 'ordinance/dc-code-title-1/01-chapter-1/01a-1-102.md'), 'utf8')).toBe(
      readFileSync(path.join(EXPECTED, '01-chapter-1/01a-1-102.md'), 'utf8'),
    );
    // Applied once, the instructions no longer fit the code: a second run finds the struck words gone.
    const again = await runMain(['amend', 'ordinance/sample', '--write'], dir);
    expect(again.code).toBe(1);
    expect(again.stdout).toContain(
      'ordinance/sample/02a-amendments.md:9:1: error § 3(a)(1): Instruction does not apply: “Consumer and Regulatory Affairs” does not occur in § 1-101(a)',
    );
  });

  it('exits 1 with positioned findings, writing nothing, when an instruction does not apply', async () => {
    const dir = workspace(CASE);
    const file = path.join(dir, 'ordinance/sample/02a-amendments.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Paragraph (2) is repealed.', 'Paragraph (4) is repealed.'));
    const result = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      'ordinance/sample/02a-amendments.md:15:1: error § 3(a)(2)(B): Unknown target: § 1-101(b)(4) does not exist: § 1-101(b) has (1), (2) [amendment-target]',
    );
    expect(result.stderr).toContain('not amended: 1 of 5 instructions do not apply');
    expect(existsSync(path.join(dir, 'out'))).toBe(false);
  });

  it("places an act's new section by the code's history notes: a new section 101a of the act follows the section its § 101 became, numbered as the codifier numbers it", async () => {
    const dir = workspace(CASE);
    const amendments = path.join(dir, 'ordinance', 'sample', '02a-amendments.md');
    const head = readFileSync(amendments, 'utf8').split('---\n').slice(0, 2).join('---\n');
    writeFileSync(
      amendments,
      `${head}---\nThe Department Establishment Act of 2012, effective April 27, 2012 (D.C. Law 19-124; D.C. Official Code § 1-101 et seq.), is amended by adding a new section 101a to read as follows:\n\n> Sec. 101a. Inspections.\n>\n> The Department shall inspect each permit holder once a year.\n`,
    );
    // Without a history note naming the act's § 101, nothing says where § 101a goes: a finding, not a guess.
    const unplaced = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(unplaced.code).toBe(1);
    expect(unplaced.stdout).toContain(
      'expected the code designation of new section 101a: its text beginning "§ 24-211.08. Heading.", or a code whose history notes give section 101 of D.C. Law 19-124',
    );
    const code = path.join(dir, CODE_FILE);
    writeFileSync(
      code,
      `${readFileSync(code, 'utf8')}\n:::annotation{type="History" doc="D.C. Law 19-124" path="§101"}\nApr. 27, 2012, D.C. Law 19-124, § 101, 59 DCR 1862\n:::\n`,
    );
    const placed = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(placed.code, placed.stdout + placed.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'amendments.json'), 'utf8'));
    // § 101 became 1-101, with no decimal part: the codifier gives § 101a the first decimal after it.
    expect(report.instructions.map((i: { target: { section: string }; applied: boolean }) => [i.target.section, i.applied])).toEqual([['1-101.01', true]]);
    expect(readFileSync(path.join(dir, 'out', '01-chapter-1', '01a-1-101.01.md'), 'utf8')).toContain('The Department shall inspect each permit holder once a year.');
  });

  it('places a new section of an Act of Congress by the enactment the first section of its code range names', async () => {
    const dir = workspace(CASE);
    const amendments = path.join(dir, 'ordinance', 'sample', '02a-amendments.md');
    const head = readFileSync(amendments, 'utf8').split('---\n').slice(0, 2).join('---\n');
    // Cited by the Statutes at Large, not a D.C. Law: 1-101's first history note says which enactment the act is.
    writeFileSync(
      amendments,
      `${head}---\nAn Act to establish a Department, approved August 11, 1950 (64 Stat. 438; D.C. Official Code § 1-101 et seq.), is amended by adding a new section 1a to read as follows:\n\n> Sec. 1a. Inspections.\n>\n> The Department shall inspect each permit holder once a year.\n`,
    );
    const code = path.join(dir, CODE_FILE);
    writeFileSync(code, `${readFileSync(code, 'utf8')}\n:::annotation{type="History" doc="Stat. 81-2-ch686" path="§1"}\nAug. 11, 1950, 64 Stat. 438, ch. 686, § 1\n:::\n`);
    const placed = await runMain(['amend', 'ordinance/sample', '--out', 'out'], dir);
    expect(placed.code, placed.stdout + placed.stderr).toBe(0);
    const report = JSON.parse(readFileSync(path.join(dir, 'out', 'amendments.json'), 'utf8'));
    expect(report.instructions.map((i: { target: { section: string }; applied: boolean }) => [i.target.section, i.applied])).toEqual([['1-101.01', true]]);
  });

  it('takes the code from --code in place of amends-code', async () => {
    const dir = workspace(CASE);
    cpSync(path.join(dir, 'ordinance/dc-code-title-1'), path.join(dir, 'elsewhere'), { recursive: true });
    const result = await runMain(['amend', 'ordinance/sample', '--code', 'elsewhere', '--out', 'out'], dir);
    expect(result.code, result.stderr).toBe(0);
    sameFiles(path.join(dir, 'out'), EXPECTED, OUTPUTS.slice(0, 2));
  });

  it('needs exactly one of --out and --write', () => {
    const dir = workspace(CASE);
    expect(runCli(['amend', 'ordinance/sample'], dir).code).toBe(2);
    expect(runCli(['amend', 'ordinance/sample', '--out', 'out', '--write'], dir).stderr).toContain('usage: ordinance amend');
  });
});

describe('check of an amending ordinance', () => {
  it('checks again when the code it names changes, though its own files do not', () => {
    const dir = workspace(CASE);
    const first = runCli(['check', 'ordinance'], dir);
    expect(first.code, first.stdout).toBe(0);
    const code = path.join(dir, CODE_FILE);
    writeFileSync(code, readFileSync(code, 'utf8').replace('Consumer and Regulatory Affairs', 'Buildings'));
    const second = runCli(['check', 'ordinance'], dir);
    expect(second.code).toBe(1);
    expect(second.stdout).toContain(
      'ordinance/sample/02a-amendments.md:9:1: error § 3(a)(1): Instruction does not apply: “Consumer and Regulatory Affairs” does not occur in § 1-101(a)',
    );
  });
});

describe('build of an amending ordinance', () => {
  it('publishes amended/ and amendments.json beside the PDF', async () => {
    const dir = workspace(CASE);
    const result = await runMain(['build', 'ordinance'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(result.code, result.stderr).toBe(0);
    const dist = path.join(dir, 'dist', 'sample');
    expect(readFileSync(path.join(dist, 'amendments.json'), 'utf8')).toBe(readFileSync(path.join(EXPECTED, 'amendments.json'), 'utf8'));
    sameFiles(path.join(dist, 'amended'), EXPECTED, OUTPUTS.slice(0, 2));
    // An ordinance that no longer amends anything leaves no amended/ behind.
    writeFileSync(
      path.join(dir, 'ordinance/sample/02a-amendments.md'),
      '---\nid: amendments\nheading: Amendments to the Code\nkind: operative\nsummary: "Nothing."\n---\nThe Department shall report.\n',
    );
    const ordinance = path.join(dir, 'ordinance/sample/ordinance.md');
    writeFileSync(ordinance, readFileSync(ordinance, 'utf8').replace('amends-code: dc-code-title-1\n', ''));
    const rebuilt = await runMain(['build', 'ordinance'], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(rebuilt.code, rebuilt.stderr).toBe(0);
    expect(existsSync(path.join(dist, 'amendments.json'))).toBe(false);
    expect(existsSync(path.join(dist, 'amended'))).toBe(false);
  });
});
