/**
 * The one schema mechanism: schemas are declared with TypeBox (their
 * TypeScript types derived with `Static<>`) and checked by TypeBox's own JSON
 * Schema validator (`Value.Errors`: ajv-shaped errors, and nothing to compile
 * at start-up, where ajv cost a `check` about a second). Every error is
 * phrased as the house's "Unexpected X, expected Y" at a key path, so the
 * caller puts it on the exact key or value in its file (front matter YAML,
 * ordinance.config.json, templates).
 */
import { visible } from '../text/characters.js';
import type { TSchema } from 'typebox';
import { Set as setFormat } from 'typebox/format';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { closest } from '../text/did-you-mean.js';

/** A value's place in a document: object keys and list indexes, outermost first. */
export type KeyPath = (string | number)[];

/** A schema finding: what is wrong, and the key path it concerns. */
export interface SchemaProblem {
  message: string;
  /** The value (or key) the finding points at. */
  path: KeyPath;
  /** Point at the key of `path`'s last step (an unexpected key) rather than at its value. */
  at: 'key' | 'value';
  /** The value that is unusable because of it: a caller drops it so no later stage reads it. */
  unusable: KeyPath;
  /** A mistyped key or value and the one likely meant: its fix. */
  fix?: { actual: string; expected: string[] } | undefined;
}

/** Schema annotations of this project (ignored by other JSON Schema tools). */
interface Annotations {
  /** How the expected value reads in a message ("a kebab-case id …"). */
  expected?: string;
  /** How an expected key of this object reads, in place of the list of its keys ("a rule id …"). */
  expectedKey?: string;
}

type Described = Record<string, unknown> & Annotations;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isRealDate(text: string): boolean {
  const match = ISO_DATE.exec(text);
  if (!match) return false;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

// A real calendar date: 2025-02-30 is not one.
setFormat('date', isRealDate);

/** A regular expression JavaScript compiles (with the `u` flag, as the tool uses it). */
function isRegex(text: string): boolean {
  try {
    new RegExp(text, 'u');
    return true;
  } catch {
    return false;
  }
}
setFormat('regex', isRegex);

/** One validation error, as TypeBox reports it (the shape ajv uses). */
interface ValidationError {
  keyword: string;
  schemaPath: string;
  instancePath: string;
  params: Record<string, unknown>;
}

const validators = new WeakMap<TSchema, { uses: number; compiled?: { Check(value: unknown): boolean } }>();

/** Values checked against one schema by walking it before it is worth compiling. */
const COMPILE_AFTER = 32;

/**
 * Whether `value` fits `schema`. A schema checked often (a D.C. Code title's
 * thousands of front matters and registry entries) is compiled into a
 * checking function, some forty times faster than walking the schema; one
 * checked a few times (ordinance.config.json, a template) is walked, since
 * compiling it costs more than a warm `check` spends on everything else.
 */
function fits(schema: TSchema, value: unknown): boolean {
  let validator = validators.get(schema);
  if (!validator) {
    validator = { uses: 0 };
    validators.set(schema, validator);
  }
  if (validator.compiled) return validator.compiled.Check(value);
  if (++validator.uses >= COMPILE_AFTER) validator.compiled = Compile(schema);
  return Value.Check(schema, value);
}

/**
 * Check `value` against `schema`; returns the problems, phrased for a drafter.
 * `what` names the document in messages ("ordinance front matter").
 */
export function schemaProblems(schema: TSchema, value: unknown, what: string): SchemaProblem[] {
  if (fits(schema, value)) return [];
  const errors = pickUnionBranches(schema, value, [...Value.Errors(schema, value)] as ValidationError[]);
  const problems: SchemaProblem[] = [];
  const phrased = new Set<string>();
  for (const error of errors) {
    const path = keyPathOf(value, error.instancePath);
    const parent = schemaAt(schema, error.schemaPath);
    const prefix = path.length ? `${label(path)}.` : '';
    if (error.keyword === 'additionalProperties') {
      const names = Object.keys((parent.properties as object | undefined) ?? {});
      const listed = names.filter(isListed);
      for (const key of (error.params.additionalProperties as string[]) ?? []) {
        const suggestion = closest(key, names);
        problems.push({
          message: `Unexpected key \`${prefix}${key}\` in ${what}, expected ${parent.expectedKey ? `${suggestion ? `\`${prefix}${suggestion}\` or ` : ''}${parent.expectedKey}` : orElse(suggestion && `\`${prefix}${suggestion}\``, oneOf(listed.filter((n) => n !== suggestion)))}`,
          path: [...path, key],
          at: 'key',
          unusable: path,
          fix: suggestion ? { actual: key, expected: [suggestion] } : undefined,
        });
      }
      continue;
    }
    if (error.keyword === 'required') {
      for (const name of (error.params.requiredProperties as string[]) ?? []) {
        const field = ((parent.properties ?? {}) as Record<string, Described>)[name];
        problems.push({ message: `Missing \`${prefix}${name}\` in ${what}, expected ${field ? describe(field) : 'a value'}`, path, at: 'value', unusable: [...path, name] });
      }
      continue;
    }
    // `additionalProperties: false` reports each extra key again as a false schema: said above.
    if (error.keyword === 'boolean') continue;
    // One finding per value: its first failing keyword says it.
    const key = JSON.stringify(path);
    if (phrased.has(key)) continue;
    phrased.add(key);
    const data = valueAt(value, path);
    const suggestion = error.keyword === 'enum' && typeof data === 'string' ? closest(data, ((parent.enum as unknown[] | undefined) ?? []).map(String)) : undefined;
    problems.push({
      message: valueMessage(error, data, path, parent),
      path,
      at: 'value',
      unusable: path,
      fix: suggestion && typeof data === 'string' ? { actual: data, expected: [suggestion] } : undefined,
    });
  }
  return problems;
}

/** The schema a JSON pointer (`#/properties/dates`) names inside `root`. */
function schemaAt(root: TSchema, pointer: string): Described {
  let node: unknown = root;
  for (const raw of pointer.replace(/^#\/?/, '').split('/').filter(Boolean)) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
  }
  return (node ?? {}) as Described;
}

function valueAt(value: unknown, path: KeyPath): unknown {
  let node = value;
  for (const step of path) node = node && typeof node === 'object' ? (node as Record<string | number, unknown>)[step] : undefined;
  return node;
}

function valueMessage(error: ValidationError, data: unknown, path: KeyPath, schema: Described): string {
  const where = path.length ? ` for \`${label(path)}\`` : '';
  if (schema.type === 'object' && schema.properties && !schema.expected) {
    return `Unexpected ${kindOf(data)}${where}, expected a mapping of keys (${Object.keys(schema.properties)
      .filter(isListed)
      .map((n) => `\`${n}\``)
      .join(', ')})`;
  }
  const byValue = ['pattern', 'enum', 'const', 'format'].includes(error.keyword) && typeof data === 'string' && data.trim() !== '';
  const suggestion = error.keyword === 'enum' && typeof data === 'string' ? closest(data, (schema.enum as unknown[]).map(String)) : undefined;
  // The closest value first, then the others (not it again).
  const others = suggestion ? (schema.enum as unknown[]).filter((v) => String(v) !== suggestion) : [];
  const rest = suggestion ? (others.length ? describe({ ...schema, enum: others }) : '') : describe(schema);
  return `Unexpected ${byValue ? `\`${visible(data as string)}\`` : kindOf(data)}${where}, expected ${orElse(suggestion && `\`${suggestion}\``, rest)}`;
}

/** Names as "one of `a`, `b`", or "`a`" alone ('' for none). */
function oneOf(names: string[]): string {
  if (names.length <= 1) return names.map((n) => `\`${n}\``).join('');
  return `one of ${names.map((n) => `\`${n}\``).join(', ')}`;
}

/** The likely value first, then the rest: "`x` or else one of …", either alone when the other is empty. */
function orElse(likely: string | undefined, rest: string): string {
  if (!likely) return rest;
  return rest ? `${likely} or else ${rest}` : likely;
}

/**
 * The validator reports every branch of a union (a rule set by a severity or by an
 * object): keep the errors of the branch whose type the value has, or the
 * union's own error when none has it.
 */
function pickUnionBranches(root: TSchema, value: unknown, errors: ValidationError[]): ValidationError[] {
  let out = errors;
  for (const error of errors) {
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') continue;
    const branches = (schemaAt(root, error.schemaPath)[error.keyword] as Described[] | undefined) ?? [];
    const data = valueAt(value, keyPathOf(value, error.instancePath));
    const chosen = branches.findIndex((branch) => typeMatches(branch, data));
    const prefix = `${error.schemaPath}/${error.keyword}/`;
    const inBranch = (e: ValidationError, i: number) => e.schemaPath === `${prefix}${i}` || e.schemaPath.startsWith(`${prefix}${i}/`);
    out = out.filter((e) => {
      if (e === error) return chosen < 0;
      if (!e.schemaPath.startsWith(prefix)) return true;
      return chosen >= 0 && inBranch(e, chosen);
    });
  }
  return out;
}

function typeMatches(schema: Described, data: unknown): boolean {
  const type = jsonType(data);
  if (typeof schema.type === 'string') return schema.type === type || (schema.type === 'number' && type === 'integer') || (schema.type === 'integer' && type === 'number');
  if (Array.isArray(schema.enum)) return schema.enum.some((v) => jsonType(v) === type);
  if ('const' in schema) return jsonType(schema.const) === type;
  return false;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The key path of a JSON pointer into `value` (list indexes as numbers). */
function keyPathOf(value: unknown, pointer: string): KeyPath {
  if (!pointer) return [];
  const path: KeyPath = [];
  let node = value;
  for (const raw of pointer.slice(1).split('/')) {
    const step = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(node)) {
      path.push(Number(step));
      node = node[Number(step)];
    } else {
      path.push(step);
      node = node && typeof node === 'object' ? (node as Record<string, unknown>)[step] : undefined;
    }
  }
  return path;
}

/** Whether a key is worth listing among the expected ones (`$comment` and `$schema` are allowed, never needed). */
function isListed(key: string): boolean {
  return !key.startsWith('$');
}

/** How a key path reads in a message: `dates.adopted`, `codifies[2]` (lists count from 1). */
export function label(path: KeyPath): string {
  return path.map((step, i) => (typeof step === 'number' ? `[${step + 1}]` : `${i ? '.' : ''}${step}`)).join('');
}

/** How a schema's expected value reads in a message. */
export function describe(schema: TSchema | Described): string {
  const s = schema as Described;
  if (s.expected) return s.expected;
  if (Array.isArray(s.anyOf)) return (s.anyOf as Described[]).map(describe).join(' or ');
  if (Array.isArray(s.enum)) return `one of ${s.enum.map((v) => `\`${String(v)}\``).join(', ')}`;
  if ('const' in s) return `\`${String(s.const)}\``;
  const bounded = (noun: string) => {
    const min = s.minimum as number | undefined;
    const max = s.maximum as number | undefined;
    if (min !== undefined && max !== undefined) return `${noun} from ${min} to ${max}`;
    if (min !== undefined) return `${noun} of at least ${min}`;
    if (max !== undefined) return `${noun} of at most ${max}`;
    return noun;
  };
  switch (s.type) {
    case 'string':
      return s.format === 'date' ? 'an ISO date (YYYY-MM-DD)' : 'text';
    case 'integer':
      return bounded('a whole number');
    case 'number':
      return bounded('a number');
    case 'boolean':
      return '`true` or `false`';
    case 'array':
      return s.items ? `a list of ${describe(s.items as Described)}` : 'a list';
    case 'object': {
      if (s.expectedKey) return `a mapping whose keys are each ${s.expectedKey}`;
      if (s.properties)
        return `a mapping with ${Object.keys(s.properties)
          .filter(isListed)
          .map((n) => `\`${n}\``)
          .join(', ')}`;
      const values = s.patternProperties ? Object.values(s.patternProperties as Record<string, Described>)[0] : undefined;
      return values ? `a mapping of names to ${describe(values)}` : 'a mapping';
    }
    default:
      return 'a value';
  }
}

/** How a value reads in a message: "number `0`", "text `abc`", "list". */
export function kindOf(value: unknown): string {
  if (value === null || value === undefined) return 'empty value';
  if (Array.isArray(value)) return 'list';
  if (typeof value === 'object') return 'mapping';
  if (typeof value === 'string') return `text \`${value.length > 40 ? `${value.slice(0, 40)}…` : value}\``;
  return `${typeof value === 'number' ? 'number' : typeof value} \`${String(value)}\``;
}
