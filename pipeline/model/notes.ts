/**
 * A section's notes: what a code keeps on each section beside its text (the
 * History, Editor's Notes, Emergency Legislation of `:::annotation{type=…}`),
 * never part of the law's words.
 */
import type { Annotation, Section } from './types.js';

/**
 * A section's notes that print when a layout prints notes: the code's
 * (`:::annotation{type="History"}`), never an instruction's (`::amend`), nor
 * one the code marks not to be shown (`display="false"`).
 */
export function printedNotes(section: Pick<Section, 'annotations'>): Annotation[] {
  return section.annotations.filter((a) => a.type !== 'amend' && a.type.trim() !== '' && a.attributes.display !== 'false');
}
