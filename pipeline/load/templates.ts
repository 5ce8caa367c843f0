/**
 * Load templates: a jurisdiction and the layout it names (merged over the
 * layouts it extends), each file checked against its schema when read, so a
 * mistake is reported at its place (`templates/jurisdictions/x.json:3:5: …`)
 * and never reaches the renderer.
 */
import { amendmentPatternProblems } from '../grammar/amendments.js';
import { codifyPatternProblems } from '../grammar/codify.js';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { grammarPatternProblems } from '../cite/detect.js';
import { checkJson, problemAt, type JsonSource } from '../schema/json-source.js';
import { readJsonFile } from './read-json.js';
import { FileProblemsError, type FileProblem } from '../schema/problems.js';
import { label } from '../schema/validate.js';
import { expectedOneOf } from '../text/did-you-mean.js';
import { DOCUMENT_TYPES, type DocumentType } from '../model/metadata.js';
import type { RuleInfo } from '../config/project-config.js';
import {
  JurisdictionShape,
  jurisdictionSchema,
  LayoutFileSchema,
  LayoutSchema,
  type FontFace,
  type Jurisdiction,
  type Layout,
  type Template,
} from '../template/template-schema.js';

export const TEMPLATES_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../templates');

/** A mistake in a template: exit 2, each mistake at its place. */
export class TemplateError extends FileProblemsError {}

/** A hash of every jurisdiction template: findings depend on them. */
export function templatesFingerprint(dir = TEMPLATES_DIR): string {
  const folder = path.join(dir, 'jurisdictions');
  const hash = createHash('sha1');
  for (const id of jurisdictionIds(dir)) hash.update(id).update(readFileSync(path.join(folder, `${id}.json`)));
  return hash.digest('hex');
}

function idsIn(folder: string): string[] {
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((n) => n.endsWith('.json'))
    .map((n) => n.slice(0, -'.json'.length))
    .sort();
}

/** Ids of the jurisdictions that have a template. */
export function jurisdictionIds(dir = TEMPLATES_DIR): string[] {
  return idsIn(path.join(dir, 'jurisdictions'));
}

/** Read a template file and check it against `schema`; its mistakes are a TemplateError. */
function readChecked(file: string, check: (source: JsonSource) => FileProblem[]): JsonSource {
  let source: JsonSource;
  try {
    source = readJsonFile(file);
  } catch (error) {
    if (error instanceof FileProblemsError) throw new TemplateError(error.problems);
    throw error;
  }
  const problems = check(source);
  if (problems.length) throw new TemplateError(problems);
  return source;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `extends` merges the named layout under this one, key by key. */
function merge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) out[key] = isObject(value) && isObject(base[key]) ? merge(base[key], value) : value;
  return out;
}

/** The named layout's file, or a TemplateError at the key that names it. */
function layoutFile(dir: string, id: string, namedAt: { source: JsonSource; key: string[] }): string {
  const file = path.join(dir, 'layouts', `${id}.json`);
  if (existsSync(file)) return file;
  const ids = idsIn(path.join(dir, 'layouts'));
  throw new TemplateError([problemAt(namedAt.source, namedAt.key, `Unknown layout \`${id}\`, expected ${expectedOneOf(id, ids)} (templates/layouts/<id>.json)`)]);
}

/** A layout merged over what it extends, and its own file. */
interface ReadLayout {
  layout: Record<string, unknown>;
  own: JsonSource;
}

function readLayout(dir: string, file: string, seen: string[]): ReadLayout {
  const own = readChecked(file, (source) => {
    const problems = checkJson(source, LayoutFileSchema, 'the layout template');
    return problems.length ? problems : idProblems(source, file);
  });
  const value = own.value as Record<string, unknown>;
  const id = String(value.id);
  let parent: ReadLayout | undefined;
  if (typeof value.extends === 'string') {
    if (seen.includes(value.extends) || value.extends === id) {
      throw new TemplateError([
        problemAt(
          own,
          ['extends'],
          `Unexpected \`extends\` of \`${value.extends}\`: the layouts extend each other (${[...seen, id, value.extends].join(' → ')}), expected a layout that does not extend this one`,
        ),
      ]);
    }
    parent = readLayout(dir, layoutFile(dir, value.extends, { source: own, key: ['extends'] }), [...seen, id]);
  }
  return { layout: merge(parent?.layout ?? {}, value), own };
}

/** Load and check a layout with what it extends; the whole must be a complete layout. */
function loadLayout(dir: string, file: string): Layout {
  const { layout, own } = readLayout(dir, file, []);
  // What is still missing once the parents are merged in, placed in this layout's file.
  const problems = checkJson({ ...own, value: layout }, LayoutSchema, `layout \`${String(layout.id)}\` (with the layouts it extends)`);
  if (problems.length) throw new TemplateError(problems);
  return layout as unknown as Layout; // checked against LayoutSchema just above
}

/** A layout by its id, with what it extends (a form any template may choose: `house`, the House's comparative print). */
export function layoutById(id: string, dir = TEMPLATES_DIR): Layout {
  return loadLayout(dir, path.join(dir, 'layouts', `${id}.json`));
}

/** A template's `id` is the name of its file: ordinances and layouts name it by that. */
function idProblems(source: JsonSource, file: string): FileProblem[] {
  const id = (source.value as { id?: unknown }).id;
  const expected = path.basename(file, '.json');
  return id === expected ? [] : [problemAt(source, ['id'], `Unexpected id \`${String(id)}\`, expected \`${expected}\` (the name of its file)`)];
}

function checkJurisdiction(source: JsonSource, file: string, rules: readonly RuleInfo[] | undefined): FileProblem[] {
  const problems = checkJson(source, rules ? jurisdictionSchema(rules) : JurisdictionShape, 'the jurisdiction template');
  if (problems.length) return problems;
  const wrongId = idProblems(source, file);
  if (wrongId.length) return wrongId;
  const titleLines = titleBlockProblems(source);
  if (titleLines.length) return titleLines;
  const { citations: grammar, amendments, codify } = source.value as Jurisdiction;
  const patterns = [
    ...(grammar ? grammarPatternProblems(grammar) : []).map((p) => ({ ...p, path: ['citations', ...p.path] })),
    ...(amendments ? amendmentPatternProblems(amendments) : []).map((p) => ({ ...p, path: ['amendments', ...p.path] })),
    ...(codify ? codifyPatternProblems(codify) : []).map((p) => ({ ...p, path: ['codify', ...p.path] })),
  ];
  return patterns.map(({ path: at, error }) => problemAt(source, at, `Unexpected pattern for \`${label(at)}\` (${error}), expected a regular expression that compiles`));
}

/** A title block prints the long title once: exactly one of its lines is "{title}". */
function titleBlockProblems(source: JsonSource): FileProblem[] {
  const lines = (source.value as Jurisdiction).titleBlock;
  if (!lines) return [];
  const titles = lines.flatMap((line, i) => (line.text.trim() === '{title}' ? [i] : []));
  if (titles.length === 1) return [];
  if (titles.length === 0) return [problemAt(source, ['titleBlock'], 'Missing the long title in `titleBlock`, expected one line `{ "text": "{title}", "style": "title" }`')];
  return titles.slice(1).map((i) => problemAt(source, ['titleBlock', i], 'Unexpected second `{title}` line in `titleBlock`, expected the long title once'));
}

const cache = new Map<string, Template>();

/**
 * Load the template of a jurisdiction, with its layout and font files, for
 * documents of `type` (a code title may have a layout of its own); a mistake
 * in either is a TemplateError at its place. With `rules`, its rule settings
 * are checked against them (ids and options), as `checkTemplates` does before
 * a run; without, only their shape.
 */
export function loadTemplate(jurisdictionId: string, dir = TEMPLATES_DIR, rules?: readonly RuleInfo[], type: DocumentType = 'ordinance'): Template {
  const key = `${dir}\0${jurisdictionId}\0${type}\0${rules ? 'rules' : 'shape'}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const file = path.join(dir, 'jurisdictions', `${jurisdictionId}.json`);
  const source = readChecked(file, (s) => checkJurisdiction(s, file, rules));
  const jurisdiction = source.value as Jurisdiction; // checked against its schema by readChecked
  const own = type === 'code-title' ? jurisdiction.documents?.['code-title']?.layout : undefined;
  const layout = loadLayout(dir, layoutFile(dir, own ?? jurisdiction.layout, { source, key: own ? ['documents', 'code-title', 'layout'] : ['layout'] }));
  const require = createRequire(import.meta.url);
  const fontFile = (name: string) => {
    let file: string;
    try {
      file = require.resolve(name);
    } catch {
      throw new TemplateError([], `layout \`${layout.id}\`: font \`${name}\` not found; run \`npm ci\``);
    }
    if (!/\.(ttf|otf|woff)$/i.test(file)) {
      throw new TemplateError([], `layout \`${layout.id}\`: font \`${name}\` must be TTF, OTF or WOFF (pdfkit draws WOFF2 blank)`);
    }
    return file;
  };
  const { amendment } = layout;
  const alternateUsed = [amendment.insertionStyle, amendment.deletionStyle, amendment.revisions?.insertionStyle, amendment.revisions?.deletionStyle].some(
    (style) => style?.face === 'alternate',
  );
  if (alternateUsed && !layout.fonts.alternate) {
    throw new TemplateError([], `layout \`${layout.id}\`: an amendment style prints in the alternate face, expected \`fonts.alternate\` to name its four fonts`);
  }
  const fontFiles = {} as Record<FontFace, string>;
  for (const role of ['regular', 'bold', 'italic', 'boldItalic'] as const) {
    fontFiles[role] = fontFile(layout.fonts[role]);
    if (layout.fonts.alternate) fontFiles[`alternate-${role}`] = fontFile(layout.fonts.alternate[role]);
  }
  const fallbackFontFiles = layout.fonts.fallback.map(fontFile);
  const template = { layout, jurisdiction, fontFiles, fallbackFontFiles };
  cache.set(key, template);
  return template;
}

/** Load every jurisdiction template (and its layout), its rule settings checked against `rules`, so a mistake in any is reported before a run starts. */
export function checkTemplates(rules: readonly RuleInfo[], dir = TEMPLATES_DIR): void {
  for (const id of jurisdictionIds(dir)) for (const type of DOCUMENT_TYPES) loadTemplate(id, dir, rules, type);
}

/** The template of a document: its jurisdiction's, with the layout of its kind. */
export function templateOf(meta: { jurisdiction: string; type?: DocumentType | undefined }): Template {
  return loadTemplate(meta.jurisdiction, TEMPLATES_DIR, undefined, meta.type ?? 'ordinance');
}

/** The jurisdictions known (templates/jurisdictions/) and the template of `id` when it is one of them: what the resolve stage is given. */
export function jurisdictionContext(id: string): { jurisdictions: readonly string[]; jurisdiction?: Jurisdiction | undefined } {
  const jurisdictions = jurisdictionIds();
  return { jurisdictions, jurisdiction: jurisdictions.includes(id) ? loadTemplate(id).jurisdiction : undefined };
}
