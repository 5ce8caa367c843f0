/**
 * The rule engine as CI and drafters use it: the project configuration
 * (severities, severity by status, options, overrides per ordinance),
 * suppressions with reasons, --max-warnings, and SARIF that the SARIF
 * Multitool validates against the 2.1.0 schema.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, runCli, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';

const RECORDS = path.join('ordinance', 'sample', '02-records.md');

function edit(dir: string, file: string, change: (text: string) => string): void {
  const full = path.join(dir, file);
  writeFileSync(full, change(readFileSync(full, 'utf8')));
}

function config(dir: string, value: unknown): void {
  writeFileSync(path.join(dir, 'ordinance.config.json'), JSON.stringify(value, null, 2));
}

describe('configuration', () => {
  it('sets severities and options, by status and per ordinance', async () => {
    const dir = workspace();
    edit(dir, RECORDS, (t) => t.replace('(a) Every Stop shall be recorded.', '(a) Every Stop shall be recorded promptly and/or at once.'));
    expect((await runMain(['check', 'ordinance'], dir)).stdout).toBe(
      'ordinance/sample/02-records.md:9:34: warning § 2(a): Unexpected vague term `promptly`, expected a stated standard (a time, a number, a test) [vague-terms]\n' +
        'ordinance/sample/02-records.md:9:43: warning § 2(a): Unexpected `and/or`, expected `or`, `and`, or `A or B, or both` [and-or]\n',
    );
    config(dir, {
      rules: { 'and-or': 'error', 'vague-terms': { options: { words: ['at once'] } } },
      overrides: [{ ordinances: ['sample'], rules: { 'and-or': { severity: 'warning', byStatus: { draft: 'off' }, reason: 'a draft under discussion' } } }],
    });
    expect((await runMain(['check', 'ordinance'], dir)).stdout).toBe(
      'ordinance/sample/02-records.md:9:50: warning § 2(a): Unexpected vague term `at once`, expected a stated standard (a time, a number, a test) [vague-terms]\n',
    );
  });

  it('says exactly what is wrong with a configuration, and exits 2', () => {
    const dir = workspace();
    config(dir, { rules: { 'and-ors': 'error' } });
    expect(runCli(['check', 'ordinance'], dir)).toMatchObject({
      code: 2,
      stderr: 'ordinance.config.json:3:5: error Unexpected key `rules.and-ors` in the configuration, expected `rules.and-or` or a rule id (`ordinance rules` lists them)\n',
    });
    config(dir, { rules: { 'and-or': 'fatal' } });
    expect(runCli(['check', 'ordinance'], dir).stderr).toBe(
      'ordinance.config.json:3:15: error Unexpected `fatal` for `rules.and-or`, expected one of `error`, `warning`, `info`, `off`\n',
    );
  });
});

describe('suppressions', () => {
  it('silence the named rule on the next line, need a reason, and are reported when unused', async () => {
    const dir = workspace();
    edit(dir, RECORDS, (t) =>
      t.replace(
        '(a) Every Stop shall be recorded.',
        '<!-- ordinance-disable-next-line and-or -- the Chief asked for this wording -->\n(a) Every Stop shall be recorded and/or logged.\n\n<!-- ordinance-disable-next-line vague-terms -- nothing vague follows -->\n<!-- ordinance-disable-next-line and-or -->',
      ),
    );
    expect((await runMain(['check', 'ordinance'], dir)).stdout).toBe(
      'ordinance/sample/02-records.md:12:1: warning § 2: Unexpected suppression of `vague-terms`: it suppresses nothing, expected it removed [unused-suppression]\n' +
        'ordinance/sample/02-records.md:13:1: error § 2: Missing reason for suppression, expected `-- why the finding does not apply` before `-->` [suppression-reason]\n',
    );
  });
});

describe('the human format', () => {
  it('groups findings by file, as vfile-reporter does', () => {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'subdivision-gap'));
    const result = runCli(['check', 'ordinance', '--format', 'human'], dir);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/^ordinance\/sample\/02-records\.md\n9:1-9:24 +error Unexpected subdivision `\(c\)`, expected `\(b\)` subdivision-sequence ordinance\n/);
    expect(result.stdout).toMatch(/2 errors/);
  });
});

describe('--max-warnings', () => {
  it('fails a run with more warnings than allowed', () => {
    const dir = workspace(path.join(FIXTURES, 'rules', 'vague-terms', 'not-ok'));
    expect(runCli(['check', 'ordinance'], dir).code).toBe(0);
    expect(runCli(['check', 'ordinance', '--max-warnings', '1'], dir).code).toBe(0);
    const strict = runCli(['check', 'ordinance', '--max-warnings', '0'], dir);
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('ordinance: 1 warnings, more than --max-warnings 0');
  });
});

describe('SARIF', () => {
  it('validates against the SARIF 2.1.0 schema, with rules and regions', () => {
    const dir = workspace(path.join(FIXTURES, 'bad-input', 'missing-section-reference'));
    const result = runCli(['check', 'ordinance', '--format', 'sarif'], dir);
    expect(result.code).toBe(1);
    const log = JSON.parse(result.stdout);
    expect(log.version).toBe('2.1.0');
    expect(log.runs[0].tool.driver.rules.map((r: { id: string }) => r.id)).toContain('section-ref-resolves');
    expect(log.runs[0].results[0]).toMatchObject({
      ruleId: 'section-ref-resolves',
      level: 'error',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'ordinance/sample/01-purpose.md' }, region: { startLine: 6, startColumn: 21 } } }],
    });
    const file = path.join(tempDir(), 'check.sarif');
    writeFileSync(file, result.stdout);
    const output = path.join(path.dirname(file), 'validation.sarif');
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'sarif-multitool'), ['validate', file, '-o', output], { encoding: 'utf8' });
    const validation = JSON.parse(readFileSync(output, 'utf8'));
    const errors = validation.runs[0].results.filter((r: { level?: string }) => r.level === 'error');
    expect(errors).toEqual([]);
  });
});
