/**
 * The project's configuration file found and read: `ordinance.config.json` in
 * the folder of ordinances or the nearest above it (config/project-config.ts says what
 * it holds and how a rule's settings resolve).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  CONFIG_FILE,
  ConfigError,
  configSchema,
  EMPTY_CONFIG,
  normalizeSettings,
  type Level,
  type ProjectConfig,
  type RuleInfo,
  type RuleSetting,
} from '../config/project-config.js';
import { checkJson } from '../schema/json-source.js';
import { readJsonFile } from './read-json.js';
import { FileProblemsError } from '../schema/problems.js';

/** The config file at or above `from`, or the one named. */
export function findConfig(from: string, named?: string): string | null {
  if (named) {
    if (!existsSync(named)) throw new ConfigError([], `no such config file: ${named}`);
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

/** Read and check a config file against `rules`; a mistake in it is a ConfigError at its place. */
export function loadConfig(file: string | null, rules: readonly RuleInfo[]): ProjectConfig {
  if (!file) return EMPTY_CONFIG;
  let source: ReturnType<typeof readJsonFile>;
  try {
    source = readJsonFile(file);
  } catch (error) {
    if (error instanceof FileProblemsError) throw new ConfigError(error.problems);
    throw error;
  }
  const problems = checkJson(source, configSchema(rules), 'the configuration');
  if (problems.length) throw new ConfigError(problems);
  const raw = source.value as { rules?: Record<string, Level | RuleSetting>; overrides?: { ordinances: string[]; rules: Record<string, Level | RuleSetting> }[] };
  return {
    file,
    rules: normalizeSettings(raw.rules),
    overrides: (raw.overrides ?? []).map((o) => ({ ordinances: o.ordinances, rules: normalizeSettings(o.rules) })),
  };
}
