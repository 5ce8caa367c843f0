/**
 * The JSON Schemas this project publishes for editors and other tools,
 * generated from the TypeBox schemas the pipeline checks with, so the two
 * never disagree. `npm run schemas` writes them; a test fails when a
 * committed file differs from what the code generates.
 */
import { Type, type TSchema } from 'typebox';
import { AmendmentsFileSchema, OccurrenceSchema } from '../amend/amend-ordinance.js';
import { lockSchema } from '../history/lock.js';
import { FRONT_MATTER_SCHEMAS } from '../model/metadata.js';
import { OutputManifestSchema } from '../outputs/dist.js';
import { CatalogSchema } from '../site/catalog.js';
import { OrdinanceRecordSchema } from '../site/record.js';
import { SiteManifestSchema } from '../site/site.js';
import { ReadabilitySchema } from '../prose/readability.js';
import { DigestScoresSchema } from '../summarize/summary.js';
import { jurisdictionSchema, LayoutFileSchema } from '../template/template-schema.js';
import { ByStatusSchema, configSchema, LevelSchema } from '../config/project-config.js';
import type { Rule } from '../validate/rule.js';
import { DirectiveIndexSchema, XrefSchema } from '../xref/xref.js';
import { RELATIONS } from '../xref/relations.js';

const DRAFT = 'http://json-schema.org/draft-07/schema#';
/** This project's own annotations, for its messages: not JSON Schema, so not published. */
const PRIVATE = new Set(['expected', 'expectedKey']);

/** A schema as published JSON: with its `$schema` and `$id`, without private annotations, `definitions` for what repeats. */
function publish(schema: TSchema, id: string, definitions: Record<string, TSchema> = {}): string {
  const strip = (key: string, value: unknown) => (PRIVATE.has(key) ? undefined : value);
  const shared = new Map(Object.entries(definitions).map(([name, value]) => [JSON.stringify(value, strip), name]));
  // Each shared part once, under `definitions`, and a `$ref` wherever it recurs (not inside itself).
  const replace = (inside: string | null) => (key: string, value: unknown) => {
    if (PRIVATE.has(key)) return undefined;
    const name = value && typeof value === 'object' && key !== '' ? shared.get(JSON.stringify(value, strip)) : undefined;
    return name !== undefined && name !== inside ? { $ref: `#/definitions/${name}` } : value;
  };
  const body = JSON.parse(JSON.stringify(schema, replace(null))) as Record<string, unknown>;
  const defs = Object.fromEntries(Object.entries(definitions).map(([name, value]) => [name, JSON.parse(JSON.stringify(value, replace(name)))]));
  const out = { $schema: DRAFT, $id: id, ...body, ...(Object.keys(defs).length ? { definitions: defs } : {}) };
  return `${JSON.stringify(out, null, 2)}\n`;
}

/** The outputs the pipeline writes, by the name of their published schema (the lock is among the inputs above: a person commits it). */
const OUTPUT_SCHEMAS: Record<string, { schema: TSchema; definitions?: Record<string, TSchema> }> = {
  'xref.schema.json': { schema: XrefSchema, definitions: { relation: Type.Enum(RELATIONS) } },
  'directives.schema.json': { schema: DirectiveIndexSchema, definitions: { relation: Type.Enum(RELATIONS) } },
  'summary.schema.json': { schema: DigestScoresSchema, definitions: { readability: ReadabilitySchema } },
  'amendments.schema.json': { schema: AmendmentsFileSchema, definitions: { occurrence: OccurrenceSchema } },
  'ordinance-outputs.schema.json': { schema: OutputManifestSchema },
  'site-record.schema.json': { schema: OrdinanceRecordSchema },
  'site-catalog.schema.json': { schema: CatalogSchema },
  'site-manifest.schema.json': { schema: SiteManifestSchema },
};

/** Every published schema: its path from the project root, and its text. */
export function publishedSchemas(rules: readonly Rule[]): Record<string, string> {
  const config = configSchema(rules);
  const settings = (config.properties as Record<string, TSchema>).rules!;
  const out: Record<string, string> = {
    'ordinance.config.schema.json': publish(config, 'ordinance.config.schema.json', { rules: settings, level: LevelSchema, byStatus: ByStatusSchema }),
    'templates/schemas/jurisdiction.schema.json': publish(jurisdictionSchema(rules), 'jurisdiction.schema.json', { level: LevelSchema, byStatus: ByStatusSchema }),
    'templates/schemas/layout.schema.json': publish(LayoutFileSchema, 'layout.schema.json'),
    'templates/schemas/ordinance-lock.schema.json': publish(lockSchema, 'ordinance-lock.schema.json'),
  };
  for (const [name, schema] of Object.entries(FRONT_MATTER_SCHEMAS))
    out[`templates/schemas/${name}.front-matter.schema.json`] = publish(schema, `${name}.front-matter.schema.json`);
  for (const [file, { schema, definitions }] of Object.entries(OUTPUT_SCHEMAS)) out[`templates/schemas/${file}`] = publish(schema, file, definitions);
  return out;
}
