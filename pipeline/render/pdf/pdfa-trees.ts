/**
 * PDF/A-1 (PDF 1.4) limits arrays to 8,191 elements. pdfkit writes its name
 * and number trees (named destinations, the structure parent tree) as one
 * flat array, which a code title with 5,000 sections overflows. Here those
 * trees write themselves as a root with kids of at most 2,000 entries each.
 */
import type { CouncilDocument } from './pdfkit.js';

const ENTRIES_PER_KID = 2000;

/**
 * Keep the named destinations and the structure parent tree within PDF/A's
 * array limit. Call it when all content is drawn, just before the document
 * ends: the kids are written then, ahead of the dictionaries that list them.
 */
export function splitLargeTrees(doc: CouncilDocument): void {
  doc.namedDestinations().splitIntoKids(ENTRIES_PER_KID);
  doc.structParentTree().splitIntoKids(ENTRIES_PER_KID);
}
