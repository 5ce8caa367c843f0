/**
 * Quoted new text (the block quote after "… is amended to read as follows:"):
 * split into its top-level subdivisions, for a sentence that names several.
 */

/** The kind of a designation's label, by shape: the top level of a quotation is the kind its first paragraph has. */
function kindOf(marker: string): string {
  const label = marker.slice(1, -1);
  if (/^[0-9]/.test(label)) return 'number';
  if (/^[a-z]/.test(label)) return 'lower';
  return 'upper';
}

const MARKER = /^\\?\(([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\\?\)/;

/** Split quoted Markdown into one piece per top-level subdivision ("(a) …" "(b) …"); [] when it has no designations. */
export function splitQuotedText(text: string): string[] {
  const paragraphs = text.split(/\n\s*\n/).map((p) => p.trim());
  const first = MARKER.exec(paragraphs[0] ?? '');
  if (!first) return [];
  const top = kindOf(`(${first[1]})`);
  const out: string[] = [];
  for (const paragraph of paragraphs) {
    const marker = MARKER.exec(paragraph);
    // "(a)(1) Text" opens (a): its first designation is the top-level one.
    if (marker && kindOf(`(${marker[1]})`) === top && (out.length === 0 || !/^(i|v|x)$/.test(marker[1]!) || top !== 'lower')) out.push(paragraph);
    else if (out.length) out[out.length - 1] += `\n\n${paragraph}`;
  }
  return out;
}

/** An opening quotation mark at the start of a quoted paragraph (after any emphasis that opens it: `**"Sec. 7.**`). */
const OPENING = /^(\**)["\u201c]/;
/**
 * The act's closing quotation mark after the last quoted paragraph, with the
 * punctuation of the act's own sentence after it and the word that joins the
 * next instruction: `".`, `";`, `”.`, `"; and`.
 */
const CLOSING = /["\u201d](\**)\s*[.;,:]?(?:\s+(?:and|or))?\s*$/;

/** The law quoted in a block quote: the quoted text without the act's quotation marks, and whether it had them. */
export interface QuotedLaw {
  /** The quoted Markdown as the code is to read it. */
  text: string;
  /** The act quoted it as enrolled acts do: an opening mark on each paragraph, the closing mark after the last. */
  marked: boolean;
}

/**
 * Take off the act's quotation marks from quoted new text, as enrolled acts
 * write it: an opening mark on each quoted paragraph, and the closing mark,
 * with the punctuation of the act's sentence, after the last
 * (`> "(a) Text.` … `> "(b) Text.".`). The marks are the act's and never enter
 * the code. Text that does not open with a mark, or whose marks do not pair
 * that way (the law's own quotations left an odd count), is left as written:
 * what is left is reported where the amended section is checked (well-formed.ts).
 */
export function unquoteLaw(text: string): QuotedLaw {
  const paragraphs = text.split(/(\n[ \t]*\n)/);
  // Paragraphs of text (not a table or a directive), by their index among the pieces.
  const at = paragraphs.flatMap((p, i) => (i % 2 === 0 && p.trim() !== '' && !/^\s*[|:]/.test(p) ? [i] : []));
  const textual = at.map((i) => paragraphs[i]!);
  if (textual.length === 0 || !OPENING.test(textual[0]!.trim())) return { text, marked: false };
  const last = textual[textual.length - 1]!;
  if (!CLOSING.test(last.trimEnd())) return { text, marked: false };
  const opened = textual.filter((p) => OPENING.test(p.trim()));
  // Every paragraph opening with a mark and the last closing: the enrolled form, whatever the law's own quotations hold
  // (the Code has unpaired marks of its own: "(7) Stabilization funding amount" means …).
  if (textual.length > 1 && opened.length === textual.length) return { text: strip(paragraphs, at), marked: true };
  // The law's own quotations pair within the text: the act's marks are the openings and one closing.
  const straight = (text.match(/"/g) ?? []).length;
  const openingCurly = (text.match(/\u201c/g) ?? []).length;
  const closingCurly = (text.match(/\u201d/g) ?? []).length;
  const curlyOpened = opened.filter((p) => /^\**\u201c/.test(p.trim())).length;
  const straightOpened = opened.length - curlyOpened;
  const closesCurly = /\u201d\**\s*[.;,:]?(?:\s+(?:and|or))?\s*$/.test(last.trimEnd());
  const straightLeft = straight - straightOpened - (closesCurly ? 0 : 1);
  const curlyPairs = openingCurly - curlyOpened === closingCurly - (closesCurly ? 1 : 0);
  // Only the kind of mark the act quotes with is counted: the law's own quotations may use the other, even unpaired ("IDEA “).
  const curlyMarks = curlyOpened > 0 || closesCurly;
  const straightMarks = straightOpened > 0 || !closesCurly;
  if ((straightMarks && (straightLeft < 0 || straightLeft % 2 !== 0)) || (curlyMarks && !curlyPairs)) return { text, marked: false };
  // Without the act's marks, the law's own quotations must still open and close where quotations do:
  // '"Fee" means a "permit".' is the law's definition, not a quotation of 'Fee" means a "permit'.
  const stripped = textual.map((p, i) => {
    const body = p.trim().replace(OPENING, '$1');
    return i === textual.length - 1 ? body.replace(CLOSING, '$1') : body;
  });
  if (!stripped.every(pairsAsWritten)) return { text, marked: false };
  return { text: strip(paragraphs, at), marked: true };
}

/** The pieces joined again, each paragraph of text without its opening mark and the last without the closing one. */
function strip(paragraphs: readonly string[], at: readonly number[]): string {
  const lastAt = at[at.length - 1]!;
  const out = paragraphs.map((p, i) => {
    if (!at.includes(i)) return p;
    const lead = /^\s*/.exec(p)![0];
    let body = p.slice(lead.length).replace(OPENING, '$1');
    if (i === lastAt) body = body.trimEnd().replace(CLOSING, '$1');
    return lead + body;
  });
  return out.join('').trim();
}

/**
 * Whether a paragraph's straight quotation marks pair as quotations do: each
 * opening after a space, a bracket or the start, each closing after a word,
 * nested as written ("Level 1 Extended School year ("ESY")").
 */
function pairsAsWritten(paragraph: string): boolean {
  let depth = 0;
  for (let i = 0; i < paragraph.length; i++) {
    if (paragraph[i] !== '"') continue;
    const before = i === 0 ? ' ' : paragraph[i - 1]!;
    if (/[\s([\u2014\u2013-]/.test(before)) depth++;
    else if (depth === 0) return false;
    else depth--;
  }
  return depth === 0;
}
