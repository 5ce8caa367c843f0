/**
 * Templates as data: a layout (page, fonts, sizes, spacing) and a
 * jurisdiction (the wording of the ordinance form). Both live in templates/.
 */
import { grammarProblems, type CitationGrammar } from '../cite/grammar.js';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

export type FontRole = 'regular' | 'bold' | 'italic' | 'boldItalic';
export type Align = 'left' | 'right' | 'center' | 'justify';

export interface TextStyle {
  font: FontRole;
  size: number;
  align?: Align;
  lineGap?: number;
  indent?: number;
  gapAfter?: number;
}

export interface Layout {
  id: string;
  page: { size: string; margins: { top: number; bottom: number; left: number; right: number } };
  /** Font files, as paths inside npm packages. */
  fonts: Record<FontRole, string>;
  body: { font: FontRole; size: number; lineGap: number; paragraphGap: number; firstLineIndent: number; align: Align };
  titleBlock: { number: TextStyle; urgencyBanner: TextStyle; title: TextStyle; enactingClause: TextStyle };
  section: {
    headingFont: FontRole;
    headingSize: number;
    gapBefore: number;
    gapAfter: number;
    keepWithNextLines: number;
    /** "Section {number}." for a section numbered by position. */
    label: string;
    /** "§ {number}." for a section with its own designation. */
    designatedLabel: string;
    separator: string;
    /** Printed after the heading of a section that is not in force ("[Repealed]"). */
    statusLabels: Record<string, string>;
  };
  group: { font: FontRole; size: number; align: Align; gapBefore: number; gapAfter: number };
  annotations: { print: boolean };
  image: { maxHeight: number };
  subdivision: { indentPerLevel: number; markerWidth: number };
  list: { indent: number; bullet: string };
  blockquote: { indent: number };
  table: { font: FontRole; headerFont: FontRole; size: number; cellPadding: number; ruleWidth: number };
  amendment: { deletionOpen: string; deletionClose: string };
  placeholder: { font: FontRole; open: string; close: string };
  header: { font: FontRole; size: number; fromPage: number; y: number };
  footer: { font: FontRole; size: number; y: number };
  watermark: { text: string; font: FontRole; size: number; opacity: number; angle: number; statuses: string[] };
  /** The table of contents of longer ordinances. */
  toc: { enabled: boolean; minPages: number; heading: string; size: number; lineGap: number; indent: number; numberWidth: number; gapBefore: number; gapAfterHeading: number; gapAfter: number };
  /** Line numbers in the left margin, per page, beside each body line. */
  lineNumbers: { enabled: boolean; x: number; width: number; font: FontRole; size: number; color: string; every: number; baselineShift: number };
  /** The appendix "Relationship to prior directives" (columns as shares of the text width). */
  appendix: {
    /** Start the appendix on a page of its own, after the attestation. */
    newPage: boolean;
    heading: string;
    headingSize: number;
    gapBefore: number;
    gapAfterHeading: number;
    columnHeadings: string[];
    columns: number[];
    size: number;
    lineGap: number;
    cellPadding: number;
    ruleWidth: number;
  };
  signatures: { font: FontRole; size: number; lineGap: number; blankWidth: number; gapBefore: number; gapBetween: number };
  colors: { text: string; link: string; rule: string };
}

export interface Jurisdiction {
  id: string;
  name: string;
  /** Heading of a code title's first page ("CODE OF THE DISTRICT OF COLUMBIA"). */
  codeName?: string;
  layout: string;
  language: string;
  numberLabel: string;
  enactingClause: string;
  urgencyBanner: string;
  /** The vote an ordinance needs, in words, for the digest's Digest Key. */
  voteRequired?: { regular: string; urgency: string };
  /** How citations are written in this jurisdiction's prose (pipeline/cite/grammar.ts). */
  citations?: CitationGrammar;
  /** Rule severities for this jurisdiction's documents, each with the reason for the change. */
  rules?: Record<string, { severity: 'error' | 'warning' | 'info' | 'off'; reason: string }>;
  certification: {
    regular: string;
    urgency: string;
    vote: string;
    /** Signature blocks in rows; a row's left and right blocks stand side by side. */
    rows: { left?: string[]; right?: string[] }[];
  };
}

export interface Template {
  layout: Layout;
  jurisdiction: Jurisdiction;
  /** Absolute font file paths by role. */
  fontFiles: Record<FontRole, string>;
}

export class TemplateError extends Error {}

/** A hash of every jurisdiction template: findings depend on them. */
export function templatesFingerprint(dir = TEMPLATES_DIR): string {
  const folder = path.join(dir, 'jurisdictions');
  const hash = createHash('sha1');
  for (const id of jurisdictionIds(dir)) hash.update(id).update(readFileSync(path.join(folder, `${id}.json`)));
  return hash.digest('hex');
}

/** Ids of the jurisdictions that have a template. */
export function jurisdictionIds(dir = TEMPLATES_DIR): string[] {
  const folder = path.join(dir, 'jurisdictions');
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .sort();
}

function readJson<T>(file: string, required: readonly string[]): T {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new TemplateError(`${path.relative(process.cwd(), file)}: ${(error as Error).message}`);
  }
  for (const key of required) {
    if (!value || typeof value !== 'object' || !(key in value)) {
      throw new TemplateError(`${path.relative(process.cwd(), file)}: missing \`${key}\``);
    }
  }
  return value as T; // required keys checked above; the rest is the template author's contract
}

const cache = new Map<string, Template>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `extends` merges the named layout under this one, key by key. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  return out;
}

function readLayout(dir: string, id: string, seen: string[]): Layout {
  if (seen.includes(id)) throw new TemplateError(`layout \`${id}\` extends itself (${[...seen, id].join(' → ')})`);
  const own = readJson<Record<string, unknown>>(path.join(dir, 'layouts', `${id}.json`), ['id']);
  const parent = typeof own.extends === 'string' ? (readLayout(dir, own.extends, [...seen, id]) as unknown as Record<string, unknown>) : {};
  const layout = merge(parent, own);
  for (const key of ['page', 'fonts', 'body', 'section', 'group', 'annotations']) {
    if (!(key in layout)) throw new TemplateError(`layout \`${id}\`: missing \`${key}\``);
  }
  return layout as unknown as Layout; // required keys checked above
}

/** Load the template of a jurisdiction, with its layout and font files. */
export function loadTemplate(jurisdictionId: string, dir = TEMPLATES_DIR): Template {
  const key = `${dir}\0${jurisdictionId}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const jurisdiction = readJson<Jurisdiction>(path.join(dir, 'jurisdictions', `${jurisdictionId}.json`), [
    'name',
    'layout',
    'enactingClause',
    'certification',
  ]);
  // Without its enacting clause an ordinance enacts nothing: a template must give one.
  if (typeof jurisdiction.enactingClause !== 'string' || !jurisdiction.enactingClause.trim()) {
    throw new TemplateError(`templates/jurisdictions/${jurisdictionId}.json: missing \`enactingClause\`, expected the clause that enacts an ordinance`);
  }
  const problems = jurisdiction.citations ? grammarProblems(jurisdiction.citations) : [];
  if (problems.length) throw new TemplateError(`templates/jurisdictions/${jurisdictionId}.json: ${problems.join('; ')}`);
  const layout = readLayout(dir, jurisdiction.layout, []);
  const require = createRequire(import.meta.url);
  const fontFiles = {} as Record<FontRole, string>;
  for (const role of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
    try {
      fontFiles[role] = require.resolve(layout.fonts[role]);
    } catch {
      throw new TemplateError(`layout \`${layout.id}\`: font \`${layout.fonts[role]}\` not found; run \`npm ci\``);
    }
    if (!/\.(ttf|otf|woff)$/i.test(fontFiles[role])) {
      throw new TemplateError(`layout \`${layout.id}\`: font \`${layout.fonts[role]}\` must be TTF, OTF or WOFF (pdfkit draws WOFF2 blank)`);
    }
  }
  const template = { layout, jurisdiction, fontFiles };
  cache.set(key, template);
  return template;
}
