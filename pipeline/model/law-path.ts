/**
 * The law path of a place in an ordinance's sources: the section that holds
 * it, and the deepest subdivision, printed as the law is cited ("§ 3(b)(2)",
 * or "§ 24-211.07(b)" for a section with a code designation). A place in the
 * section's front matter or before its first subdivision is the section
 * alone; a place outside every section (ordinance.md, group.md) has none.
 */
import type { Point } from 'unist';
import type { VFile } from 'vfile';
import type { Place } from '../report/diagnostics.js';
import type { Ordinance, Section, Subdivision } from './types.js';
import { visitOrdinance } from './visit.js';

/** A subdivision and the stretch of its file it spans: its own text and everything under it. */
interface Span {
  subdivision: Subdivision;
  start: Point;
  end: Point;
}

interface SectionIndex {
  section: Section;
  /** Outermost first, as the walk meets them, so the last span holding a place is the deepest. */
  spans: Span[];
}

/** The law path of a section, or of a subdivision of it: "§ 3(b)(2)"; a designated section prints its designation ("§ 24-211.07(b)"). */
export function lawPath(section: Section, subdivision?: Subdivision | null): string {
  return `§ ${section.designation ?? section.number}${subdivision?.path ?? ''}`;
}

const indexes = new WeakMap<Ordinance, Map<VFile, SectionIndex>>();

/** The law path of `place` in `file`, or undefined when the file is not one of the ordinance's sections. */
export function lawPathAt(ordinance: Ordinance, file: VFile, place: Place | undefined): string | undefined {
  const entry = indexOf(ordinance).get(file);
  if (!entry) return undefined;
  const point = place && ('start' in place ? place.start : place);
  const holding = point && entry.spans.findLast((span) => !before(point, span.start) && !before(span.end, point));
  return lawPath(entry.section, holding?.subdivision);
}

function indexOf(ordinance: Ordinance): Map<VFile, SectionIndex> {
  let index = indexes.get(ordinance);
  if (index) return index;
  index = new Map();
  const spans = new Map<Subdivision, Span>();
  let current: SectionIndex | undefined;
  visitOrdinance(ordinance, {
    section(section) {
      current = { section, spans: [] };
      // A file holds one section; the first keeps it, as references do.
      if (!index!.has(section.file)) index!.set(section.file, current);
    },
    block(block, at) {
      const position = block.source.position;
      if (!current || !at.section || !position) return;
      if (block.type === 'subdivision') {
        const span = { subdivision: block, start: position.start, end: position.end };
        spans.set(block, span);
        current.spans.push(span);
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
