/**
 * An in-process rule tester, after typescript-eslint's RuleTester:
 * `new RuleTester().run(rule, { valid, invalid })` declares one test per case.
 * A case is a small ordinance given as data (its files' text, laid over the
 * base workspace of test/fixtures/base); the real stages run on it in this
 * process (load, parse, model, resolve, amend, validate: what `ordinance check`
 * runs, without spawning it), with the rule under test as the only rule, and
 * the findings must be exactly those the case expects (the stages' own
 * findings included, so a case that does not parse fails). A difference is
 * shown finding by finding: missing, extra, or in the wrong place.
 */
import { cpSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { describe, it } from 'vitest';
import { formatDiagnostics } from '../pipeline/cli/format.js';
import { collectDiagnostics, type Diagnostic, type Severity } from '../pipeline/report/diagnostics.js';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import { compileRun, filesOf } from '../pipeline/runner/run.js';
import type { RuleSetting } from '../pipeline/config/project-config.js';
import { findConfig, loadConfig } from '../pipeline/load/config-file.js';
import type { Rule } from '../pipeline/validate/rule.js';
import { rules as registeredRules } from '../pipeline/validate/rules/index.js';
import { FIXTURES, tempDir } from './helpers.js';

/** One finding a case expects. Paths are relative to the workspace (`ordinance/sample/02-records.md`). */
export interface ExpectedFinding {
  file: string;
  line: number;
  column: number;
  /** Where the finding's range ends, when the rule reports a range (it must then be given). */
  endLine?: number;
  endColumn?: number;
  severity: Severity;
  message: string;
  /** Default: the rule under test. */
  ruleId?: string;
  /** The law path (`§ 2(b)(1)`), when the finding has one. */
  where?: string;
  /** The second place, as printed (`first used at ordinance/sample/01-purpose.md:2:1`). */
  related?: string;
}

/** The files of a case, by path relative to the workspace: text to write, or null to remove a file of the base. */
export type CaseFiles = Record<string, string | null>;

export interface ValidCase {
  /** What the case shows, as the test's name. */
  name: string;
  files: CaseFiles;
  /** The rule's setting (severity, options), above every other layer. */
  setting?: RuleSetting;
}

export interface InvalidCase extends ValidCase {
  findings: ExpectedFinding[];
}

export interface RuleCases {
  valid: ValidCase[];
  invalid: InvalidCase[];
}

/** Which rules run and with which settings; default: every registered rule, configured as the CLI configures it. */
export interface CheckOptions {
  rules?: readonly Rule[];
  settings?: Record<string, RuleSetting>;
}

/**
 * Check the `ordinance/` workspace of `dir` in this process, as `ordinance
 * check ordinance` run in `dir` does (its project configuration found the
 * same way, no cache). Returns every file read, with its findings.
 */
async function checkFiles(dir: string, options: CheckOptions): Promise<VFile[]> {
  const cwd = process.cwd();
  // Paths in findings are relative to the working directory, as the CLI prints them: the check runs where the CLI would.
  process.chdir(dir);
  try {
    const configOf = () => loadConfig(findConfig(dir), registeredRules);
    const run = await compileRun(discoverWorkspaces(['ordinance']), { build: false, outDir: 'dist', cache: false, configOf, ...options });
    return filesOf(run.workspaces);
  } finally {
    process.chdir(cwd);
  }
}

/** Every finding of the `ordinance/` workspace of `dir`, checked in this process, sorted as the CLI sorts them. */
export async function checkInProcess(dir: string, options: CheckOptions = {}): Promise<Diagnostic[]> {
  return collectDiagnostics(await checkFiles(dir, options));
}

/** What `ordinance check ordinance` run in `dir` prints on stdout (its compact lines, each ending in a newline), checked in this process. */
export async function compactCheck(dir: string): Promise<string> {
  const output = formatDiagnostics(await checkFiles(dir, {}), 'compact');
  return output ? `${output}\n` : '';
}

/** A scratch workspace: the base fixture's `ordinance/` with the case's files laid over it. */
export function caseWorkspace(files: CaseFiles, base = path.join(FIXTURES, 'base')): string {
  const dir = tempDir('ordinance-rule-');
  cpSync(path.join(base, 'ordinance'), path.join(dir, 'ordinance'), { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    const file = path.join(dir, name);
    if (text === null) rmSync(file, { force: true });
    else {
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
  }
  return dir;
}

/** One finding as one line: place (with its end when it has one), severity, law path, message, related place, rule. */
export function findingLine(f: ExpectedFinding | Diagnostic): string {
  const end = f.endLine !== undefined ? `-${f.endLine}:${f.endColumn}` : '';
  return `${f.file}:${f.line}:${f.column}${end}: ${f.severity} ${f.where ? `${f.where}: ` : ''}${f.message}${f.related ? ` (${f.related})` : ''} [${f.ruleId}]`;
}

/** The same finding wherever it is: what pairs a missing finding with an extra one as "in the wrong place". */
function withoutPlace(f: ExpectedFinding | Diagnostic): string {
  return `${f.file}: ${f.severity} ${f.where ?? ''} ${f.message} ${f.related ?? ''} [${f.ruleId}]`;
}

function placeOf(f: ExpectedFinding | Diagnostic): string {
  return `${f.line}:${f.column}${f.endLine !== undefined ? `-${f.endLine}:${f.endColumn}` : ''}`;
}

/**
 * How the findings differ from those expected, one line each (a finding
 * missing, an extra one, one found elsewhere than expected), or null when
 * they are the same (order aside).
 */
export function diffFindings(expected: readonly ExpectedFinding[], actual: readonly Diagnostic[]): string | null {
  const missing = [...expected];
  const extra: Diagnostic[] = [];
  for (const finding of actual) {
    const at = missing.findIndex((e) => findingLine(e) === findingLine(finding));
    if (at >= 0) missing.splice(at, 1);
    else extra.push(finding);
  }
  const lines: string[] = [];
  for (const e of [...missing]) {
    const elsewhere = extra.findIndex((a) => withoutPlace(a) === withoutPlace(e));
    if (elsewhere < 0) continue;
    const [found] = extra.splice(elsewhere, 1);
    missing.splice(missing.indexOf(e), 1);
    lines.push(`  wrong place: expected ${placeOf(e)}, found ${placeOf(found!)}: ${findingLine(found!)}`);
  }
  for (const e of missing) lines.push(`  missing:     ${findingLine(e)}`);
  for (const a of extra) lines.push(`  extra:       ${findingLine(a)}`);
  return lines.length ? lines.join('\n') : null;
}

/** Runs a rule's valid and invalid cases, one test each, in this process. */
export class RuleTester {
  /** `base`: the folder whose `ordinance/` each case is laid over (default: test/fixtures/base). */
  constructor(private readonly base = path.join(FIXTURES, 'base')) {}

  /** The findings of one case, with `rule` as the only rule. */
  async findings(rule: Rule, testCase: ValidCase): Promise<Diagnostic[]> {
    const dir = caseWorkspace(testCase.files, this.base);
    return checkInProcess(dir, { rules: [rule], ...(testCase.setting ? { settings: { [rule.id]: testCase.setting } } : {}) });
  }

  /** Declare the tests of `rule`'s cases: a valid case has no finding at all; an invalid one exactly those it lists. */
  run(rule: Rule, { valid, invalid }: RuleCases): void {
    describe(rule.id, () => {
      for (const testCase of valid)
        it(`valid: ${testCase.name}`, async () => {
          const diff = diffFindings([], await this.findings(rule, testCase));
          if (diff) throw new Error(`Unexpected findings in a valid case of ${rule.id}:\n${diff}`);
        });
      for (const testCase of invalid)
        it(`invalid: ${testCase.name}`, async () => {
          if (!testCase.findings.some((f) => (f.ruleId ?? rule.id) === rule.id)) throw new Error(`An invalid case of ${rule.id} must expect a finding of it`);
          const expected = testCase.findings.map((f) => ({ ...f, ruleId: f.ruleId ?? rule.id }));
          const diff = diffFindings(expected, await this.findings(rule, testCase));
          if (diff) throw new Error(`Findings of ${rule.id} differ from those expected:\n${diff}`);
        });
    });
  }
}
