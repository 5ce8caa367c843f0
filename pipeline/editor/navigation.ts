/**
 * Go to definition and find references. From a citation, the registry entry
 * it names; from a reference, the section (or the pinpointed subdivision) it
 * names. The references to a directive are the citations of it; to a
 * section, the references to it; from a registry entry or a section's own
 * file, every one of them.
 */
import type { Ordinance } from '../model/types.js';
import { nodeAt, sectionOfFile } from './at-point.js';
import { subdivisionAt } from './hover.js';
import { FILE_START, type EditorLocation, type EditorPoint, rangeOf } from './places.js';

/** Where what stands at `point` of `file` is defined, or null. */
export function definitionAt(ordinance: Ordinance, file: string, point: EditorPoint): EditorLocation | null {
  const node = nodeAt(ordinance, file, point);
  if (!node) return null;
  if (node.type === 'citation') return node.directive ? { file: node.directive.file.path, range: FILE_START } : null;
  const section = node.target;
  if (!section) return null;
  const unit = node.pinpoint ? subdivisionAt(section.blocks, node.pinpoint) : null;
  return { file: section.file.path, range: unit?.source.position ? rangeOf(unit.source.position) : FILE_START };
}

/** What the references at `point` are to: a directive's id or a section's, or null. */
export type Referent = { kind: 'directive'; id: string } | { kind: 'section'; id: string };

/** The directive or section whose references a drafter asks for at `point`: the one a citation or reference names, or the section the file is. */
export function referentAt(ordinance: Ordinance, file: string, point: EditorPoint): Referent | null {
  const node = nodeAt(ordinance, file, point);
  if (node?.type === 'citation') return { kind: 'directive', id: node.directiveId };
  if (node?.type === 'sectionRef') return { kind: 'section', id: node.targetId };
  const section = sectionOfFile(ordinance, file);
  return section ? { kind: 'section', id: section.id } : null;
}

/** Every place in `ordinance` that cites the directive or refers to the section. */
export function referencesTo(ordinance: Ordinance, referent: Referent): EditorLocation[] {
  const nodes = referent.kind === 'directive' ? ordinance.citations.filter((c) => c.directiveId === referent.id) : ordinance.references.filter((r) => r.targetId === referent.id);
  return nodes.flatMap((node) => (node.source.position ? [{ file: node.source.file.path, range: rangeOf(node.source.position) }] : []));
}
