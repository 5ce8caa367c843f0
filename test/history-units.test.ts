/**
 * The pieces of law over time on their own: the front-matter editor that
 * `adopt` uses keeps every byte it does not set; `diffOrdinances` matches
 * sections by stable id and lists front-matter changes by name.
 */
import path from 'node:path';
import { VFile } from 'vfile';
import { describe, expect, it } from 'vitest';
import { diffOrdinances, frontMatterChanges, PLAIN_FORM } from '../pipeline/compare/diff.js';
import { FrontMatterEditError, setFrontMatter } from '../pipeline/history/front-matter-edit.js';
import { diffMarkdown } from '../pipeline/history/diff-report.js';
import type { OrdinanceSources } from '../pipeline/model/workspace.js';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import type { Ordinance } from '../pipeline/model/types.js';
import { parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';

describe('setFrontMatter', () => {
  const file = `---
title: "An ordinance to test."  # the long title
status: draft
version: 1
dates:
  # when it was introduced
  introduced: '2025-01-07'
vote: { ayes: 3 }
---
Text after the front matter, with --- and status: draft in it.
`;

  it('replaces a value in the style it was written, keeping comments and every other byte', () => {
    const out = setFrontMatter(file, [
      { path: ['status'], value: 'adopted' },
      { path: ['dates', 'introduced'], value: '2025-01-08' },
    ]);
    expect(out).toBe(file.replace('status: draft\n', 'status: adopted\n').replace("introduced: '2025-01-07'", "introduced: '2025-01-08'"));
  });

  it('adds a key to the end of its mapping, indented as its siblings, and a new mapping at the end', () => {
    const out = setFrontMatter(file, [
      { path: ['dates', 'passed'], value: '2025-02-04' },
      { path: ['vote', 'noes'], value: 0 },
      { path: ['number'], value: '190001' },
      { path: ['officials', 'mayor'], value: 'A "quoted" name' },
    ]);
    expect(out).toBe(
      file
        .replace("  introduced: '2025-01-07'\n", `  introduced: '2025-01-07'\n  passed: "2025-02-04"\n`)
        .replace('vote: { ayes: 3 }', 'vote: { ayes: 3, noes: 0 }')
        .replace('---\nText', 'number: "190001"\nofficials:\n  mayor: "A \\"quoted\\" name"\n---\nText'),
    );
  });

  it('never writes a bare word YAML would read as something else', () => {
    expect(setFrontMatter('---\nstatus: draft\n---\n', [{ path: ['status'], value: 'yes' }])).toBe('---\nstatus: "yes"\n---\n');
  });

  it('refuses a file without front matter, or a key that holds more than one value', () => {
    expect(() => setFrontMatter('No front matter.\n', [{ path: ['status'], value: 'adopted' }])).toThrow(FrontMatterEditError);
    expect(() => setFrontMatter(file, [{ path: ['dates'], value: 'x' }])).toThrow(FrontMatterEditError);
  });
});

/** An ordinance modelled from section files given as text. */
function model(meta: string, sections: Record<string, string>): Ordinance {
  const dir = path.join('/virtual', 'ordinance', 'sample');
  const sources: OrdinanceSources = {
    slug: 'sample',
    dir,
    ordinanceFile: new VFile({ path: path.join(dir, 'ordinance.md'), value: `---\n${meta}\n---\n` }),
    sectionFiles: Object.entries(sections).map(([name, value]) => new VFile({ path: path.join(dir, name), value })),
    groupFiles: new Map(),
    folder: new VFile({ path: dir, value: '' }),
    problems: [],
  };
  return modelOrdinance(parseOrdinance(sources)!);
}

const META = 'title: "An ordinance to test."\nshort-title: "Test"\njurisdiction: los-angeles\nstatus: draft\nversion: 1';
const section = (id: string, heading: string, text: string) => `---\nid: ${id}\nheading: ${heading}\nkind: operative\n---\n${text}\n`;

describe('diffOrdinances', () => {
  const before = model(META, {
    '01-a.md': section('alpha', 'Alpha', 'The first rule.'),
    '02-b.md': section('beta', 'Beta', 'The second rule.'),
    '03-c.md': section('gamma', 'Gamma', 'The third rule.'),
    '04-e.md': section('epsilon', 'Epsilon', 'The last rule.'),
  });

  it('matches sections by id: a section moved is a move, one added or removed is listed where it stands', () => {
    const after = model(`${META.replace('version: 1', 'version: 2')}\nsponsors:\n  - "A"`, {
      '01-e.md': section('epsilon', 'Epsilon', 'The last rule.'),
      '02-a.md': section('alpha', 'Alpha', 'The first rule, amended.'),
      '03-c.md': section('gamma', 'Gamma', 'The third rule.'),
      '04-d.md': section('delta', 'Delta', 'A new rule.'),
    });
    const diff = diffOrdinances(before, after, PLAIN_FORM);
    expect(diff.frontMatter).toEqual([
      { name: 'version', before: 1, after: 2 },
      { name: 'sponsors', before: undefined, after: ['A'] },
    ]);
    expect(diff.sections.map((s) => [s.id, s.change, s.moved, s.before?.number ?? null, s.after?.number ?? null])).toEqual([
      ['epsilon', 'unchanged', true, '4', '1'],
      ['alpha', 'changed', false, '1', '2'],
      ['beta', 'removed', false, '2', null],
      ['gamma', 'unchanged', false, '3', '3'],
      ['delta', 'added', false, null, '4'],
    ]);
    expect(diff.sections[1]!.text.filter((p) => p.added || p.removed)).toEqual([{ value: ', amended', added: true }]);
    const md = diffMarkdown(diff, { from: 'a', to: 'b' });
    expect(md).toContain('### Section 1. Epsilon (moved from Section 4)');
    expect(md).toContain('- Section 3. Gamma: unchanged\n');
    expect(md).toContain('The first rule<ins>, amended</ins>.');
    expect(md).toContain('### Section 2. Beta (removed)');
    expect(md).toContain('### Section 4. Delta (added)');
  });

  it('gives every section as added when there was no version before, and escapes markup in Markdown', () => {
    const after = model(META, { '01-a.md': section('alpha', 'Alpha', 'If a < b & c > d, the \\[rule\\] applies to x\\_y.') });
    const diff = diffOrdinances(null, after, PLAIN_FORM);
    expect(diff.sections.map((s) => s.change)).toEqual(['added']);
    expect(frontMatterChanges(null, after.meta).map((c) => c.name)).toEqual(['title', 'short-title', 'jurisdiction', 'status', 'version']);
    const md = diffMarkdown(diff, { from: 'a', to: 'b' });
    // What Markdown or HTML would read as markup prints as the drafter's characters.
    expect(md).toContain('<ins>If a &lt; b &amp; c &gt; d, the \\[rule\\] applies to x\\_y.</ins>');
  });
});
