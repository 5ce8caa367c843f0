/**
 * Parse: one unified processor chain for every source file. Markdown with
 * GFM tables and strikethrough, YAML front matter checked against the file's
 * schema, and the annotations drafters write as directives.
 */
import type { Root } from 'mdast';
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
export function parseSource(file: VFile, schema: TSchema, what: string): ParsedFile {
  let processor = processors.get(schema);
  if (!processor) {
    processor = createProcessor(schema, what);
    processors.set(schema, processor);
  }
  const tree = processor.runSync(processor.parse(file), file) as Root;
  return { tree, file };
}
