/**
 * Plain language, checked with the unified ecosystem: a summary is parsed as
 * Markdown and turned into an English syntax tree by remark-retext, where retext-readability
 * flags hard sentences, retext-simplify plainer words ("prior to" → "before")
 * and retext-passive the passive voice. Whole-text scores (Flesch Reading Ease
 * and Flesch–Kincaid grade) are computed from the same English syntax tree,
 * with syllables counted by `syllable`, the counter retext-readability uses.
 */
import type { Root as NlcstRoot } from 'nlcst';
import { toString as nlcstToString } from 'nlcst-to-string';
import remarkParse from 'remark-parse';
import remarkRetext from 'remark-retext';
import { ParseEnglish } from 'parse-english';
import retextEnglish from 'retext-english';
import retextPassive from 'retext-passive';
import retextReadability from 'retext-readability';
import retextSimplify from 'retext-simplify';
import { syllable } from 'syllable';
import { Type, type Static } from 'typebox';
import { unified } from 'unified';
import { visit } from 'unist-util-visit';
import { VFile } from 'vfile';

/** The readability scores of a text (in summary.json). */
export const ReadabilitySchema = Type.Object(
  {
    words: Type.Integer({ minimum: 0 }),
    sentences: Type.Integer({ minimum: 0 }),
    syllables: Type.Integer({ minimum: 0 }),
    readingEase: Type.Number({ description: 'Flesch Reading Ease: 206.835 − 1.015 (words/sentences) − 84.6 (syllables/words). Higher is easier.' }),
    grade: Type.Number({ description: 'Flesch–Kincaid grade level: 0.39 (words/sentences) + 11.8 (syllables/words) − 15.59' }),
  },
  { additionalProperties: false },
);

export type Readability = Static<typeof ReadabilitySchema>;

export type PlainLanguageKind = 'hard-sentence' | 'plain-word' | 'passive';

export interface PlainLanguageFinding {
  kind: PlainLanguageKind;
  message: string;
  /** Offsets in the text. */
  start: number;
  end: number;
}

export interface PlainLanguageOptions {
  /** Which checks to run: each rule asks only for its own, so no summary is read twice. */
  kinds: PlainLanguageKind[];
  /** The reader's age retext-readability judges sentences for. */
  age?: number;
  /** Sentences shorter than this are not judged. */
  minWords?: number;
  /** Words retext-simplify should not flag, as used in this law ("warrant", the noun). */
  ignore?: string[];
}

const english = unified().use(retextEnglish);

/** Round to two decimals, so scores in JSON and messages are stable. */
function round(n: number): number {
  return Math.round(n * 100) / 100;
}

/** Word, sentence and syllable counts of `text`, and its Flesch scores; null for an empty text. */
export function score(text: string): Readability | null {
  const tree = english.runSync(english.parse(text)) as NlcstRoot;
  let words = 0;
  let sentences = 0;
  let syllables = 0;
  visit(tree, (node) => {
    if (node.type === 'SentenceNode') sentences++;
    if (node.type === 'WordNode') {
      const word = nlcstToString(node);
      // Numbers and symbols are not words a reader sounds out ("2024", "§").
      if (!/[a-z]/i.test(word)) return;
      words++;
      syllables += Math.max(1, syllable(word));
    }
  });
  if (words === 0 || sentences === 0) return null;
  const perSentence = words / sentences;
  const perWord = syllables / words;
  return {
    words,
    sentences,
    syllables,
    readingEase: round(206.835 - 1.015 * perSentence - 84.6 * perWord),
    grade: round(0.39 * perSentence + 11.8 * perWord - 15.59),
  };
}

/** Findings of retext-readability, retext-simplify and retext-passive on `text`, with offsets into it. */
/** Words before "effect" that make it the noun: "takes effect", "in effect", "no effect", "its effect". */
const NOUN_BEFORE = /\b(?:take|takes|took|taken|taking|in|into|no|an|the|its|their|full|legal|same|this|that)\s+$/i;

export function plainLanguageFindings(text: string, options: PlainLanguageOptions): PlainLanguageFinding[] {
  // remark-retext in mutate mode: the Markdown becomes an English syntax tree in the same (synchronous) chain.
  const processor = unified()
    .use(remarkParse)
    .use(remarkRetext, ParseEnglish as never);
  if (options.kinds.includes('hard-sentence')) processor.use(retextReadability, { age: options.age ?? 16, minWords: options.minWords ?? 5 });
  if (options.kinds.includes('plain-word')) processor.use(retextSimplify, { ignore: options.ignore ?? [] });
  if (options.kinds.includes('passive')) processor.use(retextPassive);
  const file = new VFile(text);
  processor.runSync(processor.parse(file), file);
  const findings: PlainLanguageFinding[] = [];
  for (const message of file.messages) {
    const start = message.place && 'start' in message.place ? message.place.start.offset : undefined;
    const end = message.place && 'end' in message.place ? message.place.end.offset : undefined;
    if (start === undefined || end === undefined) continue;
    const kind: PlainLanguageKind = message.source === 'retext-readability' ? 'hard-sentence' : message.source === 'retext-passive' ? 'passive' : 'plain-word';
    // retext-simplify reads "effect" as the verb ("to effect a change": choose, pick); "takes effect", "in effect" are the plain noun.
    if (kind === 'plain-word' && /^effect$/i.test(text.slice(start, end)) && NOUN_BEFORE.test(text.slice(0, start))) continue;
    findings.push({ kind, message: message.reason, start, end });
  }
  return findings.sort((a, b) => a.start - b.start || a.end - b.end);
}
