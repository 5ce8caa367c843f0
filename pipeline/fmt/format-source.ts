/**
 * Canonical formatting of a source file: parsed with the same extensions as
 * the parse stage (YAML front matter, the format's GFM tables and
 * strikethrough, directives) and printed back with remark-stringify in one
 * house style. The front matter is kept byte for byte, and the words as the
 * drafter wrote them (their escapes too, where the context allows). The
 * result is proved to parse to the same tree as the source; when it would
 * not, the source is printed with every escape the printer knows, and when
 * even that differs it is left as it is.
 */
import type { Nodes, Root, Text } from 'mdast';
import { directiveToMarkdown } from 'mdast-util-directive';
import { gfmStrikethroughToMarkdown } from 'mdast-util-gfm-strikethrough';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import type { Handle, Options as ToMarkdownOptions } from 'mdast-util-to-markdown';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import remarkStringify, { type Options } from 'remark-stringify';
import { type Processor, unified } from 'unified';
import remarkGfmTables from '../parse/gfm-tables.js';

/** The house style of sources: what `ordinance fmt` prints. */
export const SOURCE_STYLE: Options = {
  bullet: '-',
  bulletOther: '*',
  emphasis: '*',
  strong: '*',
  fence: '`',
  fences: true,
  rule: '-',
  listItemIndent: 'one',
  incrementListMarker: true,
  resourceLink: false,
  tightDefinitions: true,
  join: [frontMatterSpacing, suppressionSpacing],
};

/** Directive attributes quoted, as written (`from=""` stays), no `#id` shortcuts; those written bare then unquoted by attributesAsWritten. */
const DIRECTIVE_STYLE = { quoteSmart: true, collapseEmptyAttributes: false, preferShortcut: false };

/** An attribute whose value could go bare (`to="exceptions"`), in a directive's attribute block. */
const BARE_VALUE = /(^|[\s{])([\w:-]+)="([\w-]+)"(?=[\s}])/g;

type PeekableHandle = Handle & { peek?: Handle };

/**
 * Attributes quoted or bare as the source wrote them (`{to=prohibitions
 * pin="(b)"}`): the directive printer quotes every value or none it may
 * leave bare; this unquotes, in the printed attribute block (the last `{...}`
 * of a text or leaf directive, the opening line's of a container), the values
 * the source wrote bare.
 */
function attributesAsWritten(handle: PeekableHandle, source: string): PeekableHandle {
  const unquoting: PeekableHandle = (node, parent, state, info) => {
    const printed = handle(node, parent, state, info);
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    if (start === undefined || end === undefined) return printed;
    const written = source.slice(start, end);
    const lineEnd = printed.indexOf('\n');
    const head = lineEnd < 0 ? printed : printed.slice(0, lineEnd);
    const block = /\{[^{}]*\}$/.exec(head);
    if (!block) return printed;
    const attributes = block[0].replace(BARE_VALUE, (quoted, lead: string, key: string, value: string) =>
      new RegExp(`[\\s{]${key}=${value}[\\s}]`).test(written) ? `${lead}${key}=${value}` : quoted,
    );
    return head.slice(0, block.index) + attributes + printed.slice(head.length);
  };
  // The printer asks a handler's peek for the character a node starts with.
  if (handle.peek) unquoting.peek = handle.peek;
  return unquoting;
}

/** The parse stage's syntax: what fmt reads. */
const parser = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkGfmTables).use(remarkDirective).freeze();

/**
 * The same syntax printed in the house style: tables with their columns
 * aligned, directives' attributes as written, and no escaped `:` in a link's
 * address (where no directive can start).
 */
function remarkSourceSyntax(this: Processor, source: string): void {
  const data = this.data();
  const directives = directiveToMarkdown(DIRECTIVE_STYLE);
  const handlers = directives.handlers as Record<'containerDirective' | 'leafDirective' | 'textDirective', PeekableHandle>;
  for (const type of ['containerDirective', 'leafDirective', 'textDirective'] as const) handlers[type] = attributesAsWritten(handlers[type], source);
  directives.unsafe = directives.unsafe?.map((pattern) =>
    pattern.character === ':' && pattern.inConstruct ? { ...pattern, notInConstruct: ['destinationLiteral', 'destinationRaw', 'titleQuote', 'titleApostrophe'] } : pattern,
  );
  data.toMarkdownExtensions = [...(data.toMarkdownExtensions ?? []), directives, gfmTableToMarkdown(), gfmStrikethroughToMarkdown()];
}

/** The blank lines between two blocks as the source has them after its front matter (none or one); the printer's choice elsewhere. */
function frontMatterSpacing(left: Nodes, right: Nodes): number | undefined {
  if (left.type !== 'yaml' || !left.position || !right.position) return undefined;
  return right.position.start.line - left.position.end.line > 1 ? 1 : 0;
}

/**
 * A `<!-- ordinance-disable-next-line … -->` suppression stays on the line
 * right before the block it suppresses: a blank line between them would leave
 * it suppressing nothing, and the findings it answers would come back.
 */
function suppressionSpacing(left: Nodes, right: Nodes): number | undefined {
  if (left.type !== 'html' || !/^<!--\s*ordinance-disable-next-line\b/.test(left.value) || !left.position || !right.position) return undefined;
  return right.position.start.line - left.position.end.line > 1 ? 1 : 0;
}

/** What fmt made of a source: its canonical text, and whether that had to fall back. */
export interface FormattedSource {
  text: string;
  /** `as-written`: the words kept as written; `escaped`: printed with the printer's own escapes; `unchanged`: no canonical form keeps the meaning, so the source is left as it is. */
  how: 'as-written' | 'escaped' | 'unchanged';
}

/**
 * A file's text in canonical form with the file's own line endings: CRLF
 * when most of its line breaks are CRLF (every one of them CRLF in the
 * result), else LF (every one LF). The house style is printed with LF, so a CRLF file is
 * read with LF and its endings put back after; the result is proved again
 * against the file as written.
 */
export function formatFileText(source: string): FormattedSource {
  const crlf = source.match(/\r\n/g)?.length ?? 0;
  const lf = (source.match(/\n/g)?.length ?? 0) - crlf;
  if (crlf === 0) return formatSource(source);
  const formatted = formatSource(source.replace(/\r\n/g, '\n'));
  if (formatted.how === 'unchanged') return { text: source, how: 'unchanged' };
  if (crlf < lf) return formatted;
  const text = formatted.text.replace(/\r?\n/g, '\r\n');
  // Proved against the source with every ending CRLF: which ending a line has never changes what it means.
  return sameMeaning(text, source.replace(/\r?\n/g, '\r\n')) ? { text, how: formatted.how } : { text: source, how: 'unchanged' };
}

/** The source text in canonical form, proved to mean what the source means. */
export function formatSource(source: string): FormattedSource {
  const tree = parser.parse(source);
  const meaning = JSON.stringify(withoutPositions(tree));
  const attempts: [FormattedSource['how'], ToMarkdownOptions][] = [
    ['as-written', { ...SOURCE_STYLE, handlers: { text: textAsWritten(source) } }],
    ['escaped', SOURCE_STYLE],
  ];
  for (const [how, options] of attempts) {
    const text = unified().use(remarkFrontmatter, ['yaml']).use(remarkSourceSyntax, source).use(remarkStringify, options).stringify(tree);
    if (JSON.stringify(withoutPositions(parser.parse(text))) === meaning) return { text, how };
  }
  return { text: source, how: 'unchanged' };
}

/**
 * A text node as its source wrote it (escapes and character references
 * included), continuation lines without their indent; the printer's escaped
 * form for text that spans lines inside a block quote (whose markers sit in
 * the source between the lines) or has no place in the source.
 */
function textAsWritten(source: string): Handle {
  return (node: Text, _parent, state, info) => {
    const start = node.position?.start.offset;
    const end = node.position?.end.offset;
    const written = start === undefined || end === undefined ? null : source.slice(start, end);
    if (written === null || (written.includes('\n') && state.stack.includes('blockquote'))) return state.safe(node.value, info);
    return written
      .split('\n')
      .map((line, i) => (i === 0 ? line : line.trimStart()))
      .join('\n');
  };
}

/** A tree's content without its places: what two parses of one meaning share. */
export function withoutPositions(node: Nodes): unknown {
  const { position: _position, ...rest } = node as Nodes & { children?: Nodes[] };
  if ('children' in rest && Array.isArray(rest.children)) return { ...rest, children: rest.children.map(withoutPositions) };
  return rest;
}

/** Whether two source texts parse to the same tree. */
export function sameMeaning(a: string, b: string): boolean {
  return JSON.stringify(withoutPositions(parser.parse(a) as Root)) === JSON.stringify(withoutPositions(parser.parse(b) as Root));
}
