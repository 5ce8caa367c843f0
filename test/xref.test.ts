/**
 * Cross-references as data and the other way round: xref.json lists every
 * citation and section reference with its place and target; `ordinance xref`
 * says which ordinances cite or codify a directive, and where.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, runCli, tempDir } from './helpers.js';
import { runMain } from './in-process.js';

describe('cross-references', () => {
  it('writes xref.json with every citation and reference of the sample', async () => {
    const out = tempDir();
    expect((await runMain(['build', 'ordinance/', '--out', out, '--quiet'], ROOT, { SOURCE_DATE_EPOCH: '1733702400' })).code).toBe(0);
    const xref = JSON.parse(readFileSync(path.join(out, 'la-sanctuary-city', 'xref.json'), 'utf8'));
    expect(xref.codifies).toEqual(['lapd-special-order-40', 'la-executive-directive-20']);
    expect(xref.citations.every((c: { resolved: boolean }) => c.resolved)).toBe(true);
    expect(xref.citations).toContainEqual(
      expect.objectContaining({
        file: 'la-sanctuary-city/05-codification.md',
        section: 'codification',
        sectionLabel: 'Section 5',
        target: 'lapd-special-order-40',
        pinpoint: 'Vol. 4 § 264.50',
        relation: 'codifies',
        citedAs: 'Special Order 40',
      }),
    );
    expect(xref.references).toContainEqual(expect.objectContaining({ from: 'prohibitions', to: 'exceptions', printed: 'Section 6' }));
  });

  it('answers which ordinances cite or codify a directive', () => {
    expect(runCli(['xref', 'lapd-special-order-40'], ROOT)).toEqual({ code: 0, stdout: 'la-sanctuary-city\tcodifies\tSection 1, Section 2, Section 5\n', stderr: '' });
    expect(runCli(['xref', 'ca-values-act'], ROOT).stdout).toBe('la-sanctuary-city\tcites\tSection 1, Section 2, Section 3, Section 6\n');
    const unknown = runCli(['xref', 'lapd-so-40'], ROOT);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown directive `lapd-so-40`');
    expect(unknown.stderr).toContain('did you mean lapd-special-order-40');
  });
});
