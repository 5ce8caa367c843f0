/**
 * Resolve: link every section reference to its section and every citation to
 * its registry entry. Pure linking; what does not resolve is reported by the
 * validation rules, so its severity is configurable like any other finding.
 */
import type { DirectiveRegistry } from '../registry/registry.js';
import type { Ordinance, Section, Subdivision, Block } from '../model/types.js';
import { SKIP, visitBlocks } from '../model/visit.js';

/** Link references and citations in place; returns the same ordinance. */
export function resolveReferences(ordinance: Ordinance, registry: DirectiveRegistry): Ordinance {
  const byId = sectionsById(ordinance);
  for (const reference of ordinance.references) reference.target = byId.get(reference.targetId);
  for (const citation of ordinance.citations) {
    if (citation.candidates) citation.directiveId = chooseCandidate(citation.candidates, citation.pinpoint, registry);
    citation.directive = registry.get(citation.directiveId);
  }
  return ordinance;
}

/**
 * Of the directives a form may name ("Government Code Section 7284.6" is the
 * Values Act or the TRUST Act), the first registered one that lists the
 * pinpoint's section; else the first registered one; else the first.
 */
function chooseCandidate(candidates: string[], pinpoint: string | undefined, registry: DirectiveRegistry): string {
  const registered = candidates.filter((id) => registry.get(id));
  const section = pinpoint?.replace(/\(.*$/, '');
  const lists = (id: string) => registry.get(id)!.meta.pinpoints?.some((p) => p === pinpoint || p === section || p.startsWith(`${section}(`));
  return registered.find(lists) ?? registered[0] ?? candidates[0]!;
}

/** The first section with each id (a duplicate is reported by a rule). */
export function sectionsById(ordinance: Ordinance): Map<string, Section> {
  const byId = new Map<string, Section>();
  // A section whose front matter could not be read has no id: nothing refers to it.
  for (const section of ordinance.sections) if (section.id && !byId.has(section.id)) byId.set(section.id, section);
  return byId;
}

/** Every subdivision path of a section: "(a)", "(a)(1)"... (not those of the law it quotes, which are the code's). */
export function subdivisionPaths(section: Section): Set<string> {
  const paths = new Set<string>();
  visitBlocks(section.blocks, { block: (block) => (block.type === 'blockquote' ? SKIP : undefined), subdivision: (subdivision) => void paths.add(subdivision.path) });
  return paths;
}

/** Visit every subdivision with its parent's list of siblings (subdivisions inside lists are not a run of their own). */
export function eachSubdivisionGroup(blocks: Block[], visit: (siblings: Subdivision[]) => void): void {
  visitBlocks(blocks, {
    blocks(siblings) {
      const here = siblings.filter((b): b is Subdivision => b.type === 'subdivision');
      if (here.length) visit(here);
    },
    // A block quote holds quoted law (an amendment's new text), numbered by the law it amends, not in this run.
    block: (block) => (block.type === 'list' || block.type === 'blockquote' ? SKIP : undefined),
  });
}
