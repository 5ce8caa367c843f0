/**
 * Model: turn parsed files into a typed Ordinance. Sections are ordered by file
 * name and numbered by that order; paragraphs that start with markers become
 * nested subdivisions; annotations become terms, citations and references.
 */
import path from 'node:path';
import type { BlockContent, DefinitionContent, Html, Paragraph as MdastParagraph, PhrasingContent, RootContent } from 'mdast';
import type { LeafDirective, TextDirective } from 'mdast-util-directive';
import { toString as mdastToString } from 'mdast-util-to-string';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import type { OrdinanceSources } from '../model/workspace.js';
import { report } from '../report/diagnostics.js';
import type { ParsedFile } from '../parse/processor.js';
import { slugify } from '../text/slug.js';
import type { GroupMeta, OrdinanceMeta, SectionMeta } from '../model/metadata.js';
import { MAX_BLOCK_NESTING, MAX_SUBDIVISION_DEPTH, MAX_TABLE_COLUMNS } from '../model/limits.js';
import { headingDesignation, openingQuote } from '../model/quoted-law.js';
import { inlineText, WRITTEN } from '../model/inline-text.js';
import { leadingMarkers, levelOf } from '../model/subdivisions.js';
import type { Annotation, Block, Citation, Group, Inline, Ordinance, QuotedSection, Section, SectionReference, Subdivision, TermDefinition } from '../model/types.js';

/** What the inline converter collects while it walks a section. */
interface Collector {
  file: VFile;
  sectionId: string;
  terms: TermDefinition[];
  citations: Citation[];
  references: SectionReference[];
  annotations: Annotation[];
  /** How many block quotes and lists hold the blocks being converted. */
  nesting: number;
  /** The blocks are quoted law (in a block quote, or a quoted code section's file): heading lines and quote-marked designations are read. */
  quoted: boolean;
}

/**
 * Metadata standing in for values that failed the schema (already reported),
 * so the rest of the ordinance is still checked. Such an ordinance never renders.
 */
const UNKNOWN_META: OrdinanceMeta = { title: '', 'short-title': '', jurisdiction: '', status: 'draft', version: 1 };

/** An ordinance folder, parsed: what the model stage assembles. */
export interface ParsedOrdinance {
  sources: OrdinanceSources;
  ordinanceFile: FileAnalysis;
  sectionFiles: FileAnalysis[];
}

/** What one source file contributes: its blocks and the annotations found in it. */
export interface FileAnalysis {
  file: VFile;
  /** The section's text (or an ordinance's preamble). */
  blocks: Block[];
  annotations: Annotation[];
  terms: TermDefinition[];
  citations: Citation[];
  references: SectionReference[];
  /** A registry entry's body (its text or digest), as Markdown. */
  body?: string;
  /** A code section the ordinance quotes from a file of its own (see `isQuotedSectionFile`): where its text stands in the file. */
  quoted?: { position: Position | undefined; designation: string };
}

/**
 * Whether a file is a code section an ordinance quotes (a section of a
 * chapter it adds): in a sub-folder of an ordinance (`quotable`, never of a
 * code title) and `kind: code-section` in its front matter.
 */
function isQuotedSectionFile(file: VFile, quotable: boolean): boolean {
  return quotable && file.data.frontMatter?.kind === 'code-section';
}

/** An act's own section number: a whole number, as "Sec. 101." prints it (a code's designation, "24-211.07", is not one). */
const ACT_SECTION_NUMBER = /^[1-9][0-9]{0,5}$/;

/**
 * Model one parsed file on its own; the ordinance is assembled from these.
 * A `quotable` file (one in a sub-folder of an ordinance) that is a code
 * section is read as quoted law.
 */
export function analyzeFile(parsed: ParsedFile, quotable = false): FileAnalysis {
  const { tree, file } = parsed;
  const sectionId = typeof file.data.frontMatter?.id === 'string' ? file.data.frontMatter.id : '';
  const analysis: FileAnalysis = { file, blocks: [], annotations: [], terms: [], citations: [], references: [] };
  const quoted = isQuotedSectionFile(file, quotable);
  analysis.blocks = toBlocks(tree.children, { ...analysis, sectionId, nesting: 0, quoted });
  if (quoted) {
    const text = tree.children.filter((node) => node.type !== 'yaml');
    const start = text[0]?.position?.start;
    const end = text.at(-1)?.position?.end;
    const position = start && end ? { start, end } : undefined;
    analysis.quoted = { position, designation: quotedDesignation(analysis, position) };
  }
  return analysis;
}

/** A group's heading line in quoted law: "CHAPTER 12I: CIVIL IMMIGRATION DETAINERS", "Article 3. Notice.". */
const GROUP_LINE = /^\s*\**\s*(?:chapter|article|division|part|subchapter|title)\s+[0-9A-Z][0-9A-Za-z.-]*\s*[:.\u2014-]/i;

/** A quoted code section's designation: `number:` in its front matter, else the one its heading line names; what does not fit is reported. */
function quotedDesignation({ file, blocks }: FileAnalysis, position: Position | undefined): string {
  // The first section of a chapter an ordinance adds may open with the chapter's own line ("CHAPTER 12I: CIVIL IMMIGRATION DETAINERS").
  const opensGroup = blocks[0]?.type === 'paragraph' && GROUP_LINE.test(inlineText(blocks[0].children, WRITTEN));
  const first = opensGroup ? blocks[1] : blocks[0];
  const heading = first?.type === 'paragraph' ? first.sectionHeading : undefined;
  const number = typeof file.data.frontMatter?.number === 'string' ? file.data.frontMatter.number : undefined;
  if (number === undefined && heading === undefined)
    report(
      file,
      'quoted-section',
      'Missing the quoted code section\'s designation, expected its text to open with its heading line ("SEC. 12H.1. HEADING.") or `number:` in its front matter',
      {
        place: position?.start ?? { line: 1, column: 1 },
      },
    );
  else if (number !== undefined && heading !== undefined && number !== heading)
    report(file, 'quoted-section', `Unexpected heading line of section ${heading} in the code section numbered \`${number}\`, expected the designation its front matter gives`, {
      place: first?.source.position,
    });
  return number ?? heading ?? '';
}

/**
 * Assemble the ordinance from its analysed files. Front-matter values that
 * failed their schema are left out (their errors are already reported), so
 * one bad key never hides the findings in the rest of the ordinance.
 */
export function buildOrdinance(
  slug: string,
  dir: string,
  ordinanceFile: FileAnalysis,
  sectionFiles: FileAnalysis[],
  groupFiles: ReadonlyMap<string, VFile> = new Map(),
): Ordinance {
  // The parser keeps only keys whose values passed ordinanceSchema.
  const meta = { ...UNKNOWN_META, ...(ordinanceFile.file.data.frontMatter ?? {}) } as OrdinanceMeta;
  const groups = buildGroups(groupFiles);
  const sections: Section[] = [];
  const quotedFiles: FileAnalysis[] = [];
  for (const analysis of sectionFiles) {
    const { file } = analysis;
    // A code section quoted from a file of its own is the code's: never numbered among the ordinance's sections.
    if (analysis.quoted) {
      quotedFiles.push(analysis);
      continue;
    }
    // The parser keeps only keys whose values passed sectionSchema; an unknown id is '' and resolves nothing.
    const sectionMeta = { id: '', heading: '', kind: 'general', ...(file.data.frontMatter ?? {}) } as SectionMeta;
    // An act's own section number ("Sec. 101." of a titled act) is printed as written; a section without one numbers on from the one before.
    const own = meta.type !== 'code-title' && ACT_SECTION_NUMBER.test(sectionMeta.number ?? '') ? Number(sectionMeta.number) : undefined;
    sections.push({
      id: sectionMeta.id,
      number: own ?? (sections.at(-1)?.number ?? 0) + 1,
      designation: own === undefined ? sectionMeta.number : undefined,
      heading: sectionMeta.heading ?? '',
      kind: sectionMeta.kind,
      status: sectionMeta.status,
      statusNote: sectionMeta['status-note'],
      summary: sectionMeta.summary,
      blocks: analysis.blocks,
      annotations: analysis.annotations,
      groups: groupsOf(path.relative(dir, path.dirname(file.path)), groups),
      quoted: [],
      file,
    });
  }
  for (const analysis of quotedFiles) {
    const holder = quotingSection(analysis.file, sections, sectionFiles);
    if (holder) holder.quoted.push(quotedSection(analysis, holder));
    else
      report(
        analysis.file,
        'quoted-section',
        "Unexpected code section before the ordinance's first section, expected it in the folder of the section whose instruction quotes it",
        {
          place: { line: 1, column: 1 },
        },
      );
  }
  const all = [ordinanceFile, ...sectionFiles];
  return {
    slug,
    dir,
    meta,
    preamble: ordinanceFile.blocks,
    sections,
    groups: [...groups.values()],
    terms: all.flatMap((a) => a.terms),
    citations: all.flatMap((a) => a.citations),
    references: all.flatMap((a) => a.references),
    file: ordinanceFile.file,
  };
}

/**
 * The section whose instruction quotes a code section's file: the one whose
 * file is named as a folder holding it (`02-chapter-12h.md` for
 * `02-chapter-12h/01-sec-12h-1.md`), else the ordinance's last section
 * before it in document order; none when it comes before them all.
 */
function quotingSection(file: VFile, sections: Section[], files: readonly FileAnalysis[]): Section | undefined {
  const byPath = new Map(sections.map((s) => [s.file.path, s]));
  for (let folder = path.dirname(file.path); folder !== path.dirname(folder); folder = path.dirname(folder)) {
    const named = byPath.get(`${folder}.md`);
    if (named) return named;
  }
  let before: Section | undefined;
  for (const analysis of files) {
    if (analysis.file === file) return before;
    before = byPath.get(analysis.file.path) ?? before;
  }
  return before;
}

/**
 * A code section quoted from a file of its own, as the section `holder`
 * quotes it: its designation (`number:`, else its heading line's), its text
 * as a block quote, and its Markdown as written. What it cites or refers to
 * stands in `holder`.
 */
function quotedSection(analysis: FileAnalysis, holder: Section): QuotedSection {
  const { file } = analysis;
  const position = analysis.quoted?.position;
  const source = { file, position };
  for (const node of [...analysis.citations, ...analysis.references]) node.sectionId = holder.id;
  const start = position?.start.offset;
  const end = position?.end.offset;
  const text = start !== undefined && end !== undefined ? String(file.value).slice(start, end) : '';
  return { designation: analysis.quoted?.designation ?? '', quote: { type: 'blockquote', children: analysis.blocks, source }, text, source, file };
}

/** Groups by folder key, in document order. */
function buildGroups(groupFiles: ReadonlyMap<string, VFile>): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const [key, file] of groupFiles) {
    const meta = (file.data.frontMatter ?? {}) as Partial<GroupMeta>; // keys that passed groupSchema
    groups.set(key, {
      key,
      prefix: meta.prefix ?? '',
      num: meta.num ?? '',
      heading: meta.heading,
      depth: key.split(path.sep).length,
      file,
    });
  }
  return groups;
}

/** The groups a section in folder `folder` stands in, outermost first. */
function groupsOf(folder: string, groups: ReadonlyMap<string, Group>): Group[] {
  if (!folder || folder === '.') return [];
  const parts = folder.split(path.sep);
  const found: Group[] = [];
  for (let i = 1; i <= parts.length; i++) {
    const group = groups.get(parts.slice(0, i).join(path.sep));
    if (group) found.push(group);
  }
  return found;
}

/** The first designation of the next paragraph among `nodes`, after its opening quotation mark in quoted law. */
function firstLabel(nodes: readonly RootContent[], quoted: boolean): string | undefined {
  const next = nodes.find((n) => n.type === 'paragraph');
  const first = next?.type === 'paragraph' ? next.children[0] : undefined;
  if (first?.type !== 'text') return undefined;
  const quote = quoted ? openingQuote(first.value) : '';
  return leadingMarkers(first.value.slice(quote.length)).labels[0];
}

/** Convert a section's top-level nodes to blocks, nesting subdivisions by marker. */
function toBlocks(nodes: RootContent[], collector: Collector): Block[] {
  const blocks: Block[] = [];
  /** Open subdivisions, outermost first. */
  const stack: Subdivision[] = [];
  const openLabels = () => new Map(stack.map((s) => [s.level, s.label]));
  const append = (block: Block) => {
    const top = stack[stack.length - 1];
    if (top) top.blocks.push(block);
    else blocks.push(block);
  };
  // A section that spells out its subdivisions with ::subdivision reads no markers from paragraphs.
  const explicit = nodes.some((n) => n.type === 'leafDirective' && n.name === 'subdivision');
  for (const [index, node] of nodes.entries()) {
    if (node.type === 'leafDirective' && node.name === 'subdivision') {
      explicitSubdivision(node, stack, blocks, collector);
      continue;
    }
    if (node.type === 'leafDirective' && node.name === 'amend') {
      // An amending instruction stated explicitly: kept with the section's notes, read by pipeline/amend/read.ts, never printed.
      collector.annotations.push({
        type: 'amend',
        attributes: Object.fromEntries(Object.entries(node.attributes ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
        blocks: [],
        source: { file: collector.file, position: node.position },
      });
      continue;
    }
    if (node.type === 'containerDirective' && node.name === 'annotation') {
      if (collector.nesting >= MAX_BLOCK_NESTING) {
        reportDepth(collector, 'block quotes, lists and notes', MAX_BLOCK_NESTING, node);
        continue;
      }
      collector.annotations.push({
        type: node.attributes?.type ?? '',
        attributes: Object.fromEntries(Object.entries(node.attributes ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
        blocks: toBlocks(node.children, { ...collector, annotations: [], nesting: collector.nesting + 1 }),
        source: { file: collector.file, position: node.position },
      });
      continue;
    }
    if (node.type === 'paragraph') {
      if (collector.quoted && quotedHeading(node, blocks, stack, collector)) continue;
      const first = node.children[0];
      // In quoted law, the enrolled form's opening quote mark stands before the designation ("\"(a) To be …"): printed with it.
      const quote = collector.quoted && first?.type === 'text' && !explicit ? openingQuote(first.value) : '';
      const written = first?.type === 'text' && !explicit ? leadingMarkers(first.value.slice(quote.length)) : { labels: [], length: 0 };
      const markers = written.labels.length > 0 ? { ...written, length: written.length + quote.length } : written;
      if (markers.labels.length === 0) {
        const children = toInlines(node.children, collector);
        if (children.length > 0) append({ type: 'paragraph', children, source: { file: collector.file, position: node.position } });
        continue;
      }
      const rest = [{ ...(first as { type: 'text'; value: string }), value: (first as { value: string }).value.slice(markers.length) }, ...node.children.slice(1)];
      for (const [i, label] of markers.labels.entries()) {
        // The last designation's level may turn on the one after it ("(i)" then "(ii)"): the next paragraph's first.
        const level = levelOf(label, openLabels(), i === markers.labels.length - 1 && !explicit ? firstLabel(nodes.slice(index + 1), collector.quoted) : undefined);
        if (level > MAX_SUBDIVISION_DEPTH) {
          reportDepth(collector, 'subdivisions', MAX_SUBDIVISION_DEPTH, node);
          break;
        }
        while (stack.length > 0 && stack[stack.length - 1]!.level >= level) stack.pop();
        const parentPath = stack.map((s) => `(${s.label})`).join('');
        const subdivision: Subdivision = {
          type: 'subdivision',
          level,
          label,
          path: `${parentPath}(${label})`,
          marker: i === 0 && quote ? `${quote}(${label})` : '',
          explicit: false,
          children: i === markers.labels.length - 1 ? toInlines(rest as PhrasingContent[], collector) : [],
          blocks: [],
          source: { file: collector.file, position: node.position },
        };
        append(subdivision);
        stack.push(subdivision);
      }
      continue;
    }
    const block = toBlock(node, collector);
    if (block) append(block);
  }
  return blocks;
}

/**
 * A quoted section's heading line ("Sec. 7. Qualifications."): a paragraph of
 * its own at the quote's top level, after which the section's subdivisions
 * start again. Whether the paragraph was one.
 */
function quotedHeading(node: MdastParagraph, blocks: Block[], stack: Subdivision[], collector: Collector): boolean {
  const designation = headingDesignation(mdastToString(node));
  if (designation === undefined) return false;
  stack.length = 0;
  blocks.push({ type: 'paragraph', children: toInlines(node.children, collector), source: { file: collector.file, position: node.position }, sectionHeading: designation });
  return true;
}

/**
 * `::subdivision[text]{num="(1A)" depth=2}` opens a subdivision at that depth;
 * without `num` it is more text of the open subdivision at that depth.
 */
function explicitSubdivision(node: LeafDirective, stack: Subdivision[], blocks: Block[], collector: Collector): void {
  const depth = Number(node.attributes?.depth);
  // num="" is an undesignated subdivision; no num at all is more text of an open one.
  const num = node.attributes?.num?.trim();
  const opens = num !== undefined;
  const source = { file: collector.file, position: node.position };
  const children = toInlines(node.children, collector);
  if (!opens && depth === 0) {
    stack.length = 0;
    blocks.push({ type: 'paragraph', children, source });
    return;
  }
  const limit = opens ? stack.length + 1 : stack.length;
  if (opens && depth > MAX_SUBDIVISION_DEPTH && depth <= limit) {
    reportDepth(collector, 'subdivisions', MAX_SUBDIVISION_DEPTH, node);
    return;
  }
  if (!Number.isInteger(depth) || depth < 1 || depth > limit) {
    report(collector.file, 'subdivision-depth', `Unexpected depth \`${node.attributes?.depth ?? ''}\` on \`::subdivision\`, expected ${limit <= 1 ? '1' : `1 to ${limit}`} here`, {
      place: node.position,
    });
    return;
  }
  if (!opens) {
    stack.length = depth;
    stack[depth - 1]!.blocks.push({ type: 'paragraph', children, source });
    return;
  }
  stack.length = depth - 1;
  const parenthesized = /^\((.+)\)$/.exec(num);
  const label = parenthesized ? parenthesized[1]! : num;
  const subdivision: Subdivision = {
    type: 'subdivision',
    level: depth,
    label,
    path: `${stack.map((s) => (s.marker === '' ? `(${s.label})` : s.marker)).join('')}${num}`,
    marker: parenthesized || num === '' ? '' : num,
    explicit: true,
    children,
    blocks: [],
    source,
  };
  const parent = stack[stack.length - 1];
  if (parent) parent.blocks.push(subdivision);
  else blocks.push(subdivision);
  stack.push(subdivision);
}

/**
 * Report blocks nested deeper than the format allows; what they hold is not
 * read (the error keeps the ordinance from being built).
 */
function reportDepth(collector: Collector, what: string, limit: number, node: RootContent): void {
  report(collector.file, 'nesting-depth', `Unexpected ${what} nested more than ${limit} deep, expected at most ${limit} levels`, { place: node.position });
}

function toBlock(node: RootContent, collector: Collector): Block | null {
  const source = { file: collector.file, position: node.position };
  if ((node.type === 'list' || node.type === 'blockquote') && collector.nesting >= MAX_BLOCK_NESTING) {
    reportDepth(collector, 'block quotes, lists and notes', MAX_BLOCK_NESTING, node);
    return null;
  }
  const inside = { ...collector, nesting: collector.nesting + 1 };
  switch (node.type) {
    case 'list':
      return {
        type: 'list',
        ordered: node.ordered ?? false,
        start: node.start ?? 1,
        items: node.children.map((item) => item.children.flatMap((child) => toBlocks([child], inside))),
        source,
      };
    case 'table': {
      const [head, ...body] = node.children;
      const columns = head?.children.length ?? 0;
      if (columns > MAX_TABLE_COLUMNS)
        report(collector.file, 'table-columns', `Unexpected table of ${columns} columns, expected at most ${MAX_TABLE_COLUMNS} (split it, or turn it)`, {
          place: node.position,
        });
      for (const row of body)
        if (row.children.length > columns)
          report(collector.file, 'table-columns', `Unexpected ${row.children.length} cells in a row, expected at most ${columns} (the header's columns)`, {
            place: row.position,
          });
      return {
        type: 'table',
        align: node.align ?? [],
        header: head ? head.children.map((cell) => toInlines(cell.children, collector)) : [],
        rows: body.map((row) => row.children.map((cell) => toInlines(cell.children, collector))),
        source,
      };
    }
    case 'blockquote':
      return { type: 'blockquote', children: toBlocks(node.children, { ...inside, quoted: true }), source };
    case 'html':
      // Comments (suppressions, notes) are not printed; other HTML would be dropped with its words.
      if (!isComment(node.value)) reportHtml(node, collector);
      return null;
    case 'definition':
      // Link definitions are not printed; a footnote's (`[^1]: ...`) would lose its words.
      if (node.label?.startsWith('^'))
        report(collector.file, 'unsupported-markdown', `Unexpected footnote \`[${node.label}]:\`, expected its words in the text (footnotes are not printed)`, {
          place: node.position,
        });
      return null;
    case 'heading':
      report(collector.file, 'unsupported-markdown', 'Unexpected Markdown heading in a section, expected the heading in front matter (`heading:`) and prose or subdivisions here', {
        place: node.position,
      });
      return null;
    default:
      report(collector.file, 'unsupported-markdown', `Unexpected ${describeNode(node)}, expected paragraphs, subdivisions such as \`(a)\`, lists, tables or block quotes`, {
        place: node.position,
      });
      return null;
  }
}

/** Whether raw HTML is only a comment (`<!-- ... -->`): suppressions and notes, never printed. */
function isComment(html: string): boolean {
  return /^<!--[\s\S]*-->$/.test(html.trim());
}

/** HTML other than a comment: the PDF cannot print it, and dropping it would lose its words. */
function reportHtml(node: Html, collector: Collector): void {
  const tag = /^<\/?[^\s>]*>?/.exec(node.value.trim())?.[0] ?? node.value.slice(0, 20);
  report(collector.file, 'unsupported-markdown', `Unexpected HTML \`${tag}\`, expected Markdown text (write \`\\<\` for a literal \`<\`)`, { place: node.position });
}

function describeNode(node: RootContent | BlockContent | DefinitionContent): string {
  switch (node.type) {
    case 'code':
      return 'code block';
    case 'thematicBreak':
      return 'thematic break (`---`)';
    case 'containerDirective':
    case 'leafDirective':
      return `block annotation \`${'name' in node ? node.name : ''}\``;
    default:
      return `${node.type} block`;
  }
}

function toInlines(nodes: PhrasingContent[], collector: Collector): Inline[] {
  const out: Inline[] = [];
  for (const node of nodes) {
    const inline = toInline(node, collector);
    if (inline) out.push(inline);
  }
  return out;
}

function toInline(node: PhrasingContent, collector: Collector): Inline | null {
  const source = { file: collector.file, position: node.position };
  switch (node.type) {
    case 'text':
      // The position lets text rules point into the source (see validate/prose-runs.ts).
      return { type: 'text', value: node.value.replace(/\s*\n\s*/g, ' '), position: node.position };
    case 'emphasis':
    case 'strong':
      return { type: node.type, children: toInlines(node.children, collector) };
    case 'delete':
      return { type: 'deletion', children: toInlines(node.children, collector), source };
    case 'inlineCode':
      return { type: 'code', value: node.value };
    case 'break':
      return { type: 'break' };
    case 'link':
      return { type: 'link', url: node.url, children: toInlines(node.children, collector), source };
    case 'linkReference':
      return { type: 'text', value: mdastToString(node) };
    case 'textDirective':
      return toAnnotation(node, collector);
    case 'image':
      return { type: 'image', url: node.url, alt: node.alt ?? '', source };
    case 'html':
      if (!isComment(node.value)) reportHtml(node, collector);
      return null;
    default:
      report(collector.file, 'unsupported-markdown', `Unexpected ${node.type} in text, expected words, emphasis, links or annotations`, {
        place: node.position,
      });
      return null;
  }
}

function toAnnotation(node: TextDirective, collector: Collector): Inline | null {
  const source = { file: collector.file, position: node.position };
  const attributes = node.attributes ?? {};
  const children = toInlines(node.children, collector);
  switch (node.name) {
    case 'term': {
      const term = mdastToString(node).trim();
      const definition: TermDefinition = { type: 'term', term, id: attributes.id || slugify(term), children, source };
      collector.terms.push(definition);
      return definition;
    }
    case 'cite': {
      const citation: Citation = {
        type: 'citation',
        directiveId: (attributes.to ?? '').trim(),
        pinpoint: attributes.pin?.trim() || undefined,
        children,
        source,
        sectionId: collector.sectionId,
      };
      collector.citations.push(citation);
      return citation;
    }
    case 'ref': {
      const reference: SectionReference = {
        type: 'sectionRef',
        targetId: (attributes.to ?? '').trim(),
        pinpoint: attributes.pin?.trim() || undefined,
        source,
        sectionId: collector.sectionId,
      };
      collector.references.push(reference);
      return reference;
    }
    case 'ins':
      return { type: 'insertion', children, source };
    case 'del':
      return { type: 'deletion', children, source };
    case 'tbd':
      return { type: 'placeholder', description: mdastToString(node).trim(), source };
    default:
      // Unknown annotations were reported by the parser; keep their words.
      return { type: 'text', value: mdastToString(node) };
  }
}

/** The model stage: assemble a parsed ordinance folder into its typed `Ordinance`. */
export function modelOrdinance(parsed: ParsedOrdinance): Ordinance {
  const { sources } = parsed;
  return buildOrdinance(sources.slug, sources.dir, parsed.ordinanceFile, parsed.sectionFiles, sources.groupFiles);
}
