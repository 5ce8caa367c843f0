/**
 * Jurisdictions as data (issue 15): the three shipped councils' examples
 * build, each in its own council's words (the template's vocabulary in the
 * PDF, digest, appendix and xref.json), with the District's title block of
 * several numbers, its enacting clause run in to the short title and its
 * signatures by role, San Francisco's FILE NO., legend and Board footer; and
 * Los Angeles' structure rules run only on documents of a template that
 * names them.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate, TemplateError } from '../pipeline/load/templates.js';
import { ROOT, runCli, sampleCopy, tempDir } from './helpers.js';
import { buildInProcess, runMain } from './in-process.js';
import { readPdf, readTags, type PdfReadBack, type TaggedElement } from './pdf.js';
import { preflight } from './preflight.js';

let out: string;
const pdfs = new Map<string, PdfReadBack>();
const tags = new Map<string, TaggedElement[]>();

beforeAll(async () => {
  out = await buildInProcess(sampleCopy());
  for (const slug of ['dc-wmata-board', 'sf-city-of-refuge', 'la-sanctuary-city']) {
    const bytes = readFileSync(path.join(out, slug, `${slug}.pdf`));
    pdfs.set(slug, await readPdf(bytes));
    tags.set(slug, (await readTags(bytes)).elements);
  }
}, 240_000);

const text = (slug: string) => pdfs.get(slug)!.content.join('\n');
const furniture = (slug: string) => pdfs.get(slug)!.artifacts.join('\n');
const flat = (s: string) => s.replace(/\s+/g, ' ');
const read = (slug: string, file: string) => readFileSync(path.join(out, slug, file), 'utf8');

describe("the District's act (D.C. Law 24-288)", () => {
  it('heads an act not yet in effect without the Law number and register citation it is given only after Congressional review (issue 29)', async () => {
    const dir = sampleCopy(['dc-wmata-board', 'dc-code']);
    const meta = path.join(dir, 'ordinance', 'dc-wmata-board', 'ordinance.md');
    writeFileSync(
      meta,
      readFileSync(meta, 'utf8')
        .replace('status: effective', 'status: adopted')
        .replace(/^ {2}effective: .*\n/m, ''),
    );
    const built = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/dc-wmata-board', '--out', built], dir)).code).toBe(0);
    const first = (await readPdf(readFileSync(path.join(built, 'dc-wmata-board', 'dc-wmata-board.pdf')))).content[0]!;
    expect(first).toContain('D.C. ACT 24-726');
    expect(first).not.toContain('D.C. LAW');
    expect(first).not.toContain('70 DCR 547');
  });

  it('links each D.C. Code § citation to its section’s page, and names the section in the link’s description (issue 29)', async () => {
    const { annotations } = await readTags(readFileSync(path.join(out, 'dc-wmata-board', 'dc-wmata-board.pdf')));
    const code = annotations.filter((a) => a.url?.startsWith('https://code.dccouncil.gov/us/dc/council/code/sections/'));
    expect(new Set(code.map((a) => a.url))).toEqual(
      new Set([
        'https://code.dccouncil.gov/us/dc/council/code/sections/9-1108.11',
        'https://code.dccouncil.gov/us/dc/council/code/sections/1-301.47a',
        'https://code.dccouncil.gov/us/dc/council/code/sections/1-206.02',
      ]),
    );
    expect(annotations.find((a) => a.url?.endsWith('/sections/9-1108.11'))?.contents).toBe(
      'D.C. Official Code § 9-1108.11, https://code.dccouncil.gov/us/dc/council/code/sections/9-1108.11',
    );
  });

  it('prints the title block of the form: its act, law and register numbers, "AN ACT", the bill, the Council and the date', () => {
    const first = pdfs
      .get('dc-wmata-board')!
      .content[0]!.split('\n')
      .map((l) => l.trim());
    const title = first.indexOf('To revise the requirements for appointment to and service on the Washington');
    expect(first.slice(0, title)).toEqual([
      'D.C. ACT 24-726',
      'D.C. LAW 24-288',
      '70 DCR 547',
      'AN ACT',
      'Bill 24-124',
      'IN THE COUNCIL OF THE DISTRICT OF COLUMBIA',
      'JANUARY 10, 2023',
    ]);
    const h1 = tags.get('dc-wmata-board')!.filter((e) => e.role === 'H1');
    expect(h1.map((e) => flat(e.text))).toEqual([
      'To revise the requirements for appointment to and service on the Washington Metropolitan Area Transit Authority Board of Directors.',
    ]);
    expect(String(pdfs.get('dc-wmata-board')!.info.Title)).toBe('D.C. Act 24-726: WMATA Board of Directors Amendment Act of 2022');
    expect(furniture('dc-wmata-board')).toContain('D.C. ACT 24-726');
    expect(text('dc-wmata-board')).not.toMatch(/ORDINANCE|Ordinance No\./);
  });

  it('runs the enacting clause in to Sec. 1, which prints no heading, and labels the other sections "Sec. N."', () => {
    const elements = tags.get('dc-wmata-board')!;
    const paragraphs = elements.filter((e) => e.role === 'P').map((e) => flat(e.text).trim());
    expect(paragraphs).toContain('BE IT ENACTED BY THE COUNCIL OF THE DISTRICT OF COLUMBIA, That this act may be cited as the “WMATA Board of Directors Amendment Act of 2022”.');
    const headings = elements.filter((e) => e.role === 'H2').map((e) => flat(e.text).trim());
    expect(headings).toEqual(['Sec. 2.', 'Sec. 3. Fiscal impact statement.', 'Sec. 4. Effective date.', 'Appendix: Relationship to Prior Directives']);
  });

  it('signs by role: the Chairman of the Council, then the Mayor with the date of approval', () => {
    const lines = text('dc-wmata-board')
      .split('\n')
      .map((l) => l.trim());
    const chairman = lines.indexOf('Phil Mendelson');
    expect(lines.slice(chairman, chairman + 3)).toEqual(['Phil Mendelson', 'Chairman', 'Council of the District of Columbia']);
    const mayor = lines.indexOf('Muriel Bowser');
    expect(mayor).toBeGreaterThan(chairman);
    expect(lines.slice(mayor, mayor + 5)).toEqual(['Muriel Bowser', 'Mayor', 'District of Columbia', 'APPROVED', 'January 10, 2023']);
  });

  it('speaks of an act in its digest, appendix and cross-references, and names sections as the PDF does', () => {
    const digest = read('dc-wmata-board', 'summary.md');
    expect(digest).toContain('## What this act does');
    expect(digest).toContain('[Sec. 2](dc-wmata-board.pdf#section-board-of-directors)');
    expect(flat(digest)).toContain('_D.C. Act 24-726. To revise');
    expect(flat(digest)).toContain('**Also numbered:** Bill 24-124; D.C. Law 24-288; D.C. Register 70 DCR 547.');
    expect(digest).not.toMatch(/ordinance/i);
    // Its review period, and what it means for the effective date.
    expect(flat(digest)).toContain(
      '**Congressional review:** 30 legislative days from approval by the Mayor (January 10, 2023); legislative days count only the days in session, so the period ends no sooner than 30 calendar days would (February 9, 2023), on a date known only when it ends.',
    );
    const appendix = flat(pdfs.get('dc-wmata-board')!.content.at(-1)!);
    expect(appendix).toContain('This appendix is not part of the act');
    expect(appendix).toContain('Prior directive What this act does Sections citing it');
    expect(appendix).toContain('Sec. 2, Sec. 3, Sec. 4');
    const xref = JSON.parse(read('dc-wmata-board', 'xref.json')) as { directives: { id: string; sections: string[] }[] };
    expect(xref.directives.find((d) => d.id === 'dc-code')?.sections).toEqual(['Sec. 2', 'Sec. 3', 'Sec. 4']);
  });
});

describe('the archives', () => {
  it("the District's enacted act is valid PDF/A-1b by Apache PDFBox Preflight, as Los Angeles' is", () => {
    const { valid, output } = preflight(path.join(out, 'dc-wmata-board', 'dc-wmata-board.pdf'));
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
  });
});

describe("San Francisco's ordinance", () => {
  it('prints its FILE NO. from `council-file`, the key every council’s file number has, and checks its form (issue 29)', async () => {
    const dir = sampleCopy(['sf-city-of-refuge', 'sf-admin-code']);
    const meta = path.join(dir, 'ordinance', 'sf-city-of-refuge', 'ordinance.md');
    const source = readFileSync(meta, 'utf8');
    writeFileSync(meta, source.replace(/^council-file: .*$/m, 'council-file: "240849"'));
    const built = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/sf-city-of-refuge', '--out', built], dir)).code).toBe(0);
    const pdf = await readPdf(readFileSync(path.join(built, 'sf-city-of-refuge', 'sf-city-of-refuge.pdf')));
    expect(pdf.content[0]).toContain('FILE NO. 240849');
    expect(flat(pdf.content.join(' '))).toContain('File Number: 240849');
    writeFileSync(meta, source.replace(/^council-file: .*$/m, 'council-file: "24-0849"'));
    const checked = await runMain(['check', 'ordinance/sf-city-of-refuge'], dir);
    expect(checked.stdout).toMatch(
      /ordinance\.md:\d+:15: error Unexpected File No\. `24-0849`, expected one in the form the City and County of San Francisco assigns, such as `240849` \[number-form\]/,
    );
  });

  it("prints FILE NO. and ORDINANCE NO., the bracketed short title, the long title and the Board's legend, then the enacting clause", () => {
    // The first two pages: the Board's legend, six lines, leaves Section 2 to the second.
    const first = flat(pdfs.get('sf-city-of-refuge')!.content.slice(0, 2).join(' '));
    const order = [
      'FILE NO. [TBD: file number the Clerk of the Board assigns]',
      'ORDINANCE NO. ____________________',
      '[Administrative Code - City and County of Refuge]',
      'Ordinance amending the Administrative Code',
      // The Board's legend, a line each.
      'NOTE: Unchanged Code text and uncodified text are in plain Arial font.',
      'Additions to Codes are in single-underline italics Times New Roman font.',
      'Deletions to Codes are in strikethrough italics Times New Roman font.',
      'Board amendment additions are in double-underlined Arial font.',
      'Board amendment deletions are in strikethrough Arial font.',
      'Asterisks (* * * *) indicate the omission of unchanged Code subsections or parts of tables.',
      'Be it ordained by the People of the City and County of San Francisco:',
      'Section 1. Findings.',
      'Section 2. The Administrative Code is hereby amended by revising Section 12H.1, to read as follows:',
    ].map((words) => first.indexOf(words));
    expect(order.every((at) => at >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('prints its comparative print with the changes its own marks state, word by word, not the revised section struck whole (issue 28)', async () => {
    const print = await readPdf(readFileSync(path.join(out, 'sf-city-of-refuge', 'comparative-print.pdf')));
    const words = flat(print.content.join(' '));
    // "revising Section 12H.1, to read as follows:" with `:ins[…]`: the Board's marks say what changes; nothing is struck.
    expect(words).toContain('is a City and County of Refuge, and that every person, whatever the person’s immigration status, may use the services of the City and County.');
    expect(words).not.toContain('((It is hereby affirmed');
  });

  it('marks additions and deletions as the Board does: single-underline italics, strikethrough italics with no parentheses, each read as inserted or deleted (issue 28)', async () => {
    const dir = sampleCopy(['sf-city-of-refuge', 'sf-admin-code']);
    const file = path.join(dir, 'ordinance', 'sf-city-of-refuge', '02-city-of-refuge.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace('It is hereby affirmed that the City', 'It is :del[hereby] affirmed that the City'));
    const built = path.join(dir, 'dist');
    expect((await runMain(['build', 'ordinance/sf-city-of-refuge', '--out', built], dir)).code).toBe(0);
    const bytes = readFileSync(path.join(built, 'sf-city-of-refuge', 'sf-city-of-refuge.pdf'));
    const words = flat((await readPdf(bytes)).content.join(' '));
    expect(words).toContain('It is hereby affirmed that the City');
    expect(words).not.toContain('((hereby');
    const tags = await readTags(bytes, { fonts: true });
    const spans = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text);
    expect(spans).toContain('[deleted: hereby]');
    expect(spans.some((t) => t.startsWith('[inserted: , and that every person'))).toBe(true);
    // And a copy or text extraction reads them so, in place: the Board's type styles alone would be lost in plain text.
    for (const pdf of ['sf-city-of-refuge.pdf', 'comparative-print.pdf']) {
      // The ordinance's line numbers, each a line of its own, left out.
      const extracted = execFileSync('pdftotext', [path.join(built, 'sf-city-of-refuge', pdf), '-'], { encoding: 'utf8' })
        .replace(/^\d+$/gm, '')
        .replace(/\s+/g, ' ');
      expect(extracted, pdf).toContain('It is [deleted: hereby] affirmed that the City');
      expect(extracted, pdf).toMatch(/of Refuge\[inserted: , and that every person, whatever the person’s immigration status, may use the services of the City and County\]\./);
    }
    // Both in italics: the struck words and the inserted ones are drawn in the italic face.
    const italic = (text: string) => tags.lines.some((l) => l.text.includes(text) && /italic/i.test(String(l.font)));
    expect(italic('hereby')).toBe(true);
  });

  it("puts the sponsor, BOARD OF SUPERVISORS and the page number in every page's footer, as artifacts", () => {
    const pages = pdfs.get('sf-city-of-refuge')!;
    expect(pages.artifacts.length).toBeGreaterThan(1);
    pages.artifacts.forEach((page, i) => {
      expect(page).toContain('[TBD: sponsoring Supervisor]');
      expect(page).toContain('BOARD OF SUPERVISORS');
      // The appendix is not enacted: its pages are its own, not the Board's.
      if (i === pages.artifacts.length - 1) {
        expect(page).toContain('Appendix, page 1');
        expect(page).not.toMatch(/Page \d/);
        return;
      }
      expect(page).toContain(`Page ${i + 1}`);
      // The page is numbered once, in the footer: the Board's "Page N", never also the build's "Page N of M" in the running header (issue 29).
      expect(page.match(/Page \d/g)).toHaveLength(1);
      expect(page).not.toMatch(/Page \d+ of/);
    });
    expect(text('sf-city-of-refuge')).not.toContain('BOARD OF SUPERVISORS');
  });

  it("closes with the City Attorney's approval as to form, and its digest names the Board and its vote", () => {
    const lines = text('sf-city-of-refuge')
      .split('\n')
      .map((l) => l.trim());
    const approved = lines.indexOf('APPROVED AS TO FORM:');
    expect(lines.slice(approved, approved + 4)).toEqual(['APPROVED AS TO FORM:', 'DAVID CHIU, City Attorney', 'By: ____________________', '[TBD: Deputy City Attorney]']);
    // Then, on a page of its own, the Clerk's certificate of final passage and the Mayor's approval.
    const passage = flat(pdfs.get('sf-city-of-refuge')!.content.find((page) => page.includes('FINALLY PASSED')) ?? '');
    expect(passage).toContain(
      'CITY AND COUNTY OF SAN FRANCISCO File Number: [TBD: file number the Clerk of the Board assigns] I hereby certify that the foregoing Ordinance was FINALLY PASSED on ____________________ by the Board of Supervisors',
    );
    expect(passage).toContain('Clerk of the Board');
    expect(passage).not.toContain('APPROVED AS TO FORM');
    // Its heading prints as the Board prints it; the outline and a screen reader say what the page is (issue 29).
    const objects = execFileSync('qpdf', ['--qdf', '--object-streams=disable', path.join(out, 'sf-city-of-refuge', 'sf-city-of-refuge.pdf'), '-'], {
      encoding: 'latin1',
      maxBuffer: 1 << 28,
    });
    expect(objects).toContain("/Alt (Clerk's certificate of final passage: CITY AND COUNTY OF SAN FRANCISCO)");
    expect(objects).toContain("/Title (Clerk's certificate of final passage)");
    const digest = flat(read('sf-city-of-refuge', 'summary.md'));
    expect(digest).toContain('**Status:** Draft: not yet introduced to the Board of Supervisors (version 1).');
    expect(digest).toContain('**Vote required:** a majority of the Board of Supervisors (6 of 11 members).');
    // Its waiting period runs from enactment, which the Mayor's signature is only one way to (issue 29).
    expect(digest).toContain(
      "**The waiting period after enactment:** 30 calendar days from enactment (the Mayor's signature, ten days without it, or the Board's override of a veto).",
    );
    expect(digest).not.toContain('from approval by the Mayor');
  });
});

describe('a title of the D.C. Code', () => {
  it("prints each section's notes after its text, each led by its kind, and none the code marks not to be shown (issue 29)", async () => {
    const pdf = await readPdf(readFileSync(path.join(out, 'dc-code-title-9', 'dc-code-title-9.pdf')));
    const body = flat(pdf.content.join(' '));
    expect(body).toContain('History Apr. 27, 2013, D.C. Law 19-286, § 2, 60 DCR 2319');
    expect(body).toContain('Emergency Legislation For temporary (90 days) amendment of this section, see');
    // The notes follow the section's last words.
    expect(body.indexOf('History Apr. 27, 2013')).toBeGreaterThan(body.indexOf('failure to adhere to the requirements of this subchapter.'));
    // display="false" notes (a bare "History" of an emergency act) are the code's own, not shown.
    expect(body).not.toMatch(/History History|History Emergency|History Temporary/);
  });
});

describe("San Francisco's citations", () => {
  it('finds a chapter and a section of the Administrative Code as the City cites them, Chapter 12I among them', () => {
    const xref = JSON.parse(read('sf-city-of-refuge', 'xref.json')) as { citations: { text: string; target: string; pinpoint: string | null }[] };
    const cited = xref.citations.filter((c) => c.target === 'sf-administrative-code').map((c) => [c.text, c.pinpoint]);
    expect(cited).toEqual(
      expect.arrayContaining([
        ['Chapter 12H of the Administrative Code', '12H'],
        ['Section 12H.1', '§ 12H.1'],
        ['Chapter 12I of the Administrative Code', '12I'],
      ]),
    );
    // The code's own heading line of the section it revises ("SEC. 12H.1. CITY AND COUNTY OF REFUGE.") cites nothing (issue 29).
    expect(xref.citations.map((c) => c.text)).not.toContain('SEC. 12H.1');
    expect(tags.get('sf-city-of-refuge')!.filter((e) => e.role === 'Link' && e.text.startsWith('SEC.'))).toEqual([]);
  });
});

describe('Los Angeles', () => {
  it('keeps its own form: ORDINANCE NO., "Section N." and its certification', () => {
    expect(text('la-sanctuary-city')).toContain('ORDINANCE NO. 188441');
    expect(tags.get('la-sanctuary-city')!.some((e) => e.role === 'H2' && e.text.startsWith('Section 1. Findings'))).toBe(true);
    expect(text('la-sanctuary-city')).toContain('CERTIFICATION AND APPROVALS');
  });
});

describe('rules of one council', () => {
  /** The District's act, copied, with `edit` applied to its ordinance.md. */
  function act(edit: (text: string) => string = (t) => t): string {
    const dir = sampleCopy();
    const file = path.join(dir, 'ordinance', 'dc-wmata-board', 'ordinance.md');
    writeFileSync(file, edit(readFileSync(file, 'utf8')));
    return dir;
  }

  it('do not run on another council\'s documents: the act has no severability or certification section and no "An ordinance" title, and checks clean', async () => {
    expect(await runMain(['check', 'ordinance/dc-wmata-board'], act())).toMatchObject({ code: 0, stdout: '' });
  });

  it('run where the template names them: the same act under the Los Angeles template is held to them', async () => {
    const dir = act((t) =>
      t
        .replace('jurisdiction: district-of-columbia', 'jurisdiction: los-angeles')
        .replace(/numbers:\n(?: {2}.*\n)+/, '')
        .replace(/officials:\n(?: {2}.*\n)+/, ''),
    );
    const result = await runMain(['check', 'ordinance/dc-wmata-board'], dir);
    expect(result.code).toBe(1);
    for (const id of ['title-an-ordinance', 'severability-section', 'certification-section']) expect(result.stdout).toContain(`[${id}]`);
  });

  it("print a generated reference in the council's words, in the PDF and in xref.json", async () => {
    const dir = act();
    const file = path.join(dir, 'ordinance', 'dc-wmata-board', '03-fiscal-impact.md');
    writeFileSync(file, `${readFileSync(file, 'utf8').trimEnd()} The appointments under :ref{to=board-of-directors pin="(b)"} are made by the Council.\n`);
    const built = await buildInProcess(dir);
    const xref = JSON.parse(readFileSync(path.join(built, 'dc-wmata-board', 'xref.json'), 'utf8')) as { references: { printed: string }[] };
    expect(xref.references.map((r) => r.printed)).toEqual(['Sec. 2(b)']);
    return readPdf(readFileSync(path.join(built, 'dc-wmata-board', 'dc-wmata-board.pdf'))).then((pdf) => {
      expect(flat(pdf.content.join('\n'))).toContain('The appointments under Sec. 2(b) are made by the Council.');
    });
  });
});

describe('ordinance new jurisdiction', () => {
  /** A scratch copy of the project's templates folder. */
  function templates(): string {
    const dir = tempDir();
    cpSync(path.join(ROOT, 'templates'), path.join(dir, 'templates'), { recursive: true });
    return path.join(dir, 'templates');
  }

  it('scaffolds a template from the documented starting point that loads, with its facts left as visible [TBD] placeholders', async () => {
    const dir = templates();
    const result = await runMain(['new', 'jurisdiction', 'springfield', '--name', 'City of Springfield', '--templates', dir], path.dirname(dir));
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('wrote templates/jurisdictions/springfield.json');
    const template = loadTemplate('springfield', dir);
    expect(template.jurisdiction).toMatchObject({ id: 'springfield', name: 'City of Springfield', layout: 'council' });
    expect(template.jurisdiction.enactingClause).toMatch(/^\[TBD: /);
    expect(Object.keys(template.jurisdiction.roles ?? {})).toEqual(['mayor', 'clerk']);
  });

  it("starts from a shipped jurisdiction's form with --from, without its citation grammar or code settings", async () => {
    const dir = templates();
    expect((await runMain(['new', 'jurisdiction', 'oakland', '--from', 'san-francisco', '--name', 'City of Oakland', '--templates', dir], path.dirname(dir))).code).toBe(0);
    const { jurisdiction } = loadTemplate('oakland', dir);
    expect(jurisdiction.footer).toEqual(loadTemplate('san-francisco', dir).jurisdiction.footer);
    expect(jurisdiction.citations).toBeUndefined();
    expect(jurisdiction.name).toBe('City of Oakland');
  });

  it('never overwrites a template, and refuses an id that is not one (exit 2, one line each)', () => {
    const dir = templates();
    const before = readFileSync(path.join(dir, 'jurisdictions', 'los-angeles.json'), 'utf8');
    const exists = runCli(['new', 'jurisdiction', 'los-angeles', '--templates', dir], path.dirname(dir));
    expect(exists.code).toBe(2);
    expect(exists.stderr).toContain('templates/jurisdictions/los-angeles.json already exists, expected a new jurisdiction id');
    expect(readFileSync(path.join(dir, 'jurisdictions', 'los-angeles.json'), 'utf8')).toBe(before);
    const bad = runCli(['new', 'jurisdiction', 'San Francisco', '--templates', dir], path.dirname(dir));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('unexpected jurisdiction id `San Francisco`, expected a kebab-case id');
    expect(runCli(['new', 'jurisdiction', 'x', '--from', 'los-angelse', '--templates', dir], path.dirname(dir)).stderr).toContain(
      'unknown jurisdiction `los-angelse` for --from, expected `los-angeles` or else one of',
    );
    expect(runCli(['new', 'jurisdiction', 'x', '--bogus'], path.dirname(dir)).code).toBe(2);
  });

  it('refuses an id too long for a file name, and a --templates folder that is not one, each in one line', async () => {
    const dir = templates();
    const cwd = path.dirname(dir);
    const usage = "\nRun 'ordinance new --help' for usage.\n";
    expect(await runMain(['new', 'jurisdiction', 'a'.repeat(300), '--templates', dir], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: `ordinance: unexpected jurisdiction id of 300 characters, expected at most 100: it names the template's file (templates/jurisdictions/<id>.json)${usage}`,
    });
    const expected = 'expected the templates folder (holding jurisdictions/ and starting-points/jurisdiction.json)';
    expect(await runMain(['new', 'jurisdiction', 'x', '--templates', '/nonexistent'], cwd)).toEqual({
      code: 2,
      stdout: '',
      stderr: `ordinance: --templates \`/nonexistent\` does not exist, ${expected}${usage}`,
    });
    mkdirSync(path.join(cwd, 'empty'));
    expect((await runMain(['new', 'jurisdiction', 'x', '--templates', 'empty'], cwd)).stderr).toBe(
      `ordinance: --templates \`empty\` has no jurisdictions/ folder, ${expected}${usage}`,
    );
    mkdirSync(path.join(cwd, 'empty', 'jurisdictions'));
    expect((await runMain(['new', 'jurisdiction', 'x', '--templates', 'empty'], cwd)).stderr).toBe(
      `ordinance: --templates \`empty\` has no starting-points/jurisdiction.json, ${expected}; or start from a jurisdiction it holds with --from <id>${usage}`,
    );
    expect(readdirSync(path.join(cwd, 'empty', 'jurisdictions'))).toEqual([]);
  });

  it('refuses a title block without the long title, at the key', () => {
    const dir = templates();
    const file = path.join(dir, 'jurisdictions', 'san-francisco.json');
    const text = readFileSync(file, 'utf8').replace('"text": "{title}"', '"text": "{short-title}"');
    writeFileSync(file, text);
    expect(() => loadTemplate('san-francisco', dir)).toThrow(
      new RegExp(`san-francisco\\.json:${text.slice(0, text.indexOf('"titleBlock"')).split('\n').length}:\\d+: error Missing the long title in \`titleBlock\``),
    );
  });

  it('reports a mistake in the new keys at its place, saying what is expected', () => {
    const dir = templates();
    const file = path.join(dir, 'jurisdictions', 'district-of-columbia.json');
    const text = readFileSync(file, 'utf8').replace('"style": "banner"', '"style": "baner"').replace('"counting": "legislative"', '"counting": "sitting"');
    writeFileSync(file, text);
    let problems: { line: number; column: number; message: string }[] = [];
    try {
      loadTemplate('district-of-columbia', dir);
    } catch (error) {
      if (error instanceof TemplateError) problems = error.problems;
    }
    const at = (needle: string) => {
      const before = text.slice(0, text.indexOf(needle)).split('\n');
      return { line: before.length, column: before.at(-1)!.length + 1 };
    };
    expect(problems.map((p) => ({ line: p.line, column: p.column }))).toEqual([at('"baner"'), at('"sitting"')]);
    expect(problems[0]!.message).toMatch(/`baner`.*expected .*`banner`/);
    expect(problems[1]!.message).toMatch(/`sitting`.*expected .*`calendar`.*`legislative`|`sitting`.*expected .*`legislative`/);
  });
});
