/**
 * One D.C. Code section (XML) as a section file of the source format (mdast,
 * then Markdown through remark-stringify, so escaping is never hand-written).
 * Subdivisions keep their nesting: as "(a)" markers where the format's
 * inference reads them back exactly, otherwise with explicit ::subdivision
 * depths. Annotations (history, editor's notes) become :::annotation blocks;
 * citations become :cite annotations unless plain text is asked for.
 */
import type { BlockContent, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell } from 'mdast';
import type { ContainerDirective, LeafDirective } from 'mdast-util-directive';
import { stringify as yamlStringify } from 'yaml';
import { leadingMarkers, levelOf } from '../model/subdivisions.js';
import { citationTarget } from './cite-targets.js';
import { attribute, child, collapse, designationOf, elements, isUndesignated, local, textOf, type Element, type ElementContent } from './xml.js';

export interface SectionContext {
  plainCitations: boolean;
  /** Registry ids cited, with the citation text first seen for each. */
  cited: Map<string, { doc: string; count: number }>;
  /** Images to copy beside the section file: source path (relative to the XML file) → name. */
  images: string[];
  counts: { citations: number; annotations: number; explicit: number };
}

const REASONS: Record<string, string> = {
  repealed: 'repealed',
  expired: 'expired',
  'not funded': 'not-funded',
  transferred: 'transferred',
  recodified: 'recodified',
  'not applicable': 'not-applicable',
  omitted: 'omitted',
  reserved: 'reserved',
};

const PAREN_LABEL = /^\(([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\)$/;

/** The section id the format uses for a D.C. Code number ("[16-572.01]" → "16-572.01"). */
export function sectionId(num: string): string {
  return num
    .toLowerCase()
    .replace(/[\u2013\u2014]/g, '-')
    .replace(/[^a-z0-9.:-]+/g, '')
    .replace(/^[-.:]+|[-.:]+$/g, '');
}

/** Convert one <section> to an mdast tree with its front matter. */
export function sectionTree(section: Element, ctx: SectionContext): { id: string; tree: Root } {
  const num = textOf(child(section, 'num'));
  const id = sectionId(num);
  const heading = textOf(child(section, 'heading'));
  const reason = textOf(child(section, 'reason'));
  const meta: Record<string, unknown> = { id, number: num, heading: heading || undefined, kind: 'code-section' };
  if (reason) {
    const status = REASONS[reason.toLowerCase()];
    meta.status = status ?? 'pending';
    if (!status) meta['status-note'] = reason;
  } else {
    // "[Reserved].", "[Omitted]" or "Reserved" as the heading, with no <reason>, says the same thing.
    const bracketed = /^\[?(reserved|omitted)\]?\.?$/i.exec(heading);
    if (bracketed) meta.status = REASONS[bracketed[1]!.toLowerCase()];
  }
  // Markers where they read back exactly; explicit depths where they would not.
  let out: Writer = { explicit: false, body: [], annotations: [], ctx, plan: [] };
  convertChildren(section, 0, out);
  if (!readsBack(out.plan)) {
    ctx.counts.explicit++;
    const scratch: SectionContext = { ...ctx, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
    out = { explicit: true, body: [], annotations: [], ctx: scratch, plan: null };
    convertChildren(section, 0, out);
  }
  const { body, annotations } = out;
  const front = yamlStringify(Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined)), { lineWidth: 0 }).trimEnd();
  return { id, tree: { type: 'root', children: [{ type: 'yaml', value: front }, ...body, ...annotations] } };
}

/** What the simple (marker) form of a section is meant to say, step by step, to check it reads back so. */
export type PlanStep = { node: RootContent; kind: 'marker'; label: string; depth: number } | { node: RootContent; kind: 'text'; depth: number };

/**
 * Whether the marker form reads back as planned: the same subdivisions at the
 * same depths, and every other block under the subdivision it belongs to. This
 * mirrors how the model nests marker paragraphs.
 */
export function readsBack(plan: PlanStep[] | null): boolean {
  if (!plan) return false;
  const open: { level: number; label: string }[] = [];
  for (const step of plan) {
    const first = step.node.type === 'paragraph' ? step.node.children[0] : undefined;
    const markers = first?.type === 'text' ? leadingMarkers(first.value) : { labels: [] as string[], length: 0 };
    if (markers.labels.length > 0) {
      if (step.kind !== 'marker' || markers.labels.length !== 1 || markers.labels[0] !== step.label) return false;
      const level = levelOf(step.label, new Map(open.map((o) => [o.level, o.label])));
      while (open.length > 0 && open[open.length - 1]!.level >= level) open.pop();
      open.push({ level, label: step.label });
      if (open.length !== step.depth) return false;
    } else if (step.kind !== 'text' || open.length !== step.depth) {
      return false;
    }
  }
  return true;
}

const SKIP = new Set(['num', 'heading', 'reason', 'prefix']);

/** Where a section's converted content goes, and in which form. */
interface Writer {
  /** Explicit ::subdivision depths rather than markers. */
  explicit: boolean;
  body: RootContent[];
  annotations: ContainerDirective[];
  ctx: SectionContext;
  /** The marker form's plan, to check it reads back; null once it cannot. */
  plan: PlanStep[] | null;
}

/** Emit blocks that belong to the subdivision open at `depth` (0: the section). */
function emitBlocks(out: Writer, blocks: (Paragraph | Table)[], depth: number): void {
  for (const block of blocks) {
    if (out.explicit && block.type === 'paragraph') out.body.push(continuation(block, depth));
    else {
      out.body.push(block);
      out.plan?.push({ node: block, kind: 'text', depth });
    }
  }
}

/** Convert the content of a section or para at `depth` (0 = the section). */
function convertChildren(parent: Element, depth: number, out: Writer): void {
  const { ctx, annotations } = out;
  for (const el of elements(parent)) {
    const name = local(el);
    if (SKIP.has(name)) continue;
    if (name === 'para') {
      convertPara(el, depth + 1, out);
    } else if (name === 'annotations') {
      for (const annotation of elements(el)) annotations.push(annotationBlock(annotation, ctx));
    } else if (name === 'annotation') {
      annotations.push(annotationBlock(el, ctx));
    } else if (name === 'text' && attribute(el, 'type')) {
      annotations.push(annotationBlock(el, ctx, attribute(el, 'type')));
    } else if (['insert', 'find-replace', 'repeal', 'remove', 'applicability'].includes(name)) {
      annotations.push(pendingChange(el, ctx));
    } else {
      const blocks = blocksOf(el, ctx);
      if (name === 'container' && textOf(child(el, 'heading'))) blocks.unshift(paragraph([strong(textOf(child(el, 'heading')))]));
      emitBlocks(out, blocks, depth);
      if (name === 'container' || name === 'include') convertChildren(el, depth, out);
    }
  }
}

function convertPara(para: Element, depth: number, out: Writer): void {
  const { ctx } = out;
  const num = designationOf(para);
  const heading = textOf(child(para, 'heading'));
  const texts = elements(para, 'text').filter((t) => !attribute(t, 'type'));
  const first = texts[0];
  if (isUndesignated(para)) {
    // An undesignated para prints no number: its words and paras are printed as those of what holds it, as the law prints them.
    const words = first ? blocksOf(first, ctx) : [];
    if (heading) words.unshift(paragraph([strong(heading)]));
    emitBlocks(out, words, depth - 1);
    convertChildren({ ...para, children: para.children.filter((c) => c !== first) }, depth - 1, out);
    return;
  }
  const blocks = first ? blocksOf(first, ctx) : [];
  let lead: PhrasingContent[] = [];
  if (blocks[0]?.type === 'paragraph') lead = (blocks.shift() as Paragraph).children;
  if (heading) lead = [strong(heading), ...(lead.length ? [text(' ')] : []), ...lead];
  if (out.explicit) {
    // num="" opens an undesignated subdivision (no num would continue the open one).
    out.body.push({ type: 'leafDirective', name: 'subdivision', attributes: { num, depth: String(depth) }, children: lead });
  } else {
    const label = PAREN_LABEL.exec(num)?.[1];
    const marker = paragraph([text(`${num}${lead.length ? ' ' : ''}`), ...lead]);
    out.body.push(marker);
    if (label === undefined)
      out.plan = null; // "1.", "A.", no number: only explicit depths can say it
    else out.plan?.push({ node: marker, kind: 'marker', label, depth });
  }
  emitBlocks(out, blocks, depth);
  // Everything after the first <text>: more text, child paras, after-text, notes.
  convertChildren({ ...para, children: para.children.filter((c) => c !== first) }, depth, out);
}

/** More text of the open subdivision at `depth` (explicit mode). */
function continuation(block: Paragraph, depth: number): LeafDirective {
  return { type: 'leafDirective', name: 'subdivision', attributes: { depth: String(depth) }, children: block.children };
}

function annotationBlock(el: Element, ctx: SectionContext, type?: string): ContainerDirective {
  ctx.counts.annotations++;
  const attributes: Record<string, string> = { type: type ?? attribute(el, 'type') ?? 'Note' };
  for (const key of ['doc', 'path', 'eff', 'app', 'display', 'history', 'prefix', 'applicability', 'expire', 'estimate', 'delay']) {
    const value = attribute(el, key);
    if (value !== undefined && value !== '') attributes[key] = value;
  }
  const children = blocksOf(el, ctx) as BlockContent[];
  return { type: 'containerDirective', name: 'annotation', attributes, children: children.length ? children : [paragraph([text(attributes.type!)])] };
}

/** Codification markup for a change not yet in the text (insert, find and replace...), kept as a note. */
function pendingChange(el: Element, ctx: SectionContext): ContainerDirective {
  const name = local(el);
  let description: string;
  if (name === 'find-replace') {
    description = `Pending change: replace “${textOf(child(el, 'find'))}” with “${textOf(child(el, 'replace'))}”${attribute(el, 'path') ? ` in ${attribute(el, 'path')}` : ''}.`;
  } else {
    description = `Pending change (${name}${attribute(el, 'path') ? ` ${attribute(el, 'path')}` : ''}): ${textOf(el)}`;
  }
  ctx.counts.annotations++;
  return { type: 'containerDirective', name: 'annotation', attributes: { type: 'Pending Change' }, children: [paragraph([text(description)])] };
}

/** Block content of a <text>-like element: paragraphs split around tables, centred lines and headings. */
export function blocksOf(el: Element, ctx: SectionContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let run: PhrasingContent[] = [];
  const flush = () => {
    const trimmed = trimInline(run);
    if (trimmed.length) out.push(paragraph(trimmed));
    run = [];
  };
  for (const node of el.children) {
    if (node.type === 'element') {
      const name = local(node);
      if (name === 'table') {
        flush();
        out.push(table(node, ctx));
        continue;
      }
      if (name === 'center' || name === 'h1' || name === 'h2' || name === 'h3' || name === 'p') {
        flush();
        const inner = trimInline(inline(node.children, ctx));
        if (inner.length) out.push(paragraph(name.startsWith('h') ? [{ type: 'strong', children: inner }] : inner));
        continue;
      }
      if (SKIP.has(name) && el.name !== 'text') continue;
      if (name === 'para' || name === 'annotations' || name === 'annotation') continue;
    }
    run.push(...inline([node], ctx));
  }
  flush();
  return out;
}

function inline(nodes: ElementContent[], ctx: SectionContext): PhrasingContent[] {
  const out: PhrasingContent[] = [];
  for (const node of nodes) {
    if (node.type === 'text' || node.type === 'cdata') {
      // Two or more spaces before a comma or semicolon are where the Council's markup took something out ("12-301  , 12-302"): no space is printed there.
      const value = node.value.replace(/(?<=\S)[ \t]{2,}(?=[,;])/g, '').replace(/\s+/g, ' ');
      if (value) out.push(text(value));
      continue;
    }
    if (node.type !== 'element') continue;
    const name = local(node);
    switch (name) {
      case 'cite': {
        ctx.counts.citations++;
        const children = inline(node.children, ctx);
        const target = citationTarget({ doc: attribute(node, 'doc'), path: attribute(node, 'path') });
        if (ctx.plainCitations || !target) {
          out.push(...children);
          break;
        }
        const seen = ctx.cited.get(target.to);
        if (seen) seen.count++;
        else ctx.cited.set(target.to, { doc: attribute(node, 'doc') ?? 'D.C. Code', count: 1 });
        out.push({ type: 'textDirective', name: 'cite', attributes: { to: target.to, ...(target.pin ? { pin: target.pin } : {}) }, children: trimInline(children) });
        break;
      }
      case 'strong':
      case 'b':
        out.push({ type: 'strong', children: inline(node.children, ctx) });
        break;
      case 'em':
      case 'i':
        out.push({ type: 'emphasis', children: inline(node.children, ctx) });
        break;
      case 's':
      case 'strike':
        out.push({ type: 'delete', children: inline(node.children, ctx) });
        break;
      case 'br':
        out.push(text(' '));
        break;
      case 'img': {
        const src = attribute(node, 'src') ?? '';
        const name = src.replace(/^\.\//, '');
        if (name && !name.includes('/')) ctx.images.push(name);
        out.push({ type: 'image', url: name, alt: attribute(node, 'alt') ?? `figure ${name}` });
        break;
      }
      default:
        out.push(...inline(node.children, ctx));
    }
  }
  return out;
}

function table(el: Element, ctx: SectionContext): Table {
  const rows = [...elements(el, 'tr'), ...elements(el, 'thead').flatMap((t) => elements(t, 'tr')), ...elements(el, 'tbody').flatMap((t) => elements(t, 'tr'))];
  const width = Math.max(1, ...rows.map((r) => elements(r).filter((c) => ['td', 'th'].includes(local(c))).length));
  const toRow = (row: Element) => {
    const cells: TableCell[] = elements(row)
      .filter((c) => ['td', 'th'].includes(local(c)))
      .map((cell) => ({ type: 'tableCell', children: trimInline(inline(cell.children, ctx)) }));
    while (cells.length < width) cells.push({ type: 'tableCell', children: [] });
    return { type: 'tableRow' as const, children: cells };
  };
  const body = rows.map(toRow);
  // GitHub tables need a header row; a table without <th> gets an empty one rather than promoting data.
  const hasHeader = rows[0] ? elements(rows[0]).some((c) => local(c) === 'th') : false;
  const header = hasHeader ? body.shift()! : { type: 'tableRow' as const, children: Array.from({ length: width }, (): TableCell => ({ type: 'tableCell', children: [] })) };
  return { type: 'table', align: [], children: [header, ...body] };
}

function text(value: string): PhrasingContent {
  return { type: 'text', value };
}

function strong(value: string): PhrasingContent {
  return { type: 'strong', children: [text(value)] };
}

function paragraph(children: PhrasingContent[]): Paragraph {
  return { type: 'paragraph', children };
}

/** Drop white space at the edges of inline content. */
function trimInline(nodes: PhrasingContent[]): PhrasingContent[] {
  const out = [...nodes];
  while (out.length && out[0]!.type === 'text' && !collapse((out[0] as { value: string }).value)) out.shift();
  while (out.length && out[out.length - 1]!.type === 'text' && !collapse((out[out.length - 1] as { value: string }).value)) out.pop();
  if (out[0]?.type === 'text') out[0] = text((out[0] as { value: string }).value.replace(/^\s+/, ''));
  const last = out.length - 1;
  if (out[last]?.type === 'text') out[last] = text((out[last] as { value: string }).value.replace(/\s+$/, ''));
  return out;
}
