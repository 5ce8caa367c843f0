/**
 * JSON files a person writes (ordinance.config.json, templates), read with
 * the place of every key and value, and checked against their schema: each
 * mistake is reported as `path:line:col: message`, at the exact key or value.
 */
import path from 'node:path';
import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { schemaProblems, type KeyPath, type SchemaProblem } from './validate.js';
import { FileProblemsError, type FileProblem } from './problems.js';

/** A JSON file read with its places. */
export interface JsonSource {
  /** The path as printed in messages (relative to the working folder). */
  file: string;
  text: string;
  value: unknown;
  tree: JsonNode | undefined;
}

/** What a JSON syntax error expects next. */
const EXPECTED: Record<string, string> = {
  InvalidSymbol: 'a JSON value (text in double quotes, a number, `true`, `false`, `null`, `{…}` or `[…]`)',
  InvalidNumberFormat: 'a JSON number',
  PropertyNameExpected: 'a key in double quotes',
  ValueExpected: 'a value',
  ColonExpected: '`:`',
  CommaExpected: '`,`',
  CloseBraceExpected: '`}`',
  CloseBracketExpected: '`]`',
  EndOfFileExpected: 'the end of the file',
  InvalidCommentToken: 'no comments (JSON has none; a `$comment` key can hold one)',
  UnexpectedEndOfComment: 'the end of the comment',
  UnexpectedEndOfString: 'a closing `"`',
  UnexpectedEndOfNumber: 'a digit',
  InvalidUnicode: 'a `\\uXXXX` escape',
  InvalidEscapeCharacter: 'an escape such as `\\n` or `\\"`',
  InvalidCharacter: 'no control characters inside text',
};

/**
 * `{…}` and `[…]` nested at most this deep in a JSON file a person or the tool
 * writes: no real configuration, template or lock comes near it, and deeper
 * ones would overflow the stack of the parser and of every walk after it.
 */
export const MAX_JSON_NESTING = 64;

/** The offset of the first `{` or `[` nested deeper than MAX_JSON_NESTING in `text` (strings skipped), or -1 when none is. */
export function tooDeep(text: string): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: skip to its closing quote, past escapes.
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > MAX_JSON_NESTING) return i;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return -1;
}

const lineStarts = new WeakMap<JsonSource, number[]>();

/** Where an offset of a JSON source is, as 1-based line and column: its lines found once, each place by bisection (a lock has thousands of entries). */
export function placeOf(source: JsonSource, offset: number): { line: number; column: number } {
  let starts = lineStarts.get(source);
  if (!starts) {
    starts = [0];
    for (let i = source.text.indexOf('\n'); i !== -1; i = source.text.indexOf('\n', i + 1)) starts.push(i + 1);
    lineStarts.set(source, starts);
  }
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (starts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return { line: low + 1, column: offset - starts[low]! + 1 };
}

/** Where an offset of `text` is, as 1-based line and column. */
export function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, column: offset - start + 1 };
}

/** The path `file` is named by in messages. */
export function displayPath(file: string): string {
  return path.relative(process.cwd(), file) || file;
}

/** Parse a JSON file's `text` with its places (`file` as messages name it); malformed JSON or a repeated key is a FileProblemsError at its place. */
export function parseJsonSource(text: string, shown: string): JsonSource {
  const deep = tooDeep(text);
  if (deep >= 0)
    throw new FileProblemsError([
      {
        file: shown,
        ...lineColumn(text, deep),
        message: `Unexpected \`${text[deep]}\` nested ${MAX_JSON_NESTING + 1} deep, expected at most ${MAX_JSON_NESTING} levels of \`{…}\` and \`[…]\``,
      },
    ]);
  const errors: ParseError[] = [];
  const tree = parseTree(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
  // The first error is the mistake; those after it follow from it.
  const first = errors[0];
  if (first) {
    const token = text.slice(first.offset, first.offset + first.length);
    const found = first.offset >= text.length ? 'end of file' : `\`${token || text[first.offset]}\``;
    const expected = EXPECTED[printParseErrorCode(first.error)] ?? 'valid JSON';
    throw new FileProblemsError([{ file: shown, ...lineColumn(text, first.offset), message: `Malformed JSON: unexpected ${found}, expected ${expected}` }]);
  }
  const duplicates = duplicateKeys(tree).map((key) => ({
    file: shown,
    ...lineColumn(text, key.offset),
    message: `Unexpected duplicate key \`${String(key.value)}\`, expected each key once (JSON keeps only the last)`,
  }));
  if (duplicates.length) throw new FileProblemsError(duplicates);
  return { file: shown, text, value: JSON.parse(text) as unknown, tree };
}

function duplicateKeys(node: JsonNode | undefined): JsonNode[] {
  if (!node) return [];
  const out: JsonNode[] = [];
  if (node.type === 'object') {
    const seen = new Set<string>();
    for (const property of node.children ?? []) {
      const key = property.children?.[0];
      if (!key) continue;
      if (seen.has(String(key.value))) out.push(key);
      seen.add(String(key.value));
    }
  }
  for (const child of node.children ?? []) out.push(...duplicateKeys(child));
  return out;
}

const propertiesByKey = new WeakMap<JsonNode, Map<string, JsonNode>>();

/** The value of `key` in an object node, or of index `key` in an array node: an object's keys indexed once, so a lookup costs the same in a lock of 50,000 entries as in one of ten. */
function childAt(node: JsonNode, key: string | number): JsonNode | undefined {
  if (node.type === 'array') return typeof key === 'number' ? node.children?.[key] : undefined;
  if (node.type !== 'object' || typeof key !== 'string') return undefined;
  let byKey = propertiesByKey.get(node);
  if (!byKey) {
    byKey = new Map();
    // The last of a repeated key, as JSON.parse keeps it.
    for (const property of node.children ?? []) if (property.children?.[0] && property.children[1]) byKey.set(String(property.children[0].value), property.children[1]);
    propertiesByKey.set(node, byKey);
  }
  return byKey.get(key);
}

/** The offset of `path`'s value (or key) in the file; the nearest enclosing place when it is not there. */
export function offsetOf(source: JsonSource, keyPath: KeyPath, at: 'key' | 'value'): number {
  if (!source.tree) return 0;
  let node: JsonNode = source.tree;
  let found = 0;
  for (const key of keyPath) {
    const child = childAt(node, key);
    if (!child) break;
    node = child;
    found++;
  }
  if (found === keyPath.length && found > 0 && at === 'key' && node.parent?.type === 'property') return node.parent.children?.[0]?.offset ?? node.offset;
  return node.offset;
}

/** Problems of a schema finding list, placed in `source`. */
export function placeProblems(source: JsonSource, problems: SchemaProblem[]): FileProblem[] {
  return problems
    .map((problem) => ({ file: source.file, ...placeOf(source, offsetOf(source, problem.path, problem.at)), message: problem.message }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Check a JSON source against `schema`; `what` names it in messages ("the configuration"). */
export function checkJson(source: JsonSource, schema: TSchema, what: string): FileProblem[] {
  return placeProblems(source, schemaProblems(schema, source.value, what));
}

/** Where a key path is, as a file problem with `message`. */
export function problemAt(source: JsonSource, keyPath: KeyPath, message: string, at: 'key' | 'value' = 'value'): FileProblem {
  return { file: source.file, ...placeOf(source, offsetOf(source, keyPath, at)), message };
}

const outputChecks = new WeakMap<TSchema, { Check(value: unknown): boolean }>();

/** Whether `value` fits an output's schema: compiled at once, as outputs are large (a D.C. Code title's xref.json holds thousands of citations). */
export function fitsOutput(schema: TSchema, value: unknown): boolean {
  let check = outputChecks.get(schema);
  if (!check) {
    check = Compile(schema);
    outputChecks.set(schema, check);
  }
  return check.Check(value);
}
