/**
 * Project configuration: `ordinance.config.json` sets rule severities and
 * options for every ordinance, by status where it matters, with overrides per
 * ordinance. Its JSON Schema is `ordinance.config.schema.json`. Layers, from
 * weakest: the rule's defaults, the jurisdiction's template, the config's
 * rules, then each override that names the ordinance.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Severity } from '../diagnostics.js';
import { ORDINANCE_STATUSES, type OrdinanceStatus } from '../model/metadata.js';

export const CONFIG_FILE = 'ordinance.config.json';

export type Level = Severity | 'off';
const LEVELS: readonly Level[] = ['error', 'warning', 'info', 'off'];

/** How one layer sets a rule. */
export interface RuleSetting {
  severity?: Level;
  /** Severity by the ordinance's status (draft, introduced, adopted, effective). */
  byStatus?: Partial<Record<OrdinanceStatus, Level>>;
  options?: Record<string, unknown>;
  /** Why the setting departs from the rule's default (required by templates, kept in SARIF). */
  reason?: string;
}

export interface ProjectConfig {
  /** Where it was read from, or null for none. */
  file: string | null;
  rules: Record<string, RuleSetting>;
  overrides: { ordinances: string[]; rules: Record<string, RuleSetting> }[];
}

export const EMPTY_CONFIG: ProjectConfig = { file: null, rules: {}, overrides: [] };

export class ConfigError extends Error {}

/** The config file at or above `from`, or the one named. */
export function findConfig(from: string, named?: string): string | null {
  if (named) {
    if (!existsSync(named)) throw new ConfigError(`no such config file: ${named}`);
    return named;
  }
  let dir = path.resolve(from);
  for (;;) {
    const candidate = path.join(dir, CONFIG_FILE);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/** Read and check a config file; a mistake in it is a usage error naming the key. */
export function loadConfig(file: string | null, ruleIds: readonly string[]): ProjectConfig {
  if (!file) return EMPTY_CONFIG;
  const where = path.relative(process.cwd(), file) || file;
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new ConfigError(`${where}: not valid JSON: ${(error as Error).message}`);
  }
  const fail = (at: string, expected: string): never => {
    throw new ConfigError(`${where}: unexpected value at \`${at}\`, expected ${expected}`);
  };
  if (!isObject(raw)) return fail('(top)', 'an object with `rules` and `overrides`');
  for (const key of Object.keys(raw)) if (!['$schema', 'rules', 'overrides'].includes(key)) fail(key, '`$schema`, `rules` or `overrides`');
  const rules = readRules(raw.rules ?? {}, 'rules', ruleIds, fail);
  if (raw.overrides !== undefined && !Array.isArray(raw.overrides)) fail('overrides', 'a list');
  const overrides = ((raw.overrides as unknown[]) ?? []).map((entry, i) => {
    if (!isObject(entry)) return fail(`overrides[${i}]`, 'an object with `ordinances` and `rules`');
    const ordinances = entry.ordinances;
    if (!Array.isArray(ordinances) || !ordinances.every((o) => typeof o === 'string')) return fail(`overrides[${i}].ordinances`, 'a list of ordinance folder names');
    return { ordinances: ordinances as string[], rules: readRules(entry.rules ?? {}, `overrides[${i}].rules`, ruleIds, fail) };
  });
  return { file, rules, overrides };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readRules(value: unknown, at: string, ruleIds: readonly string[], fail: (at: string, expected: string) => never): Record<string, RuleSetting> {
  if (!isObject(value)) return fail(at, 'an object of rule ids');
  const out: Record<string, RuleSetting> = {};
  for (const [id, setting] of Object.entries(value)) {
    if (!ruleIds.includes(id)) fail(`${at}.${id}`, `a rule id (\`ordinance rules\` lists them)`);
    out[id] = readSetting(setting, `${at}.${id}`, fail);
  }
  return out;
}

function readSetting(value: unknown, at: string, fail: (at: string, expected: string) => never): RuleSetting {
  if (typeof value === 'string') {
    if (!LEVELS.includes(value as Level)) fail(at, LEVELS.map((l) => `\`${l}\``).join(', '));
    return { severity: value as Level };
  }
  if (!isObject(value)) return fail(at, 'a severity or an object with `severity`, `byStatus`, `options`, `reason`');
  const setting: RuleSetting = {};
  for (const [key, v] of Object.entries(value)) {
    if (key === 'severity') {
      if (!LEVELS.includes(v as Level)) fail(`${at}.severity`, LEVELS.map((l) => `\`${l}\``).join(', '));
      setting.severity = v as Level;
    } else if (key === 'byStatus') {
      if (!isObject(v)) fail(`${at}.byStatus`, 'an object of statuses');
      for (const [status, level] of Object.entries(v as Record<string, unknown>)) {
        if (!ORDINANCE_STATUSES.includes(status as OrdinanceStatus)) fail(`${at}.byStatus.${status}`, `a status: ${ORDINANCE_STATUSES.join(', ')}`);
        if (!LEVELS.includes(level as Level)) fail(`${at}.byStatus.${status}`, LEVELS.map((l) => `\`${l}\``).join(', '));
      }
      setting.byStatus = v as RuleSetting['byStatus'];
    } else if (key === 'options') {
      if (!isObject(v)) fail(`${at}.options`, 'an object');
      setting.options = v as Record<string, unknown>;
    } else if (key === 'reason') {
      if (typeof v !== 'string' || !v.trim()) fail(`${at}.reason`, 'text');
      setting.reason = v as string;
    } else fail(`${at}.${key}`, '`severity`, `byStatus`, `options` or `reason`');
  }
  return setting;
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
