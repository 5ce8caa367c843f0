/**
 * Where a link inside the document goes. A reference ("Section 4(b)",
 * `:ref{to=prohibitions pin="(b)"}`) or a citation of one of a code title's
 * own sections ("§ 24-211.07(b)") goes to the subdivision its pinpoint names,
 * else to the deepest level of that pinpoint the section holds, else to the
 * section's heading. Only the subdivisions something points at get a named
 * destination, so a long title does not carry one for every subdivision.
 */
import type { Citation, Ordinance, Section, Subdivision } from '../../model/types.js';
import { SKIP, visitBlocks } from '../../model/visit.js';

/** Named destination of a section's heading. */
export function sectionDestination(id: string): string {
  return `section-${id}`;
}

/** The comparative print's file name, beside the ordinance's PDF (comparative-print.ts); the digest links to its sections. */
export const COMPARATIVE_PRINT = 'comparative-print.pdf';

/** Named destination of an amended section of the code in the comparative print ("section-amended-24-211.07"), by its designation. */
export function amendedSectionDestination(designation: string): string {
  return sectionDestination(`amended-${designation}`);
}

/** Named destination of a subdivision: "section-records/b/1" for (b)(1) of `records`. */
function subdivisionName(sectionId: string, path: string): string {
  return `${sectionDestination(sectionId)}/${path.slice(1, -1).split(')(').join('/')}`;
}

interface Targets {
  /** The code title's sections by designation ("24-211.07"). */
  byDesignation: Map<string, Section>;
  /** Each section's subdivisions by path ("(b)(1)"), the first of each path. */
  paths: Map<Section, Map<string, Subdivision>>;
  /** The subdivisions something points at, with their destination names. */
  named: Map<Subdivision, string>;
}

const targetsOf = new WeakMap<Ordinance, Targets>();

/** "§ 24-211.07(b)(1)" → "24-211.07". */
function designationOf(pinpoint: string | undefined): string {
  return (pinpoint ?? '').replace(/^§\s*/, '').replace(/\(.*$/, '');
}

function pathsOf(targets: Targets, section: Section): Map<string, Subdivision> {
  let paths = targets.paths.get(section);
  if (!paths) {
    const found = new Map<string, Subdivision>();
    // Quoted law's subdivisions are the code's: nothing of the document points at them.
    visitBlocks(section.blocks, { block: (b) => (b.type === 'blockquote' ? SKIP : undefined), subdivision: (s) => void (found.has(s.path) ? undefined : found.set(s.path, s)) });
    paths = found;
    targets.paths.set(section, paths);
  }
  return paths;
}

/** The subdivision of `section` that the levels of `pinpoint` ("(b)(1)", "§ 24-211.07(b)(1)") name, or the deepest of them it holds. */
function subdivisionAt(targets: Targets, section: Section, pinpoint: string | undefined): Subdivision | undefined {
  const levels = pinpoint?.replace(/^[^(]*/, '').match(/\([^()]*\)/g) ?? [];
  if (levels.length === 0) return undefined;
  const paths = pathsOf(targets, section);
  for (let n = levels.length; n > 0; n--) {
    const subdivision = paths.get(levels.slice(0, n).join(''));
    if (subdivision) return subdivision;
  }
  return undefined;
}

/** What the document's references and own-code citations point at; computed once per document, before any page is drawn. */
function targets(ordinance: Ordinance, codeTarget: string | undefined): Targets {
  let found = targetsOf.get(ordinance);
  if (found) return found;
  found = {
    byDesignation: new Map(ordinance.sections.filter((s) => s.designation && s.id).map((s) => [s.designation!, s])),
    paths: new Map(),
    named: new Map(),
  };
  const point = (section: Section | undefined, pinpoint: string | undefined) => {
    if (!section?.id || !pinpoint) return;
    const subdivision = subdivisionAt(found!, section, pinpoint);
    if (subdivision && !found!.named.has(subdivision)) found!.named.set(subdivision, subdivisionName(section.id, subdivision.path));
  };
  for (const reference of ordinance.references) point(reference.target, reference.pinpoint);
  if (codeTarget) for (const citation of ordinance.citations) if (citation.directiveId === codeTarget) point(ownSection(found, citation), citation.pinpoint);
  targetsOf.set(ordinance, found);
  return found;
}

function ownSection(found: Targets, citation: Citation): Section | undefined {
  return found.byDesignation.get(designationOf(citation.pinpoint));
}

/** Where a reference to `section` at `pinpoint` goes: its subdivision's destination, else the section's. */
export function referenceDestination(ordinance: Ordinance, codeTarget: string | undefined, section: Section, pinpoint: string | undefined): string {
  const found = targets(ordinance, codeTarget);
  const subdivision = subdivisionAt(found, section, pinpoint);
  return (subdivision && found.named.get(subdivision)) ?? sectionDestination(section.id);
}

/** Where a citation of the code's own section goes ("§ 24-211.07(b)" in Title 24), or undefined when the document does not hold it. */
export function ownCodeDestination(ordinance: Ordinance, codeTarget: string | undefined, citation: Citation): string | undefined {
  if (!codeTarget || citation.directiveId !== codeTarget) return undefined;
  const found = targets(ordinance, codeTarget);
  const section = ownSection(found, citation);
  return section ? referenceDestination(ordinance, codeTarget, section, citation.pinpoint) : undefined;
}

/** The named destination to place at `subdivision`, if something points at it. */
export function subdivisionDestination(ordinance: Ordinance, codeTarget: string | undefined, subdivision: Subdivision): string | undefined {
  return targets(ordinance, codeTarget).named.get(subdivision);
}
