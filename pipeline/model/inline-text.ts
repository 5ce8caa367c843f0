/**
 * The text of inline content, one walk for every reader of it. What differs
 * between readers is only how the annotations that generate or hide words
 * read (a `:del`, a `:ref`, a citation without words of its own, a `:tbd`,
 * an image, a line break), so that is what a `Reading` says:
 * - as printed (compare/section-text.ts): the words the PDF prints, `:del` in
 *   ((…)), a `:ref` as its number;
 * - as the print rules say a reader of the PDF gets them back
 *   (readback/words.ts), from the template's labels and markers;
 * - as written (`WRITTEN`, what the amendment reader reads): the drafter's own
 *   words, nothing generated, white space single.
 */
import { spaceBetweenMarks } from '../text/word-diff.js';
import type { Citation, Inline, SectionReference } from './types.js';

/** How the annotations of inline content read. */
export interface Reading {
  /** A line break. */
  lineBreak: string;
  /** Struck words (`:del`), given their text. */
  deletion(words: string): string;
  /** Inserted words (`:ins`), given their text: by default the words alone. */
  insertion?(words: string): string;
  /** A citation with no words of its own (one with words reads as them). */
  bareCitation(citation: Citation): string;
  /** A reference to a section (`:ref`, or one found in prose). */
  reference(reference: SectionReference): string;
  /** A fact still to be filled in (`:tbd`), given its description. */
  placeholder(description: string): string;
  /** An image, given its description. */
  image(alt: string): string;
  /** Make white space single and trim it, at each level of nesting. */
  collapse?: boolean;
  /** Where struck and inserted words meet, put the space the PDF prints between them (text/word-diff.ts spaceBetweenMarks). */
  spaceMarks?: boolean;
}

/** The words of inline content read as `reading` says. */
export function inlineText(inlines: readonly Inline[], reading: Reading): string {
  let text = '';
  // The mark just closed, for the space between a struck and an inserted stretch that meet.
  let closed: 'insertion' | 'deletion' | null = null;
  for (const node of inlines) {
    const mark = node.type === 'insertion' || node.type === 'deletion' ? node.type : null;
    if (mark && closed && closed !== mark && reading.spaceMarks) text += spaceBetweenMarks(text, inlineText([node], WRITTEN));
    if (mark || node.type !== 'text' || node.value) closed = mark;
    switch (node.type) {
      case 'text':
      case 'code':
        text += node.value;
        break;
      case 'break':
        text += reading.lineBreak;
        break;
      case 'emphasis':
      case 'strong':
      case 'link':
      case 'term':
        text += inlineText(node.children, reading);
        break;
      case 'insertion': {
        const words = inlineText(node.children, reading);
        text += reading.insertion ? reading.insertion(words) : words;
        break;
      }
      case 'deletion':
        text += reading.deletion(inlineText(node.children, reading));
        break;
      case 'citation':
        text += node.children.length > 0 ? inlineText(node.children, reading) : reading.bareCitation(node);
        break;
      case 'sectionRef':
        text += reading.reference(node);
        break;
      case 'placeholder':
        text += reading.placeholder(node.description);
        break;
      case 'image':
        text += reading.image(node.alt);
        break;
    }
  }
  return reading.collapse ? text.replace(/\s+/g, ' ').trim() : text;
}

/** As written: the drafter's words (a reference as written in prose, struck words as words), nothing generated, white space single. */
export const WRITTEN: Reading = {
  lineBreak: ' ',
  deletion: (words) => words,
  bareCitation: () => '',
  reference: (reference) => reference.written ?? '',
  placeholder: () => '',
  image: () => '',
  collapse: true,
};
