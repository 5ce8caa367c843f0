/**
 * Project configuration: `ordinance.config.json` sets rule severities and
 * options for every ordinance, by status where it matters, with overrides per
 * ordinance. Layers, from weakest: the rule's defaults, the jurisdiction's
 * template, the config's rules, then each override that names the ordinance.
 *
 * The schema here is the contract: the config is checked against it when it
 * is loaded (load/config-file.ts; every rule's options against that rule's own
 * schema), and the published `ordinance.config.schema.json` is generated from
 * it (`npm run schemas`).
 */
import { Type, type Static, type TObject, type TSchema } from 'typebox';
import type { OrdinanceStatus } from '../model/metadata.js';
import { FileProblemsError } from '../schema/problems.js';

/**
 * What configuration needs to know of a rule: its id, its one-line description
 * and the schema of its options (validate/rule.ts's Rule is one).
 */
export interface RuleInfo {
  id: string;
  description: string;
  options?: TObject | undefined;
}

export const CONFIG_FILE = 'ordinance.config.json';

export const LEVELS = ['error', 'warning', 'info', 'off'] as const;
export const LevelSchema = Type.Enum(LEVELS);
export type Level = Static<typeof LevelSchema>;

export const ByStatusSchema = Type.Object(
  {
    draft: Type.Optional(LevelSchema),
    introduced: Type.Optional(LevelSchema),
    adopted: Type.Optional(LevelSchema),
    effective: Type.Optional(LevelSchema),
    withdrawn: Type.Optional(LevelSchema),
    failed: Type.Optional(LevelSchema),
  } satisfies Record<OrdinanceStatus, unknown>,
  { additionalProperties: false, description: "Severity by the ordinance's status." },
);

/** How one layer sets a rule (the shape every layer shares; each rule's options are checked by its own schema). */
const RuleSettingSchema = Type.Object({
  severity: Type.Optional(LevelSchema),
  /** Severity by the ordinance's status (draft, introduced, adopted, effective). */
  byStatus: Type.Optional(ByStatusSchema),
  options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
  /** Why the setting departs from the rule's default (required by templates, kept in SARIF). */
  reason: Type.Optional(Type.String()),
});
export type RuleSetting = Static<typeof RuleSettingSchema>;

export interface ProjectConfig {
  /** Where it was read from, or null for none. */
  file: string | null;
  rules: Record<string, RuleSetting>;
  overrides: { ordinances: string[]; rules: Record<string, RuleSetting> }[];
}

export const EMPTY_CONFIG: ProjectConfig = { file: null, rules: {}, overrides: [] };

/** A mistake in the configuration: exit 2, each mistake at its place. */
export class ConfigError extends FileProblemsError {}

/** The setting of `rule` in one layer: a severity, or an object (a template's needs its reason). */
function settingSchema(rule: RuleInfo, needsReason: boolean): TSchema {
  const fields: Record<string, TSchema> = {
    severity: Type.Optional(LevelSchema),
    byStatus: Type.Optional(ByStatusSchema),
  };
  // A layer may set any of a rule's options; the others keep the weaker layers' values.
  if (rule.options) fields.options = Type.Optional(Type.Partial(rule.options as TObject, { additionalProperties: false, description: `Options of \`${rule.id}\`.` }));
  const reason = Type.String({ pattern: '\\S', description: "Why the setting departs from the rule's default." });
  fields.reason = needsReason ? reason : Type.Optional(reason);
  const object = Type.Object(fields, { additionalProperties: false });
  return needsReason ? object : Type.Union([LevelSchema, object], { description: rule.description });
}

/** Rule settings by rule id: each id a registered rule, each setting checked by that rule's schema. */
export function ruleSettingsSchema(rules: readonly RuleInfo[], needsReason = false): TObject {
  return Type.Object(Object.fromEntries(rules.map((rule) => [rule.id, Type.Optional(settingSchema(rule, needsReason))])), {
    additionalProperties: false,
    expectedKey: 'a rule id (`ordinance rules` lists them)',
  });
}

const schemas = new WeakMap<readonly RuleInfo[], TObject>();

/** The schema of ordinance.config.json for these rules. */
export function configSchema(rules: readonly RuleInfo[]): TObject {
  let schema = schemas.get(rules);
  if (!schema) {
    const settings = ruleSettingsSchema(rules);
    schema = Type.Object(
      {
        $schema: Type.Optional(Type.String({ description: 'This schema, for editors.' })),
        rules: Type.Optional(settings),
        overrides: Type.Optional(
          Type.Array(
            Type.Object(
              {
                ordinances: Type.Array(Type.String({ pattern: '\\S' }), { description: 'Ordinance folder names (slugs).' }),
                rules: settings,
              },
              { additionalProperties: false },
            ),
          ),
        ),
      },
      {
        additionalProperties: false,
        title: 'ordinance-pipeline configuration',
        description: 'Rule severities and options for `ordinance check`, with overrides per ordinance. Rule ids: `ordinance rules`.',
      },
    );
    schemas.set(rules, schema);
  }
  return schema;
}

/** A layer's setting, a bare severity spelled out. */
export function normalizeSetting(setting: Level | RuleSetting): RuleSetting {
  return typeof setting === 'string' ? { severity: setting } : setting;
}

export function normalizeSettings(settings: Record<string, Level | RuleSetting> | undefined): Record<string, RuleSetting> {
  return Object.fromEntries(Object.entries(settings ?? {}).map(([id, setting]) => [id, normalizeSetting(setting)]));
}

/** The severity and options of a rule for one ordinance, through every layer. */
export function resolveSetting(layers: (RuleSetting | undefined)[], status: OrdinanceStatus): { severity: Level; options: Record<string, unknown> } {
  let severity: Level = 'error';
  let byStatus: RuleSetting['byStatus'] = {};
  let options: Record<string, unknown> = {};
  for (const layer of layers) {
    if (!layer) continue;
    if (layer.severity) {
      severity = layer.severity;
      byStatus = {};
    }
    if (layer.byStatus) byStatus = { ...byStatus, ...layer.byStatus };
    if (layer.options) options = { ...options, ...layer.options };
  }
  return { severity: byStatus?.[status] ?? severity, options };
}
