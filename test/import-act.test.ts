/**
 * An act imported with `ordinance import dc-law` reads as the enrolled act
 * (issue 29 §1): its long title, its Act, Bill and Law numbers and register
 * citation, the date of each stage, the short title as the run-in Sec. 1, the
 * act's own section numbers (an act numbered by titles keeps Sec. 101, 102,
 * 201), each section's heading and kind as the act gives them, and quoted text
 * with its quotation marks and the punctuation after it run in.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { importDcLaw } from '../pipeline/import/dc-law/import.js';
import { loadOrdinanceSources } from '../pipeline/load/sources.js';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import { parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';
import { FIXTURES, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';
import { readPdf, readTags } from './pdf.js';

const LAW = path.join(FIXTURES, 'dc-law-24-118', 'laws', '24-118.xml');

function frontMatter(file: string): Record<string, unknown> {
  const text = readFileSync(file, 'utf8');
  return parseYaml(/^---\n([\s\S]*?)\n---/.exec(text)![1]!) as Record<string, unknown>;
}

/** An act's XML as the Council's repository writes it: its law number, short title, opening sentence and `body` (its sections), in `dir`. */
function actXml(dir: string, law: string, short: string, body: string): string {
  const xml = path.join(dir, 'act.xml');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    xml,
    `<?xml version="1.0" encoding="utf-8"?>
<document xmlns="https://code.dccouncil.us/schemas/dc-library">
  <num type="law">${law}</num>
  <heading type="short">${short}</heading>
  <text>BE IT ENACTED BY THE COUNCIL OF THE DISTRICT OF COLUMBIA, That this act may be cited as the "${short}".</text>
  ${body}
</document>`,
  );
  return xml;
}

function imported(xml = LAW): string {
  const dir = workspace();
  const out = path.join(dir, 'ordinance', 'act');
  importDcLaw(xml, out, { plain: false });
  return out;
}

describe('an imported act (D.C. Law 24-118)', () => {
  const out = imported();

  it('carries the numbers, titles and dates the act XML gives, each in its field', () => {
    expect(frontMatter(path.join(out, 'ordinance.md'))).toEqual({
      title:
        'To amend the Grandparent Caregivers Pilot Program Establishment Act of 2005 to modify the eligibility requirements for subsidy payments; and to amend the Close Relative Caregiver Subsidy Pilot Program Establishment Amendment Act of 2019 to expand subsidy payment eligibility to godparents and to otherwise modify the eligibility requirements for subsidy payments.',
      'short-title': 'Grandparent and Close Relative Caregivers Program Amendment Act of 2022',
      jurisdiction: 'district-of-columbia',
      status: 'effective',
      version: 1,
      number: '24-360',
      numbers: { bill: '24-462', law: '24-118', register: '69 DCR 002660' },
      dates: { introduced: '2021-10-26', passed: '2022-03-01', approved: '2022-03-28', effective: '2022-05-18' },
      // The XML names no signer: the Chairman and the Mayor in office on those dates, from the District's template.
      officials: { chairman: 'Phil Mendelson', mayor: 'Muriel Bowser' },
      language: 'en-US',
    });
  });

  it('names the D.C. Code it amends where the workspace holds it beside the act (`dc-code/`), so the act builds its comparative print', () => {
    const dir = workspace();
    mkdirSync(path.join(dir, 'ordinance', 'dc-code'));
    const beside = path.join(dir, 'ordinance', 'act');
    importDcLaw(LAW, beside, { plain: false });
    expect(frontMatter(path.join(beside, 'ordinance.md'))['amends-code']).toBe('dc-code');
    // Without the code beside it, none is named: the act checks on its own.
    expect(frontMatter(path.join(out, 'ordinance.md'))['amends-code']).toBeUndefined();
  });

  it('has the act’s sections, Sec. 1 the short title after the enacting clause, each headed and kinded as the act has it', () => {
    expect(
      readdirSync(out)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['01-sec-1.md', '02-sec-2.md', '03-sec-3.md', '04-sec-4.md', '05-sec-5.md', 'ordinance.md']);
    expect(readFileSync(path.join(out, '01-sec-1.md'), 'utf8')).toContain(
      '\nThat this act may be cited as the "Grandparent and Close Relative Caregivers Program Amendment Act of 2022".',
    );
    expect(readFileSync(path.join(out, 'ordinance.md'), 'utf8')).not.toContain('BE IT ENACTED');
    const fronts = ['02-sec-2.md', '03-sec-3.md', '04-sec-4.md', '05-sec-5.md'].map((f) => frontMatter(path.join(out, f)));
    expect(fronts).toEqual([
      { id: 'sec-2', kind: 'amendment' },
      { id: 'sec-3', kind: 'amendment' },
      { id: 'sec-4', heading: 'Fiscal impact statement.', kind: 'general' },
      { id: 'sec-5', heading: 'Effective date.', kind: 'effective-date' },
    ]);
  });

  it('quotes new text as the act prints it: each paragraph opened, the last closed, the punctuation after it run in', () => {
    const text = readFileSync(path.join(out, '02-sec-2.md'), 'utf8');
    expect(text).toContain('> "(D) The parent is 18 years of age or older');
    expect(text).toContain('from caring for the child;".\n');
    expect(text).toContain('> "(A) The grandparent is a resident of the District as defined by section 503;');
    // No paragraph is the closing punctuation alone.
    expect(text.split(/\n\s*\n/).filter((p) => /^[>\s]*[.;,]\s*$/.test(p))).toEqual([]);
  });

  it('checks with no error, and its findings name the act’s own sections', async () => {
    const checked = await runMain(['check', 'ordinance/act'], path.dirname(path.dirname(out)));
    expect(checked.code).toBe(0);
    expect(checked.stdout).not.toMatch(/: error /);
    expect(checked.stdout).toMatch(/02-sec-2\.md:\d+:\d+: warning § 2\b/);
    expect(checked.stdout).not.toMatch(/02-sec-2\.md:\d+:\d+: \w+ § 1\b/);
  });

  it('prints the enrolled act: the numbers in the title block, the short title run in to the clause, "Sec. 2." and no lone period', async () => {
    const dir = path.dirname(path.dirname(out));
    const dist = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/act', '--out', dist], dir, { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(dist, 'act', 'act.pdf')));
    const text = pdf.content.join('\n');
    for (const words of ['D.C. ACT 24-360', 'D.C. LAW 24-118', '69 DCR 002660', 'Bill 24-462', 'To amend the Grandparent Caregivers']) expect(text).toContain(words);
    expect(text.replace(/\s+/g, ' ')).toContain('BE IT ENACTED BY THE COUNCIL OF THE DISTRICT OF COLUMBIA, That this act may be cited as');
    expect(text).not.toMatch(/BE IT ENACTED[\s\S]*BE IT ENACTED/);
    expect(text).toMatch(/Sec\. 2\./);
    expect(text).toMatch(/Sec\. 4\. Fiscal impact statement\./);
    expect(text).toMatch(/Sec\. 5\. Effective date\./);
    expect(text).not.toMatch(/Sec\. 2\.\s+Sec\. 3\./);
    expect(pdf.content.filter((line) => /^\s*[.;]\s*$/.test(line))).toEqual([]);
    // "Sec. 2." runs in to its text, on its first line, and is still the section's heading for a screen reader.
    const bytes = readFileSync(path.join(dist, 'act', 'act.pdf'));
    const tags = await readTags(bytes);
    const label = tags.lines.find((line) => line.text.trim() === 'Sec. 2.');
    const words = tags.lines.find((line) => line.text.startsWith('Section 103 of the Grandparent'));
    expect(label && words && [words.page, words.baseline]).toEqual([label?.page, label?.baseline]);
    expect(words!.x).toBeGreaterThan(label!.x);
    const sect = tags.elements.find((e) => e.role === 'Sect' && e.children[0]?.text.trim() === 'Sec. 2.');
    expect(sect?.children.map((c) => c.role).slice(0, 2)).toEqual(['H2', 'P']);
    expect(sect?.children[1]?.text).toMatch(/^Section 103 of the Grandparent/);
    // The signatures as the enrolled act has them: a line, the signer's name, the office; no blank line for a name.
    const signatures = text.slice(text.lastIndexOf('Phil Mendelson') - 40);
    expect(signatures.split('\n').map((l) => l.trim())).toEqual(
      expect.arrayContaining(['Phil Mendelson', 'Chairman', 'Council of the District of Columbia', 'Muriel Bowser', 'Mayor', 'District of Columbia', 'APPROVED', 'March 28, 2022']),
    );
    expect(text.match(/_{5,}/g)).toHaveLength(2);
  });
});

describe('the signature block of an act whose signers are not known', () => {
  it('prints each signature line once, with the office under it, and no blank line for the name', async () => {
    const dir = workspace();
    const xml = actXml(
      path.join(dir, 'xml'),
      '24-1',
      'Old Act of 1999',
      '<section><num>2</num><heading>Effective date.</heading><text>This act shall take effect as provided by law.</text></section>',
    );
    const out = path.join(dir, 'ordinance', 'act');
    importDcLaw(xml, out, { plain: false });
    // No dates in the XML: no one is named.
    expect(frontMatter(path.join(out, 'ordinance.md'))).not.toHaveProperty('officials');
    const dist = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/act', '--out', dist], dir, { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    const text = (await readPdf(readFileSync(path.join(dist, 'act', 'act.pdf')))).content.join('\n');
    const lines = text
      .slice(text.indexOf('Effective date'))
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const chairman = lines.indexOf('Chairman');
    const mayor = lines.indexOf('Mayor');
    expect(lines[chairman - 1]).toMatch(/^_{5,}$/);
    expect(lines[chairman - 2]).not.toMatch(/^_{5,}$/);
    expect(lines[mayor - 1]).toMatch(/^_{5,}$/);
    expect(lines[mayor - 2]).not.toMatch(/^_{5,}$/);
  });
});

describe('an act numbered by titles', () => {
  it('keeps its own section numbers (Sec. 101, 102, 201), reads a heading the XML gives as a line of text, and a sentence it gives as a heading', async () => {
    const dir = tempDir('act-titles-');
    const section = (num: string, body: string) => `<section><num>${num}</num>${body}</section>`;
    const xml = actXml(
      dir,
      '24-999',
      'Omnibus Act of 2022',
      `<container><prefix>Title</prefix><num>I</num><heading>FIRST</heading>
    ${section('101', '<heading>Short title.</heading><text>This title may be cited as the "First Amendment Act of 2022".</text>')}
    ${section('102', '<text>The Mayor shall report each year, as section 150 requires.</text>')}
    ${section('103', '<heading>This title may be cited as the "Reports Amendment Act of 2022".</heading>')}
  </container>
  <container><prefix>Title</prefix><num>II</num><heading>SECOND</heading>
    ${section('201', '<text>The Mayor may issue rules.</text>')}
  </container>
  ${section('301', '<text>Effective date</text><text>This act shall take effect on its publication in the District of Columbia Register.</text>')}`,
    );
    const out = path.join(dir, 'ordinance', 'act');
    importDcLaw(xml, out, { plain: true });
    const ordinance = modelOrdinance(parseOrdinance(loadOrdinanceSources(out))!);
    expect(ordinance.sections.map((s) => [s.number, s.designation, s.heading, s.kind])).toEqual([
      [1, undefined, '', 'general'],
      [101, undefined, 'Short title.', 'general'],
      [102, undefined, '', 'general'],
      [103, undefined, '', 'general'],
      [201, undefined, '', 'general'],
      [301, undefined, 'Effective date', 'effective-date'],
    ]);
    // Each title a folder (group.md), its sections in it, named in the act's order.
    expect(
      readdirSync(out)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['01-sec-1.md', '02-title-i', '06-title-ii', '08-sec-301.md', 'ordinance.md']);
    expect(ordinance.groups.map((g) => [g.prefix, g.num, g.heading])).toEqual([
      ['Title', 'I', 'FIRST'],
      ['Title', 'II', 'SECOND'],
    ]);
    expect(frontMatter(path.join(out, '02-title-i', '04-sec-102.md'))).toEqual({ id: 'sec-102', kind: 'general' });
    // A reference to a section the act does not have names the sections it has, by their own numbers.
    const checked = await runMain(['check', 'ordinance/act'], dir);
    expect(checked.stdout).toContain('Unknown section in `section 150`, expected one of Secs. 1, 101–103, 201, 301 (better');
    // A section the XML gives only a heading has that sentence as its text.
    expect(readFileSync(path.join(out, '02-title-i', '05-sec-103.md'), 'utf8')).toMatch(
      /^---\nid: sec-103\nkind: general\n---\n\nThis title may be cited as the "Reports Amendment Act of 2022"\.\n$/,
    );
    expect(frontMatter(path.join(out, '02-title-i', '03-sec-101.md'))).toEqual({ id: 'sec-101', number: '101', heading: 'Short title.', kind: 'general' });
  });
});

describe('a District act whose definitions open with paragraphs', () => {
  it('checks clean of subdivision-level-order: the District opens a section with (1) when it has no subsections (issue 29)', async () => {
    const dir = tempDir('act-definitions-');
    const xml = actXml(
      dir,
      '24-998',
      'Definitions Act of 2022',
      `<section><num>2</num><heading>Definitions.</heading><text>For the purposes of this act, the term:</text>
    <para><num>(1)</num><text>"Department" means the Department of Public Works.</text></para>
    <para><num>(2)</num><text>"Mayor" means the Mayor of the District of Columbia.</text></para>
  </section>
  <section><num>3</num><heading>Effective date.</heading><text>This act shall take effect on its publication in the District of Columbia Register.</text></section>`,
    );
    importDcLaw(xml, path.join(dir, 'ordinance', 'act'), { plain: true });
    const checked = await runMain(['check', 'ordinance/act'], dir);
    expect(checked.stdout).not.toContain('subdivision-level-order');
    // Los Angeles' form still wants (a) first: the same opening there is reported.
    const meta = path.join(dir, 'ordinance', 'act', 'ordinance.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('jurisdiction: district-of-columbia', 'jurisdiction: los-angeles'));
    expect((await runMain(['check', 'ordinance/act'], dir)).stdout).toMatch(
      /02-sec-2\.md:\d+:1: error .*Unexpected \(1\)-style subdivision `\(1\)` at the top of the section, expected \(a\)-style \[subdivision-level-order\]/,
    );
  });
});

describe('an act whose XML carries the codifier’s paragraph beside an amending sentence (D.C. Law 24-147 Sec. 130)', () => {
  it('prints the act’s sentence alone: the code’s rewritten paragraph is the codifier’s, not the act’s words', () => {
    const dir = workspace();
    const xml = actXml(
      path.join(dir, 'xml'),
      '24-147',
      'Technical Act of 2022',
      `<section><num>2</num>
        <text>Section 2(a)(4) of the Cottage Food Expansion Amendment Act of 2019, effective March 10, 2020 (D.C. Law 23-61; 67 DCR 572), is amended by striking the phrase "(5)(A)" and inserting the phrase "(5)" in its place.</text>
        <para>
          <codify:replace xmlns:codify="https://code.dccouncil.us/schemas/codified" doc="D.C. Code" path="§7-742.01|(5)"/>
          <num>(5)</num>
          <text>"Food establishment" shall have the same meaning as provided in section 2(5) of An Act.</text>
        </para>
      </section>
      <section><num>3</num>
        <text>Section 9 (D.C. Official Code § 24-211.07) is amended as follows:</text>
        <para><num>(a)</num><text>Subsection (b) is amended to read as follows:</text>
          <include><para>
            <codify:replace xmlns:codify="https://code.dccouncil.us/schemas/codified" doc="D.C. Code" path="§24-211.07|(b)"/>
            <num>(b)</num><text>New words.</text>
          </para></include>
        </para>
      </section>`,
    );
    for (const plain of [false, true]) {
      const out = path.join(dir, 'ordinance', plain ? 'plain' : 'annotated');
      const report = importDcLaw(xml, out, { plain });
      expect(report.codifiers).toBe(1);
      const sec2 = readFileSync(path.join(out, '02-sec-2.md'), 'utf8');
      expect(sec2).toContain('is amended by striking the phrase "(5)(A)" and inserting the phrase "(5)" in its place.');
      expect(sec2).not.toContain('Food establishment');
      expect(sec2).not.toContain('::amend');
      // Quoted text keeps its paragraphs, the codification's markup inside them notwithstanding.
      expect(readFileSync(path.join(out, '03-sec-3.md'), 'utf8')).toContain('> "(b) New words."');
    }
  });
});

describe('an act in titles and subtitles (a budget support act, D.C. Law 24-167)', () => {
  /** Three titles of two subtitles, each of a short title and three sections long enough that the act runs past the contents' threshold. */
  function budgetAct(dir: string): string {
    const words = 'The Mayor shall report to the Council on the use of the funds appropriated under this subtitle. '.repeat(12).trim();
    let n = 0;
    const subtitle = (title: number, letter: string) => {
      const sections = [
        `<section><num>${title}${String(++n).padStart(3, '0')}</num><heading>Short title.</heading><text>This subtitle may be cited as the "Subtitle ${letter} Act of 2022".</text></section>`,
      ];
      for (let i = 0; i < 3; i++) sections.push(`<section><num>${title}${String(++n).padStart(3, '0')}</num><text>${words}</text></section>`);
      return `<container><prefix>SUBTITLE</prefix><num>${letter}</num><heading>SUBTITLE ${letter} OF TITLE ${title}</heading>${sections.join('')}</container>`;
    };
    const titles = [1, 2, 3].map((t) => {
      n = 0;
      return `<container><prefix>TITLE</prefix><num>${'I'.repeat(t)}</num><heading>PART ${t} OF THE BUDGET</heading>${subtitle(t, 'A')}${subtitle(t, 'B')}</container>`;
    });
    const effective = '<section><num>4001</num><heading>Effective date.</heading><text>This act shall take effect as provided by law.</text></section>';
    return actXml(
      dir,
      '24-167',
      'Fiscal Year 2023 Budget Support Act of 2022',
      `${titles.join('')}<container><prefix>TITLE</prefix><num>IV</num><heading>EFFECTIVE DATE</heading>${effective}</container>`,
    );
  }

  it('keeps each title and subtitle as a group, prints its heading as the act does, and lists them in the contents, linked to their pages', async () => {
    const dir = workspace();
    const xml = budgetAct(path.join(dir, 'xml'));
    // The XML of 24-167 gives the enacting sentence as its long title: not a title.
    writeFileSync(
      xml,
      readFileSync(xml, 'utf8').replace(
        '<heading type="short">',
        '<heading type="long">BE IT ENACTED BY THE COUNCIL OF THE DISTRICT OF COLUMBIA, That this act may be cited as the "Fiscal Year 2023 Budget Support Act of 2022.</heading>\n  <heading type="short">',
      ),
    );
    const out = path.join(dir, 'ordinance', 'bsa');
    const report = importDcLaw(xml, out, { plain: true });
    expect(report.groups).toBe(10);
    expect(frontMatter(path.join(out, 'ordinance.md')).title).toBe('Fiscal Year 2023 Budget Support Act of 2022');
    const titleOne = readdirSync(out).find((f) => f.endsWith('-title-i'))!;
    expect(frontMatter(path.join(out, titleOne, 'group.md'))).toEqual({ prefix: 'TITLE', num: 'I', heading: 'PART 1 OF THE BUDGET' });
    const subtitleA = readdirSync(path.join(out, titleOne)).find((f) => f.endsWith('-subtitle-a'))!;
    expect(readdirSync(path.join(out, titleOne, subtitleA)).filter((f) => f.endsWith('.md'))).toEqual([
      expect.stringMatching(/-sec-1001\.md$/),
      expect.stringMatching(/-sec-1002\.md$/),
      expect.stringMatching(/-sec-1003\.md$/),
      expect.stringMatching(/-sec-1004\.md$/),
      'group.md',
    ]);

    const dist = path.join(dir, 'dist');
    const built = await runMain(['build', 'ordinance/bsa', '--out', dist], dir, { SOURCE_DATE_EPOCH: '1700000000' });
    expect(built.code, built.stdout).toBe(0);
    const bytes = readFileSync(path.join(dist, 'bsa', 'bsa.pdf'));
    const pdf = await readPdf(bytes);
    expect(pdf.pages.length).toBeGreaterThan(6);
    const text = pdf.content.join('\n');
    // The headings as the act prints them, without a period the act does not have.
    expect(text).toMatch(/^TITLE I\. PART 1 OF THE BUDGET$/m);
    expect(text).toMatch(/^SUBTITLE A\. SUBTITLE A OF TITLE 1$/m);
    expect(text).not.toMatch(/PART 1 OF THE BUDGET\.$/m);
    // The contents list the titles and subtitles (not 27 sections), each with the page its heading is on.
    const tags = await readTags(bytes);
    const entries = tags.elements.filter((e) => e.role === 'TOCI').map((e) => e.text);
    expect(entries.slice(0, 3)).toEqual([
      expect.stringMatching(/^TITLE I\. PART 1 OF THE BUDGET, page \d+$/),
      expect.stringMatching(/^SUBTITLE A\. SUBTITLE A OF TITLE 1, page \d+$/),
      expect.stringMatching(/^SUBTITLE B\./),
    ]);
    expect(entries.filter((e) => /^(TITLE|SUBTITLE) /.test(e))).toHaveLength(10);
    for (const entry of entries.filter((e) => /^(TITLE|SUBTITLE) /.test(e))) {
      const [, heading, page] = /^(.*), page (\d+)$/.exec(entry)!;
      const headed = tags.elements.find((e) => /^H[2-6]$/.test(e.role) && e.text === heading);
      expect(headed?.page, entry).toBe(Number(page));
    }
    expect(pdf.links.filter((l) => typeof l.dest === 'string' && l.dest.startsWith('group-')).length).toBeGreaterThanOrEqual(18);
  });
});

describe('a long act of sections alone', () => {
  it('has no table of contents, as the District prints it (only an act in titles has one)', async () => {
    const dir = workspace();
    const words = 'The Mayor shall report to the Council on the use of the funds appropriated under this act. '.repeat(14).trim();
    const sections = Array.from({ length: 24 }, (_, i) => `<section><num>${i + 2}</num><text>${words}</text></section>`).join('');
    const effective = '<section><num>26</num><heading>Effective date.</heading><text>This act shall take effect as provided by law.</text></section>';
    const xml = actXml(path.join(dir, 'xml'), '24-2', 'Long Reports Act of 2022', sections + effective);
    importDcLaw(xml, path.join(dir, 'ordinance', 'act'), { plain: true });
    const dist = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/act', '--out', dist], dir, { SOURCE_DATE_EPOCH: '1700000000' })).code).toBe(0);
    const bytes = readFileSync(path.join(dist, 'act', 'act.pdf'));
    const pdf = await readPdf(bytes);
    expect(pdf.pages.length).toBeGreaterThan(6);
    expect(pdf.content.join('\n')).not.toContain('CONTENTS');
    expect((await readTags(bytes)).elements.filter((e) => e.role === 'TOC')).toEqual([]);
  });
});

describe('a container the XML gives no prefix and number', () => {
  it('heads nothing: its sections stand in the group around it, and the import counts it, inventing no "Part 1"', () => {
    const dir = workspace();
    const xml = actXml(
      path.join(dir, 'xml'),
      '24-3',
      'Nested Act of 2022',
      '<container><prefix>TITLE</prefix><num>I</num><heading>FIRST</heading><container><section><num>101</num><text>Text.</text></section></container></container>',
    );
    const out = path.join(dir, 'ordinance', 'act');
    const report = importDcLaw(xml, out, { plain: true });
    expect([report.groups, report.undesignated]).toEqual([1, 1]);
    const title = readdirSync(out).find((f) => f.endsWith('-title-i'))!;
    expect(readdirSync(path.join(out, title)).sort()).toEqual([expect.stringMatching(/-sec-101\.md$/), 'group.md']);
  });
});
