/**
 * Strike and insert words: found in the target's text as written (straight
 * and curly quotes alike), the occurrence the instruction means picked, and
 * the text nodes that hold them edited in place, with one space where words
 * meet.
 */
import type { PhrasingContent, Text } from 'mdast';
import { failed, ok, quote } from './apply-outcome.js';
import { wordUnits, type Range } from './apply-target.js';
import { restoreProseColons } from '../parse/annotations.js';
import type { SectionSource, Unit } from './apply-units.js';
import type { Instruction, InstructionOutcome, Occurrence } from './instruction.js';

/** A text node and where its value starts in the joined text of a target. */
interface Slot {
  node: Text;
  start: number;
}

/** The text nodes of some units, and their values joined (units separated by a line break, so no match spans two). */
function slotsOf(units: readonly Unit[]): { slots: Slot[]; text: string } {
  const slots: Slot[] = [];
  let text = '';
  const walk = (node: PhrasingContent) => {
    if (node.type === 'text') {
      slots.push({ node, start: text.length });
      text += node.value;
    } else if ('children' in node) for (const c of node.children as PhrasingContent[]) walk(c);
  };
  units.forEach((unit, i) => {
    if (i > 0) text += '\n';
    for (const c of unit.children) walk(c);
  });
  return { slots, text };
}

/** Replace [start, end) of the joined text with `insert`, editing the text nodes that hold it. */
function splice(slots: readonly Slot[], start: number, end: number, insert: string): void {
  let placed = false;
  for (const slot of slots) {
    const from = slot.start;
    const to = slot.start + slot.node.value.length;
    if (to < start || from > end) continue;
    if (!placed && start >= from && start <= to) {
      const cut = Math.min(end, to) - from;
      slot.node.value = slot.node.value.slice(0, start - from) + insert + slot.node.value.slice(cut);
      placed = true;
    } else if (placed && from >= start) {
      slot.node.value = slot.node.value.slice(Math.max(0, Math.min(end, to) - from));
    }
  }
}

/** Fold quotes and apostrophes so straight and curly ones match (one character for one: offsets stay). */
function foldQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

function indexesOf(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/** Where words occur in a text: exactly as written, or else with quotes folded. */
function occurrencesOf(text: string, words: string): number[] {
  const exact = indexesOf(text, words);
  const found = exact.length > 0 ? exact : indexesOf(foldQuotes(text), foldQuotes(words));
  // A mark of punctuation struck ("striking the period") is one that ends a word or clause, not a point or comma inside
  // a number or an abbreviation ("§ 4-251.06", "1,000", "U.S.C."): one followed by a letter or digit is not it.
  return PUNCTUATION.test(words) ? found.filter((at) => !/[\p{L}\p{N}]/u.test(text.charAt(at + words.length))) : found;
}

/** A lone mark of punctuation. */
const PUNCTUATION = /^[.,;:]$/;

/** The occurrences an instruction means, or why none fit. */
function pick(found: number[], occurrence: Occurrence): number[] | string {
  if (found.length === 0) return 'not found';
  switch (occurrence.kind) {
    case 'every':
      return found;
    case 'nth':
      return found.length >= occurrence.n ? [found[occurrence.n - 1]!] : `found ${times(found.length)}, so there is no occurrence ${occurrence.n}`;
    case 'last':
      return [found[found.length - 1]!];
    default:
      return found.length === 1 ? found : `found ${times(found.length)}; expected once (say which, or "each place it appears")`;
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

const WORD_START = /^[\p{L}\p{N}("“'‘§$]/u;
const WORD_END = /[\p{L}\p{N})"”'’.,;:]$/u;

/** Whether inserted words need a space between them and the text beside them. */
function spaceBetween(before: string, after: string): boolean {
  if (!before || !after) return false;
  if (/\s$/.test(before) || /^\s/.test(after)) return false;
  return WORD_END.test(before) && WORD_START.test(after);
}

/** Strike or insert words in a target's text (or its own text before its subdivisions), in place. */
export function applyWords(section: SectionSource, instruction: Instruction & { op: 'strike' | 'insert' }, range: Range, where: string): InstructionOutcome {
  const units = wordUnits(section.units, range, instruction.target.part);
  // The words the instruction seeks may hold a colon in prose ("4:45"): in the units it amends, that colon is text.
  for (const unit of units) restoreProseColons({ type: 'paragraph', children: unit.children });
  const { slots, text } = slotsOf(units);
  const law = () => `${where} reads ${quote(text.replace(/\n/g, ' '))}`;
  if (instruction.op === 'strike') {
    const words = instruction.words.replace(/\s+/g, ' ');
    const found = occurrencesOf(text, words);
    const chosen = pick(found, instruction.occurrence);
    if (typeof chosen === 'string') {
      const why = chosen === 'not found' ? `${quote(words)} does not occur in ${where}, which reads ${quote(text.replace(/\n/g, ' '))}` : `${quote(words)} in ${where}: ${chosen}`;
      return failed(instruction, 'applies', why);
    }
    const struck: string[] = [];
    for (const at of [...chosen].reverse()) {
      const end = at + words.length;
      struck.unshift(text.slice(at, end));
      const insert = instruction.insert ?? '';
      if (!insert) {
        // Striking words leaves one space where two met, and none before punctuation.
        const before = text.slice(0, at);
        const after = text.slice(end);
        if (/ $/.test(before) && (/^ /.test(after) || /^[.,;:)]/.test(after) || after === '' || after.startsWith('\n'))) {
          splice(slots, at - 1, end, '');
          continue;
        }
      }
      splice(slots, at, end, insert);
    }
    return ok(instruction, struck, instruction.insert ? chosen.map(() => instruction.insert!) : []);
  }
  const { at } = instruction;
  const words = instruction.words;
  let point: number;
  if (at.kind === 'before' || at.kind === 'after') {
    const found = occurrencesOf(text, at.anchor.replace(/\s+/g, ' '));
    const chosen = pick(found, at.occurrence);
    if (typeof chosen === 'string') {
      const why =
        chosen === 'not found' ? `${quote(at.anchor)} does not occur in ${where}, which reads ${quote(text.replace(/\n/g, ' '))}` : `${quote(at.anchor)} in ${where}: ${chosen}`;
      return failed(instruction, 'applies', why);
    }
    for (const start of [...chosen].reverse()) {
      point = at.kind === 'before' ? start : start + at.anchor.replace(/\s+/g, ' ').length;
      insertAt(slots, text, point, words);
    }
    return ok(
      instruction,
      [],
      chosen.map(() => words),
    );
  }
  if (units.length === 0 || slots.length === 0) return failed(instruction, 'applies', `${where} has no text to insert into (${law()})`);
  if (at.kind === 'beginning') {
    point = slotsOf([units[0]!]).text.length > 0 ? 0 : 0;
  } else {
    point = text.length;
  }
  insertAt(slots, text, point, words);
  return ok(instruction, [], [words]);
}

function insertAt(slots: readonly Slot[], text: string, point: number, words: string): void {
  const before = text.slice(0, point);
  const after = text.slice(point);
  const lead = spaceBetween(before, words) ? ' ' : '';
  const trail = spaceBetween(words, after) ? ' ' : '';
  splice(slots, point, point, `${lead}${words}${trail}`);
}
