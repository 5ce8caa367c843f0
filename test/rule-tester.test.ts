/**
 * The rule tester itself: it tells a missing finding, an extra one and one in
 * the wrong place apart, line by line, and a case's findings come from the
 * real stages run in this process.
 */
import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../pipeline/report/diagnostics.js';
import andOr from '../pipeline/validate/rules/and-or.js';
import { diffFindings, type ExpectedFinding, RuleTester } from './rule-tester.js';

const RECORDS = 'ordinance/sample/02-records.md';

const found: Diagnostic = {
  file: RECORDS,
  line: 13,
  column: 14,
  endLine: 13,
  endColumn: 20,
  severity: 'warning',
  where: '§ 2(b)(1)',
  message: 'Unexpected `and/or`, expected `or`, `and`, or `A or B, or both`',
  ruleId: 'and-or',
};
const asExpected: ExpectedFinding = { ...found };

describe('diffFindings', () => {
  it('finds nothing to say when the findings are those expected', () => {
    expect(diffFindings([asExpected], [found])).toBeNull();
  });

  it('names a finding that is missing', () => {
    expect(diffFindings([asExpected], [])).toBe(
      '  missing:     ordinance/sample/02-records.md:13:14-13:20: warning § 2(b)(1): Unexpected `and/or`, expected `or`, `and`, or `A or B, or both` [and-or]',
    );
  });

  it('names a finding that is not expected', () => {
    expect(diffFindings([], [found])).toBe(
      '  extra:       ordinance/sample/02-records.md:13:14-13:20: warning § 2(b)(1): Unexpected `and/or`, expected `or`, `and`, or `A or B, or both` [and-or]',
    );
  });

  it('pairs a finding expected at one place and found at another', () => {
    expect(diffFindings([{ ...asExpected, column: 13 }], [found])).toBe(
      '  wrong place: expected 13:13-13:20, found 13:14-13:20: ordinance/sample/02-records.md:13:14-13:20: warning § 2(b)(1): Unexpected `and/or`, expected `or`, `and`, or `A or B, or both` [and-or]',
    );
  });

  it('holds the end of a range to account: one the rule gives must be expected', () => {
    const { endLine: _l, endColumn: _c, ...pointOnly } = asExpected;
    expect(diffFindings([pointOnly], [found])).toContain('wrong place: expected 13:14, found 13:14-13:20');
  });

  it('tells a wrong message from a wrong place', () => {
    expect(diffFindings([{ ...asExpected, message: 'Unexpected `and/or`' }], [found])).toMatch(/^ {2}missing: .*\n {2}extra: /);
  });
});

describe('RuleTester', () => {
  const tester = new RuleTester();
  const records = (item: string) => `---
id: records
heading: Records of Stops
kind: operative
---
(a) Each record shall state:

(1) ${item}
`;

  it('gives the findings of the real stages for a case given as data', async () => {
    const findings = await tester.findings(andOr, { name: 'and/or', files: { [RECORDS]: records('the date and/or the place.') } });
    expect(diffFindings([{ ...asExpected, line: 8, column: 14, endLine: 8, endColumn: 20, where: '§ 2(a)(1)' }], findings)).toBeNull();
  });

  it('counts the findings of the stages before the rules: a case that does not read is not valid', async () => {
    const findings = await tester.findings(andOr, { name: 'unknown annotation', files: { [RECORDS]: records('the date :unknown[x].') } });
    expect(diffFindings([], findings)).toMatch(
      /^ {2}extra: {7}ordinance\/sample\/02-records\.md:8:14-8:25: error § 2\(a\)\(1\): Unexpected annotation `unknown`, .* \[unknown-annotation\]$/,
    );
  });
});
