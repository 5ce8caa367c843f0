/**
 * Every rule: its ok and not-ok fixtures (laid over the base ordinance) give
 * exactly the findings kept beside them, as `ordinance check` prints them; its
 * tester cases (test/rule-cases/) give exactly the findings they list. All run
 * in this process. A meta-test keeps the rules, their docs pages, their
 * fixtures and their cases in step.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { rules } from '../pipeline/validate/rules/index.js';
import { FIXTURES, ROOT, workspace } from './helpers.js';
import { ruleCases } from './rule-cases/index.js';
import { compactCheck, RuleTester } from './rule-tester.js';

const RULES_DIR = path.join(ROOT, 'pipeline', 'validate', 'rules');
const RULE_FIXTURES = path.join(FIXTURES, 'rules');
const tester = new RuleTester();

describe.each(rules.map((r) => [r.id, r] as const))('rule %s', (id, rule) => {
  it('has a docs page whose title and description match', () => {
    const docs = readFileSync(path.join(RULES_DIR, `${id}.md`), 'utf8').split('\n');
    expect(docs[0]).toBe(`# ${id}`);
    expect(docs[2]).toBe(rule.description);
    expect(docs.join('\n')).toContain(`Default severity: ${rule.defaultSeverity}.`);
  });

  it('is registered once, in its own file', () => {
    expect(rules.filter((r) => r.id === id)).toHaveLength(1);
    expect(existsSync(path.join(RULES_DIR, `${id}.ts`))).toBe(true);
  });

  const fixtures = path.join(RULE_FIXTURES, id);
  if (existsSync(fixtures)) {
    it.each(['not-ok', 'ok'])('%s fixture gives the findings kept beside it', async (side) => {
      const dir = path.join(fixtures, side);
      const expected = readFileSync(path.join(dir, 'expected.txt'), 'utf8');
      expect(await compactCheck(workspace(dir))).toBe(expected);
      if (side === 'ok') expect(expected).toBe('');
      else expect(expected).toContain(`[${id}]`);
    });
  }
  const cases = ruleCases[id];
  if (cases) tester.run(rule, cases);

  it('has fixtures or tester cases, valid and invalid', () => {
    const tested = existsSync(fixtures) || (cases !== undefined && cases.valid.length > 0 && cases.invalid.length > 0);
    expect(tested, `expected test/fixtures/rules/${id}/ (ok and not-ok) or test/rule-cases/${id}.ts (valid and invalid cases)`).toBe(true);
  });
});

it('every rule file is registered', () => {
  const files = readdirSync(RULES_DIR)
    .filter((n) => n.endsWith('.ts') && n !== 'index.ts')
    .map((n) => n.slice(0, -3));
  expect(files.sort()).toEqual(rules.map((r) => r.id).sort());
});

it('every file of tester cases names a rule and is listed', () => {
  // index.ts lists them; base-files.ts holds the base's files they change.
  const files = readdirSync(path.join(ROOT, 'test', 'rule-cases'))
    .filter((n) => n.endsWith('.ts') && n !== 'index.ts' && n !== 'base-files.ts')
    .map((n) => n.slice(0, -3));
  expect(files.sort()).toEqual(Object.keys(ruleCases).sort());
  const ids = new Set(rules.map((r) => r.id));
  for (const id of files) expect(ids.has(id), id).toBe(true);
});

it('every fixture folder names a rule', () => {
  const ids = new Set(rules.map((r) => r.id));
  for (const name of readdirSync(RULE_FIXTURES)) expect(ids.has(name), name).toBe(true);
});

it('every id a check can report has a docs page', () => {
  const diagnostics = path.join(ROOT, 'pipeline', 'validate', 'diagnostics');
  const expected = [path.join(FIXTURES, 'bad-input'), RULE_FIXTURES].flatMap((root) =>
    readdirSync(root, { recursive: true, encoding: 'utf8' })
      .filter((n) => n.endsWith('expected.txt'))
      .map((n) => readFileSync(path.join(root, n), 'utf8')),
  );
  const ids = new Set(
    expected
      .join('\n')
      .match(/\[[a-z-]+\]$/gm)
      ?.map((m) => m.slice(1, -1)),
  );
  for (const id of ['unused-suppression', 'suppression-reason', 'suppression-syntax', 'suppression-rule', 'rule-position', 'subdivision-depth', 'registry-id', 'registry-relation'])
    ids.add(id);
  // And those the tester cases expect from the stages around a rule.
  for (const cases of Object.values(ruleCases)) for (const finding of cases.invalid.flatMap((c) => c.findings)) if (finding.ruleId) ids.add(finding.ruleId);
  for (const id of ids) expect(existsSync(path.join(RULES_DIR, `${id}.md`)) || existsSync(path.join(diagnostics, `${id}.md`)), id).toBe(true);
  // And every page is for an id the code reports.
  const source = readdirSync(path.join(ROOT, 'pipeline'), { recursive: true, encoding: 'utf8' })
    .filter((n) => n.endsWith('.ts'))
    .map((n) => readFileSync(path.join(ROOT, 'pipeline', n), 'utf8'))
    .join('\n');
  for (const page of readdirSync(diagnostics)) expect(source, page).toContain(`'${page.slice(0, -3)}'`);
});
