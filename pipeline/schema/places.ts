/**
 * Where a key path sits in a document parsed by the `yaml` package (YAML
 * front matter, and JSON files, which it reads with their ranges): the
 * offsets a schema finding is reported at.
 */
import { isMap, isScalar, isSeq, type Document, type Node as YamlNode, type Pair } from 'yaml';
import type { TSchema } from 'typebox';
import type { KeyPath } from './validate.js';

/** [start, end] offsets in the parsed text. */
export type Range = [number, number];

function rangeOf(node: YamlNode | null | undefined): Range | undefined {
  return node?.range ? [node.range[0], node.range[1]] : undefined;
}

function keyOf(pair: Pair): string {
  return isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
}

/**
 * The offsets of `path`'s value (or of its key, for `at: 'key'`) in `doc`;
 * the nearest enclosing place when the path is not there, `fallback` at worst.
 */
export function placeOfPath(doc: Document.Parsed | Document, path: KeyPath, at: 'key' | 'value', fallback: Range = [0, 0]): Range {
  let node = doc.contents as YamlNode | null;
  let best = rangeOf(node) ?? fallback;
  for (let i = 0; i < path.length; i++) {
    const step = path[i]!;
    const last = i === path.length - 1;
    if (isMap(node)) {
      const pair = (node.items as Pair<YamlNode, YamlNode | null>[]).find((p) => keyOf(p) === String(step));
      if (!pair) return best;
      const keyRange = rangeOf(pair.key) ?? best;
      if (last && at === 'key') return keyRange;
      node = pair.value;
      // `key:` with nothing after it: the place just after the key.
      best = rangeOf(node) ?? [keyRange[1], keyRange[1]];
    } else if (isSeq(node) && typeof step === 'number') {
      node = node.items[step] as YamlNode | null;
      best = rangeOf(node) ?? best;
    } else return best;
  }
  return best;
}

/**
 * The place of every key `schema` knows in `doc` ("dates.adopted"), and of
 * each item of its lists ("codifies.0").
 */
export function placesOf(doc: Document.Parsed | Document, schema: TSchema): Map<string, Range> {
  const places = new Map<string, Range>();
  walk(doc.contents as YamlNode | null, schema as Record<string, unknown>, '', places);
  return places;
}

function walk(node: YamlNode | null, schema: Record<string, unknown>, prefix: string, places: Map<string, Range>): void {
  if (!isMap(node)) return;
  const fields = (schema.properties ?? {}) as Record<string, Record<string, unknown>>;
  // A record (numbers by name, officials by role): every key has the one value schema.
  const anyKey = Object.values((schema.patternProperties ?? {}) as Record<string, Record<string, unknown>>)[0];
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = keyOf(pair);
    const field = fields[key] ?? anyKey;
    if (!field) continue;
    const keyRange = rangeOf(pair.key) ?? [0, 0];
    places.set(prefix + key, rangeOf(pair.value) ?? [keyRange[1], keyRange[1]]);
    if (field.type === 'object') walk(pair.value, field, `${prefix}${key}.`, places);
    else if (field.type === 'array' && isSeq(pair.value)) {
      pair.value.items.forEach((item, index) => {
        const range = rangeOf(item as YamlNode);
        if (range) places.set(`${prefix}${key}.${index}`, range);
      });
    }
  }
}
