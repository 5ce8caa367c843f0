/**
 * What a screen reader and a clerk get from the tags and the form of the
 * council PDF (issue 12 §3): links described, no table of contents (Los
 * Angeles has none; test/contents.test.ts lays one out), headings that never skip a level,
 * bookmarks that open at their heading, signature blocks as elements of
 * their own under a heading, the Los Angeles form's Declaration of Posting
 * and no line the form lacks, and the appendix marked as not part of the
 * ordinance, its heading spelled one way.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeTitleWorkspace, ROOT, tempDir } from './helpers.js';
import { runMain } from './in-process.js';
import { readTags, type TaggedElement, type TagsReadBack } from './pdf.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1733702400' };

/** Build the ordinances of `dir`; the output folder. */
async function build(dir: string, source = 'ordinance'): Promise<string> {
  const out = tempDir();
  const result = await runMain(['build', source, '--out', out], dir, EPOCH);
  expect(result.code, result.stdout + result.stderr).toBe(0);
  return out;
}

/** A PDF of a build, read back. */
const tagsOf = (out: string, slug: string, file = `${slug}.pdf`) => readTags(readFileSync(path.join(out, slug, file)));

/** Each bookmark opens its page as /XYZ at the left margin, the first line of its heading's text just below the top. */
function expectBookmarksAtHeadings(tags: TagsReadBack): void {
  for (const bookmark of tags.bookmarks) {
    expect(bookmark.kind, bookmark.title).toBe('XYZ');
    expect(bookmark.left, bookmark.title).toBe(90);
    const words = bookmark.title.split(' ').slice(0, 2).join(' ');
    const line = tags.lines.find((l) => l.page === bookmark.page && l.text.startsWith(words) && l.baseline <= bookmark.top! && bookmark.top! - l.baseline < 20);
    expect(line, `"${bookmark.title}" at the top ${bookmark.top} of page ${bookmark.page}`).toBeDefined();
  }
}

const headings = (tags: TagsReadBack) => tags.elements.filter((e) => /^H[1-6]$/.test(e.role));
const level = (e: TaggedElement) => Number(e.role.slice(1));

/** Each heading is at most one level deeper than the one before it, and the first is H1. */
function expectNoSkippedLevel(tags: TagsReadBack): void {
  const found = headings(tags);
  expect(found[0]?.role).toBe('H1');
  found.reduce((previous, heading) => {
    expect(level(heading), `${heading.role} "${heading.text}" after H${previous}`).toBeLessThanOrEqual(previous + 1);
    return level(heading);
  }, 1);
}

/** The Los Angeles template's wording, filled as the sample's metadata fills it. */
const LOS_ANGELES = JSON.parse(readFileSync(path.join(ROOT, 'templates', 'jurisdictions', 'los-angeles.json'), 'utf8')) as {
  certification: Record<string, unknown>;
  declarationOfPosting: { heading: string; paragraphs: string[] };
};
const SAMPLE_VALUES: Record<string, string> = {
  number: '188441',
  'short-title': 'Sanctuary City Ordinance',
  'dates.passed': 'December 4, 2024',
  'dates.effective': 'December 9, 2024',
  'council-file': '[TBD: council file number]',
};
const filled = (text: string) => text.replace(/\{([a-z.-]+)\}/g, (_, key: string) => SAMPLE_VALUES[key] ?? `{${key}}`);

describe('the sample’s tags and form', () => {
  let out: string;
  let tags: TagsReadBack;
  let section: Map<string, string>;
  beforeAll(async () => {
    out = await build(ROOT, 'ordinance/');
    tags = await tagsOf(out, 'la-sanctuary-city');
    // Each section's heading as the contents and outline name it ("Section 3. Definitions").
    section = new Map(
      headings(tags)
        .filter((h) => h.text.startsWith('Section '))
        .map((h) => [h.text, h.text.replace(/\.$/, '')]),
    );
  });

  it('describes every link annotation: a section link names the section, a web link its address', () => {
    expect(tags.annotations.length).toBeGreaterThan(40);
    for (const annotation of tags.annotations) {
      expect(annotation.contents.trim(), `link on page ${annotation.page} to ${String(annotation.dest ?? annotation.url)}`).not.toBe('');
      if (annotation.url) expect(annotation.contents).toContain(annotation.url);
    }
    const toDefinitions = tags.annotations.filter((a) => a.dest === 'section-definitions');
    expect(toDefinitions.length).toBeGreaterThan(0);
    for (const a of toDefinitions) expect(a.contents).toMatch(/^Section 3\. Definitions\b/);
    const toUsCode = tags.annotations.find((a) => a.url?.includes('1325'));
    expect(toUsCode?.contents).toMatch(/^8 U\.S\.C\. § 1325: Improper entry by alien, https?:/);
    expect(section.size).toBe(10);
  });

  it('lists, with no table of contents (Los Angeles has none), the sections and the form’s own pages in the outline', () => {
    expect(tags.elements.filter((e) => e.role === 'TOC' || e.role === 'TOCI')).toEqual([]);
    const titles = tags.bookmarks.map((b) => b.title);
    expect(titles[0]).toBe('Section 1. Findings');
    expect(titles.slice(10)).toEqual([LOS_ANGELES.certification.heading, LOS_ANGELES.declarationOfPosting!.heading, expect.stringMatching(/^Appendix: /)]);
  });

  it('never skips a heading level', () => {
    expectNoSkippedLevel(tags);
  });

  it('opens each bookmark at its heading: /XYZ at the left margin and the top of the heading’s line', () => {
    expectBookmarksAtHeadings(tags);
    // Ten sections, the certification, the Declaration of Posting and the appendix.
    expect(tags.bookmarks.length).toBe(13);
  });

  it('opens the digest’s bookmarks at their headings too', async () => {
    const digest = await tagsOf(out, 'la-sanctuary-city', 'summary.pdf');
    expect(digest.bookmarks.length).toBeGreaterThan(3);
    expectBookmarksAtHeadings(digest);
  });

  it('heads the certification page, with each signature block an element of its own, in reading order', () => {
    const heading = tags.elements.find((e) => /^H\d$/.test(e.role) && e.text === LOS_ANGELES.certification.heading);
    expect(heading).toBeDefined();
    const certification = tags.elements.find((e) => e.text.startsWith('I hereby certify that the foregoing Ordinance'));
    expect(certification?.page).toBe(heading!.page);
    const blocks = tags.elements.filter((e) => e.role === 'Div' && e.page === heading!.page).map((e) => e.text);
    expect(blocks).toEqual([
      "[TBD: CITY CLERK'S NAME] City Clerk By ____________________ Deputy",
      'Approved as to Form and Legality HYDEE FELDSTEIN SOTO City Attorney By ____________________ Deputy City Attorney Date ____________________ File No. [TBD: council file number]',
      'Approved December 9, 2024 ____________________ Karen Bass, Mayor',
    ]);
    // Each line of a block is its own paragraph, so none runs into the next ("City ClerkBy").
    const clerk = tags.elements.find((e) => e.role === 'Div')!;
    expect(clerk.children.map((c) => c.text)).toEqual(["[TBD: CITY CLERK'S NAME]", 'City Clerk', 'By ____________________', 'Deputy']);
  });

  it('prints only the lines the Los Angeles form has: no vote line', () => {
    const text = tags.lines.map((l) => l.text).join('\n');
    expect(text).not.toMatch(/Vote: \d+ ayes/);
    expect(LOS_ANGELES.certification).not.toHaveProperty('vote');
  });

  it('follows the certification with the Declaration of Posting, in the template’s words, on a page of its own', () => {
    const certification = tags.elements.find((e) => e.role === 'H2' && e.text === LOS_ANGELES.certification.heading)!;
    const declaration = LOS_ANGELES.declarationOfPosting;
    const heading = tags.elements.find((e) => e.role === 'H2' && e.text === declaration.heading);
    expect(heading?.page).toBe(certification.page + 1);
    const printed = tags.elements.filter((e) => e.page === heading!.page && (e.role === 'P' || e.role === 'LI')).map((e) => e.text);
    for (const paragraph of declaration.paragraphs) {
      const words = filled(paragraph).replace(/^(\d+\.)\s+/, '$1 ');
      expect(words).not.toContain('{');
      expect(printed, paragraph).toContain(words);
    }
    const appendix = headings(tags).find((h) => h.text.startsWith('Appendix'));
    expect(appendix!.page).toBeGreaterThan(heading!.page);
  });

  it('marks the appendix as not part of the ordinance, its heading spelled the same on the page and in the outline', () => {
    const heading = headings(tags).find((h) => /relationship to prior directives/i.test(h.text))!;
    expect(heading.role).toBe('H2');
    expect(tags.bookmarks.at(-1)!.title).toBe(heading.text);
    // The sentence under the heading, in the appendix's own section of the structure.
    const appendix =
      tags.elements.find((e) => e.role === 'Sect' && e.children[0] === heading) ?? tags.elements.find((e) => e.role === 'Sect' && e.children.some((c) => c.text === heading.text));
    expect(appendix?.children[1]?.text).toMatch(/^This appendix is not part of the ordinance\b/);
  });
});

describe('a code title where a level of grouping is missing', () => {
  it('steps its headings down one level at a time: a section straight under a chapter is H3, under a subchapter H4', async () => {
    const { dir, title } = codeTitleWorkspace('gaps', '99');
    const group = (folder: string, prefix: string, num: string, heading: string) => {
      mkdirSync(folder, { recursive: true });
      writeFileSync(path.join(folder, 'group.md'), `---\nprefix: ${prefix}\nnum: "${num}"\nheading: ${heading}\n---\n`);
    };
    const sectionFile = (folder: string, n: number) =>
      writeFileSync(
        path.join(folder, `${String(n).padStart(5, '0')}-99-${n}.md`),
        `---\nid: 99-${n}\nnumber: 99-${n}\nheading: Section ${n}.\nkind: code-section\n---\nText of section ${n}.\n`,
      );
    const chapter1 = path.join(title, '01-chapter-1');
    group(chapter1, 'Chapter', '1', 'Divided.');
    group(path.join(chapter1, '01-subchapter-i'), 'Subchapter', 'I', 'First.');
    sectionFile(path.join(chapter1, '01-subchapter-i'), 1);
    const chapter2 = path.join(title, '02-chapter-2');
    group(chapter2, 'Chapter', '2', 'Undivided.');
    sectionFile(chapter2, 2);
    const tags = await tagsOf(await build(dir), 'gaps');
    expect(headings(tags).map((h) => `${h.role} ${h.text}`)).toEqual([
      'H1 Title 99. Test.',
      'H2 Chapter 1. Divided.',
      'H3 Subchapter I. First.',
      'H4 § 99-1. Section 1.',
      'H2 Chapter 2. Undivided.',
      'H3 § 99-2. Section 2.',
    ]);
    expectNoSkippedLevel(tags);
    // The outline nests as the headings do, each bookmark at its heading.
    expect(tags.bookmarks.map((b) => `${b.depth} ${b.title}`)).toEqual([
      '1 Chapter 1. Divided.',
      '2 Subchapter I. First.',
      '3 § 99-1. Section 1.',
      '1 Chapter 2. Undivided.',
      '2 § 99-2. Section 2.',
    ]);
    for (const b of tags.bookmarks) expect([b.kind, b.left]).toEqual(['XYZ', 90]);
  }, 60_000);
});
