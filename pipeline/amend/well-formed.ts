/**
 * The code's text an instruction would write, checked before it is written:
 * quoted new text must become well-formed code, with no trace of the act that
 * quoted it. Each check names what would be left, so the finding at the
 * instruction can quote it: an opening or closing quotation mark of the act,
 * punctuation standing alone, an act's section heading ("Sec. 7.") read as
 * the code's text, a designation written twice.
 */
import { PAREN_LABEL, plain, type Unit } from './apply-units.js';
import { SECTION_HEADING_LINE } from '../model/quoted-law.js';

const QUOTE_MARKS = /["\u201c\u201d]/g;

/** What is wrong with the units an instruction inserts, or undefined when they are well-formed code. */
export function illFormed(units: readonly Unit[]): string | undefined {
  const last = units.findLast((u) => u.kind !== 'block');
  for (const unit of units) {
    if (unit.kind === 'block') continue;
    const text = plain(unit.children).trim();
    if (text === '' && unit.kind === 'open') continue;
    // A mark or two with a quotation mark ('.', '".', '”;'): the act's sentence's end, not the code's (a row of dots, ". . . .", is the law's own).
    if (/^["\u201c\u201d']?[.,;:]{1,2}["\u201d']?$/.test(text) || /^["\u201c\u201d']$/.test(text))
      return `punctuation standing alone as a paragraph (“${text}”), the act's rather than the code's`;
    if (/^["\u201c]\s*\([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\)/.test(text) || (/^["\u201c]/.test(text) && SECTION_HEADING_LINE.test(text.slice(1))))
      return `the act's opening quotation mark ${text[0]} in the code, before “${quoteStart(text.slice(1))}”: quote as enrolled acts do, an opening mark on every quoted paragraph and the closing mark after the last (".), or write no marks at all`;
    if (unit.kind === 'text' && /^\([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\)\s/.test(text))
      return `a designation that is not read as one (“${quoteStart(text)}”): begin the paragraph with it, outside any mark`;
    if (unit.kind === 'open') {
      const label = PAREN_LABEL.exec(unit.num)?.[1];
      if (label !== undefined && text.startsWith(`(${label})`)) return `the designation ${unit.num} written twice (“${unit.num} ${quoteStart(text)}”)`;
    }
    // An act's heading left in the code: "Sec. 7. Qualifications." as a paragraph of its own (a subdivision's "(A) Section 22-301." is the law's list).
    if (unit.kind === 'text' && (SECTION_HEADING_LINE.exec(text)?.[2] ?? '') !== '')
      return `a section heading (“${quoteStart(text)}”) inside the text: a new or rewritten section's heading line comes first in its quoted text`;
    const marks = text.match(QUOTE_MARKS) ?? [];
    const opening = marks.filter((m) => m === '\u201c').length;
    const closing = marks.filter((m) => m === '\u201d').length;
    const straight = marks.filter((m) => m === '"').length;
    // The act's closing mark follows its last quoted paragraph (a paragraph of the law may have an unpaired mark of its own).
    if (unit === last && (straight % 2 === 1 || closing > opening) && /["\u201d]\s*[.;,:]?$/.test(text))
      return `the act's closing quotation mark (“${text.slice(-Math.min(text.length, 40))}”): write the opening quotation mark on every quoted paragraph, or none`;
  }
  return undefined;
}

function quoteStart(text: string): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return t.length > 40 ? `${t.slice(0, 40)}…` : t;
}
