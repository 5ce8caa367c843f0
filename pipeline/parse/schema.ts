/**
 * Front-matter schemas as data, and a checker that walks the YAML tree so
 * every finding lands on the exact key or value in the source.
 */
import { isMap, isScalar, isSeq, type Node as YamlNode, type Pair } from 'yaml';
import { closest } from '../text/did-you-mean.js';

export type FieldSpec =
  | { kind: 'string'; required?: boolean; pattern?: RegExp; expected?: string; doc?: string }
  | { kind: 'enum'; values: readonly string[]; required?: boolean; doc?: string }
  | { kind: 'integer'; min?: number; required?: boolean; doc?: string }
  | { kind: 'boolean'; required?: boolean; doc?: string }
  | { kind: 'date'; required?: boolean; doc?: string }
  | { kind: 'url'; required?: boolean; doc?: string }
  | { kind: 'list'; of: FieldSpec; required?: boolean; doc?: string }
  | { kind: 'map'; fields: Record<string, FieldSpec>; required?: boolean; doc?: string };

export type Schema = Record<string, FieldSpec>;

/** A schema finding: what is wrong, and the YAML offsets it concerns. */
export interface SchemaProblem {
  message: string;
  range: [number, number];
  /** The key path the problem is under; checkSchema reduces it to the top-level key, whose value is unusable. */
  key?: string | undefined;
}

/** Where each key path's value ("dates.adopted", "sponsors.1") sits: [start, end] offsets. */
export type PlaceIndex = Map<string, [number, number]>;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Check `node` against `schema`; returns the problems and the offsets of every key. */
export function checkSchema(root: YamlNode | null, schema: Schema, what: string): { problems: SchemaProblem[]; places: PlaceIndex } {
  const problems: SchemaProblem[] = [];
  const places: PlaceIndex = new Map();
  checkMap(root, { kind: 'map', fields: schema }, '', what, problems, places, [0, 0]);
  // The top-level key each problem sits under: its whole value is unusable.
  for (const problem of problems) problem.key = problem.key?.split(/[.[]/)[0];
  return { problems, places };
}

function rangeOf(node: YamlNode | null | undefined, fallback: [number, number]): [number, number] {
  return node?.range ? [node.range[0], node.range[1]] : fallback;
}

function checkMap(
  node: YamlNode | null,
  spec: Extract<FieldSpec, { kind: 'map' }>,
  prefix: string,
  what: string,
  problems: SchemaProblem[],
  places: PlaceIndex,
  fallback: [number, number],
): void {
  const names = Object.keys(spec.fields);
  if (node === null || (isScalar(node) && (node.value === null || node.value === ''))) {
    for (const [name, field] of Object.entries(spec.fields)) {
      if (field.required) problems.push({ message: `Missing \`${prefix}${name}\` in ${what}, expected ${describe(field)}`, range: fallback, key: prefix + name });
    }
    return;
  }
  if (!isMap(node)) {
    problems.push({ message: `Unexpected ${kindOf(node)}, expected a mapping of keys (${names.map((n) => `\`${n}\``).join(', ')})`, range: rangeOf(node, fallback), key: prefix.replace(/\.$/, '') || undefined });
    return;
  }
  const seen = new Set<string>();
  for (const pair of node.items as Pair<YamlNode, YamlNode | null>[]) {
    const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
    const keyRange = rangeOf(pair.key, fallback);
    const field = spec.fields[key];
    if (!field) {
      const suggestion = closest(key, names);
      problems.push({
        message: `Unexpected key \`${prefix}${key}\` in ${what}, expected ${suggestion ? `\`${prefix}${suggestion}\` or ` : ''}one of ${names.map((n) => `\`${n}\``).join(', ')}`,
        range: keyRange,
        key: prefix ? prefix.replace(/\.$/, '') : undefined,
      });
      continue;
    }
    seen.add(key);
    const valueRange = rangeOf(pair.value, [keyRange[1], keyRange[1]]);
    places.set(prefix + key, valueRange);
    checkValue(pair.value, field, `${prefix}${key}`, what, problems, places, valueRange);
  }
  for (const [name, field] of Object.entries(spec.fields)) {
    if (field.required && !seen.has(name)) {
      problems.push({ message: `Missing \`${prefix}${name}\` in ${what}, expected ${describe(field)}`, range: rangeOf(node, fallback), key: prefix + name });
    }
  }
}

function checkValue(
  node: YamlNode | null,
  field: FieldSpec,
  keyPath: string,
  what: string,
  problems: SchemaProblem[],
  places: PlaceIndex,
  range: [number, number],
): void {
  if (field.kind === 'map') return checkMap(node, field, `${keyPath}.`, what, problems, places, range);
  if (field.kind === 'list') {
    if (!isSeq(node)) {
      problems.push({ message: `Unexpected ${kindOf(node)} for \`${keyPath}\`, expected a list of ${describe(field.of)}`, range, key: keyPath });
      return;
    }
    node.items.forEach((item, index) => {
      const itemRange = rangeOf(item as YamlNode, range);
      places.set(`${keyPath}.${index}`, itemRange);
      checkValue(item as YamlNode, field.of, `${keyPath}[${index + 1}]`, what, problems, places, itemRange);
    });
    return;
  }
  const value = isScalar(node) ? node.value : undefined;
  const push = (message: string) => problems.push({ message, range, key: keyPath });
  const fail = () => push(`Unexpected ${kindOf(node)} for \`${keyPath}\`, expected ${describe(field)}`);
  switch (field.kind) {
    case 'string':
      if (typeof value !== 'string' || value.trim() === '') return void fail();
      if (field.pattern && !field.pattern.test(value)) {
        push(`Unexpected \`${value}\` for \`${keyPath}\`, expected ${describe(field)}`);
      }
      return;
    case 'enum':
      if (typeof value !== 'string' || !field.values.includes(value)) {
        const suggestion = typeof value === 'string' ? closest(value, field.values) : undefined;
        push(`Unexpected ${typeof value === 'string' ? `\`${value}\`` : kindOf(node)} for \`${keyPath}\`, expected ${suggestion ? `\`${suggestion}\` or ` : ''}${describe(field)}`);
      }
      return;
    case 'integer':
      if (typeof value !== 'number' || !Number.isInteger(value) || (field.min !== undefined && value < field.min)) fail();
      return;
    case 'boolean':
      if (typeof value !== 'boolean') fail();
      return;
    case 'date': {
      const match = typeof value === 'string' ? ISO_DATE.exec(value) : null;
      if (!match || !isRealDate(Number(match[1]), Number(match[2]), Number(match[3]))) {
        push(`Unexpected ${typeof value === 'string' ? `\`${value}\`` : kindOf(node)} for \`${keyPath}\`, expected ${describe(field)}`);
      }
      return;
    }
    case 'url':
      if (typeof value !== 'string' || !/^https?:\/\/[^\s]+$/.test(value)) fail();
      return;
  }
}

function isRealDate(y: number, m: number, d: number): boolean {
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** How a field's expected value reads in a message. */
export function describe(field: FieldSpec): string {
  switch (field.kind) {
    case 'string':
      return field.expected ?? 'text';
    case 'enum':
      return `one of ${field.values.map((v) => `\`${v}\``).join(', ')}`;
    case 'integer':
      return field.min === undefined ? 'a whole number' : `a whole number of at least ${field.min}`;
    case 'boolean':
      return '`true` or `false`';
    case 'date':
      return 'an ISO date (YYYY-MM-DD)';
    case 'url':
      return 'an http(s) URL';
    case 'list':
      return `a list of ${describe(field.of)}`;
    case 'map':
      return `a mapping with ${Object.keys(field.fields).map((n) => `\`${n}\``).join(', ')}`;
  }
}

function kindOf(node: YamlNode | null | undefined): string {
  if (node === null || node === undefined) return 'empty value';
  if (isMap(node)) return 'mapping';
  if (isSeq(node)) return 'list';
  if (isScalar(node)) {
    const v = node.value;
    if (v === null) return 'empty value';
    if (typeof v === 'string') return `text \`${v.length > 40 ? `${v.slice(0, 40)}…` : v}\``;
    return `${typeof v === 'number' ? 'number' : typeof v} \`${String(v)}\``;
  }
  return 'value';
}
