/**
 * A code section's source file as the amending code works on it: read into
 * front matter, a flat list of units (a subdivision opening with its
 * designation and depth, more text of the open subdivision, a table) and the
 * annotations after them; quoted new text read into units below the
 * subdivisions around it; and the units written back the way the importer
 * writes them.
 */
import type { Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { markdown } from '../dc-xml/markdown.js';
import remarkGfmTables from '../parse/gfm-tables.js';
import { isProseColon, restoreProseColons } from '../parse/annotations.js';
import { readsBack, type PlanStep } from '../dc-xml/section.js';
import { leadingMarkers, levelOf } from '../model/subdivisions.js';
import { readSectionHeading } from '../model/quoted-law.js';
import { type Reading, resolveMarksInTree } from './marks.js';

/** One block of a section's body, flattened. */
export interface Unit {
  /** open: opens a subdivision (its designation in `num`); text: more text of the open subdivision; block: a table or other block kept whole. */
  kind: 'open' | 'text' | 'block';
  num: string;
  /** Depth of the subdivision it opens or belongs to (0: the section itself). */
  depth: number;
  children: PhrasingContent[];
  node?: RootContent | undefined;
}

/** A section file as read: its front matter, its body as units, and what follows them. */
export interface SectionSource {
  front: Record<string, unknown>;
  units: Unit[];
  /** Annotations (history, notes) and anything after them, kept as they are. */
  tail: RootContent[];
}

// Tables and strikethrough as the format reads them; no autolinks ("www.example.com" stays text, as the importer wrote it).
const reader = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use(remarkGfmTables);

/** A designation in parentheses, "(a)" or "(1A-i)": its label. */
export const PAREN_LABEL = /^\(([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\)$/;

/** Read a section file into front matter, units and annotations. */
export function readSection(source: string): SectionSource {
  // A colon in prose ("4:45 p.m.") stays as read (written back as it was), read as text where words are sought (apply-words.ts) and by `plain`.
  const tree = reader.parse(source) as Root;
  let front: Record<string, unknown> = {};
  const units: Unit[] = [];
  const tail: RootContent[] = [];
  const stack: Open[] = [];
  for (const node of tree.children) {
    if (node.type === 'yaml') {
      front = (yamlParse(node.value) as Record<string, unknown> | null) ?? {};
      continue;
    }
    if (tail.length > 0 || (node.type === 'containerDirective' && node.name === 'annotation')) {
      tail.push(node);
      continue;
    }
    units.push(...unitsOf(node, stack, 0));
  }
  return { front, units, tail };
}

interface Open {
  level: number;
  label: string;
}

/**
 * The units of one block. `stack` holds the open subdivisions (and is
 * updated); `base` is the depth below which this text may not close them
 * (the subdivisions around quoted new text).
 */
function unitsOf(node: RootContent, stack: Open[], base: number): Unit[] {
  if (node.type === 'leafDirective' && node.name === 'subdivision') {
    const depth = base + Math.max(0, Number(node.attributes?.depth ?? 0) || 0);
    const num = node.attributes?.num;
    if (num === undefined || num === null) {
      stack.length = Math.min(stack.length, depth);
      return [{ kind: 'text', num: '', depth: stack.length, children: node.children }];
    }
    stack.length = Math.min(stack.length, Math.max(0, depth - 1));
    while (stack.length < depth - 1) stack.push({ level: 0, label: '' });
    const label = PAREN_LABEL.exec(num)?.[1] ?? num;
    stack.push({ level: levelOf(label, levels(stack)), label });
    return [{ kind: 'open', num, depth: stack.length, children: node.children }];
  }
  if (node.type === 'paragraph') {
    const first = node.children[0];
    const markers = first?.type === 'text' ? leadingMarkers(first.value) : { labels: [] as string[], length: 0 };
    if (markers.labels.length === 0) return [{ kind: 'text', num: '', depth: stack.length, children: node.children }];
    const out: Unit[] = [];
    for (const label of markers.labels) {
      const level = levelOf(label, levels(stack));
      while (stack.length > base && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, label });
      out.push({ kind: 'open', num: `(${label})`, depth: stack.length, children: [] });
    }
    const rest = (first as Text).value.slice(markers.length);
    out[out.length - 1]!.children = [...(rest ? [{ type: 'text', value: rest } as Text] : []), ...node.children.slice(1)];
    return out;
  }
  return [{ kind: 'block', num: '', depth: stack.length, children: [], node }];
}

function levels(stack: Open[]): Map<number, string> {
  return new Map(stack.filter((o) => o.level > 0).map((o) => [o.level, o.label]));
}

/** The level of the subdivision a unit opens, below the subdivisions `around` it. */
export function levelOfUnit(unit: Unit, around: readonly Unit[]): number {
  const stack: Open[] = [];
  for (const a of around) {
    const label = PAREN_LABEL.exec(a.num)?.[1] ?? a.num;
    stack.push({ level: levelOf(label, levels(stack)), label });
  }
  return levelOf(PAREN_LABEL.exec(unit.num)?.[1] ?? unit.num, levels(stack));
}

/**
 * Quoted new text (Markdown in the format, each subdivision with its marker)
 * as units below the subdivisions `around` (designations, outermost first),
 * the Board's marks resolved (marks.ts): the text as it will read.
 */
export function parseText(text: string, around: readonly Unit[], reading: Reading = 'after'): Unit[] {
  // The Board's marks resolved first, so that an added "(4) …" opens its subdivision.
  const parsed = reader.parse(text) as Root;
  restoreProseColons(parsed);
  const tree = resolveMarksInTree(parsed, reading);
  const stack: Open[] = [];
  for (const unit of around) {
    const label = PAREN_LABEL.exec(unit.num)?.[1] ?? unit.num;
    stack.push({ level: levelOf(label, levels(stack)), label });
  }
  const base = around.length;
  return tree.children.filter((n) => n.type !== 'yaml').flatMap((node) => unitsOf(node, stack, base));
}

/** Write a section back as the importer writes it. */
export function writeSection(section: SectionSource): string {
  const front = yamlStringify(dropUndefined(section.front), { lineWidth: 0 }).trimEnd();
  const tree: Root = { type: 'root', children: [{ type: 'yaml', value: front }, ...writeUnits(section.units), ...section.tail] };
  return markdown.stringify(tree);
}

/** Units as blocks: markers when they read back as the same subdivisions, explicit depths otherwise. */
function writeUnits(units: readonly Unit[]): RootContent[] {
  const plan: PlanStep[] = [];
  let markers = true;
  const nodes = units.map((unit): RootContent => {
    if (unit.kind === 'block') {
      plan.push({ node: unit.node!, kind: 'text', depth: unit.depth });
      return unit.node!;
    }
    if (unit.kind === 'text') {
      const node: Paragraph = { type: 'paragraph', children: unit.children };
      plan.push({ node, kind: 'text', depth: unit.depth });
      return node;
    }
    const label = PAREN_LABEL.exec(unit.num)?.[1];
    if (label === undefined) markers = false;
    const node: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: `${unit.num}${unit.children.length ? ' ' : ''}` }, ...unit.children] };
    plan.push({ node, kind: 'marker', label: label ?? '', depth: unit.depth });
    return node;
  });
  if (markers && readsBack(plan)) return nodes;
  return units.map((unit): RootContent => {
    if (unit.kind === 'block') return unit.node!;
    const attributes: Record<string, string> = unit.kind === 'open' ? { num: unit.num, depth: String(unit.depth) } : { depth: String(unit.depth) };
    const node: LeafDirective = { type: 'leafDirective', name: 'subdivision', attributes, children: unit.children };
    return node;
  });
}

/** Front matter without its undefined values, as YAML writes it. */
export function dropUndefined(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
}

/** The heading in a section's heading line ("§ 24-211.07. Heading.", "Sec. 7. Heading.", "SEC. 12H.1. HEADING." → the heading), or null when the line is not one. */
export function sectionHeading(line: string): string | null {
  return readSectionHeading(line)?.heading ?? null;
}

/** Plain text of inline content. */
export function plain(children: readonly PhrasingContent[]): string {
  let out = '';
  const walk = (node: PhrasingContent | RootContent) => {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if (isProseColon(node)) out += `:${(node as { name: string }).name}`;
    else if ('children' in node) for (const c of node.children as PhrasingContent[]) walk(c);
  };
  for (const c of children) walk(c);
  return out;
}
