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

export interface TextRun {
  file: VFile;
  section: Section | null;
  /** The source text of the run. */
  text: string;
  /** Offset of the run in the file. */
  offset: number;
}

function* inlineRuns(inlines: Inline[], file: VFile, section: Section | null): Generator<TextRun> {
  for (const node of inlines) {
    if (node.type === 'text') {
      const start = node.position?.start.offset;
      const end = node.position?.end.offset;
      if (start !== undefined && end !== undefined) yield { file, section, text: String(file.value).slice(start, end), offset: start };
    } else if (node.type === 'emphasis' || node.type === 'strong' || node.type === 'insertion' || node.type === 'deletion' || node.type === 'link') {
      yield* inlineRuns(node.children, file, section);
    }
  }
}

function* blockRuns(blocks: Block[], file: VFile, section: Section | null): Generator<TextRun> {
  for (const block of blocks) {
    switch (block.type) {
      case 'paragraph':
        yield* inlineRuns(block.children, file, section);
        break;
      case 'subdivision':
        yield* inlineRuns(block.children, file, section);
        yield* blockRuns(block.blocks, file, section);
        break;
      case 'blockquote':
        yield* blockRuns(block.children, file, section);
        break;
      case 'list':
        for (const item of block.items) yield* blockRuns(item, file, section);
        break;
      case 'table':
        for (const cell of [...block.header, ...block.rows.flat()]) yield* inlineRuns(cell, file, section);
        break;
    }
  }
}

/** Every run of prose: the preamble, then each section. */
export function* textRuns(ordinance: Ordinance): Generator<TextRun> {
  if (!ordinance.file.value) return;
  yield* blockRuns(ordinance.preamble, ordinance.file, null);
  for (const section of ordinance.sections) if (section.file.value) yield* blockRuns(section.blocks, section.file, section);
}

const locations = new WeakMap<VFile, ReturnType<typeof location>>();

/** The offset-to-point index of a file, made once. */
function locate(file: VFile): ReturnType<typeof location> {
  let at = locations.get(file);
  if (!at) locations.set(file, (at = location(file)));
  return at;
}

/** Each match of `pattern` (global) in the ordinance's prose, with its place in the source. */
export function* matches(ordinance: Ordinance, pattern: RegExp): Generator<{ run: TextRun; match: RegExpExecArray; position: Position }> {
  const flags = pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`;
  for (const run of textRuns(ordinance)) {
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
  const inline = function* (nodes: Inline[]): Generator<Inline> {
    for (const node of nodes) {
      yield node;
      if ('children' in node && Array.isArray(node.children)) yield* inline(node.children as Inline[]);
    }
  };
  for (const block of blocks) {
    if (block.type === 'paragraph') yield* inline(block.children);
    else if (block.type === 'subdivision') {
      yield* inline(block.children);
      yield* inlineNodes(block.blocks);
    } else if (block.type === 'blockquote') yield* inlineNodes(block.children);
    else if (block.type === 'list') for (const item of block.items) yield* inlineNodes(item);
    else if (block.type === 'table') for (const cell of [...block.header, ...block.rows.flat()]) yield* inline(cell);
  }
}

/**
 * Where offsets `start`–`end` of a section's `summary:` value sit in its
 * file. Exact for a plain or quoted one-line value without escapes (how
 * summaries are written); otherwise the value's own place.
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
  const quoted = (raw.startsWith('"') || raw.startsWith("'")) && raw.slice(1, -1) === value;
  if (!quoted && raw !== value) return place;
  const base = from + (quoted ? 1 : 0);
  const a = at.toPoint(base + start);
  const b = at.toPoint(base + end);
  return a && b ? { start: a, end: b } : place;
}
