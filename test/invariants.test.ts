/**
 * The two invariants of the build (pipeline/verify/), on the sample, on
 * variants of a small ordinance (draft, amending with insertions and
 * deletions across page breaks, long links, tables, figures) and on a code
 * title: the printed words are the source's, and no text overlaps or leaves
 * its place. And the checks themselves: each catches what it is for.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import { checkGeometry } from '../pipeline/readback/geometry.js';
import type { PageReadBack, PlacedText } from '../pipeline/readback/read-pdf.js';
import { describeReport, verifyComparativePrint, verifyWorkspace, type WorkspaceReport } from '../pipeline/readback/verify.js';
import { loadConfig } from '../pipeline/load/config-file.js';
import { compileFolder, RegistryHandle } from '../pipeline/runner/folder.js';
import type { PipelineOptions } from '../pipeline/runner/pipeline.js';
import { rules } from '../pipeline/validate/rules/index.js';
import { compareWords, firstDifference } from '../pipeline/readback/words.js';
import { DC_CODE } from './corpora.js';
import { codeTitleWorkspace, ROOT, runCli, sampleCopy, tempDir, workspace } from './helpers.js';

/** Build the workspaces in `dir` (the ordinances, and a code kept beside them) and verify them: every PDF, with each problem as a line. */
async function verify(dir: string): Promise<{ report: WorkspaceReport; problems: string[] }> {
  const reports: WorkspaceReport[] = [];
  for (const found of discoverWorkspaces([path.join(dir, 'ordinance')])) reports.push(await verifyWorkspace(found, tempDir()));
  const report = { documents: reports.flatMap((r) => r.documents), notBuilt: reports.flatMap((r) => r.notBuilt) };
  return { report, problems: report.documents.flatMap(describeReport) };
}

/** The base fixture with section files of its own added (numbered after the base's five). */
function variant(sections: Record<string, string>, files: Record<string, Buffer> = {}): string {
  const dir = workspace();
  const folder = path.join(dir, 'ordinance', 'sample');
  for (const [name, text] of Object.entries(sections)) writeFileSync(path.join(folder, name), text);
  for (const [name, bytes] of Object.entries(files)) writeFileSync(path.join(folder, name), bytes);
  return dir;
}

function section(id: string, heading: string, body: string): string {
  return `---\nid: ${id}\nheading: ${heading}\nkind: operative\nsummary: "${heading}."\n---\n${body}\n`;
}

const WORDS = 'The department shall keep each record of a stop for five years and shall make it available to the public on request'.split(' ');
/** A paragraph of `count` words from a fixed text, the same for the same seed. */
function prose(seed: number, count: number): string {
  return Array.from({ length: count }, (_, i) => WORDS[(seed * 7 + i) % WORDS.length]).join(' ');
}

/** A small RGB PNG of `width` × `height`, for a figure. */
function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((width * 3 + 1) * height, 0x80);
  for (let y = 0; y < height; y++) rows[y * (width * 3 + 1)] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

describe('the words and geometry invariants', () => {
  it('hold on the shipped ordinances (the District act with its enacting clause run in to Sec. 1 among them): a paragraph carried over to a new page with a link keeps its lines apart, and the running header stays clear of "Page X of Y"', async () => {
    const { report, problems } = await verify(sampleCopy());
    expect(report.notBuilt).toEqual([]);
    expect(report.documents.map((d) => [d.slug, d.sections])).toEqual([
      // The D.C. Code beside them, as it stood before the WMATA act: the one section the act amends.
      ['dc-code-title-9', 1],
      ['dc-wmata-board', 4],
      // Each amending ordinance's comparative print: the sections it amends, every word with its mark (issue 28).
      ['dc-wmata-board/comparative-print', 1],
      // Los Angeles' form example of an amending ordinance, and the sample of its Administrative Code it amends.
      ['la-admin-code', 3],
      ['la-city-resources', 8],
      ['la-city-resources/comparative-print', 4],
      ['la-sanctuary-city', 10],
      // The San Francisco Administrative Code beside its form example: the section it revises.
      ['sf-admin-code', 1],
      ['sf-city-of-refuge', 4],
      ['sf-city-of-refuge/comparative-print', 1],
    ]);
    expect(problems).toEqual([]);
  });

  it('find a comparative print that does not show what the law as amended says: a word the amendment inserts, printed without its mark, is reported (issue 28)', async () => {
    const dir = sampleCopy(['la-city-resources', 'la-admin-code']);
    const [found] = discoverWorkspaces([path.join(dir, 'ordinance')]);
    const out = tempDir();
    const options: PipelineOptions = { build: true, outDir: out, config: loadConfig(null, rules), release: false, parallel: false, cache: false };
    const result = await compileFolder(path.join(dir, 'ordinance', 'la-city-resources'), new RegistryHandle(found!.registryDir, options), options);
    const print = path.join(out, 'la-city-resources', 'comparative-print.pdf');
    expect((await verifyComparativePrint(result.ordinance!, result.amendments!, print)).words).toEqual([]);
    // The law as amended, said to read two words more than the print shows inserted.
    const amendments = {
      ...result.amendments!,
      sections: result.amendments!.sections.map((s) => ({ ...s, after: s.after.replace('shall be told of the rights', 'shall be told in writing of the rights') })),
    };
    const report = await verifyComparativePrint(result.ordinance!, amendments, print);
    expect(report.words.map((m) => m.section)).toEqual(['§ 4.1004']);
    expect(report.words[0]!.message).toBe(
      'after "shall be told": source "in writing of the rights this article gives.] …", printed "of the rights this article gives.] [inserted: (b)] …"',
    );
  });

  it('hold on a draft amending ordinance whose insertions, deletions and links fall across page breaks', async () => {
    const paragraphs = Array.from(
      { length: 40 },
      (_, i) =>
        `${prose(i, 20 + (i % 9) * 3)} :del[${prose(i + 1, 6 + (i % 5) * 4)}] :ins[${prose(i + 2, 5 + (i % 4) * 5)}] ${prose(i + 3, 4 + (i % 7))} [Example Order 7](https://example.org/orders/7) ${prose(i + 4, 10 + (i % 6) * 2)}.`,
    );
    const annotations = [
      `For :ref{to=records pin="(b)"} and :ref{to=purpose}, as :cite{to=example-order pin="§ 1"} and :cite[the order]{to=example-order} say, the "Clerk's" office shall file :tbd[the filing office] with **bold**, _emphasis_, \`code\`, ~~struck~~ and :ins[new] :del[old] words.`,
      '1. First numbered item.\n2. Second numbered item.',
      '- A bulleted item.\n- Another bulleted item.',
      '> A quoted passage, printed indented.',
    ].join('\n\n');
    const { report, problems } = await verify(
      variant({ '06-amendments.md': section('amendments', 'Amendments', paragraphs.join('\n\n')), '07-annotations.md': section('annotations', 'Annotations', annotations) }),
    );
    expect(report.notBuilt).toEqual([]);
    expect(report.documents[0]!.sections).toBe(7);
    expect(report.documents[0]!.pages).toBeGreaterThan(5);
    expect(problems).toEqual([]);
  });

  it('hold on long links, long words, tables and figures', async () => {
    const url = `https://example.org/${'records/'.repeat(30)}index.html`;
    const table = [
      '| Record | Kept for | Open to |',
      '| --- | --- | --- |',
      ...Array.from({ length: 70 }, (_, i) => `| Record ${i + 1} of ${prose(i, 3)} | ${i + 1} years | ${prose(i + 5, 6)} |`),
    ].join('\n');
    const { report, problems } = await verify(
      variant(
        {
          '06-links.md': section(
            'links',
            'Links',
            `${prose(1, 30)} <${url}> ${prose(2, 12)} [${prose(3, 25)}](https://example.org/a) ${prose(4, 8)} ${'x'.repeat(300)} ${prose(5, 8)}.`,
          ),
          '07-tables.md': section('tables', 'Tables', `${prose(6, 12)}.\n\n${table}\n\n${prose(7, 12)}.`),
          '08-figures.md': section('figures', 'Figures', `${prose(8, 20)}.\n\n![A map of the districts](map.png)\n\n${prose(9, 20)}.`),
          // A form's blanks (a D.C. power of attorney): a word too long for the line after words on it, anywhere on the page, down to its last line.
          '09-form.md': section('form', 'Form', Array.from({ length: 40 }, (_, i) => `${prose(i, (i * 13) % 40)} Name of Agent: ${'_'.repeat(90 + (i % 4) * 10)}`).join('\n\n')),
        },
        { 'map.png': png(40, 30) },
      ),
    );
    expect(report.notBuilt).toEqual([]);
    expect(report.documents[0]!.pages).toBeGreaterThan(4);
    expect(problems).toEqual([]);
  });

  it('hold on a code title: designated sections, subdivisions, citations of its own sections, long headings of repealed sections, which never break across pages, and designations wider than their column', async () => {
    const { dir, title } = codeTitleWorkspace('test-title', '99');
    mkdirSync(title, { recursive: true });
    for (let i = 1; i <= 60; i++) {
      const subdivisions = Array.from({ length: 1 + (i % 4) }, (_, k) => `(${String.fromCharCode(97 + k)}) ${prose(i + k, 25 + k * 9)}; see § 99-${(i % 60) + 1}.`).join('\n\n');
      // Every other section is repealed, with a heading of three to six lines (as many of the District's are) and "Repealed." for its text.
      const repealed = i % 2 === 0;
      const heading = repealed ? prose(i, 40 + (i % 7) * 9) : prose(i, 4);
      writeFileSync(
        path.join(title, `${String(i).padStart(3, '0')}-99-${i}.md`),
        `---\nid: 99-${i}\nnumber: 99-${i}\nheading: ${heading}.\nkind: code-section\n${repealed ? 'status: repealed\n' : ''}---\n${repealed ? 'Repealed.' : subdivisions}\n`,
      );
    }
    // Designations wider than the marker column, as the District's "[(b-27)]" (a subdivision inserted and not funded).
    const designations = ['(b-26)', '[(b-27)]', '[(b-28)]', '[(b-29)]']
      .map((num, k) => `::subdivision[${k % 2 === 0 ? 'Not Funded.' : `${prose(k, 30)}.`}]{num="${num}" depth="1"}`)
      .join('\n\n');
    writeFileSync(path.join(title, '061-99-61.md'), `---\nid: 99-61\nnumber: 99-61\nheading: Designations.\nkind: code-section\n---\n${designations}\n`);
    const { report, problems } = await verify(dir);
    expect(report.notBuilt).toEqual([]);
    expect(report.documents.map((d) => d.sections)).toEqual([61]);
    expect(problems).toEqual([]);
  });
});

describe.skipIf(!DC_CODE.present)(`the words and geometry invariants on real law (${DC_CODE.needed})`, () => {
  it('hold on imported D.C. Code titles 12, 17, 24 and 27A: every section compared, no word changed, nothing overprinted', async () => {
    const xml = tempDir('dc-xml-');
    const titles = ['12', '17', '24', '27A'];
    execFileSync('tar', ['-xJf', DC_CODE.file, '-C', xml, 'us/dc/council/code/index.xml', ...titles.map((t) => `us/dc/council/code/titles/${t}`)]);
    const out = path.join(tempDir('dc-import-'), 'dc');
    expect(runCli(['import', 'dc-code', xml, out, '--titles', titles.join(',')], ROOT).code).toBe(0);
    const [found] = discoverWorkspaces([out]);
    const report = await verifyWorkspace({ ...found!, ordinances: [...found!.ordinances].sort() }, tempDir());
    expect(report.notBuilt).toEqual([]);
    expect(report.documents).toHaveLength(titles.length);
    // Every section of each title is compared (title 24 alone has some three hundred).
    for (const document of report.documents) expect(document.sections).toBeGreaterThan(0);
    expect(report.documents.reduce((n, d) => n + d.sections, 0)).toBeGreaterThan(300);
    expect(report.documents.flatMap(describeReport)).toEqual([]);
  }, 300_000);
});

describe('the word comparison', () => {
  it('forgives white space, typographic quotes and a word broken at a line end', () => {
    expect(firstDifference('the "City Agency" shall  act', 'the \u201cCity\nAgency\u201d shall act')).toBeNull();
    expect(firstDifference('a non-public area', 'a non-\npublic area')).toBeNull();
    expect(firstDifference('see https://example.org/records/index.html now', 'see https://example.org/rec\nords/index.html now')).toBeNull();
  });

  it('compares a heading as printed, broken at a hyphen or followed by its status', () => {
    const expected = [{ name: '§ 1-1163.36', label: '§ 1-1163.36.', heading: 'Use of government resources for campaign-related activities.', text: 'Repealed.' }];
    expect(compareWords(expected, [{ heading: '§ 1-1163.36. Use of government resources for campaign-\nrelated activities. [Repealed]', text: 'Repealed.' }])).toEqual([]);
    expect(compareWords(expected, [{ heading: '§ 1-1163.36. Use of government resources for campaign activities.', text: 'Repealed.' }])).toEqual([
      { section: '§ 1-1163.36', message: 'heading, after "government resources for": source "campaign-related activities.", printed "campaign activities."' },
    ]);
    expect(compareWords(expected, [{ heading: '§ 1-1164. Other.', text: 'Repealed.' }])).toEqual([
      { section: '§ 1-1163.36', message: 'not printed: no heading starting "§ 1-1163.36." after the previous section' },
    ]);
  });

  it('reports a changed, lost or added word with the first differing words', () => {
    expect(firstDifference('as provided in section 602(c)(2) of the Act', 'as provided in Section (2) of the Act')).toBe(
      'after "as provided in": source "section 602(c)(2) of the Act", printed "Section (2) of the Act"',
    );
    expect(firstDifference('one two three', 'one two')).toBe('after "one two": source "three", printed ""');
    expect(firstDifference('one two', 'one two two')).toBe('after "one two": source "", printed "two"');
    // Words run together are not a line-end break.
    expect(firstDifference('consistently with Section 4(b).', 'consistently withSection 4(b).')).toMatch(/source "with Section/);
  });
});

describe('the geometry check', () => {
  const text = (str: string, x: number, y: number, width: number, artifact = false): PlacedText => ({
    str,
    x,
    y,
    width,
    size: 12,
    rotated: false,
    artifact,
    content: null,
    lineEnd: false,
  });
  const page = (...texts: PlacedText[]): PageReadBack => ({ width: 612, height: 792, texts, structure: null });
  const margins = { top: 72, bottom: 72, left: 90, right: 72 };

  it('passes lines that only touch, and a line number beside its line', () => {
    expect(
      checkGeometry([page(text('Hold or detain', 100, 600, 80), text(' any person', 180, 600, 60), text('next line', 100, 580, 80), text('1', 70, 601, 6, true))], margins),
    ).toEqual([]);
  });

  it('finds lines printed over each other, the header over the page number, text outside the margins and a stray line number', () => {
    const problems = checkGeometry(
      [
        page(
          text('scope as the term', 100, 600, 150),
          text('Government Code Section', 110, 601, 150),
          text('ORDINANCE NO. 188441', 250, 740, 120, true),
          text('Page 4 of', 280, 740, 50, true),
          text('too far right', 500, 500, 80),
          text('7', 70, 300, 6, true),
        ),
      ],
      margins,
    );
    expect(problems.map((p) => p.kind).sort()).toEqual(['line-number', 'outside-margins', 'overlap', 'overlap']);
  });

  it('finds a paragraph whose lines after a page break lost their spacing, and passes one with a blank line', () => {
    const inParagraph = (str: string, y: number, content: string): PlacedText => ({ ...text(str, 126, y, 300), content });
    const paragraphs = (...ids: string[][]) => ({ role: 'Root', children: ids.map((contents) => ({ role: 'P', children: contents.map((id) => ({ type: 'content', id })) })) });
    const lost: PageReadBack = {
      ...page(inParagraph('carried over', 700, 'm0'), inParagraph('then closer', 679.2, 'm1'), inParagraph('and closer', 665.4, 'm1'), inParagraph('still', 651.6, 'm1')),
      structure: paragraphs(['m0', 'm1']),
    };
    expect(checkGeometry([lost], margins).map((p) => p.kind)).toEqual(['line-spacing']);
    const signature: PageReadBack = {
      ...page(inParagraph('Clerk', 700, 'm0'), inParagraph('Name', 682.2, 'm0'), inParagraph('Date', 646.6, 'm0'), inParagraph('Seal', 628.8, 'm0')),
      structure: paragraphs(['m0']),
    };
    expect(checkGeometry([signature], margins)).toEqual([]);
  });
});
