/**
 * Meta-test: every registered rule has a docs page beside it whose title and
 * description match the rule, and at least one bad-input fixture that shows it.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../pipeline/validate/rules/index.js';
import { FIXTURES, ROOT } from './helpers.js';

const RULES_DIR = path.join(ROOT, 'pipeline', 'validate', 'rules');

const expectations = readdirSync(path.join(FIXTURES, 'bad-input'))
  .map((name) => path.join(FIXTURES, 'bad-input', name, 'expected.txt'))
  .filter(existsSync)
  .map((file) => readFileSync(file, 'utf8'))
  .join('\n');

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  it('has a docs page whose title and description match', () => {
    const docs = readFileSync(path.join(RULES_DIR, `${id}.md`), 'utf8').split('\n');
    expect(docs[0]).toBe(`# ${id}`);
    expect(docs[2]).toBe(rule.description);
    expect(docs.join('\n')).toContain(`Default severity: ${rule.defaultSeverity}.`);
  });

  it('is shown by a bad-input fixture', () => {
    expect(expectations).toContain(`[${id}]`);
  });

  it('is registered once, in its own file', () => {
    expect(rules.filter((r) => r.id === id)).toHaveLength(1);
    expect(existsSync(path.join(RULES_DIR, `${id}.ts`))).toBe(true);
  });
});

it('every rule file is registered', () => {
  const files = readdirSync(RULES_DIR)
    .filter((n) => n.endsWith('.ts') && n !== 'index.ts')
    .map((n) => n.slice(0, -3));
  expect(files.sort()).toEqual(rules.map((r) => r.id).sort());
});
