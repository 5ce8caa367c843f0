/**
 * What stands at a place in an ordinance's source: a citation of a
 * directive, a reference to a section, the section a file holds. What hover,
 * go to definition and find references start from.
 */
import type { Citation, Ordinance, Section, SectionReference } from '../model/types.js';
import { holds, type EditorPoint } from './places.js';

/** The citation or the reference written at `point` of `file`, or null. */
export function nodeAt(ordinance: Ordinance, file: string, point: EditorPoint): Citation | SectionReference | null {
  const inFile = (node: Citation | SectionReference) => node.source.file.path === file && holds(node.source.position, point);
  return ordinance.citations.find(inFile) ?? ordinance.references.find(inFile) ?? null;
}

/** The section `file` holds, or null (ordinance.md, a group's file). */
export function sectionOfFile(ordinance: Ordinance, file: string): Section | null {
  return ordinance.sections.find((section) => section.file.path === file) ?? null;
}
