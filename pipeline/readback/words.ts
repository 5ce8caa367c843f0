/**
 * The words invariant: the text of the PDF, read from its structure tree in
 * reading order, is the text of the source as the model holds it, with the
 * annotations printed as the drafters' guide documents them (print-rules.ts).
 * The expected text is built here from the model, never from the renderer's
 * runs, so a renderer that changes, loses or repeats words is caught.
 */
import { inlineText, type Reading } from '../model/inline-text.js';
import { printedNotes } from '../model/notes.js';
import { sectionBody } from '../model/quoted-law.js';
import type { Block, Ordinance } from '../model/types.js';
import { LINE_END, normalizeText, type PrintRules } from './print-rules.js';
import type { PageReadBack, StructNode } from './read-pdf.js';

/** What a section should print: its heading's label and words, and its text. */
export interface ExpectedSection {
  /** "§ 3" or "§ 24-211.07": how a report names it. */
  name: string;
  /** "Section 3." / "§ 24-211.07.": how its printed heading starts. */
  label: string;
  heading: string;
  text: string;
}

/** A section whose printed words differ from its source. */
export interface WordMismatch {
  section: string;
  /** What the difference is, with the first differing words on each side. */
  message: string;
}

/** The sections of `ordinance` as they should print. */
export function expectedSections(ordinance: Ordinance, rules: PrintRules): ExpectedSection[] {
  const reading = readingOf(rules, ordinance);
  return ordinance.sections.map((section, index) => {
    // The run-in enacting clause: the first section prints no heading, its text after the clause.
    if (index === 0 && rules.runIn && ordinance.meta.type !== 'code-title' && section.blocks[0]?.type === 'paragraph')
      return { name: `§ ${section.number}`, label: '', heading: '', text: `${rules.runIn} ${blocksText(sectionBody(section), rules, reading)}` };
    // A section a comparative print shows as new reads as inserted, heading and all.
    const [open, close] = section.change === 'insertion' ? rules.inserted('\0').split('\0') : ['', ''];
    const label = `${open}${rules.headingLabel(section)}`;
    // The code sections it quotes from files of their own print after its text, as quoted law.
    // Its notes, where the layout prints them: each led by its kind, run in to its first paragraph.
    const notes = rules.notes ? printedNotes(section).map((note) => `${note.type} ${blocksText(note.blocks, rules, reading)}`) : [];
    return {
      name: `§ ${section.designation ?? section.number}`,
      label,
      heading: `${rules.heading(section.heading)}${close}`,
      text: [blocksText(sectionBody(section), rules, reading), ...notes].join(LINE_END),
    };
  });
}

function blocksText(blocks: Block[], rules: PrintRules, reading: Reading): string {
  return blocks.map((block) => blockText(block, rules, reading)).join(LINE_END);
}

function blockText(block: Block, rules: PrintRules, reading: Reading): string {
  switch (block.type) {
    case 'paragraph':
      return inlineText(block.children, reading);
    case 'subdivision': {
      const designation = block.marker || (block.label ? `(${block.label})` : '');
      // In a comparative print, a designation struck, inserted, or both (the one it had struck, the new one inserted).
      const marker =
        block.change === 'deletion'
          ? rules.deleted(designation)
          : block.change === 'insertion'
            ? rules.inserted(designation)
            : block.formerly !== undefined
              ? `${rules.deleted(block.formerly)} ${rules.inserted(designation)}`
              : designation;
      return [marker, inlineText(block.children, reading), blocksText(block.blocks, rules, reading)].join(LINE_END);
    }
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${block.start + index}.` : rules.bullet}${LINE_END}${blocksText(item, rules, reading)}`).join(LINE_END);
    case 'blockquote':
      return blocksText(block.children, rules, reading);
    case 'table':
      return [block.header, ...block.rows].map((row) => row.map((cell) => inlineText(cell, reading)).join(LINE_END)).join(LINE_END);
  }
}

/** How the print rules say each annotation reads back from the PDF. */
function readingOf(rules: PrintRules, ordinance: Ordinance): Reading {
  return {
    lineBreak: LINE_END,
    deletion: rules.deleted,
    insertion: rules.inserted,
    spaceMarks: true,
    bareCitation: (citation) => `${citation.directive?.meta['cited-as'][0] ?? citation.directiveId}${citation.pinpoint ? ` ${citation.pinpoint}` : ''}`,
    reference: (reference) =>
      rules.reference(reference.target ?? ordinance.sections.find((s) => s.id === reference.targetId), reference.pinpoint, reference.written, reference.targetId),
    placeholder: (description) => `${rules.placeholderOpen}${description}${rules.placeholderClose}`,
    image: (alt) => rules.image(alt),
  };
}

/** A printed section: its heading's text and the text after it, as read from the structure tree. */
export interface PrintedSection {
  heading: string;
  text: string;
}

const HEADING = /^H\d*$/;
/** Structure elements whose text runs on with the text around them (no word break between). */
const INLINE_ROLES = new Set(['Link', 'Span', 'Quote', 'Note', 'Reference', 'BibEntry', 'Code', 'Annot']);

/**
 * The text inside the document's Sect elements, in the structure tree's
 * order, cut at each heading: one entry per heading (a section's, or a
 * group's). Block elements are separated by a line end; inline ones (Link)
 * run on.
 */
export function printedSections(pages: PageReadBack[]): PrintedSection[] {
  const sections: PrintedSection[] = [];
  let current: PrintedSection | null = null;
  // The last Span read by what it reads as, while nothing has been read after it; whether this page has read nothing yet.
  let continued: string | null = null;
  let pageStart = true;
  for (const page of pages) {
    pageStart = true;
    const byContent = new Map<string, string>();
    for (const text of page.texts) {
      if (text.artifact || !text.content) continue;
      byContent.set(text.content, (byContent.get(text.content) ?? '') + text.str + (text.lineEnd ? LINE_END : ''));
    }
    // The text of a node's marked contents, as drawn.
    const drawn = (node: StructNode): string => (node.type === 'content' && node.id ? (byContent.get(node.id) ?? '') : (node.children ?? []).map(drawn).join(''));
    const walk = (node: StructNode, inSect: boolean, inHeading: boolean): void => {
      // A Span that reads as other text (/ActualText: "[inserted: five]") is read as that, keeping the space
      // pdfjs reads into the piece beside it.
      if (node.role === 'Span' && node.alt !== undefined) {
        const own = drawn(node);
        // A Span carried over a page break is on both pages' trees: it reads once, where it starts.
        const carried = continued === node.alt && pageStart;
        pageStart = false;
        continued = node.alt;
        if (inSect && current && !carried) current[inHeading ? 'heading' : 'text'] += `${/^\s/.test(own) ? ' ' : ''}${node.alt}${/\s$/.test(own) ? ' ' : ''}`;
        return;
      }
      if (node.type === 'content' && node.id) {
        const text = byContent.get(node.id) ?? '';
        if (text.trim()) {
          pageStart = false;
          continued = null;
        }
        if (!inSect || !current) return;
        if (inHeading) current.heading += text;
        else current.text += text;
        return;
      }
      const role = node.role ?? '';
      const sect = inSect || role === 'Sect';
      const heading = HEADING.test(role);
      // The first section without a heading (the enacting clause is run in to it) starts at its Sect.
      if (role === 'Sect' && sections.length === 0 && !HEADING.test(node.children?.find((c) => c.type !== 'content')?.role ?? '')) {
        current = { heading: '', text: '' };
        sections.push(current);
      }
      if (sect && heading && !inHeading) {
        current = { heading: '', text: '' };
        sections.push(current);
      }
      const block = !INLINE_ROLES.has(role) && role !== '';
      if (block && current && !inHeading) current.text += LINE_END;
      for (const child of node.children ?? []) walk(child, sect, inHeading || heading);
      if (block && current && !inHeading) current.text += LINE_END;
    };
    if (page.structure) walk(page.structure, false, false);
    if (current) (current as PrintedSection).text += LINE_END;
  }
  return sections;
}

interface Word {
  word: string;
  /** A line end follows: the word may be the first part of one broken at the line's end. */
  lineEnd: boolean;
}

function printedWords(text: string): Word[] {
  const words: Word[] = [];
  for (const match of normalizeText(text).matchAll(/(\S+)(\s*)/g)) words.push({ word: match[1]!, lineEnd: match[2]!.includes(LINE_END) });
  return words;
}

function sourceWords(text: string): string[] {
  return normalizeText(text).split(/\s+/).filter(Boolean);
}

const CONTEXT = 8;

/**
 * How far `expected` and `actual` agree: the index in each of the first word
 * that differs (their lengths when one ends). A printed word followed by a
 * line end may join the next to make the source's word.
 */
function matchWords(expected: string[], actual: Word[]): { i: number; j: number } {
  let i = 0;
  let j = 0;
  while (i < expected.length && j < actual.length) {
    const want = expected[i]!;
    let got = actual[j]!.word;
    let k = j;
    while (got !== want && actual[k]!.lineEnd && k + 1 < actual.length && want.startsWith(got)) {
      k++;
      got += actual[k]!.word;
    }
    if (got !== want) break;
    i++;
    j = k + 1;
  }
  return { i, j };
}

/**
 * The first difference between the source's words and the printed ones, or
 * null. A printed word followed by a line end may join the next to make the
 * source's word (a word broken at the end of a line, after its hyphen or cut
 * to fit).
 */
export function firstDifference(source: string, printed: string): string | null {
  const expected = sourceWords(source);
  const actual = printedWords(printed);
  const { i, j } = matchWords(expected, actual);
  if (i === expected.length && j === actual.length) return null;
  const before = expected.slice(Math.max(0, i - 3), i).join(' ');
  const wanted = expected.slice(i, i + CONTEXT).join(' ');
  const got = actual
    .slice(j, j + CONTEXT)
    .map((w) => w.word)
    .join(' ');
  return `after "${before}": source "${wanted}${i + CONTEXT < expected.length ? ' …' : ''}", printed "${got}${j + CONTEXT < actual.length ? ' …' : ''}"`;
}

/** Compare each expected section with the printed section whose heading starts with its label; every section that differs, with its first differing words. */
export function compareWords(expected: ExpectedSection[], printed: PrintedSection[]): WordMismatch[] {
  const mismatches: WordMismatch[] = [];
  let from = 0;
  for (const section of expected) {
    const label = normalizeText(section.label);
    const index = printed.findIndex((p, n) => n >= from && startsWithWords(normalizeText(p.heading).replace(/\n/g, ' '), label));
    if (index < 0) {
      mismatches.push({ section: section.name, message: `not printed: no heading starting "${section.label}" after the previous section` });
      continue;
    }
    from = index + 1;
    const found = printed[index]!;
    // The heading: its label and words as printed; what the layout adds after them (a status) is not the drafter's text.
    const headingWords = sourceWords(`${section.label} ${section.heading}`);
    const printedHeading = printedWords(found.heading);
    const { i, j } = matchWords(headingWords, printedHeading);
    if (i < headingWords.length) {
      mismatches.push({
        section: section.name,
        message: `heading, after "${headingWords.slice(Math.max(0, i - 3), i).join(' ')}": source "${headingWords.slice(i, i + CONTEXT).join(' ')}", printed "${printedHeading
          .slice(j, j + CONTEXT)
          .map((w) => w.word)
          .join(' ')}"`,
      });
    }
    const difference = firstDifference(section.text, found.text);
    if (difference) mismatches.push({ section: section.name, message: difference });
  }
  return mismatches;
}

function startsWithWords(text: string, prefix: string): boolean {
  return text === prefix || text.startsWith(`${prefix} `);
}
