/**
 * Every shipped example that amends a code names the code (`amends-code:`),
 * checks clean with no overrides, and is applied here, as CI applies it: the
 * District's WMATA act (D.C. Law 24-288) gives § 9-1108.11 as the Council
 * codified it (the codified XML before and after the act are in
 * test/fixtures/dc-law-24-288); San Francisco's form example revises § 12H.1
 * of the Administrative Code, its addition marked as the Board marks it; Los
 * Angeles' form example (test/amend-forms.test.ts) amends a sample of its
 * Administrative Code.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importedSection, lawText } from './dc-sections.js';
import { FIXTURES, ROOT, sampleCopy } from './helpers.js';
import { runMain } from './in-process.js';

/** The law's text of a section source: its heading and body (without the front matter's ids, which the importer and the applier both write). */
const lawOf = (source: string) => lawText(source.replace(/^(?:id|number|kind|status):.*\n/gm, ''));

/** The shipped ordinances that name a code to amend. */
function amendingExamples(): string[] {
  return readdirSync(path.join(ROOT, 'ordinance'), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .filter((e) => {
      try {
        return /^amends-code:/m.test(readFileSync(path.join(ROOT, 'ordinance', e.name, 'ordinance.md'), 'utf8'));
      } catch {
        return false;
      }
    })
    .map((e) => e.name)
    .sort();
}

describe('shipped examples that amend a code', () => {
  it('every example that amends a code names it', () => {
    // An amending example that names no code would never be applied: each council's is here.
    expect(amendingExamples()).toEqual(['dc-wmata-board', 'la-city-resources', 'sf-city-of-refuge']);
  });

  it('D.C. Law 24-288 (WMATA Board of Directors) checks clean and gives § 9-1108.11 as the Council codified it', async () => {
    const dir = sampleCopy(['dc-wmata-board', 'dc-code']);
    const check = await runMain(['check', 'ordinance/dc-wmata-board'], dir);
    expect(check.stdout + check.stderr).toBe('');
    expect(check.code).toBe(0);
    const amend = await runMain(['amend', 'ordinance/dc-wmata-board', '--out', 'out', '--quiet'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    const file = 'dc-code-title-9/13-chapter-11/06-subchapter-iv-b/01-9-1108.11.md';
    const after = importedSection(path.join(FIXTURES, 'dc-law-24-288', 'after-9-1108.11.xml'));
    expect(lawOf(readFileSync(path.join(dir, 'out', file), 'utf8'))).toBe(lawOf(after));
    // And the shipped code is the section as it stood before the act.
    expect(lawOf(readFileSync(path.join(ROOT, 'ordinance', 'dc-code', file), 'utf8'))).toBe(lawOf(importedSection(path.join(FIXTURES, 'dc-law-24-288', 'before-9-1108.11.xml'))));
  });

  it("San Francisco's form example checks clean and revises § 12H.1 with the words it marks as added", async () => {
    const dir = sampleCopy(['sf-city-of-refuge', 'sf-admin-code']);
    const check = await runMain(['check', 'ordinance/sf-city-of-refuge'], dir);
    expect(check.stdout + check.stderr).toBe('');
    const amend = await runMain(['amend', 'ordinance/sf-city-of-refuge', '--out', 'out', '--quiet'], dir);
    expect(amend.code, amend.stdout + amend.stderr).toBe(0);
    const file = '01-chapter-12h/01-12h.1.md';
    const before = readFileSync(path.join(ROOT, 'ordinance', 'sf-admin-code', file), 'utf8');
    expect(readFileSync(path.join(dir, 'out', file), 'utf8')).toBe(
      before.replace(
        'a City and County of Refuge.',
        "a City and County of Refuge, and that every person, whatever the person's immigration status, may use the services of the City and County.",
      ),
    );
  });
});
