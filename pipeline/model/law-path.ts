/**
 * The law path of a place in an ordinance's sources: the section that holds
 * it, and the deepest subdivision, printed as the law is cited ("§ 3(b)(2)",
 * or "§ 24-211.07(b)" for a section with a code designation). A place in the
 * section's front matter or before its first subdivision is the section
 * alone; a place outside every section (ordinance.md, group.md) has none.
 *
 * A place in quoted law (a block quote, or a code section quoted from a file
 * of its own) is in the code's law, not the ordinance's: its path is the
 * quoted section's and subdivision's, then where the ordinance quotes it
 * ("§ 12H.3(b), quoted in Sec. 1"), in the council's word for a section.
 */
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { Place } from '../report/diagnostics.js';
import type { BlockQuote, Ordinance, QuotedSection, Section, Subdivision } from './types.js';
import { visitOrdinance } from './visit.js';

/** A subdivision and the stretch of its file it spans: its own text and everything under it. */
interface Span {
  subdivision: Subdivision;
  /** The quoted law it stands in (the innermost block quote), or null for the ordinance's own. */
  quote: BlockQuote | null;
  start: Point;
  end: Point;
}

/** Quoted law and the heading lines of the sections it quotes ("Sec. 7. Qualifications."), in order. */
interface QuoteSpan {
  quote: BlockQuote;
  start: Point;
  end: Point;
  headings: { designation: string; start: Point }[];
}

interface SectionIndex {
  section: Section;
  /** Outermost first, as the walk meets them, so the last span holding a place is the deepest. */
  spans: Span[];
  quotes: QuoteSpan[];
  /** For the file of a code section the section quotes: that section, all of whose file is quoted law. */
  quoted: QuotedSection | null;
}

/** How the council names its sections ("Sec.", "§"): the jurisdiction's vocabulary, or these neutral words. */
export interface SectionWords {
  section: string;
  designatedSection: string;
}

const NEUTRAL_WORDS: SectionWords = { section: 'Section', designatedSection: '§' };

/** The law path of a section, or of a subdivision of it: "§ 3(b)(2)"; a designated section prints its designation ("§ 24-211.07(b)"). */
export function lawPath(section: Section, subdivision?: Subdivision | null): string {
  return `§ ${section.designation ?? section.number}${subdivision?.path ?? ''}`;
}

/** Where quoted law stands in the ordinance: "quoted in Sec. 2(a)", after the quoted section and subdivision when they are known ("§ 12H.3(b), "). */
function quotedPath(words: SectionWords, section: Section, at: Subdivision | undefined, designation: string | undefined, quoted: Subdivision | undefined): string {
  const where = `${section.designation ? `${words.designatedSection} ${section.designation}` : `${words.section} ${section.number}`}${at?.path ?? ''}`;
  const law = designation ? `§ ${designation}${quoted?.path ?? ''}` : (quoted?.path ?? '');
  return `${law ? `${law}, ` : ''}quoted in ${where}`;
}

const indexes = new WeakMap<Ordinance, Map<VFile, SectionIndex>>();

/** The subdivision of the ordinance's own text (not quoted law) that holds `place` in `file`, or null (the section's own text, or no section's file). */
export function subdivisionAt(ordinance: Ordinance, file: VFile, place: Place | undefined): Subdivision | null {
  const entry = indexOf(ordinance).get(file);
  const point = place && ('start' in place ? place.start : place);
  if (!entry || !point) return null;
  return entry.spans.findLast((span) => span.quote === null && !before(point, span.start) && !before(span.end, point))?.subdivision ?? null;
}

/** The law path of `place` in `file`, or undefined when the file is not one of the ordinance's sections (or a code section one quotes). */
export function lawPathAt(ordinance: Ordinance, file: VFile, place: Place | undefined, words: SectionWords = NEUTRAL_WORDS): string | undefined {
  const entry = indexOf(ordinance).get(file);
  if (!entry) return undefined;
  const point = place && ('start' in place ? place.start : place);
  const holds = (span: { start: Point; end: Point }) => point !== undefined && !before(point, span.start) && !before(span.end, point);
  const own = subdivisionAt(ordinance, file, place) ?? undefined;
  const quote = entry.quotes.findLast(holds);
  if (!quote && !entry.quoted) return lawPath(entry.section, own);
  // The innermost quote holding the place, or, in a quoted code section's file, that section's (its front matter too).
  const inQuote = quote?.quote ?? entry.quoted!.quote;
  const quoted = entry.spans.findLast((span) => span.quote === inQuote && holds(span))?.subdivision;
  const heading = quote && point ? quote.headings.findLast((h) => !before(point, h.start))?.designation : undefined;
  return quotedPath(words, entry.section, own, heading ?? (inQuote === entry.quoted?.quote ? entry.quoted.designation : undefined), quoted);
}

function indexOf(ordinance: Ordinance): Map<VFile, SectionIndex> {
  let index = indexes.get(ordinance);
  if (index) return index;
  index = new Map();
  const spans = new Map<Subdivision, Span>();
  const quotes = new Map<BlockQuote, QuoteSpan>();
  visitOrdinance(ordinance, {
    section(section) {
      // A file holds one section; the first keeps it, as references do.
      if (!index!.has(section.file)) index!.set(section.file, { section, spans: [], quotes: [], quoted: null });
      // Each code section it quotes from a file of its own is indexed on that file.
      for (const quoted of section.quoted) if (!index!.has(quoted.file)) index!.set(quoted.file, { section, spans: [], quotes: [], quoted });
    },
    block(block, at) {
      const position = block.source.position;
      if (!at.section || !position) return;
      const entry = index!.get(block.source.file);
      if (!entry || entry.section !== at.section) return;
      const quote = at.blocks.findLast((b): b is BlockQuote => b.type === 'blockquote') ?? null;
      if (block.type === 'subdivision') {
        const span = { subdivision: block, quote, start: position.start, end: position.end };
        spans.set(block, span);
        entry.spans.push(span);
      } else if (block.type === 'blockquote' && block !== entry.quoted?.quote) {
        const span = { quote: block, start: position.start, end: position.end, headings: [] };
        quotes.set(block, span);
        entry.quotes.push(span);
      } else if (block.type === 'paragraph' && block.sectionHeading !== undefined && quote) {
        quotes.get(quote)?.headings.push({ designation: block.sectionHeading, start: position.start });
      }
      // What a subdivision holds (continuation paragraphs, lists, lower subdivisions) widens its span.
      for (const subdivision of at.subdivisions) {
        const span = spans.get(subdivision);
        if (span && before(span.end, position.end)) span.end = position.end;
      }
    },
  });
  indexes.set(ordinance, index);
  return index;
}

function before(a: Point, b: Point): boolean {
  return a.line < b.line || (a.line === b.line && a.column < b.column);
}
