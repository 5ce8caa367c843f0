/**
 * Remark plugin: read the YAML front matter with positions, check it against
 * the file's schema, and keep the value and the place of every key on
 * `file.data` for later stages.
 */
import type { Root, Yaml } from 'mdast';
import type { Position } from 'unist';
import type { VFile } from 'vfile';
import { location } from 'vfile-location';
import { isAlias, isScalar, parseDocument, visit, type Document } from 'yaml';
import { MAX_YAML_ALIASES } from '../model/limits.js';
import { report } from '../report/diagnostics.js';
import type { TSchema } from 'typebox';
import { placeOfPath, placesOf } from '../schema/places.js';
import { schemaProblems } from '../schema/validate.js';

declare module 'vfile' {
  interface DataMap {
    /**
     * The front matter as plain data, less the keys whose values failed the
     * schema (so later stages can still check the rest); null when missing or
     * not YAML.
     */
    frontMatter: Record<string, unknown> | null;
    /** Whether the front matter passed its schema whole. */
    frontMatterValid: boolean;
    /** Key path ("dates.adopted") to its place in the file. */
    frontMatterPlaces: globalThis.Map<string, Position>;
  }
}

export interface FrontMatterOptions {
  schema: TSchema;
  /** What the file is, for messages ("section front matter"). */
  what: string;
}

/** Turn YAML offsets into a file position, given the yaml node's own place. */
function placer(yamlNode: Yaml) {
  const baseLine = yamlNode.position?.start.line ?? 1;
  // Lines counted from the YAML text itself: the parser's LineCounter misses line ends inside a scalar it recovers from after an error.
  const points = location(yamlNode.value);
  const point = (offset: number) => {
    const p = points.toPoint(Math.min(Math.max(0, offset), yamlNode.value.length));
    return { line: baseLine + (p?.line ?? 1), column: p?.column ?? 1 };
  };
  return (start: number, end: number): Position => ({ start: point(start), end: point(Math.max(start, end)) });
}

export default function remarkFrontMatterData(options: FrontMatterOptions) {
  return (tree: Root, file: VFile) => {
    file.data.frontMatter = null;
    file.data.frontMatterValid = false;
    file.data.frontMatterPlaces = new Map();
    const first = tree.children[0];
    if (first?.type !== 'yaml') {
      const unclosed = String(file.value).startsWith('---');
      // Without its closing fence the opening `---` parses as a rule; it is this error, not another.
      if (unclosed && first && (first.type === 'thematicBreak' || first.type === 'heading')) tree.children.shift();
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
    const doc = parseDocument(first.value, { prettyErrors: false, uniqueKeys: true, strict: true });
    const place = placer(first);
    tree.children.shift();
    if (doc.errors.length > 0) {
      for (const error of doc.errors) {
        const unclosed = /end with an? ([\]}])/.exec(error.message);
        const opener = unclosed ? (unclosed[1] === ']' ? '[' : '{') : '';
        const openedAt = opener ? first.value.lastIndexOf(opener, error.pos[0]) : -1;
        if (openedAt >= 0) {
          // yaml notices an unclosed [ or { where the next line starts; the drafter needs the bracket.
          report(file, 'front-matter-syntax', `Malformed YAML: unclosed \`${opener}\`, expected \`${unclosed![1]}\` (put text that starts with \`${opener}\` in quotes)`, {
            place: place(openedAt, openedAt + 1),
          });
          continue;
        }
        const [start, end] = error.pos;
        report(file, 'front-matter-syntax', `Malformed YAML: ${firstLine(error.message)}`, { place: place(start, end) });
      }
      return;
    }
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_YAML_ALIASES });
    } catch (error) {
      // yaml refuses aliases it cannot resolve, and those that expand past the count (an "alias bomb").
      if (!(error instanceof ReferenceError)) throw error;
      const alias = firstAlias(doc);
      const at = alias ? place(alias[0], alias[1]) : first.position;
      if (/excessive alias/i.test(error.message))
        report(file, 'yaml-aliases', `Unexpected YAML aliases that expand past ${MAX_YAML_ALIASES} values, expected the metadata written out`, { place: at });
      else report(file, 'front-matter-syntax', `Malformed YAML: ${firstLine(error.message)}`, { place: at });
      return;
    }
    // An empty block is a mapping with nothing in it: each required key is missing.
    const problems = schemaProblems(options.schema, value === null || value === '' ? {} : value, options.what);
    for (const problem of problems) {
      const [start, end] = placeOfPath(doc, problem.path, problem.at);
      report(file, 'front-matter-schema', problem.message, { place: place(start, end), fix: problem.fix });
    }
    reportControlCharacters(file, doc, place);
    for (const [key, [start, end]] of placesOf(doc, options.schema)) file.data.frontMatterPlaces.set(key, place(start, end));
    const data: Record<string, unknown> = value && typeof value === 'object' && !Array.isArray(value) ? { ...(value as Record<string, unknown>) } : {};
    // A value that failed its schema is dropped whole, by its top-level key, so no rule reads it.
    for (const problem of problems) if (typeof problem.unusable[0] === 'string') delete data[problem.unusable[0]];
    const known = (options.schema as { properties?: Record<string, unknown> }).properties ?? {};
    for (const key of Object.keys(data)) if (!(key in known)) delete data[key];
    file.data.frontMatter = data;
    file.data.frontMatterValid = problems.length === 0;
  };
}

/**
 * Characters XML 1.0 cannot hold (C0 controls but tab and line ends, and the
 * noncharacters U+FFFE and U+FFFF), with the C1 controls and DEL, which print
 * as nothing: metadata reaches the PDF's Info dictionary and its XMP packet.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is this pattern's purpose.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffe\uffff]/u;

/** Each string value of the front matter holding a control character, reported at the value. */
function reportControlCharacters(file: VFile, doc: ReturnType<typeof parseDocument>, place: (start: number, end: number) => Position): void {
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string' || !isScalar(node)) return;
      const found = CONTROL.exec(node.value);
      if (!found) return;
      const code = found[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
      const [start, end] = node.range ?? [0, 0];
      report(file, 'front-matter-control-character', `Unexpected control character U+${code} in a front-matter value, expected printable text (remove it or write it as a space)`, {
        place: place(start, end),
      });
    },
  });
}

/** Where the first alias (`*name`) of `doc` stands. */
function firstAlias(doc: Document): [number, number] | null {
  let found: [number, number] | null = null;
  visit(doc, {
    Alias(_, node) {
      if (isAlias(node) && node.range) {
        found = [node.range[0], node.range[1]];
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
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
