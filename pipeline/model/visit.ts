/**
 * The one walk over the model: the preamble, then each section (its text,
 * the code sections it quotes from files of their own, and, on request, its
 * notes), every block and every inline node in document order,
 * each handed to its typed callback with its ancestors (the ordinance, the
 * section's groups, the section, the subdivisions, blocks and inline nodes
 * that hold it). Text checks, prose-citation detection, subdivision paths and
 * the law path of a finding are all this walk with different callbacks.
 */
import type { VFile } from 'vfile';
import { sectionBody } from './quoted-law.js';
import type { Annotation, Block, Citation, Group, Inline, Ordinance, Section, SectionReference, Subdivision, TermDefinition } from './types.js';

/** Returned by a callback: do not go into this node's contents. */
export const SKIP = 'skip';

/** What holds a node, outermost first. */
export interface Ancestry {
  /** Null when a part of the model is walked on its own (`visitBlocks`). */
  ordinance: Ordinance | null;
  /** The file the node stands in. */
  file: VFile | null;
  /** The section's groups (chapter, subchapter...), outermost first; empty in the preamble. */
  groups: readonly Group[];
  /** Null in the preamble. */
  section: Section | null;
  /** The section's note (history, editor's note...) the node stands in. */
  annotation: Annotation | null;
  /** The subdivisions that hold the node, outermost first: the last one's `path` is "(b)(2)". */
  subdivisions: readonly Subdivision[];
  /** Every block that holds the node (subdivisions, lists, block quotes, tables, paragraphs). */
  blocks: readonly Block[];
  /** The inline nodes that hold the node (emphasis, links, citations...). */
  inlines: readonly Inline[];
}

/** A callback for one kind of node; `SKIP` leaves its contents out of the walk. */
// biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing is the common case; void is what such a callback's type is.
export type Visit<Node> = (node: Node, at: Ancestry) => void | typeof SKIP;

export type TextNode = Extract<Inline, { type: 'text' }>;

export interface ModelVisitors {
  section?: Visit<Section>;
  annotation?: Visit<Annotation>;
  /** Each list of sibling blocks (a section's body, a subdivision's, a list item...), before its blocks. */
  blocks?: (blocks: Block[], at: Ancestry) => void;
  /** Every block, subdivisions included, before the callback for its own kind. */
  block?: Visit<Block>;
  subdivision?: Visit<Subdivision>;
  /** Every inline node, before the callback for its own kind. */
  inline?: Visit<Inline>;
  /**
   * A text node; returning nodes puts them in its place (in the model, too).
   * The nodes put in are not walked.
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: a visitor that returns nothing is the common case; void is what such a callback's type is.
  text?: (node: TextNode, at: Ancestry) => Inline[] | void;
  citation?: Visit<Citation>;
  reference?: Visit<SectionReference>;
  term?: Visit<TermDefinition>;
  /** After an inline node and its contents (not after a skipped one). */
  leave?: (node: Inline, at: Ancestry) => void;
}

export interface VisitOptions {
  /** Walk the sections' notes too, after each section's text (default false: they are not the law's text). */
  annotations?: boolean;
  /** Leave out files whose text is not held (released, or unreadable): nothing in them can be pointed at. */
  heldTextOnly?: boolean;
}

/**
 * An ancestry as the walk makes them: one class, so that the many it makes
 * (one per block and per inline container) are cheap to create and to read.
 */
class Place implements Ancestry {
  constructor(
    readonly ordinance: Ordinance | null,
    readonly file: VFile | null,
    readonly groups: readonly Group[],
    readonly section: Section | null,
    readonly annotation: Annotation | null,
    readonly subdivisions: readonly Subdivision[],
    readonly blocks: readonly Block[],
    readonly inlines: readonly Inline[],
  ) {}

  static of(at: Partial<Ancestry>): Place {
    return new Place(at.ordinance ?? null, at.file ?? null, at.groups ?? [], at.section ?? null, at.annotation ?? null, at.subdivisions ?? [], at.blocks ?? [], at.inlines ?? []);
  }

  inSection(section: Section): Place {
    return new Place(this.ordinance, section.file, section.groups, section, null, [], [], []);
  }

  inAnnotation(annotation: Annotation): Place {
    return new Place(this.ordinance, this.file, this.groups, this.section, annotation, this.subdivisions, this.blocks, this.inlines);
  }

  inBlock(block: Block): Place {
    // Quoted law kept in a file of its own (a code section the section quotes) stands in that file.
    const file = block.type === 'blockquote' ? block.source.file : this.file;
    return new Place(this.ordinance, file, this.groups, this.section, this.annotation, this.subdivisions, [...this.blocks, block], this.inlines);
  }

  inSubdivision(block: Subdivision): Place {
    return new Place(this.ordinance, this.file, this.groups, this.section, this.annotation, [...this.subdivisions, block], [...this.blocks, block], this.inlines);
  }

  inInline(node: Inline): Place {
    return new Place(this.ordinance, this.file, this.groups, this.section, this.annotation, this.subdivisions, this.blocks, [...this.inlines, node]);
  }
}

/** Walk `ordinance` in document order: the preamble, then each section. */
export function visitOrdinance(ordinance: Ordinance, visitors: ModelVisitors, options: VisitOptions = {}): void {
  const top = Place.of({ ordinance, file: ordinance.file });
  const inlines = wantsInlines(visitors);
  if (!options.heldTextOnly || ordinance.file.value) walkBlocks(ordinance.preamble, top, visitors, inlines);
  for (const section of ordinance.sections) {
    if (options.heldTextOnly && !section.file.value) continue;
    if (visitors.section?.(section, top) === SKIP) continue;
    const at = top.inSection(section);
    walkBlocks(sectionBody(section), at, visitors, inlines);
    if (!options.annotations) continue;
    for (const annotation of section.annotations) {
      if (visitors.annotation?.(annotation, at) === SKIP) continue;
      walkBlocks(annotation.blocks, at.inAnnotation(annotation), visitors, inlines);
    }
  }
}

/** Walk a list of blocks on its own (a section's body, say), below `at`. */
export function visitBlocks(blocks: Block[], visitors: ModelVisitors, at: Partial<Ancestry> = {}): void {
  walkBlocks(blocks, Place.of(at), visitors, wantsInlines(visitors));
}

/** Walk a run of inline content on its own (a paragraph as it is drawn, say), below `at`. */
export function visitInlines(nodes: Inline[], visitors: ModelVisitors, at: Partial<Ancestry> = {}): void {
  walkInlines(nodes, Place.of(at), visitors);
}

function wantsInlines(visitors: ModelVisitors): boolean {
  return Boolean(visitors.inline || visitors.text || visitors.citation || visitors.reference || visitors.term || visitors.leave);
}

function walkBlocks(blocks: Block[], at: Place, visitors: ModelVisitors, inlines: boolean): void {
  visitors.blocks?.(blocks, at);
  for (const block of blocks) {
    if (visitors.block?.(block, at) === SKIP) continue;
    if (block.type === 'subdivision' && visitors.subdivision?.(block, at) === SKIP) continue;
    if (block.type === 'subdivision') {
      const within = at.inSubdivision(block);
      if (inlines) block.children = walkInlines(block.children, within, visitors);
      walkBlocks(block.blocks, within, visitors, inlines);
      continue;
    }
    if (block.type === 'paragraph' && !inlines) continue;
    const inside = at.inBlock(block);
    switch (block.type) {
      case 'paragraph':
        block.children = walkInlines(block.children, inside, visitors);
        break;
      case 'blockquote':
        walkBlocks(block.children, inside, visitors, inlines);
        break;
      case 'list':
        for (const item of block.items) walkBlocks(item, inside, visitors, inlines);
        break;
      case 'table':
        if (!inlines) break;
        block.header.forEach((cell, i) => {
          block.header[i] = walkInlines(cell, inside, visitors);
        });
        for (const row of block.rows) {
          row.forEach((cell, i) => {
            row[i] = walkInlines(cell, inside, visitors);
          });
        }
        break;
    }
  }
}

/** Walk sibling inline nodes; returns the list itself, or a new one if a text node was replaced. */
function walkInlines(nodes: Inline[], at: Place, visitors: ModelVisitors): Inline[] {
  let out: Inline[] | null = null;
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index]!;
    const replacement = visitInline(node, at, visitors);
    if (replacement && !out) out = nodes.slice(0, index);
    if (!out) continue;
    if (replacement) out.push(...replacement);
    else out.push(node);
  }
  return out ?? nodes;
}

function visitInline(node: Inline, at: Place, visitors: ModelVisitors): Inline[] | undefined {
  if (visitors.inline?.(node, at) === SKIP) return undefined;
  let skip = false;
  switch (node.type) {
    case 'text': {
      const replacement = visitors.text?.(node, at) ?? undefined;
      visitors.leave?.(node, at);
      return replacement;
    }
    case 'citation':
      skip = visitors.citation?.(node, at) === SKIP;
      break;
    case 'sectionRef':
      visitors.reference?.(node, at);
      break;
    case 'term':
      skip = visitors.term?.(node, at) === SKIP;
      break;
  }
  if (skip) return undefined;
  if ('children' in node) node.children = walkInlines(node.children, at.inInline(node), visitors);
  visitors.leave?.(node, at);
  return undefined;
}
