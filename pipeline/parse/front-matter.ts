/**
 * Remark plugin: read the YAML front matter with positions, check it against
 * the file's schema, and keep the value and the place of every key on
 * `file.data` for later stages.
 */
import type { Root, Yaml } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { LineCounter, parseDocument } from 'yaml';
import { report } from '../diagnostics.js';
import { checkSchema, type Schema } from './schema.js';

declare module 'vfile' {
  interface DataMap {
    /** The front matter as plain data; null when missing or unusable. */
    frontMatter: Record<string, unknown> | null;
    /** Key path ("dates.adopted") to its place in the file. */
    frontMatterPlaces: globalThis.Map<string, Position>;
  }
}

export interface FrontMatterOptions {
  schema: Schema;
  /** What the file is, for messages ("section front matter"). */
  what: string;
}

/** Turn YAML offsets into a file position, given the yaml node's own place. */
function placer(yamlNode: Yaml, lineCounter: LineCounter) {
  const baseLine = yamlNode.position?.start.line ?? 1;
  return (start: number, end: number): Position => {
    const a = lineCounter.linePos(start);
    const b = lineCounter.linePos(Math.max(start, end));
    return {
      start: { line: baseLine + a.line, column: a.col },
      end: { line: baseLine + b.line, column: b.col },
    };
  };
}

export default function remarkFrontMatterData(options: FrontMatterOptions) {
  return (tree: Root, file: VFile) => {
    file.data.frontMatter = null;
    file.data.frontMatterPlaces = new Map();
    const first = tree.children[0];
    if (!first || first.type !== 'yaml') {
      const unclosed = String(file.value).startsWith('---');
      report(
        file,
        'front-matter-syntax',
        unclosed
          ? 'Unclosed front matter, expected a closing `---` line after the metadata'
          : `Missing front matter, expected a \`---\` block with the ${options.what} at the top of the file`,
        { place: { line: 1, column: 1 } },
      );
      return;
    }
    const lineCounter = new LineCounter();
    const doc = parseDocument(first.value, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
    const place = placer(first, lineCounter);
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const [start, end] = error.pos;
        report(file, 'front-matter-syntax', `Malformed YAML: ${firstLine(error.message)}`, { place: place(start, end) });
      }
      return;
    }
    const { problems, places } = checkSchema(doc.contents, options.schema, options.what);
    for (const problem of problems) {
      report(file, 'front-matter-schema', problem.message, { place: place(problem.range[0], problem.range[1]) });
    }
    for (const [key, [start, end]] of places) file.data.frontMatterPlaces.set(key, place(start, end));
    if (problems.length === 0) {
      const value: unknown = doc.toJS();
      file.data.frontMatter = value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
    }
    tree.children.shift();
  };
}

function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  // The yaml package appends "at line L, column C"; our position says it better.
  return line.replace(/ at line \d+, column \d+:?$/, '');
}

/** Where front-matter key `keyPath` ("dates.adopted", "codifies.0") sits in `file`, if it was read. */
export function placeOf(file: VFile, keyPath: string): Position | undefined {
  return file.data.frontMatterPlaces?.get(keyPath);
}
