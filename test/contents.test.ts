/**
 * The table of contents of a long document, in a form that has one (the
 * council layout, San Francisco's; a District act has one only when it is in
 * titles and subtitles, test/import-act.test.ts; Los Angeles' ordinances have
 * none, whatever their length). Laid out on the Los Angeles sample
 * (12 pages, ten sections, the certification, the Declaration of Posting and
 * the appendix) with its template's table of contents switched on for these
 * tests alone: the contents sit between the title and the enacting clause,
 * list every section and the form's own pages with the page each starts on,
 * link to them, and read as "Section 1. Findings, page 1" to a screen reader.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTemplate } from '../pipeline/load/templates.js';
import type { Template } from '../pipeline/template/template-schema.js';
import { laSampleCopy, ROOT } from './helpers.js';
import { buildInProcess } from './in-process.js';
import { readPdf, readTags, type PdfReadBack, type TagsReadBack } from './pdf.js';

const LOS_ANGELES = JSON.parse(readFileSync(path.join(ROOT, 'templates', 'jurisdictions', 'los-angeles.json'), 'utf8')) as {
  certification: { heading: string };
  declarationOfPosting: { heading: string };
};

describe('the Los Angeles sample laid out in a form with a table of contents', () => {
  let file: string;
  let pdf: PdfReadBack;
  let tags: TagsReadBack;
  /** The structure tree as poppler prints it: what a screen reader reads. */
  let tree: string;
  let template: Template;
  let own: Template['layout'];
  beforeAll(async () => {
    // The template this process loads (and builds with, on this thread), its contents switched on; put back after.
    template = loadTemplate('los-angeles');
    own = template.layout;
    template.layout = { ...own, toc: { ...own.toc, enabled: true } };
    const previous = process.env.ORDINANCE_WORKERS;
    process.env.ORDINANCE_WORKERS = '1';
    try {
      file = path.join(await buildInProcess(laSampleCopy(), '1733702400'), 'la-sanctuary-city', 'la-sanctuary-city.pdf');
    } finally {
      if (previous === undefined) delete process.env.ORDINANCE_WORKERS;
      else process.env.ORDINANCE_WORKERS = previous;
    }
    const bytes = readFileSync(file);
    pdf = await readPdf(bytes);
    tags = await readTags(bytes);
    tree = execFileSync('pdfinfo', ['-struct-text', file], { encoding: 'utf8', maxBuffer: 1 << 26 });
  });
  afterAll(() => {
    template.layout = own;
  });

  it('lists its sections with the pages they start on, linked, between the title and the enacting clause', () => {
    const first = pdf.content[0]!;
    expect(first.indexOf('CONTENTS')).toBeGreaterThan(first.indexOf('An ordinance adding'));
    expect(first.indexOf('CONTENTS')).toBeLessThan(first.indexOf('THE PEOPLE OF THE CITY OF LOS ANGELES'));
    const entries = [...first.matchAll(/^Section (\d+)\. .*? (\d+)$/gm)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(entries.map(([n]) => n)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    for (const [n, page] of entries) {
      // The heading "Section n. …" (bold, then its text) is on that page, past the contents on page 1.
      const text = page === 1 ? first.slice(first.indexOf('THE PEOPLE OF')) : pdf.content[page! - 1]!;
      expect(text, `Section ${n} on page ${page}`).toMatch(new RegExp(`^Section ${n}\\. `, 'm'));
    }
    expect(first).toMatch(/^Appendix: Relationship to Prior Directives \d+$/m);
    expect(pdf.links.filter((l) => l.page === 1 && typeof l.dest === 'string' && l.dest.startsWith('section-')).length).toBeGreaterThanOrEqual(20);
  });

  it('reads, as a screen reader does, the contents before the enacting clause, its only bare numbers the page numbers', () => {
    const texts = [...tree.matchAll(/^ *"(.*)"$/gm)].map((m) => m[1]!);
    const all = texts.join('\n');
    expect(all.indexOf('THE PEOPLE OF THE CITY OF LOS ANGELES DO ORDAIN AS FOLLOWS:')).toBeLessThan(all.indexOf('Section 1. Findings.', all.indexOf('CONTENTS')));
    // The only bare numbers read are the contents' page numbers (each read as ", page n" by its /ActualText), never line numbers.
    const contents = texts.slice(texts.indexOf('CONTENTS'), texts.indexOf('THE PEOPLE OF THE CITY OF LOS ANGELES DO ORDAIN AS FOLLOWS:'));
    // Ten sections, the certification, the Declaration of Posting and the appendix.
    expect(contents.filter((t) => /^\d+$/.test(t)).length).toBe(13);
    expect(texts.filter((t) => /^\d+$/.test(t.trim()))).toEqual(contents.filter((t) => /^\d+$/.test(t)));
  });

  it('reads each contents entry as "Section 1. Findings, page 1", its number a link element of its own', () => {
    const entries = tags.elements.filter((e) => e.role === 'TOCI');
    // The sections, then the form's own pages the outline lists (the certification, the Declaration of Posting), then the appendix.
    expect(entries.length).toBe(13);
    expect(entries[0]!.text).toBe('Section 1. Findings, page 1');
    const titles = entries.map((e) => e.text.replace(/, page \d+$/, ''));
    expect(titles.slice(10)).toEqual([LOS_ANGELES.certification.heading, LOS_ANGELES.declarationOfPosting.heading, expect.stringMatching(/^Appendix: /)]);
    for (const entry of entries) expect(entry.text).toMatch(/, page \d+$/);
    expect(tags.bookmarks.map((b) => b.title).slice(-3)).toEqual(titles.slice(10));
    const links = entries[0]!.children.flatMap((c) => [c, ...c.children]).filter((e) => e.role === 'Link');
    expect(links.map((l) => l.text)).toEqual(['Section 1. Findings', ', page 1']);
  });

  it('heads the table of contents with a heading, not a paragraph', () => {
    const heading = tags.elements.find((e) => e.text === 'CONTENTS');
    expect(heading?.role).toBe('H2');
    expect(tags.elements.indexOf(heading!)).toBeLessThan(tags.elements.findIndex((e) => e.role === 'TOC'));
  });

  it('spells the appendix’s heading the same in the contents, on the page and in the outline', () => {
    const heading = tags.elements.filter((e) => /^H[1-6]$/.test(e.role)).find((h) => /relationship to prior directives/i.test(h.text))!;
    const contents = tags.elements.filter((e) => e.role === 'TOCI').at(-1)!;
    expect(contents.text).toBe(`${heading.text}, page ${heading.page}`);
    expect(tags.bookmarks.at(-1)!.title).toBe(heading.text);
  });
});
