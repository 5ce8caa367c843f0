/**
 * Quoted law (issue 26): the text an amending ordinance inserts, in a block
 * quote or in code sections kept in files of their own (a chapter it adds),
 * is the code's law, not the ordinance's. It prints as councils print it
 * (inset as a block, its designations hanging inside the block, a quoted
 * section's heading line bold, the quote marks as the drafter wrote them),
 * its findings carry the quoted law's path and where it is quoted, a
 * "Section 7" in it is the law's own, and the files of a chapter never count
 * among the ordinance's sections. Each through the CLI in this process, as a
 * drafter sees it.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import { describeReport, verifyWorkspace } from '../pipeline/readback/verify.js';
import { FIXTURES, ROOT, sampleCopy, tempDir, workspace } from './helpers.js';
import { compileWorkspace } from '../pipeline/runner/run.js';
import { buildInProcess, runMain } from './in-process.js';
import { readTags, type TaggedElement, type TagsReadBack } from './pdf.js';

const LAYOUT = JSON.parse(readFileSync(path.join(ROOT, 'templates', 'layouts', 'council.json'), 'utf8')) as {
  page: { margins: { left: number } };
  subdivision: { indentPerLevel: number; markerWidth: number };
  blockquote: { indent: number };
};
const LEFT = LAYOUT.page.margins.left;
const MARKER = LAYOUT.subdivision.markerWidth;

/** The District's sample with Sec. 2 quoting a whole section in the enrolled form: a quote mark on each quoted paragraph (one without), `".` after the last. */
const BOARD = 'ordinance/dc-wmata-board/02-board-of-directors.md';
const QUOTED_SECTION = `---
id: board-of-directors
kind: amendment
summary: "To serve on the Metro board for the District, a person must care about public transit."
---
Section 2 of the Washington Metropolitan Area Transit Authority Board of Directors Act of 2012, effective April 27, 2013 (D.C. Law 19-286; D.C. Official Code § 9-1108.11), is amended as follows:

(a) Subsection (a) is amended to read as follows:

> "Sec. 7. Qualifications.
>
> "(a) To be eligible for appointment to serve on the Board of Directors of the Washington Metropolitan Area Transit Authority ("Board"), an individual shall have a demonstrated interest in public transportation;
>
> "(b) Members shall serve a term of 4 years, as provided in section 7.
>
> (c) Members shall be appointed by the Council. Section 7 applies.
>
> "(d) Members shall be residents of the District.".
`;

/** A copy of the District's sample whose Sec. 2 is `text`, printed without its code (the quote is what is under test, not what it does to § 9-1108.11). */
function boardSample(text: string): string {
  const dir = sampleCopy(['dc-wmata-board']);
  writeFileSync(path.join(dir, BOARD), text);
  const meta = path.join(dir, 'ordinance', 'dc-wmata-board', 'ordinance.md');
  writeFileSync(meta, readFileSync(meta, 'utf8').replace(/^#.*\namends-code:.*\n/m, ''));
  return dir;
}

/** The quoted chapter of the guide (docs/guide/04-codes.md): San Francisco's Chapter 12H, its sections in files of their own. */
const CHAPTER = path.join(FIXTURES, 'quoted-chapter');
const CHAPTER_SLUG = 'sf-chapter-12h';
const SEC_12H_2 = `ordinance/${CHAPTER_SLUG}/01-chapter-12h/02-sec-12h-2.md`;

async function pdfOf(out: string, slug: string, fonts = false): Promise<TagsReadBack> {
  return readTags(readFileSync(path.join(out, slug, `${slug}.pdf`)), { fonts });
}

function lineOf(pdf: TagsReadBack, start: string): TagsReadBack['lines'][number] {
  const line = pdf.lines.find((l) => l.text.startsWith(start));
  expect(line, `a line starting “${start}”`).toBeDefined();
  return line!;
}

function findElement(elements: TaggedElement[], test: (e: TaggedElement) => boolean): TaggedElement | undefined {
  for (const element of elements) {
    if (test(element)) return element;
    const inner = findElement(element.children, test);
    if (inner) return inner;
  }
  return undefined;
}

describe('quoted law in the PDF', () => {
  it('is inset as a block, its designations hang inside it, its heading line is bold, and its quote marks are the drafter’s', async () => {
    const out = await buildInProcess(boardSample(QUOTED_SECTION));
    const pdf = await pdfOf(out, 'dc-wmata-board', true);
    // The ordinance's own (a) hangs at the margin; the quote is inset from the text of the (a) that quotes it.
    const own = lineOf(pdf, 'Subsection (a) is amended');
    expect(own.x).toBeCloseTo(LEFT + MARKER, 0);
    const margin = own.x + LAYOUT.blockquote.indent;
    const heading = lineOf(pdf, '“Sec. 7. Qualifications.');
    expect(heading.x).toBeCloseTo(margin, 0);
    expect(heading.font).toMatch(/Bold/);
    // Each designation, with the quote mark written before it or not, hangs at the quote's margin; its text wraps at the text column.
    for (const designation of ['“(a)', '“(b)', '(c)', '“(d)']) expect(lineOf(pdf, designation).x, designation).toBeCloseTo(margin, 0);
    for (const text of ['To be eligible', 'the Washington Metropolitan', 'Members shall be appointed', 'Members shall be residents']) {
      expect(lineOf(pdf, text).x, text).toBeCloseTo(margin + MARKER, 0);
      expect(lineOf(pdf, text).font).toMatch(/Regular/);
    }
    // Not a character added or lost: the closing mark after the last paragraph, the quoted term's marks.
    expect(lineOf(pdf, 'Members shall be residents').text).toMatch(/District\.”\.$/);
    expect(pdf.lines.map((l) => l.text).join(' ')).toContain('(“Board”)');
    // Tagged as quoted law: a BlockQuote holding the heading line and a list of its subdivisions, each designation a label.
    const quote = pdf.elements.find((e) => e.role === 'BlockQuote')!;
    expect(quote.children.map((c) => c.role)).toEqual(['P', 'L']);
    expect(quote.children[0]!.text).toBe('“Sec. 7. Qualifications.');
    expect(quote.children[1]!.children.map((li) => findElement([li], (e) => e.role === 'Lbl')?.text)).toEqual(['“(a)', '“(b)', '(c)', '“(d)']);
  });

  it('keeps the hanging indent where a quoted paragraph breaks across pages, and the printed words are the source’s', async () => {
    const long = (n: number) =>
      `> "(${String.fromCharCode(97 + n)}) The Board shall keep a record of every meeting, every vote and every member present, and shall publish the record within five days of the meeting on the Authority's website, in a form that can be searched, with the name of each member who voted and how. ${'The record shall also state the questions put to the Board, the motions made, who made and seconded each, and what became of them. '.repeat(2).trim()}`;
    const paragraphs = Array.from({ length: 8 }, (_, n) => long(n)).join('\n>\n');
    const dir = boardSample(QUOTED_SECTION.replace(/> "Sec\. 7[\s\S]*$/, `> "Sec. 7. Records.\n>\n${paragraphs}".\n`));
    const out = await buildInProcess(dir);
    const pdf = await pdfOf(out, 'dc-wmata-board');
    const margin = lineOf(pdf, 'Subsection (a) is amended').x + LAYOUT.blockquote.indent;
    // The quote runs over pages: each page it continues on starts with a designation at the quote's margin or, where a
    // paragraph broke, with that paragraph's next line at the text column; one of them is such a break.
    const first = lineOf(pdf, '“Sec. 7. Records.').page;
    const last = pdf.lines.find((l) => l.text.endsWith('what became of them.”.'))!.page;
    expect(last).toBeGreaterThan(first);
    // The top body line of each page (not its running header, not a line number).
    const tops = Array.from(
      { length: last - first },
      (_, k) => pdf.lines.filter((l) => l.page === first + k + 1 && l.baseline < 720 && !/^\d+$/.test(l.text)).sort((a, b) => b.baseline - a.baseline)[0]!,
    );
    for (const top of tops) expect(top.x, top.text).toBeCloseTo(/^“\([a-h]\)$/.test(top.text) ? margin : margin + MARKER, 0);
    expect(tops.some((top) => !/^“\(/.test(top.text))).toBe(true);
    // npm run verify: every word of the source, quoted ones too, is in the PDF in order, and nothing overlaps or leaves the margins.
    const [found] = discoverWorkspaces([path.join(dir, 'ordinance')]);
    const report = await verifyWorkspace(found!, tempDir());
    expect(report.notBuilt).toEqual([]);
    expect(report.documents.flatMap(describeReport)).toEqual([]);
  });
});

describe('findings in quoted law', () => {
  it('carry the quoted law’s path and where the ordinance quotes it, in the council’s word for a section', async () => {
    const text = QUOTED_SECTION.replace('"(b) Members shall serve', '"(b) Members and/or officers shall serve');
    const result = await runMain(['check', 'ordinance'], boardSample(text));
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('and/or'));
    // Before: "§ 2(a)", the ordinance's own path, as if the act's (b) were words of the ordinance.
    expect(result.stdout).toContain(`${BOARD}:${line + 1}:${lines[line]!.indexOf('and/or') + 1}: warning § 7(b), quoted in Sec. 2(a): Unexpected \`and/or\``);
  });

  it('in a code section quoted from a file of its own: “§ 12H.2(b), quoted in Section 1”', async () => {
    const dir = workspace(CHAPTER);
    const file = path.join(dir, SEC_12H_2);
    writeFileSync(file, readFileSync(file, 'utf8').replace('an officer or employee', 'an officer and/or employee'));
    const result = await runMain(['check', `ordinance/${CHAPTER_SLUG}`], dir);
    expect(result.stdout).toMatch(new RegExp(`^${SEC_12H_2}:9:\\d+: warning § 12H\\.2\\(b\\), quoted in Section 1: Unexpected \`and/or\``, 'm'));
  });

  it('do not read “Section 7” in quoted law as one of the ordinance’s own sections', async () => {
    // Los Angeles rewrites a section of its code; the quoted section refers to another of the code's, by number.
    const dir = workspace();
    writeFileSync(
      path.join(dir, 'ordinance', 'sample', '06-definitions.md'),
      '---\nid: definitions\nheading: Definitions\nkind: amendment\nsummary: "This changes what words in the code mean."\n---\nSection 4.1001 of the Los Angeles Administrative Code is amended to read as follows:\n\n> Sec. 4.1001. Definitions.\n>\n> (a) The words defined in Section 7 have the meanings given there.\n',
    );
    const result = await runMain(['check', 'ordinance'], dir);
    // Before: "Unknown section in `Section 7`, expected one of Sections 1–6".
    expect(result.stdout).not.toContain('Unknown section');
    expect(result.code, result.stdout).toBe(0);
  });
});

describe('an opening quote mark on new text', () => {
  it('is the act’s in the enrolled form, taken off: the instruction applies; without its closing mark it is named in the finding', async () => {
    const dir = workspace(path.join(FIXTURES, 'amend-cli'));
    const file = path.join(dir, 'ordinance', 'sample', '02a-amendments.md');
    const source = readFileSync(file, 'utf8');
    writeFileSync(file, source.replace('> (d) "Fee" means a fee for a permit.', '> "(d) "Fee" means a fee for a permit.".'));
    const enrolled = await runMain(['check', 'ordinance/sample'], dir);
    expect(enrolled.stdout).not.toContain('amendment-applies');
    writeFileSync(file, source.replace('> (d) "Fee" means a fee for a permit.', '> "(d) "Fee" means a fee for a permit.'));
    const unclosed = await runMain(['check', 'ordinance/sample'], dir);
    expect(unclosed.stdout).toContain(
      'ordinance/sample/02a-amendments.md:17:1: error § 3(a)(3): Instruction does not apply: the new text for § 1-101 would leave the act\'s opening quotation mark " in the code, before “(d) "Fee" means a fee for a permit.”',
    );
    expect(unclosed.stdout).not.toContain('((d))');
  });
});

describe('a chapter an ordinance adds, its sections in files of their own', () => {
  it('prints as quoted law after the section that quotes it, and the ordinance numbers only its own sections', async () => {
    const dir = workspace(CHAPTER);
    const out = await buildInProcess(dir);
    const pdf = await pdfOf(out, CHAPTER_SLUG, true);
    // Before: the effective date printed as "Section 4", after the chapter's two files.
    expect(pdf.bookmarks.map((b) => b.title).filter((t) => t.startsWith('Section'))).toEqual([
      'Section 1. The Administrative Code is hereby amended by adding Chapter 12H, to read as follows:',
      'Section 2. Effective Date',
    ]);
    const headings = pdf.elements.filter((e) => /^H\d$/.test(e.role)).map((e) => e.text);
    expect(headings).toContain('Section 2. Effective Date.');
    const heading = lineOf(pdf, 'SEC. 12H.2. USE OF CITY FUNDS PROHIBITED.');
    expect(heading.font).toMatch(/Bold/);
    expect(heading.x).toBeCloseTo(LEFT + LAYOUT.blockquote.indent, 0);
    expect(lineOf(pdf, '(b)').x).toBeCloseTo(LEFT + LAYOUT.blockquote.indent, 0);
    expect(pdf.elements.filter((e) => e.role === 'BlockQuote').map((e) => e.children[0]!.text)).toEqual([
      'SEC. 12H.1. CITY AND COUNTY OF REFUGE.',
      'SEC. 12H.2. USE OF CITY FUNDS PROHIBITED.',
    ]);
    // Byte for byte the same when built again.
    expect(readFileSync(path.join(await buildInProcess(dir), CHAPTER_SLUG, `${CHAPTER_SLUG}.pdf`))).toEqual(readFileSync(path.join(out, CHAPTER_SLUG, `${CHAPTER_SLUG}.pdf`)));
    const [found] = discoverWorkspaces([path.join(dir, 'ordinance')]);
    const report = await verifyWorkspace(found!, tempDir());
    expect(report.documents.flatMap(describeReport)).toEqual([]);
  });

  it('are on the model’s Section that quotes them, each with its designation, its Markdown as written and where that stands', async () => {
    const dir = workspace(CHAPTER);
    const checked = await compileWorkspace(
      { registryDir: path.join(dir, 'ordinance', 'directives'), ordinances: [path.join(dir, 'ordinance', CHAPTER_SLUG)] },
      { build: false, outDir: '' },
    );
    const ordinance = checked.ordinances[0]!.ordinance!;
    expect(checked.ordinances[0]!.files.flatMap((f) => f.messages.map(String))).toEqual([]);
    expect(ordinance.sections.map((s) => [s.number, s.id, s.quoted.map((q) => q.designation)])).toEqual([
      [1, 'chapter-12h', ['12H.1', '12H.2']],
      [2, 'effective-date', []],
    ]);
    const [first, second] = ordinance.sections[0]!.quoted;
    expect(second!.file.path).toBe(path.join(dir, SEC_12H_2));
    const source = readFileSync(path.join(dir, SEC_12H_2), 'utf8');
    expect(second!.text).toBe(source.slice(source.indexOf('SEC. 12H.2.')).trimEnd());
    expect(second!.source).toMatchObject({ file: second!.file, position: { start: { line: 5, column: 1 } } });
    expect(first!.text.split('\n')[0]).toBe('SEC. 12H.1. CITY AND COUNTY OF REFUGE.');
  });

  it('are reported when they do not say which section they are, or come before every section', async () => {
    const dir = workspace(CHAPTER);
    const folder = path.join(dir, 'ordinance', CHAPTER_SLUG);
    writeFileSync(path.join(folder, '01-chapter-12h', '03-sec-12h-3.md'), '---\nid: sec-12h-3\nkind: code-section\n---\nThe City shall report each year.\n');
    mkdirSync(path.join(folder, '00-preamble'));
    writeFileSync(path.join(folder, '00-preamble', '01-sec-12h-0.md'), '---\nid: sec-12h-0\nkind: code-section\n---\nSEC. 12H.0. TITLE.\n');
    const result = await runMain(['check', `ordinance/${CHAPTER_SLUG}`], dir);
    expect(result.stdout).toContain(
      `ordinance/${CHAPTER_SLUG}/01-chapter-12h/03-sec-12h-3.md:5:1: error quoted in Section 1: Missing the quoted code section's designation, expected its text to open with its heading line ("SEC. 12H.1. HEADING.") or \`number:\` in its front matter [quoted-section]`,
    );
    expect(result.stdout).toContain(`ordinance/${CHAPTER_SLUG}/00-preamble/01-sec-12h-0.md:1:1: error Unexpected code section before the ordinance's first section`);
  });

  it('is the guide’s example, file for file', () => {
    const guide = readFileSync(path.join(ROOT, 'docs', 'guide', '04-codes.md'), 'utf8');
    const folder = path.join(CHAPTER, 'ordinance', CHAPTER_SLUG);
    const files = readdirSync(folder, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.md') && f !== 'ordinance.md');
    expect(files.sort()).toEqual(['01-chapter-12h.md', '01-chapter-12h/01-sec-12h-1.md', '01-chapter-12h/02-sec-12h-2.md', '02-effective-date.md']);
    for (const file of files) expect(guide, file).toContain(`\`${file}\`:\n\n\`\`\`markdown\n${readFileSync(path.join(folder, file), 'utf8')}\`\`\``);
  });
});
