/**
 * JSON files a person writes (ordinance.config.json, templates), read with
 * the place of every key and value, and checked against their schema: each
 * mistake is reported as `path:line:col: message`, at the exact key or value.
 */
import path from 'node:path';
import { findNodeAtLocation, parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { Static, TSchema } from 'typebox';
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

/** The offset of `path`'s value (or key) in the file; the nearest enclosing place when it is not there. */
export function offsetOf(source: JsonSource, keyPath: KeyPath, at: 'key' | 'value'): number {
  if (!source.tree) return 0;
  for (let n = keyPath.length; n >= 0; n--) {
    const node = findNodeAtLocation(source.tree, keyPath.slice(0, n));
    if (!node) continue;
    if (n === keyPath.length && at === 'key' && node.parent?.type === 'property') return node.parent.children?.[0]?.offset ?? node.offset;
    return node.offset;
  }
  return source.tree.offset;
}

/** Problems of a schema finding list, placed in `source`. */
export function placeProblems(source: JsonSource, problems: SchemaProblem[]): FileProblem[] {
  return problems
    .map((problem) => ({ file: source.file, ...lineColumn(source.text, offsetOf(source, problem.path, problem.at)), message: problem.message }))
    .sort((a, b) => a.line - b.line || a.column - b.column);
}

/** Check a JSON source against `schema`; `what` names it in messages ("the configuration"). */
export function checkJson(source: JsonSource, schema: TSchema, what: string): FileProblem[] {
  return placeProblems(source, schemaProblems(schema, source.value, what));
}

/** Where a key path is, as a file problem with `message`. */
export function problemAt(source: JsonSource, keyPath: KeyPath, message: string, at: 'key' | 'value' = 'value'): FileProblem {
  return { file: source.file, ...lineColumn(source.text, offsetOf(source, keyPath, at)), message };
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
