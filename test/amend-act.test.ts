/**
 * A real amending act, end to end, as a drafter and the Council's codifier
 * meet it: D.C. Law 24-118 (the Grandparent and Close Relative Caregivers
 * Program Amendment Act of 2022) imported from the amendments corpus as
 * prose only (`import dc-law --plain`), beside the three sections of the
 * D.C. Code it amends as they stood before it. The act checks clean, its
 * instructions are read from its sentences and applied, the comparative
 * print shows the changes, and `amend` gives the sections as the Council
 * codified them. A wrong struck phrase is an error at its sentence that
 * quotes what the law holds there.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { importedSection, lawText } from './dc-sections.js';
import { readPdf, readTags } from './pdf.js';
import { FIXTURES, runCli, tempDir } from './helpers.js';
import { compileInProcess } from './in-process.js';

const LAW = '24-118';
/** The act, its cases and the sections before and after it, as ../shared/corpora/dc-amendments-23-24.tar.xz lays them out (its cases.jsonl cut to this law's lines). */
const CORPUS = path.join(FIXTURES, `dc-law-${LAW}`);

interface Case {
  section: string;
  kind: string;
  before: { xml: string } | null;
  after: { xml: string };
  law_xml: string;
}

describe(`D.C. Law ${LAW}, read from its prose and applied to the code`, () => {
  const corpus = CORPUS;
  let cases: Case[];
  let dir: string;
  const run = (args: string[]) => runCli(args, dir);

  beforeAll(() => {
    cases = readFileSync(path.join(corpus, 'cases.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Case)
      .filter((c) => c.law_xml === `laws/${LAW}.xml`);

    // The workspace: the code (each amended section as it stood before the act) and the act.
    dir = tempDir('amend-act-ws-');
    const title = path.join(dir, 'ordinance', 'dc-code', 'dc-code-title-4');
    mkdirSync(path.join(title, '01-chapter-2'), { recursive: true });
    mkdirSync(path.join(dir, 'ordinance', 'directives'));
    writeFileSync(
      path.join(title, 'code.md'),
      '---\ntype: code-title\ntitle: Title 4. Public Care Systems.\nshort-title: D.C. Code Title 4\ndesignation: "4"\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\nlanguage: en-US\n---\n',
    );
    writeFileSync(path.join(title, '01-chapter-2', 'group.md'), '---\nprefix: Chapter\nnum: "2A"\nheading: Grandparent Caregivers Program.\n---\n');
    for (const [i, c] of cases.entries())
      writeFileSync(path.join(title, '01-chapter-2', `${String(i + 1).padStart(2, '0')}-${c.section}.md`), importedSection(path.join(corpus, c.before!.xml)));
    // §§ 4-251.06 and 4-251.26 as `import dc-code` writes them from the D.C. Code: their history notes say section 106 of
    // D.C. Law 16-69 and section 106 of D.C. Law 23-32 are codified there.
    writeFileSync(path.join(title, '01-chapter-2', '04-4-251.06.md'), readFileSync(path.join(corpus, 'code', '4-251.06.md'), 'utf8'));
    writeFileSync(path.join(title, '01-chapter-2', '05-4-251.26.md'), readFileSync(path.join(corpus, 'code', '4-251.26.md'), 'utf8'));
    // The Los Angeles form's own rules (title, severability, certification) are scoped to its template and do not run here;
    // an imported act has no drafters' summaries, its effective-date section is the Council's, and its registry is empty.
    const off = ['effective-date-section', 'summary-required', 'prose-citation-resolves'];
    writeFileSync(path.join(dir, 'ordinance.config.json'), JSON.stringify({ rules: Object.fromEntries(off.map((id) => [id, 'off'])) }));

    expect(run(['import', 'dc-law', path.join(corpus, 'laws', `${LAW}.xml`), 'ordinance/act', '--plain']).code).toBe(0);
    // The code beside it: the import names it as the code the act amends.
    expect(readFileSync(path.join(dir, 'ordinance', 'act', 'ordinance.md'), 'utf8')).toContain('\namends-code: dc-code\n');
  });

  it('has the three cases the corpus holds, each amending a section', () => {
    expect(cases.map((c) => [c.section, c.kind])).toEqual([
      ['4-251.03', 'amend'],
      ['4-251.21', 'amend'],
      ['4-251.23', 'amend'],
    ]);
  });

  it('checks clean: every sentence reads as an instruction that applies', () => {
    const result = run(['check', 'ordinance/act']);
    expect(result.stdout).toBe('');
    expect(result.code).toBe(0);
  });

  it('gives the sections as the Council codified them, but for the citations the codifier rewrote', () => {
    const out = path.join(tempDir('amend-act-out-'));
    const result = run(['amend', 'ordinance/act', '--out', out]);
    expect(result.code).toBe(0);
    const folder = path.join(out, 'dc-code-title-4', '01-chapter-2');
    expect(readdirSync(folder).sort()).toEqual(['01-4-251.03.md', '02-4-251.21.md', '03-4-251.23.md']);
    const ours = (section: string) => lawText(readFileSync(path.join(folder, readdirSync(folder).find((n) => n.endsWith(`-${section}.md`))!), 'utf8'));
    const codified = (section: string) => lawText(importedSection(path.join(corpus, cases.find((c) => c.section === section)!.after.xml)));
    expect(ours('4-251.21')).toBe(codified('4-251.21'));
    // The act cites "section 106" and "section 503 of the … Act of 1982"; the codifier printed the code sections they
    // became. The tool keeps the act's words: those conversions are the only difference.
    const codifiersConversions: [string, string][] = [
      ['pursuant to section 106', 'pursuant to § 4-251.06'],
      [
        'section 503 of the District of Columbia Public Assistance Act of 1982, effective April 6, 1982 (D.C. Law 4-101; D.C. Official Code § 4-205.03) ("section 503")',
        '§ 4-205.03',
      ],
      ['as defined by section 503', 'as defined by § 4-205.03'],
    ];
    for (const section of ['4-251.03', '4-251.23']) {
      expect(ours(section)).not.toBe(codified(section));
      expect(codifiersConversions.reduce((text, [act, code]) => text.replaceAll(act, code), ours(section))).toBe(codified(section));
    }
    const record = JSON.parse(readFileSync(path.join(out, 'amendments.json'), 'utf8')) as { instructions: { applied: boolean; operation: string }[] };
    expect(record.instructions.length).toBeGreaterThanOrEqual(10);
    expect(record.instructions.every((i) => i.applied)).toBe(true);
    expect(new Set(record.instructions.map((i) => i.operation))).toEqual(new Set(['repeal', 'strike', 'add', 'rewrite']));
  });

  it('with --codify, gives the sections exactly as the Council codified them: each conforming edit listed, the act unchanged', () => {
    const act = path.join(dir, 'ordinance', 'act');
    const sources = () => readdirSync(act, { recursive: true, encoding: 'utf8' }).map((name) => [name, readFileSync(path.join(act, name), 'utf8').length]);
    const before = JSON.stringify(sources());
    const out = path.join(tempDir('amend-act-codify-'));
    const result = run(['amend', 'ordinance/act', '--out', out, '--codify']);
    expect(result.code, result.stderr).toBe(0);
    const folder = path.join(out, 'dc-code-title-4', '01-chapter-2');
    const ours = (section: string) => lawText(readFileSync(path.join(folder, readdirSync(folder).find((n) => n.endsWith(`-${section}.md`))!), 'utf8'));
    const codified = (section: string) => lawText(importedSection(path.join(corpus, cases.find((c) => c.section === section)!.after.xml)));
    for (const section of ['4-251.03', '4-251.21']) expect(ours(section), section).toBe(codified(section));
    // § 4-251.23 is a section of D.C. Law 23-32, whose section 106 the code's notes place at § 4-251.26 (as its own paragraph (C)
    // cites it); the codifier printed § 4-251.06 (section 106 of D.C. Law 16-69, as in § 4-251.03) in the two places the act adds it.
    expect(ours('4-251.23').split('pursuant to § 4-251.26 that prevents')).toHaveLength(3);
    expect(ours('4-251.23').replaceAll('pursuant to § 4-251.26 that prevents', 'pursuant to § 4-251.06 that prevents')).toBe(codified('4-251.23'));
    // Each edit, with why; the instructions keep the act's words.
    const record = JSON.parse(readFileSync(path.join(out, 'amendments.json'), 'utf8')) as {
      instructions: { prose: string; text?: string; inserted: string[]; act?: string; conforming?: { kind: string; before: string; after: string; why: string }[] }[];
    };
    const edits = record.instructions.flatMap((i) => i.conforming ?? []);
    expect(edits.every((e) => e.kind === 'conforming' && e.why.length > 0)).toBe(true);
    expect(edits.map((e) => [e.before, e.after])).toEqual(
      expect.arrayContaining([
        ['section 106', '§ 4-251.06'],
        ['section 503 of the District of Columbia Public Assistance Act of 1982, effective April 6, 1982 (D.C. Law 4-101; D.C. Official Code § 4-205.03)', '§ 4-205.03'],
        [' ("section 503")', ''],
        ['section 503', '§ 4-205.03'],
      ]),
    );
    expect(edits.find((e) => e.before === 'section 106')!.why).toBe("section 106 of D.C. Law 16-69 is § 4-251.06, as the code's history notes say");
    expect(new Set(record.instructions.filter((i) => i.conforming).map((i) => i.act))).toEqual(new Set(['D.C. Law 16-69', 'D.C. Law 23-32']));
    // The instruction's text is the act's words; what it put into the code, the code's.
    const added = record.instructions.find((i) => i.text?.includes('pursuant to section 106 that prevents'))!;
    expect(added.inserted.join('')).toContain('pursuant to § 4-251.06 that prevents');
    // The act's own files: as they were.
    expect(JSON.stringify(sources())).toBe(before);
  });

  it('prints the codifier’s edits in the comparative print’s summary of changes, apart from the act’s words, when the code is codified', async () => {
    const built = await compileInProcess(dir, { build: true, paths: ['ordinance/act'], codify: true });
    const text = (await readPdf(readFileSync(path.join(built.out, 'act', 'comparative-print.pdf')))).content.join('\n').replace(/\s+/g, ' ');
    const summary = text.slice(text.indexOf('Summary of changes'), text.indexOf('§ 4-251.03.'));
    // The note after what became of the sentence; the sentence itself, the act's, as written.
    expect(summary).toContain('Applied. Conformed as the code is published: “section 106” as “§ 4-251.06”. A new subparagraph (D) is added to read as follows:');
    expect(summary).toContain('“section 503” as “§ 4-205.03”');
    // Without the codifier's step, no such note.
    const plainBuild = await compileInProcess(dir, { build: true, paths: ['ordinance/act'] });
    expect((await readPdf(readFileSync(path.join(plainBuild.out, 'act', 'comparative-print.pdf')))).content.join(' ')).not.toContain('Conformed as the code');
  });

  it('builds the comparative print: the summary of changes first, struck words struck and read as deleted, inserted words tagged', async () => {
    const out = tempDir('amend-act-dist-');
    expect(runCli(['build', 'ordinance/act', '--out', out], dir, { SOURCE_DATE_EPOCH: '1700000000' }).code).toBe(0);
    const bytes = readFileSync(path.join(out, 'act', 'comparative-print.pdf'));
    const pdf = await readPdf(bytes);
    const text = pdf.content.join('\n');
    expect(text.indexOf('Summary of changes')).toBeLessThan(text.indexOf('§ 4-251.03.'));
    // Each sentence once, with the act's section that makes the change; the sentence's own punctuation ends the entry.
    const summaryText = text.slice(text.indexOf('Summary of changes'), text.indexOf('§ 4-251.03.')).replace(/\s+/g, ' ');
    expect(summaryText).toContain('1. § 4-251.03(a)(1), (a)(2) (Sec. 2(a)(1)): Applied. Paragraphs (1) and (2) are repealed;');
    expect(summaryText).toContain('(Sec. 2(a)(3)): Applied. Paragraph (6) is amended to read as follows:');
    expect(summaryText.match(/Paragraphs \(1\) and \(2\) are repealed/g)).toHaveLength(2);
    expect(summaryText).not.toMatch(/; Applied\./);
    // Unchanged paragraphs far from any change are left out, "* * *" in their place; the lead-in of each changed unit stays.
    const law = text.slice(text.indexOf('§ 4-251.03.')).replace(/\s+/g, ' ');
    expect(law).toContain('* * *');
    expect(law).not.toContain('guardianship or adoption subsidy');
    expect(law).toContain('(a) A grandparent may be eligible to receive subsidy payments under this section if:');
    // A paragraph "amended to read as follows" prints as it stood, struck whole, then as it will read, inserted whole: never a word diff.
    // The District's marks, as its committee prints mark changes: struck through and underlined, no parentheses; read "[deleted: …]".
    const tags = await readTags(bytes);
    const spans = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text);
    expect(spans).toContain('[deleted: (6)]');
    expect(spans).toContain('[deleted: The grandparent is a resident of the District as defined by § 4-205.03;]');
    expect(text.replace(/\s+/g, ' ')).not.toContain('((');
    const inserted = tags.elements.filter((e) => e.role === 'Span' && e.text.startsWith('[inserted:')).map((e) => e.text);
    expect(
      inserted.some((t) => t.startsWith('[inserted: At least one of the following residency requirements is met; provided that no grandparent residing outside of the District')),
    ).toBe(true);
    expect(inserted.length).toBeGreaterThan(0);
    const summary = readFileSync(path.join(out, 'act', 'summary.md'), 'utf8');
    expect(summary).toContain('comparative-print.pdf#');
  });

  it('reports a struck phrase the law does not hold at its sentence, quoting the law there', () => {
    const section = path.join(
      dir,
      'ordinance',
      'act',
      readdirSync(path.join(dir, 'ordinance', 'act')).find((n) => readFileSync(path.join(dir, 'ordinance', 'act', n), 'utf8').includes('"; or" and'))!,
    );
    const original = readFileSync(section, 'utf8');
    writeFileSync(section, original.replace('striking the phrase "; or" and', 'striking the phrase "; and" and'));
    const result = run(['check', 'ordinance/act']);
    writeFileSync(section, original);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(
      /^ordinance\/act\/[^:]+:\d+:1: error § \d+\([a-z]\)\(\d+\)\([A-Z]\): Instruction does not apply: “; and” does not occur in § 4-251\.03\(a\)\(3\)\(B\), which reads “.+” \[amendment-applies\]\n/m,
    );
  });
});
