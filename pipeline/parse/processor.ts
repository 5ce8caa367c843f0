/**
 * Parse: one unified processor chain for every source file. Markdown with
 * GFM tables and strikethrough, YAML front matter checked against the file's
 * schema, and the annotations drafters write as directives.
 */
import type { Root } from 'mdast';
import type { Node, Parent } from 'unist';
import { report } from '../report/diagnostics.js';
import { MAX_TREE_DEPTH } from '../model/limits.js';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import remarkAnnotations from './annotations.js';
import remarkGfmTables from './gfm-tables.js';
import remarkSuppressions from './suppressions.js';
import remarkFrontMatterData from './front-matter.js';
import type { TSchema } from 'typebox';

/** A parsed source file: its tree (front matter removed) and the file carrying data and messages. */
export interface ParsedFile {
  tree: Root;
  file: VFile;
}

const processors = new Map<TSchema, ReturnType<typeof createProcessor>>();

function createProcessor(schema: TSchema, what: string) {
  return unified()
    .use(remarkParse)
    .use(remarkFrontmatter, ['yaml'])
    .use(remarkGfmTables)
    .use(remarkDirective)
    .use(remarkFrontMatterData, { schema, what })
    .use(remarkAnnotations)
    .use(remarkSuppressions);
}

/** Parse and check one file against `schema`; problems land on `file.messages`. */
/** The processor for files of `schema`, made once. */
function processorFor(schema: TSchema, what: string): ReturnType<typeof createProcessor> {
  let processor = processors.get(schema);
  if (!processor) {
    processor = createProcessor(schema, what);
    processors.set(schema, processor);
  }
  return processor;
}

export function parseSource(file: VFile, schema: TSchema, what: string): ParsedFile {
  const processor = processorFor(schema, what);
  const parsed = processor.parse(file);
  const deep = nodeTooDeep(parsed);
  if (deep) {
    // Later stages walk the tree recursively: a tree this deep is reported, and only its front matter is read.
    report(
      file,
      'nesting-depth',
      `Unexpected Markdown nested more than ${MAX_TREE_DEPTH} deep (emphasis, links, block quotes or lists inside one another), expected far fewer levels`,
      {
        place: deep.position,
      },
    );
    parsed.children = parsed.children.filter((node) => node.type === 'yaml');
  }
  const tree = processor.runSync(parsed, file) as Root;
  return { tree, file };
}

/** The first node of `tree` more than MAX_TREE_DEPTH levels down, found without recursion; null when there is none. */
function nodeTooDeep(tree: Root): Node | null {
  const stack: [Node, number][] = [[tree, 0]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [node, depth] = entry;
    if (depth > MAX_TREE_DEPTH) return node;
    const children = (node as Parent).children;
    if (children) for (const child of children) stack.push([child, depth + 1]);
  }
  return null;
}

/** Front matter fenced as remark-frontmatter reads it, with line feeds only: the YAML between the fences, and where the body starts. */
const FENCED = /^---\n([\s\S]*?)\n---(?:\n|$)/;

/**
 * A body that can give no finding and no tree deeper than the limit, parsed or not: no directive (`:name`),
 * HTML or comment (`<`), table (`|`), block quote (`>`), link (`[`), and few emphasis marks.
 */
function inertBody(body: string): boolean {
  return !/:[A-Za-z]|[<|>[]/.test(body) && (body.match(/[*_]/g)?.length ?? 0) < 50 && !/^ {4,}/m.test(body);
}

/**
 * Check the front matter of a file whose body is only kept as text (a registry entry's digest), without
 * parsing the body as Markdown when it is inert: the same findings and front-matter data as parseSource,
 * at a fraction of the cost for thousands of entries. Null when the file does not qualify (parse it whole).
 */
export function parseFrontMatterOnly(file: VFile, schema: TSchema, what: string): { body: string } | null {
  const text = String(file.value);
  const fenced = FENCED.exec(text);
  if (!fenced) return null;
  const body = text.slice(fenced[0].length);
  if (!inertBody(body)) return null;
  const processor = processorFor(schema, what);
  const yamlLines = fenced[1]!.split('\n').length;
  // The node remark-frontmatter makes: the YAML's text, placed from the opening fence to the closing one.
  const yaml = {
    type: 'yaml' as const,
    value: fenced[1]!,
    position: { start: { line: 1, column: 1, offset: 0 }, end: { line: yamlLines + 2, column: 4, offset: fenced[0].replace(/\n$/, '').length } },
  };
  processor.runSync({ type: 'root', children: [yaml] } as Root, file);
  return { body: body.trim() };
}
