/**
 * A word diff in Markdown, as `ordinance diff --format md` prints it and the
 * editor's hover shows an amending instruction: struck words struck through in
 * the form's marks (~~((struck))~~, or ~~struck~~ where the type style alone
 * marks them), inserted words as <ins>inserted</ins>, the drafter's words
 * escaped so they print as written.
 */
import { spaceBetweenMarks, type DiffPart } from '../text/word-diff.js';

/** Text safe in Markdown: what it would read as markup is escaped, so the drafter's words print as written. */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\`*_~[\]|#])/g, '\\$1');
}

/** A word diff's parts split into paragraphs (at blank lines), each part kept with its mark. */
function paragraphsOf(parts: readonly DiffPart[]): DiffPart[][] {
  const paragraphs: DiffPart[][] = [[]];
  for (const part of parts) {
    part.value.split('\n\n').forEach((piece, i) => {
      if (i > 0) paragraphs.push([]);
      if (piece) paragraphs.at(-1)!.push({ ...part, value: piece });
    });
  }
  return paragraphs.filter((p) => p.length > 0);
}

/** Struck words' marks in the form ("((" and "))", or none). */
export interface Marks {
  deletionOpen: string;
  deletionClose: string;
}

/** One paragraph of a word diff in Markdown; white space at a mark's edges stays outside it (Markdown would not close it). */
export function markdownParagraph(parts: readonly DiffPart[], marks: Marks): string {
  return parts
    .map((part, i) => {
      // A struck stretch and an inserted one that meet are spaced as the PDF spaces them.
      const previous = parts[i - 1];
      if (previous && ((part.added && previous.removed) || (part.removed && previous.added)))
        part = { ...part, value: `${spaceBetweenMarks(previous.value, part.value)}${part.value}` };
      if (!part.added && !part.removed) return escapeMarkdown(part.value);
      const [, lead, words, trail] = /^(\s*)([\s\S]*?)(\s*)$/.exec(part.value)!;
      if (!words) return part.added ? part.value : '';
      return `${lead}${part.added ? `<ins>${escapeMarkdown(words)}</ins>` : `~~${escapeMarkdown(`${marks.deletionOpen}${words}${marks.deletionClose}`)}~~`}${trail}`;
    })
    .join('');
}

/** A word diff in Markdown, paragraph by paragraph. */
export function markdownParts(parts: readonly DiffPart[], marks: Marks): string {
  return paragraphsOf(parts)
    .map((paragraph) => markdownParagraph(paragraph, marks))
    .join('\n\n');
}

/** Only the paragraphs of a word diff that change, in Markdown, each stretch of unchanged ones left out as `omission` ("* * *"). */
export function changedParagraphsMarkdown(parts: readonly DiffPart[], marks: Marks, omission = '\\* \\* \\*'): string {
  const out: string[] = [];
  for (const paragraph of paragraphsOf(parts)) {
    if (paragraph.some((part) => part.added || part.removed)) out.push(markdownParagraph(paragraph, marks));
    else if (out.at(-1) !== omission) out.push(omission);
  }
  return out.join('\n\n');
}
