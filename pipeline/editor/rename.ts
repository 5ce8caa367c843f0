/**
 * Rename a section's id: its front matter's `id` and every `:ref{to=…}` to
 * it, in every file of the ordinance, in one edit. Written references
 * ("Section 3(b)") name the section by number and do not change. The new
 * id must be one the front matter takes and no other section's.
 */
import { SECTION_ID } from '../model/metadata.js';
import type { Ordinance, Section } from '../model/types.js';
import { placeOf } from '../parse/front-matter.js';
import { nodeAt, sectionOfFile } from './at-point.js';
import { replacementEdit, type TextEdit } from './fixes.js';
import { type EditorPoint, holds, type EditorRange, rangeOf } from './places.js';

/** The section whose id is at `point` of `file`: a reference's target, or the section itself where its front matter names it. */
export function renamedSection(ordinance: Ordinance, file: string, point: EditorPoint): { section: Section; range: EditorRange } | null {
  const node = nodeAt(ordinance, file, point);
  if (node?.type === 'sectionRef' && node.target && !node.written && node.source.position) return { section: node.target, range: rangeOf(node.source.position) };
  const section = sectionOfFile(ordinance, file);
  const place = section ? placeOf(section.file, 'id') : undefined;
  return section && place && holds(place, point) ? { section, range: rangeOf(place) } : null;
}

/** The edits that rename `section`'s id to `to`, by file; or why it cannot be renamed. `textOf` gives each file's text as the editor holds it. */
export function renameEdits(ordinance: Ordinance, section: Section, to: string, textOf: (file: string) => string): Map<string, TextEdit[]> | { refused: string } {
  if (!new RegExp(SECTION_ID.pattern).test(to)) return { refused: `\`${to}\` is not a section id: expected ${SECTION_ID.expected}` };
  if (ordinance.sections.some((other) => other !== section && other.id === to)) return { refused: `\`${to}\` is another section's id already` };
  const edits = new Map<string, TextEdit[]>();
  const add = (file: string, edit: TextEdit | null) => {
    if (edit) edits.set(file, [...(edits.get(file) ?? []), edit]);
  };
  const idPlace = placeOf(section.file, 'id');
  if (idPlace) {
    const { start, end } = idPlace;
    add(
      section.file.path,
      replacementEdit(
        textOf(section.file.path),
        { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, fix: { actual: section.id, expected: [to] } },
        to,
      ),
    );
  }
  for (const reference of ordinance.references) {
    if (reference.targetId !== section.id || reference.written || !reference.source.position) continue;
    const { start, end } = reference.source.position;
    const file = reference.source.file.path;
    // The id inside `{to=…}`: the attribute's value, found once in the reference.
    const text = textOf(file);
    const edit =
      replacementEdit(text, { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, fix: { actual: `to=${section.id}`, expected: [] } }, `to=${to}`) ??
      replacementEdit(
        text,
        { line: start.line, column: start.column, endLine: end.line, endColumn: end.column, fix: { actual: `to="${section.id}"`, expected: [] } },
        `to="${to}"`,
      );
    add(file, edit);
  }
  return edits;
}
