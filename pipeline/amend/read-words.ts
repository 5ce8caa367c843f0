/**
 * The words of an amending sentence: quoted passages set apart from it, the
 * words a {words} group stands for (a quoted passage, or a mark named in
 * words), which occurrence it means, and the quoted new text of a block quote
 * (split by designation, or into new sections).
 */
import type { BlockQuote, QuotedSection, Section } from '../model/types.js';
import { type CompiledGrammar, QUOTE } from '../grammar/amendments.js';
import type { Occurrence } from './instruction.js';
import { readSectionHeading } from '../model/quoted-law.js';
import { splitQuotedText, unquoteLaw } from './quoted.js';

/** The words a {words} group stands for: a quoted passage, or a mark named in words ("the period"). */
export function wordsOf(group: string | undefined, quotes: string[], g: CompiledGrammar): string | undefined {
  if (group === undefined) return undefined;
  const quoted = /\u27e6(\d+)\u27e7/.exec(group);
  if (quoted) return quotes[Number(quoted[1])];
  const mark = Object.keys(g.grammar.punctuation)
    .sort((a, b) => b.length - a.length)
    .find((name) => new RegExp(`\\b${name}\\b`, 'i').test(group));
  return mark === undefined ? undefined : g.grammar.punctuation[mark];
}

/** Whether a {words} group names a mark of punctuation ("the period") rather than quoting words. */
export function isPunctuation(group: string | undefined, g: CompiledGrammar): boolean {
  return group !== undefined && !/\u27e6/.test(group) && wordsOf(group, [], g) !== undefined;
}

/**
 * Which occurrences: as the phrase says; with none, a mark named in words
 * ("the period") is the one at the end, and quoted words must occur once.
 */
export function occurrenceOf(phrase: string | undefined, g: CompiledGrammar, punctuation: boolean): Occurrence {
  if (phrase === undefined) return punctuation ? { kind: 'last' } : { kind: 'only' };
  const key = Object.keys(g.grammar.occurrences).find((k) => k.toLowerCase() === phrase.replace(/\s+/g, ' ').toLowerCase());
  const value = key === undefined ? undefined : g.grammar.occurrences[key];
  if (value === 'every') return { kind: 'every' };
  if (value === 'last') return { kind: 'last' };
  if (value !== undefined) return { kind: 'nth', n: Number(value) };
  return { kind: 'only' };
}

/**
 * Set a sentence's quoted passages apart: each becomes a placeholder, so the
 * forms never read inside them. Curly quotes pair as written; straight quotes
 * close only where the sentence goes on ("… in its place", "… after", the end).
 */
export function setQuotesApart(text: string): { sentence: string; quotes: string[] } {
  const quotes: string[] = [];
  let sentence = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const opensCurly = c === '\u201c';
    const opensStraight = c === '"' && (i === 0 || /[\s([\u2014-]/.test(text[i - 1]!));
    if (!opensCurly && !opensStraight) {
      sentence += c;
      i++;
      continue;
    }
    const end = opensCurly ? closingCurly(text, i + 1) : closingStraight(text, i + 1);
    if (end === -1) {
      sentence += c;
      i++;
      continue;
    }
    sentence += QUOTE(quotes.length);
    quotes.push(text.slice(i + 1, end));
    i = end + 1;
  }
  return { sentence, quotes };
}

function closingCurly(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\u201c') depth++;
    else if (text[j] === '\u201d') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/** What may follow a closing straight quote: the sentence's next words, or its end. */
const AFTER_QUOTE =
  /^(?:\s*[.;:,]?\s*$|\s+(?:and|or|in|each|every|wherever|both|all|the|after|before|at|to|with|where|is|are|from|its|their|immediately|following|following:|shall|as|that|which|both)\b)/i;

/** Weaker: a comma or semicolon after the quote, taken only when no closing above is found. */
const AFTER_QUOTE_PUNCTUATION = /^\s*[,;]\s/;

function closingStraight(text: string, from: number): number {
  let weak = -1;
  for (let j = from; j < text.length; j++) {
    if (text[j] !== '"') continue;
    const rest = text.slice(j + 1);
    if (AFTER_QUOTE.test(rest)) return j;
    if (weak === -1 && AFTER_QUOTE_PUNCTUATION.test(rest)) weak = j;
  }
  return weak;
}

/** A section's quoted law held in files of their own (a chapter it adds, `Section.quoted`): the new text of the instruction that quotes them. */
export interface QuotedFiles {
  files: readonly Pick<QuotedSection, 'text'>[];
}

/** The Markdown source of a block quote (or of quoted files, joined), its `>` markers removed and the act's quotation marks taken off (quoted.ts `unquoteLaw`): the law as quoted. */
export function quoteText(quote: BlockQuote | QuotedFiles): string {
  if ('files' in quote) return unquoteLaw(quote.files.map((f) => f.text.trim()).join('\n\n')).text;
  const file = quote.source.file;
  const start = quote.source.position?.start.offset;
  const end = quote.source.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  const written = String(file.value)
    .slice(start, end)
    .split('\n')
    .map((line) => line.replace(/^\s*>\s?/, ''))
    .join('\n')
    .trim();
  return unquoteLaw(written).text;
}

/** A rewrite's quoted text for each of `count` targets: split at its top-level designations when there are several. */
export function splitQuote(quote: BlockQuote | QuotedFiles, _section: Section, count: number): string[] | undefined {
  const text = quoteText(quote);
  if (count === 1) return [text];
  const parts = splitQuotedText(text);
  return parts.length === count ? parts : undefined;
}

/** New sections in quoted text: each begins with a paragraph "§ 24-211.07. Heading." (or "Sec. 4a. …", "SEC. 12H.1. …"). */
export function splitSections(text: string): { designation: string; text: string }[] {
  const out: { designation: string; text: string }[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const match = readSectionHeading(paragraph.trim().split('\n')[0]!);
    if (match) out.push({ designation: match.designation, text: paragraph.trim() });
    else if (out.length) out[out.length - 1]!.text += `\n\n${paragraph.trim()}`;
  }
  return out;
}
