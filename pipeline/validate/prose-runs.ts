/**
 * Text as rules read it: every run of prose in the ordinance's sections, as
 * the source has it (line breaks and all), with a way back to file positions.
 * Text inside citations, references and term definitions is left out: it is
 * not the drafter's own prose there.
 */
import { location } from 'vfile-location';
import type { VFile } from 'vfile';
import type { Position } from 'unist';
import type { Block, Inline, Ordinance, Section } from '../model/types.js';
import { SKIP, visitBlocks, visitOrdinance } from '../model/visit.js';

export interface TextRun {
  file: VFile;
  section: Section | null;
  /** The source text of the run. */
  text: string;
  /** Offset of the run in the file. */
  offset: number;
}

/** Every run of prose: the preamble, then each section; when `within` is given, the sections none of whose files it accepts are not walked. */
export function* textRuns(ordinance: Ordinance, within?: (file: VFile) => boolean): Generator<TextRun> {
  if (!ordinance.file.value) return;
  const runs: TextRun[] = [];
  visitOrdinance(
    ordinance,
    {
      section: (section) => (within && !within(section.file) && !section.quoted.some((q) => within(q.file)) ? SKIP : undefined),
      // Inside citations and term definitions the words are not the drafter's own prose.
      inline: (node) => (node.type === 'term' || node.type === 'citation' ? SKIP : undefined),
      text(node, at) {
        const start = node.position?.start.offset;
        const end = node.position?.end.offset;
        if (start !== undefined && end !== undefined) runs.push({ file: at.file!, section: at.section, text: String(at.file!.value).slice(start, end), offset: start });
      },
    },
    { heldTextOnly: true },
  );
  yield* runs;
}

const locations = new WeakMap<VFile, ReturnType<typeof location>>();

/** The offset-to-point index of a file, made once. */
function locate(file: VFile): ReturnType<typeof location> {
  let at = locations.get(file);
  if (!at) {
    at = location(file);
    locations.set(file, at);
  }
  return at;
}

/**
 * Each match of `pattern` (global) in the ordinance's prose, with its place
 * in the source. `hint`, when given, is what a file's text must hold for any
 * of its runs to match (/TODO|TBD/ for /\b(?:TODO|TBD)\b/): files without it
 * are not walked (a code title's thousands of sections, most of them).
 */
export function* matches(ordinance: Ordinance, pattern: RegExp, hint?: RegExp): Generator<{ run: TextRun; match: RegExpExecArray; position: Position }> {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  const within = hint && ((file: VFile) => hint.test(String(file.value)));
  for (const run of textRuns(ordinance, within)) {
    const re = new RegExp(pattern.source, flags);
    for (let match = re.exec(run.text); match; match = re.exec(run.text)) {
      const at = locate(run.file);
      const start = at.toPoint(run.offset + match.index);
      const end = at.toPoint(run.offset + match.index + match[0].length);
      if (start && end) yield { run, match, position: { start, end } };
      if (match[0].length === 0) re.lastIndex++;
    }
  }
}

/** Every inline node in `blocks`, depth first (text, links, placeholders, citations...). */
export function* inlineNodes(blocks: Block[]): Generator<Inline> {
  const nodes: Inline[] = [];
  visitBlocks(blocks, { inline: (node) => void nodes.push(node) });
  yield* nodes;
}

/**
 * Where offsets `start`–`end` of a section's `summary:` value sit in its
 * file. The value is aligned with its source character by character: quotes
 * and escapes (`\"`), and the line breaks and indentation of a folded (`>`) or
 * literal (`|`) block, are skipped as the YAML reader skipped them. Falls back
 * to the value's own place if the two cannot be aligned.
 */
export function summaryPlace(section: Section, start: number, end: number): Position | undefined {
  const value = section.summary;
  const place = section.file.data.frontMatterPlaces?.get('summary');
  if (!value || !place || !section.file.value) return place;
  const at = locate(section.file);
  const from = at.toOffset(place.start);
  const to = at.toOffset(place.end);
  if (from === undefined || to === undefined) return place;
  const raw = String(section.file.value).slice(from, to);
  const offsets = alignScalar(value, raw);
  if (!offsets) return place;
  const a = at.toPoint(from + offsets[Math.min(start, offsets.length - 1)]!);
  const b = at.toPoint(from + offsets[Math.min(end, offsets.length - 1)]!);
  return a && b ? { start: a, end: b } : place;
}

/** For each offset of `value` (and its end), the offset in `raw`, the YAML scalar it was read from; null if they do not align. */
function alignScalar(value: string, raw: string): number[] | null {
  let j = 0;
  // A block scalar's header line (`>`, `|-`…) and a quote are not part of the value.
  const header = /^[>|][-+0-9]*[ \t]*(?:#.*)?\r?\n/.exec(raw);
  if (header) j = header[0].length;
  else if (raw.startsWith('"') || raw.startsWith("'")) j = 1;
  const offsets: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (/\s/.test(char)) {
      // A space of the value may be a line break and indentation in the source (folded), and the other way round.
      offsets.push(j);
      if (/\s/.test(raw[j] ?? '')) {
        while (j < raw.length && /\s/.test(raw[j]!) && !(i + 1 < value.length && /\s/.test(value[i + 1]!) && raw[j] === value[i + 1])) j++;
      }
      continue;
    }
    while (j < raw.length && /\s/.test(raw[j]!)) j++;
    if (raw[j] === '\\' && raw[j + 1] === char) j++;
    else if (raw[j] === "'" && raw[j + 1] === "'" && char === "'") j++;
    if (raw[j] !== char) return null;
    offsets.push(j);
    j++;
  }
  offsets.push(j);
  return offsets;
}
