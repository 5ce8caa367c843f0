/**
 * What an ordinance does to each prior directive it touches, as typed data:
 * the relations its front matter declares (codifies, supersedes, amends,
 * repeals) and the citations in its text, with the sections they stand in.
 * The PDF's appendix "Relationship to prior directives", xref.json, the
 * summary and `ordinance xref` all read this one model.
 */
import type { Directive, Ordinance, Section } from '../model/types.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import type { Vocabulary } from '../template/template-schema.js';
import { NEUTRAL_VOCABULARY, sectionNames } from '../template/vocabulary.js';

/** Strongest first: an ordinance that codifies a directive also cites it. */
export const RELATIONS = ['supersedes', 'repeals', 'amends', 'codifies', 'cites'] as const;
export type Relation = (typeof RELATIONS)[number];

export interface DirectiveRelation {
  directive: Directive;
  /** Every relation the ordinance has to it, strongest first (never empty). */
  relations: Relation[];
  /** The sections whose text cites it, in order. */
  sections: Section[];
}

/** The relations an ordinance's front matter declares, by directive id. */
function declared(ordinance: Ordinance, registry: DirectiveRegistry): Map<string, Relation[]> {
  const byId = new Map<string, Relation[]>();
  const add = (id: string, relation: Relation) => {
    if (!registry.get(id)) return; // unknown ids are reported by codifies-resolves
    byId.set(id, [...(byId.get(id) ?? []), relation]);
  };
  for (const id of ordinance.meta.supersedes ?? []) add(id, 'supersedes');
  for (const id of ordinance.meta.repeals ?? []) add(id, 'repeals');
  for (const id of ordinance.meta.amends ?? []) add(id, 'amends');
  for (const id of ordinance.meta.codifies ?? []) add(id, 'codifies');
  return byId;
}

/** Every registered directive the ordinance touches, in the order the relation table lists them (strongest relation, then first citation). */
export function directiveRelations(ordinance: Ordinance, registry: DirectiveRegistry): DirectiveRelation[] {
  const relations = declared(ordinance, registry);
  const sections = new Map<string, Section[]>();
  const order: string[] = [];
  const byId = new Map(ordinance.sections.map((s) => [s.id, s]));
  for (const citation of ordinance.citations) {
    const id = citation.directive?.meta.id;
    if (!id) continue;
    if (!sections.has(id)) {
      sections.set(id, []);
      order.push(id);
    }
    const section = byId.get(citation.sectionId);
    if (section && !sections.get(id)!.includes(section)) sections.get(id)!.push(section);
  }
  const ids = [...new Set([...relations.keys(), ...order])];
  const rank = (id: string) => RELATIONS.indexOf((relations.get(id) ?? ['cites'])[0]!);
  return ids
    .map((id) => ({
      directive: registry.get(id)!,
      relations: [...new Set([...(relations.get(id) ?? []), ...(sections.has(id) ? (['cites'] as const) : [])])].sort((a, b) => RELATIONS.indexOf(a) - RELATIONS.indexOf(b)),
      sections: sections.get(id) ?? [],
    }))
    .sort((a, b) => rank(a.directive.meta.id) - rank(b.directive.meta.id) || ids.indexOf(a.directive.meta.id) - ids.indexOf(b.directive.meta.id));
}

/** "Codifies; cites" → the words a reader sees. */
export function relationWords(relations: Relation[]): string {
  const words: Record<Relation, string> = { supersedes: 'Supersedes', repeals: 'Repeals', amends: 'Amends', codifies: 'Codifies', cites: 'Cites' };
  const shown = relations.length > 1 ? relations.filter((r) => r !== 'cites') : relations;
  return shown.map((r) => words[r]).join('; ');
}

/** "Sections 1, 2 and 5", "Secs. 2 and 3" (or "§ 24-211.07"), in the document's vocabulary. */
export function sectionList(sections: Section[], vocabulary: Vocabulary = NEUTRAL_VOCABULARY): string {
  return sectionNames(vocabulary, sections);
}
