/**
 * Set values in a Markdown file's YAML front matter and change nothing else:
 * each value replaces the bytes of the old one (found by the YAML parser's
 * ranges), a missing key is a new line at the end of its mapping (or of the
 * front matter), indented as its siblings are. Comments, quoting, order and
 * every other byte of the file stay as the drafter wrote them.
 */
import { isMap, isScalar, parseDocument, type Document, type YAMLMap } from 'yaml';

/** A value to set: the key path ("dates", "passed") and the value, written as YAML (a string double-quoted). */
export interface FrontMatterValue {
  path: [string] | [string, string];
  value: string | number;
}

/** The front matter could not be edited: the file has none, or it is not YAML. */
export class FrontMatterEditError extends Error {}

/** A word YAML reads as the same text when written bare ("adopted"), not as a number, boolean or null. */
const BARE = /^[A-Za-z][A-Za-z0-9-]*$/;
const KEYWORDS = /^(?:true|false|yes|no|on|off|null|y|n)$/i;

/** The value as YAML: a number bare; text in the style of the value it replaces (bare, single- or double-quoted), double-quoted when new. */
function yamlValue(value: string | number, style: string | undefined = 'QUOTE_DOUBLE'): string {
  if (typeof value === 'number') return String(value);
  if (style === 'PLAIN' && BARE.test(value) && !KEYWORDS.test(value)) return value;
  if (style === 'QUOTE_SINGLE') return `'${value.replace(/'/g, "''")}'`;
  return JSON.stringify(value);
}

/** The front matter's text and where it starts in the file (after the opening `---` line). */
function frontMatterOf(text: string): { start: number; end: number } {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(text);
  if (!open) throw new FrontMatterEditError('Missing front matter, expected the file to begin with `---`');
  const close = /^---[ \t]*\r?$/m.exec(text.slice(open[0].length));
  if (!close) throw new FrontMatterEditError('Unclosed front matter, expected a closing `---` line');
  return { start: open[0].length, end: open[0].length + close.index };
}

/** The column of the first key of a block mapping (its children's indentation), from the text. */
function indentOf(text: string, map: YAMLMap): string {
  const first = map.items[0]?.key;
  const offset = isScalar(first) && first.range ? first.range[0] : (map.range?.[0] ?? 0);
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return text.slice(lineStart, offset).replace(/\S/g, ' ');
}

/** Where the last item of a block mapping ends: the end of its line. */
function endOfMap(text: string, map: YAMLMap): number {
  const last = map.items.at(-1);
  const node = (last?.value ?? last?.key) as { range?: [number, number, number] } | undefined;
  const end = node?.range?.[1] ?? map.range?.[1] ?? 0;
  const newline = text.indexOf('\n', end);
  if (newline === -1) return text.length;
  // Before a CRLF's carriage return: the line break stays whole.
  return text[newline - 1] === '\r' ? newline - 1 : newline;
}

/** A value of the front matter as it stands, with its offset in the file; null when the key is absent, or the front matter does not read. */
export function frontMatterValue(text: string, path: string[]): { value: unknown; offset: number } | null {
  let range: { start: number; end: number };
  try {
    range = frontMatterOf(text);
  } catch {
    return null;
  }
  const doc = parseDocument(text.slice(range.start, range.end));
  if (doc.errors.length > 0) return null;
  const node = doc.getIn(path, true);
  return isScalar(node) && node.range ? { value: node.value, offset: range.start + node.range[0] } : null;
}

/** `text` (a whole Markdown file) with `values` set in its front matter, every other byte kept. */
export function setFrontMatter(text: string, values: readonly FrontMatterValue[]): string {
  let out = text;
  // New lines end as the file's lines do (a file written on Windows keeps its CRLF).
  const eol = /\r\n/.test(text) ? '\r\n' : '\n';
  for (const { path, value } of values) {
    const { start, end } = frontMatterOf(out);
    const yaml = out.slice(start, end);
    const doc: Document = parseDocument(yaml, { keepSourceTokens: false });
    if (doc.errors.length > 0) throw new FrontMatterEditError(`Unexpected YAML in the front matter (${doc.errors[0]!.message.split('\n')[0]}), expected it to read`);
    const node = doc.getIn(path, true);
    let edit: { at: number; to: number; text: string };
    if (isScalar(node) && node.range) {
      edit = { at: node.range[0], to: node.range[1], text: yamlValue(value, node.type) };
    } else if (node !== undefined) {
      throw new FrontMatterEditError(`Unexpected ${path.join('.')} that is not one value, expected a value to set`);
    } else if (path.length === 2) {
      const parent = doc.getIn([path[0]], true);
      if (isMap(parent) && parent.flow && parent.range) {
        // A flow mapping ("{ ayes: 12 }") gets the key before its closing brace.
        let at = yaml.lastIndexOf('}', parent.range[1]);
        while (at > 0 && /[ \t]/.test(yaml[at - 1]!)) at--;
        edit = { at, to: at, text: `${parent.items.length > 0 ? ', ' : ''}${path[1]}: ${yamlValue(value)}` };
      } else if (isMap(parent)) {
        const at = endOfMap(yaml, parent);
        edit = { at, to: at, text: `\n${indentOf(yaml, parent)}${path[1]}: ${yamlValue(value)}` };
      } else if (parent === undefined || parent === null) {
        const at = yaml.length;
        edit = { at, to: at, text: `${path[0]}:\n  ${path[1]}: ${yamlValue(value)}\n` };
      } else {
        throw new FrontMatterEditError(`Unexpected ${path[0]} that is not a mapping, expected keys under it`);
      }
    } else {
      const at = yaml.length;
      edit = { at, to: at, text: `${path[0]}: ${yamlValue(value)}\n` };
    }
    // A new top-level key goes on a line of its own even when the front matter lacks a final newline.
    const fixed = edit.at === yaml.length && yaml.length > 0 && !yaml.endsWith('\n') ? { ...edit, text: `\n${edit.text}` } : edit;
    out = out.slice(0, start + fixed.at) + fixed.text.replace(/\n/g, eol) + out.slice(start + fixed.to);
  }
  return out;
}
