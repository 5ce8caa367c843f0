/**
 * `ordinance check --fix` (issue 30): a finding with one fix, and only one,
 * is written into its file, the same edit as the editor's quick fix
 * (editor/fixes.ts); a place that holds the mistyped words twice, or a
 * finding with several likely fixes, is left for the drafter.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyEdits, automaticEdits, replacementEdit, suppressionEdits } from '../pipeline/editor/fixes.js';
import type { Diagnostic } from '../pipeline/report/diagnostics.js';
import { workspace } from './helpers.js';
import { runMain } from './in-process.js';

const finding = (line: number, column: number, endColumn: number, actual: string, expected: string[]): Diagnostic => ({
  file: 'x.md',
  line,
  column,
  endLine: line,
  endColumn,
  severity: 'error',
  message: '',
  ruleId: 'r',
  fix: { actual, expected },
});

describe('a fix as an edit', () => {
  it('replaces the words once inside the finding, nowhere else', () => {
    const text = 'kind: operativ\nSee operativ here.\n';
    const edit = replacementEdit(text, finding(1, 7, 15, 'operativ', ['operative']), 'operative');
    expect(edit).toEqual({ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 14 } }, newText: 'operative' });
    expect(applyEdits(text, [edit!])).toBe('kind: operative\nSee operativ here.\n');
  });

  it('makes no edit where the words stand twice in the place, or not at all, and none automatically where several fixes are likely', () => {
    expect(replacementEdit('ab ab', finding(1, 1, 6, 'ab', ['ac']), 'ac')).toBeNull();
    expect(replacementEdit('xyz', finding(1, 1, 4, 'ab', ['ac']), 'ac')).toBeNull();
    expect(automaticEdits('ab', [finding(1, 1, 3, 'ab', ['ac', 'ad'])])).toEqual([]);
  });
});

describe('a suppression as an edit', () => {
  const section = '---\nid: scope\nheading: Scope\n---\n\nThe Department shall act\nin a reasonable time.\n\n- First, as soon as possible.\n';
  it('stands above a line that begins its block, indented as it is, and under the front matter for the file', () => {
    const { line, file } = suppressionEdits(section, 6, 'vague-terms');
    expect(applyEdits(section, [line!])).toBe(section.replace('The Department', '<!-- ordinance-disable-next-line vague-terms --  -->\nThe Department'));
    expect(applyEdits(section, [file])).toBe(section.replace('---\n\nThe', '---\n\n<!-- ordinance-disable vague-terms --  -->\n\nThe'));
    expect(applyEdits(section, [suppressionEdits(section, 9, 'vague-terms').line!])).toContain('<!-- ordinance-disable-next-line vague-terms --  -->\n- First');
  });
  it('is offered only for the file where the line continues a paragraph: a comment there would split it in two', () => {
    expect(suppressionEdits(section, 7, 'vague-terms').line).toBeNull();
    expect(applyEdits('No front matter.\n', [suppressionEdits('No front matter.\n', 1, 'and-or').file])).toBe('<!-- ordinance-disable and-or --  -->\n\nNo front matter.\n');
    expect(applyEdits('---\nid: a\n---\nText.\n', [suppressionEdits('---\nid: a\n---\nText.\n', 4, 'and-or').file])).toBe(
      '---\nid: a\n---\n\n<!-- ordinance-disable and-or --  -->\n\nText.\n',
    );
  });
});

describe('ordinance check --fix', () => {
  it('writes the fix of a mistyped front-matter value and section id, then reports what is left', async () => {
    const dir = workspace();
    const meta = path.join(dir, 'ordinance', 'sample', 'ordinance.md');
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('status: draft', 'status: drafr'));
    writeFileSync(records, readFileSync(records, 'utf8').replace(':ref{to=purpose}', ':ref{to=purpse}'));
    const before = await runMain(['check', 'ordinance/sample'], dir);
    expect(before.code).toBe(1);
    expect(before.stdout).toContain('Unexpected `drafr`');
    const fixed = await runMain(['check', '--fix', 'ordinance/sample'], dir);
    expect(fixed.stderr).toContain('fixed 2 findings in 2 files');
    expect(fixed.code, fixed.stdout).toBe(0);
    expect(readFileSync(meta, 'utf8')).toContain('status: draft\n');
    expect(readFileSync(records, 'utf8')).toContain(':ref{to=purpose}');
  }, 60_000);

  it("writes a citation's number and year as the registry gives them", async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(records, `${readFileSync(records, 'utf8').trimEnd()}\n\nAs the 1991 order, :cite[Example Order 8]{to=example-order}, requires.\n`);
    const before = await runMain(['check', 'ordinance/sample'], dir);
    expect(before.stdout).toContain('Unexpected number 8 in `Example Order 8` for `example-order`, expected 7 (`Example Order 7`)');
    expect(before.stdout).toContain('Unexpected year 1991 for `Example Order 7`, expected 1990');
    const fixed = await runMain(['check', '--fix', 'ordinance/sample'], dir);
    expect(fixed.stderr).toContain('fixed 2 findings in 1 file');
    expect(readFileSync(records, 'utf8')).toContain('As the 1990 order, :cite[Example Order 7]{to=example-order}, requires.');
  }, 60_000);
});
