/**
 * Page layout as a clerk reads it: a status printed once, citations kept
 * whole on a line, no widow or orphan lines, no heading at the foot of a
 * page; redlines a screen reader can tell apart; the digest's watermark,
 * bullets and links to the ordinance.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getDocument, OPS } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { codeTitleWorkspace, workspace } from './helpers.js';
import { buildInProcess } from './in-process.js';
import { readPdf } from './pdf.js';

const build = (dir: string): Promise<string> => buildInProcess(dir);

describe('a code title', () => {
  it('prints a status once: "§ 97-104. [Reserved]." when the heading already says it', async () => {
    const { dir, title } = codeTitleWorkspace('status-title', '97');
    writeFileSync(path.join(title, '00001-97-101.md'), '---\nid: 97-101\nnumber: 97-101\nheading: Records.\nkind: code-section\n---\nRecords shall be kept.\n');
    writeFileSync(path.join(title, '00002-97-104.md'), '---\nid: 97-104\nnumber: 97-104\nheading: "[Reserved]."\nkind: code-section\nstatus: reserved\n---\n');
    writeFileSync(path.join(title, '00003-97-105.md'), '---\nid: 97-105\nnumber: 97-105\nheading: Fees.\nkind: code-section\nstatus: repealed\n---\n');
    const out = await build(dir);
    const pdf = await readPdf(readFileSync(path.join(out, 'status-title', 'status-title.pdf')));
    const text = pdf.content.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('§ 97-104. [Reserved].');
    expect(text).not.toMatch(/Reserved\]\.? \[Reserved/);
    // A status the heading does not say is still printed.
    expect(text).toContain('§ 97-105. Fees. [Repealed]');
  }, 60_000);
});

/** Pages whose marked content does not nest: an EMC with nothing open, or a BDC left open at the page's end. */
function unbalancedPages(file: string): string[] {
  const qdf = execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 1 << 28 });
  return qdf
    .split('%% Contents for page ')
    .slice(1)
    .flatMap((part) => {
      const page = part.slice(0, part.indexOf('\n'));
      const stream = part.slice(part.indexOf('stream\n'), part.indexOf('endstream'));
      let depth = 0;
      let negative = false;
      for (const [operator] of stream.matchAll(/(?<![A-Za-z])(?:BDC|BMC|EMC)(?![A-Za-z])/g)) {
        depth += operator === 'EMC' ? -1 : 1;
        if (depth < 0) negative = true;
      }
      return negative || depth !== 0 ? [page] : [];
    });
}

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

/** What pdfjs reads of page 1: each structure element's role and alternate text, text items, and the horizontal rules drawn (underline, strike). */
async function firstPage(file: string) {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), isEvalSupported: false, verbosity: 0 }).promise;
  const page = await doc.getPage(1);
  const height = page.view[3]!;
  const elements: { role: string; alt?: string }[] = [];
  const visit = (node: StructNode | null) => {
    if (!node) return;
    if (node.role) elements.push({ role: node.role, ...(node.alt ? { alt: node.alt } : {}) });
    node.children?.forEach(visit);
  };
  visit((await page.getStructTree()) as StructNode | null);
  const items = (await page.getTextContent()).items.flatMap((item) =>
    'str' in item && item.str.trim() ? [{ str: item.str, x: item.transform[4] as number, y: item.transform[5] as number, width: item.width }] : [],
  );
  // A rule is a path of one move and one line at one height; pdfkit draws in a flipped space, so y counts from the top.
  const ops = await page.getOperatorList();
  const rules: { x1: number; x2: number; y: number }[] = [];
  ops.fnArray.forEach((fn, i) => {
    if (fn !== OPS.constructPath) return;
    // pdfjs 5: [paint operator, [the path as numbers: 0 x y is a move, 1 x y a line], bounds].
    const path = Array.from((ops.argsArray[i] as [number, [ArrayLike<number>]])[1][0]);
    if (path.length === 6 && path[0] === 0 && path[3] === 1 && path[2] === path[5]) rules.push({ x1: path[1]!, x2: path[4]!, y: height - path[2]! });
  });
  await doc.destroy();
  return { elements, items, rules };
}

describe('an amending ordinance (redlines)', () => {
  const amending = async () => {
    const dir = workspace();
    writeFileSync(
      path.join(dir, 'ordinance', 'sample', '02-records.md'),
      [
        '---\nid: records\nheading: Records of Stops\nkind: operative\n---',
        '(a) Every stop shall be recorded within :del[ten] :ins[five] days.',
        '(b) The record shall state the :del[date]:ins[date and time] of the stop.',
        '(c) Each record shall be kept by the officer in a :ins[secure electronic system approved by the commanding officer of the division and audited each year by the Inspector General of the Police Commission, ]*with* a copy sent to the Chief.',
      ].join('\n\n'),
    );
    const out = await build(dir);
    return path.join(out, 'sample', 'sample.pdf');
  };
  let file: string;

  it('tags each insertion as a Span read as inserted, and prints the legend of the marks', async () => {
    file = await amending();
    const { elements } = await firstPage(file);
    const spans = elements.filter((e) => e.role === 'Span').map((e) => e.alt);
    expect(spans).toContain('[inserted: five]');
    expect(spans).toContain('[inserted: date and time]');
    expect(spans.some((alt) => alt?.startsWith('[inserted: secure electronic system') && alt.endsWith('Police Commission,]'))).toBe(true);
    const pdf = await readPdf(readFileSync(file));
    expect(pdf.content[0]!.replace(/\s+/g, ' ')).toContain('In this text, words added are underlined, and words deleted are struck through.');
  }, 60_000);

  it('keeps a space between a deletion and the insertion written against it', async () => {
    const pdf = await readPdf(readFileSync(file));
    expect(pdf.content[0]!.replace(/\s+/g, ' ')).toContain('the date date and time of the stop');
  });

  it('underlines and strikes through to the last glyph, not over a space after it', async () => {
    const { items, rules } = await firstPage(file);
    expect(rules.length).toBeGreaterThan(4);
    for (const rule of rules) {
      // The text of the rule's line ends at or after the rule.
      const line = items.filter((item) => Math.abs(item.y - rule.y) < 6);
      expect(line.length).toBeGreaterThan(0);
      expect(rule.x2).toBeLessThanOrEqual(Math.max(...line.map((item) => item.x + item.width)) + 0.5);
    }
    // Mid-line: the insertion ends with "Commission, " and its underline stops a space before "with".
    const next = items.find((item) => item.str.startsWith('with'))!;
    const rule = rules.find((r) => Math.abs(r.y - next.y) < 6 && r.x2 <= next.x + 0.5 && r.x2 > next.x - 10)!;
    expect(rule).toBeDefined();
    expect(rule.x2).toBeLessThan(next.x - 2);
  });
});

describe('keep together', () => {
  it('never breaks a line inside a citation: "§" stays with its number, "8 U.S.C. § 1325" on one line', async () => {
    const { dir, title } = codeTitleWorkspace('cite-title', '96');
    // The same sentence after ever longer lead-ins, so the citation meets the line's end at every offset.
    const paragraphs = Array.from({ length: 40 }, (_, k) => `${'Aa '.repeat(k)}Entry is governed by 8 U.S.C. § 1325 and by § 96-101 of this title.`);
    writeFileSync(path.join(title, '00001-96-101.md'), `---\nid: 96-101\nnumber: 96-101\nheading: Entry.\nkind: code-section\n---\n${paragraphs.join('\n\n')}\n`);
    const out = await build(dir);
    const pdf = await readPdf(readFileSync(path.join(out, 'cite-title', 'cite-title.pdf')));
    const text = pdf.content.join('\n');
    expect(text.match(/1325/g)?.length).toBe(40);
    expect(text).not.toMatch(/§[ \u00a0]*\n/);
    expect(text).not.toMatch(/\b8[ \u00a0]*\n[ \u00a0]*U\.S\.C\./);
    expect(text).not.toMatch(/U\.S\.C\.[ \u00a0]*\n[ \u00a0]*§/);
    // Drawn as plain spaces: the words are the drafter's.
    expect(text).not.toContain('\u00a0');
    expect(text.replace(/\s+/g, ' ')).toContain('Entry is governed by 8 U.S.C. § 1325 and by § 96-101 of this title.');
  }, 60_000);
});

describe('summary.pdf', () => {
  /** The base draft with many operative sections, their summaries of one to three lines. */
  const longDigest = async () => {
    const dir = workspace();
    const words = 'City staff must keep each record safe and show it to any person who asks for it'.split(' ');
    for (let i = 1; i <= 60; i++) {
      const summary = Array.from({ length: 6 + ((i * 7) % 40) }, (_, k) => words[k % words.length]).join(' ');
      writeFileSync(
        path.join(dir, 'ordinance', 'sample', `02-s${String(i).padStart(2, '0')}.md`),
        `---\nid: s${i}\nheading: Rule ${i}\nkind: operative\nsummary: "${summary}."\n---\nEach record shall be kept.\n`,
      );
    }
    const out = await build(dir);
    return { summary: path.join(out, 'sample', 'summary.pdf'), ordinance: path.join(out, 'sample', 'sample.pdf') };
  };
  let files: { summary: string; ordinance: string };

  it('never leaves a bullet without its text on the same line of the same page', async () => {
    files = await longDigest();
    const doc = await getDocument({ data: new Uint8Array(readFileSync(files.summary)), isEvalSupported: false, verbosity: 0 }).promise;
    let bullets = 0;
    for (let n = 1; n <= doc.numPages; n++) {
      const items = (await (await doc.getPage(n)).getTextContent()).items.flatMap((item) =>
        'str' in item && item.str.trim() ? [{ str: item.str.trim(), y: item.transform[5] as number }] : [],
      );
      for (const bullet of items.filter((item) => item.str === '•')) {
        bullets++;
        expect(
          items.some((item) => item.str !== '•' && Math.abs(item.y - bullet.y) < 2),
          `page ${n}: a bullet at y ${bullet.y} with no text beside it`,
        ).toBe(true);
      }
    }
    expect(bullets).toBeGreaterThan(60);
    await doc.destroy();
  }, 60_000);

  it('carries the DRAFT watermark on every page of a draft, in outlines that no text extraction reads', async () => {
    const pdf = await readPdf(readFileSync(files.summary));
    expect(pdf.pages.length).toBeGreaterThan(1);
    expect(pdf.pages.join('\n')).not.toContain('DRAFT');
    const expanded = execFileSync('qpdf', ['--qdf', '--object-streams=disable', files.summary, '-'], { encoding: 'latin1', maxBuffer: 1 << 28 });
    const marks = [...expanded.matchAll(/\/Artifact <<\s*\/Type \/Background\s*>> BDC([\s\S]*?)EMC/g)].map((m) => m[1]!);
    expect(marks.length).toBe(pdf.pages.length);
    for (const mark of marks) expect(mark).toMatch(/ (?:c|v)\n[\s\S]*\nf\n/);
  });

  it('links to the ordinance PDF at each section: GoToR actions to its named destinations, not web links', async () => {
    const objects = (file: string) => execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, '-'], { encoding: 'latin1', maxBuffer: 1 << 28 });
    const summary = objects(files.summary);
    const remote = [...summary.matchAll(/\/D \(([^)]+)\)\s*\/F \(([^)]+)\)\s*\/S \/GoToR/g)].map((m) => ({ destination: m[1]!, file: m[2]! }));
    expect(remote.length).toBeGreaterThanOrEqual(60);
    expect(new Set(remote.map((r) => r.file))).toEqual(new Set(['sample.pdf']));
    expect(summary).not.toMatch(/\/URI \([^)]*\.pdf#/);
    // Each destination is one the ordinance PDF names.
    const ordinance = objects(files.ordinance);
    for (const { destination } of remote) expect(ordinance).toContain(`(${destination})`);
  });
});

describe('page breaks', () => {
  /** A code title of chapters and subchapters whose sections hold paragraphs of one to seven lines, so every break falls somewhere new. */
  const title = async () => {
    const { dir, title } = codeTitleWorkspace('breaks-title', '95');
    const filler = 'the officer shall keep a record of each stop in the register of the station and show it to any clerk on request'.split(' ');
    let paragraph = 0;
    let section = 0;
    for (let chapter = 1; chapter <= 4; chapter++) {
      const chapterDir = path.join(title, `0${chapter}-chapter-${chapter}`);
      for (let sub = 1; sub <= 3; sub++) {
        const subDir = path.join(chapterDir, `0${sub}-subchapter-${sub}`);
        mkdirSync(subDir, { recursive: true });
        writeFileSync(path.join(subDir, 'group.md'), `---\nprefix: Subchapter\nnum: "${sub}"\nheading: Part ${sub} of chapter ${chapter}.\n---\n`);
        for (let s = 1; s <= 6; s++) {
          section++;
          // Every other section's paragraphs are subdivisions: (a), (b)... hanging from their markers.
          const paragraphs = Array.from({ length: 1 + ((section * 5) % 4) }, (_, i) => {
            paragraph++;
            const words = 2 + ((paragraph * 37) % 110);
            const marker = section % 2 === 0 ? `(${'abcd'[i]}) ` : '';
            return `${marker}Para ${paragraph} begins. ${Array.from({ length: words }, (_, k) => filler[(k + paragraph) % filler.length]).join(' ')}. Para ${paragraph} ends.`;
          });
          writeFileSync(
            path.join(subDir, `${String(s).padStart(2, '0')}-95-${section}.md`),
            `---\nid: 95-${section}\nnumber: 95-${section}\nheading: Rule ${section}.\nkind: code-section\n---\n${paragraphs.join('\n\n')}\n`,
          );
        }
      }
      writeFileSync(path.join(chapterDir, 'group.md'), `---\nprefix: Chapter\nnum: "${chapter}"\nheading: Stops ${chapter}.\n---\n`);
    }
    const out = await build(dir);
    return { file: path.join(out, 'breaks-title', 'breaks-title.pdf'), paragraphs: paragraph };
  };
  let lines: string[][];
  let paragraphs: number;
  const text = (pages: string[][]) => pages.flat().join(' ');

  it('leaves no widow and no orphan: a paragraph that breaks keeps two lines on each side', async () => {
    const built = await title();
    paragraphs = built.paragraphs;
    // A paragraph moved to the next page takes its marked content with it.
    expect(unbalancedPages(built.file)).toEqual([]);
    const pdf = await readPdf(readFileSync(built.file));
    lines = pdf.content.map((page) =>
      page
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );
    expect(lines.length).toBeGreaterThan(8);
    let broken = 0;
    lines.forEach((page, n) => {
      const first = page[0]!;
      const last = page[page.length - 1]!;
      // A widow: the page opens with the last line of a paragraph begun on the page before.
      if (n > 0 && !/^(\([a-d]\)\s*)?(Para \d+ begins|§|Chapter|Subchapter)/.test(first)) {
        broken++;
        expect(/Para \d+ ends\.$/.test(first), `page ${n + 1} opens with a paragraph's last line alone: ${first}`).toBe(false);
      }
      // An orphan: the page ends with the first line of a paragraph that goes on.
      if (n < lines.length - 1) expect(/Para \d+ begins\./.test(last) && !/ends\.$/.test(last), `page ${n + 1} ends with a paragraph's first line alone: ${last}`).toBe(false);
    });
    expect(broken).toBeGreaterThan(3);
    expect(text(lines)).toMatch(/\(b\)\s*Para \d+ begins/);
    // Every paragraph printed, in order.
    expect([...text(lines).matchAll(/Para (\d+) ends\./g)].map((m) => Number(m[1]))).toEqual(Array.from({ length: paragraphs }, (_, i) => i + 1));
  }, 60_000);

  it('never ends a page with a heading of any level', async () => {
    // Chapters of many short subchapters, their sections of one to six lines: headings meet the foot of a page at every offset.
    const { dir, title } = codeTitleWorkspace('headings-title', '94');
    const words = 'the officer shall keep a record of each stop in the register of the station and show it to any clerk on request'.split(' ');
    let section = 0;
    for (let chapter = 1; chapter <= 6; chapter++) {
      const chapterDir = path.join(title, `0${chapter}-chapter-${chapter}`);
      for (let sub = 1; sub <= 6; sub++) {
        const subDir = path.join(chapterDir, `0${sub}-subchapter-${sub}`);
        mkdirSync(subDir, { recursive: true });
        writeFileSync(path.join(subDir, 'group.md'), `---\nprefix: Subchapter\nnum: "${sub}"\nheading: Part ${sub} of chapter ${chapter}.\n---\n`);
        for (let s = 1; s <= 1 + (section % 2); s++) {
          section++;
          const length = 4 + ((section * 29) % 80);
          const body = Array.from({ length }, (_, k) => words[(k + section) % words.length]).join(' ');
          writeFileSync(
            path.join(subDir, `0${s}-94-${section}.md`),
            `---\nid: 94-${section}\nnumber: 94-${section}\nheading: Rule ${section}.\nkind: code-section\n---\n${body}.\n`,
          );
        }
      }
      writeFileSync(path.join(chapterDir, 'group.md'), `---\nprefix: Chapter\nnum: "${chapter}"\nheading: Stops ${chapter}.\n---\n`);
    }
    const out = await build(dir);
    const pdf = await readPdf(readFileSync(path.join(out, 'headings-title', 'headings-title.pdf')));
    const pages = pdf.content.map((page) =>
      page
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    );
    expect(pages.length).toBeGreaterThan(6);
    pages.slice(0, -1).forEach((page, n) => {
      const last = page[page.length - 1]!;
      expect(/^(§ 94-\d+\.|Chapter \d|Subchapter \d)/.test(last), `page ${n + 1} ends with a heading: ${last}`).toBe(false);
    });
    expect(text(pages).match(/§ 94-\d+\. Rule/g)?.length).toBe(section);
  }, 60_000);
});
