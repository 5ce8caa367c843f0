/**
 * A finding's fix as a text edit: its `actual` words, found once inside the
 * finding's place, replaced by one of the `expected` ones. The same edit is
 * the editor's quick fix and what `ordinance check --fix` writes, so the two
 * never differ. A place that holds the words twice, or not at all, gets no
 * edit: the tool never guesses which words were meant.
 */
import type { Diagnostic } from '../report/diagnostics.js';
import type { EditorRange } from './places.js';

export interface TextEdit {
  range: EditorRange;
  newText: string;
}

/** The offset of a line and column (from 1) in `text`, or -1 past its end. */
function offsetOf(lines: readonly string[], line: number, column: number): number {
  if (line < 1 || line > lines.length) return -1;
  let offset = 0;
  for (let i = 0; i < line - 1; i++) offset += lines[i]!.length + 1;
  return offset + Math.min(column - 1, lines[line - 1]!.length);
}

/** The editor's place of an offset in `text`. */
function pointOf(text: string, offset: number): { line: number; character: number } {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before.at(-1)!.length };
}

/** The edit that puts `replacement` in place of the finding's `actual` words in `text`, or null where they are not found once in its place. */
export function replacementEdit(text: string, finding: Pick<Diagnostic, 'line' | 'column' | 'endLine' | 'endColumn' | 'fix'>, replacement: string): TextEdit | null {
  const actual = finding.fix?.actual;
  if (!actual) return null;
  const lines = text.split('\n');
  const start = offsetOf(lines, finding.line, finding.column);
  // A point place (no end) stands for the rest of its line.
  const end =
    finding.endLine !== undefined && finding.endColumn !== undefined ? offsetOf(lines, finding.endLine, finding.endColumn) : offsetOf(lines, finding.line, Number.MAX_SAFE_INTEGER);
  if (start < 0 || end < start) return null;
  const span = text.slice(start, end);
  const at = span.indexOf(actual);
  if (at < 0 || span.indexOf(actual, at + 1) >= 0) return null;
  return { range: { start: pointOf(text, start + at), end: pointOf(text, start + at + actual.length) }, newText: replacement };
}

/** The edits `check --fix` makes to one file's `text`: each finding with one fix and only one, none overlapping another. */
export function automaticEdits(text: string, findings: readonly Diagnostic[]): TextEdit[] {
  const edits = findings
    .flatMap((finding) => (finding.fix?.expected.length === 1 ? [replacementEdit(text, finding, finding.fix.expected[0]!)] : []))
    .filter((e): e is TextEdit => e !== null);
  const key = (e: TextEdit) => [e.range.start.line, e.range.start.character] as const;
  edits.sort((a, b) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
  return edits.filter((edit, i) => {
    const previous = edits[i - 1];
    return (
      !previous ||
      previous.range.end.line < edit.range.start.line ||
      (previous.range.end.line === edit.range.start.line && previous.range.end.character <= edit.range.start.character)
    );
  });
}

/** `text` with `edits` made (edits that do not overlap). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (point: { line: number; character: number }) => offsetOf(lines, point.line + 1, point.character + 1);
  return [...edits]
    .sort((a, b) => offset(b.range.start) - offset(a.range.start))
    .reduce((out, edit) => out.slice(0, offset(edit.range.start)) + edit.newText + out.slice(offset(edit.range.end)), text);
}

/**
 * The edits that put a suppression of `ruleId` before the finding on `line`
 * (from 1) of `text`, its reason left for the drafter to write after `--`
 * (until then the suppression is itself a finding, `suppression-reason`, and
 * suppresses nothing: the tool never gives the why). `line`: a
 * next-line suppression above the finding's line, where that line begins its
 * block (a comment inside a paragraph would split it in two, which changes
 * the law's text); null where it does not. `file`: a suppression for the
 * whole file, under its front matter.
 */
export function suppressionEdits(text: string, line: number, ruleId: string): { line: TextEdit | null; file: TextEdit } {
  const lines = text.split('\n');
  const frontMatterEnd = lines[0]?.trim() === '---' ? lines.findIndex((l, i) => i > 0 && /^(---|\.\.\.)\s*$/.test(l)) : -1;
  const bodyStart = frontMatterEnd + 1;
  const at = (index: number) => ({ line: index, character: 0 });
  // A blank line between the front matter and the comment, and between the comment and the text.
  const blankFirst = frontMatterEnd >= 0 && lines[bodyStart]?.trim() === '';
  const fileAt = blankFirst ? bodyStart + 1 : bodyStart;
  const file = { range: { start: at(fileAt), end: at(fileAt) }, newText: `${frontMatterEnd >= 0 && !blankFirst ? '\n' : ''}<!-- ordinance-disable ${ruleId} --  -->\n\n` };
  const index = line - 1;
  const before = lines[index - 1];
  const beginsBlock =
    index >= bodyStart && index < lines.length && lines[index]!.trim() !== '' && (index === bodyStart || before === undefined || before.trim() === '' || /-->\s*$/.test(before));
  const indent = /^[ \t]*/.exec(lines[index] ?? '')![0];
  return {
    line: beginsBlock ? { range: { start: at(index), end: at(index) }, newText: `${indent}<!-- ordinance-disable-next-line ${ruleId} --  -->\n` } : null,
    file,
  };
}

/**
 * A new registry entry for a directive cited but not registered: its id and
 * the citation's words as its first form, `status: unknown`, and `TBD` where
 * only the drafter knows the fact (its title, its kind, what it does). Until
 * they are written the entry says so: a kind of `TBD` is a finding of its
 * schema, and `TBD` a placeholder the checks report.
 */
export function registryScaffold(id: string, citedAs: string): string {
  const form = citedAs.trim() || id;
  return [
    '---',
    `id: ${id}`,
    'cited-as:',
    `  - ${JSON.stringify(form)}`,
    'title: "TBD"',
    'kind: TBD',
    'status: unknown',
    '---',
    'TBD: what the directive does, in plain words.',
    '',
  ].join('\n');
}
