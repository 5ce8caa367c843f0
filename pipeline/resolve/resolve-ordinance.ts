/**
 * The resolve stage: an ordinance against its context (the registry of prior
 * directives and its jurisdiction's template). Citations written as prose are
 * found, references and citations resolved, and then, once, what the later
 * stages read: the relations to prior directives (the PDF's appendix, the
 * digest, xref.json, directives.json) and the cross-references (xref.json,
 * `ordinance xref`).
 */
import type { Ordinance } from '../model/types.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import type { Jurisdiction } from '../template/template-schema.js';
import { vocabularyOf } from '../template/vocabulary.js';
import { directiveRelations, type DirectiveRelation } from '../xref/relations.js';
import { crossReferences, type Xref } from '../xref/xref.js';
import { detectProseCitations, type DetectionMemo } from './prose-citations.js';
import { resolveReferences } from './resolve.js';

/** A resolved ordinance in its context: what validation and every output read. */
/** The jurisdictions a run knows, and the ordinance's own template when it is one of them. */
export interface JurisdictionContext {
  jurisdictions: readonly string[];
  jurisdiction?: Jurisdiction | undefined;
}

export interface ResolvedOrdinance {
  ordinance: Ordinance;
  registry: DirectiveRegistry;
  /** Ids of the jurisdiction templates in templates/jurisdictions/. */
  jurisdictions: readonly string[];
  /** The ordinance's jurisdiction template, when it has one. */
  jurisdiction?: Jurisdiction | undefined;
  relations: DirectiveRelation[];
  xref: Xref;
}

/** Resolve `ordinance` against `registry` and its jurisdiction's template (when there is one: `context`, which the runner loads); `detections` remembers what prose-citation detection found per file. */
export function resolveOrdinance(ordinance: Ordinance, registry: DirectiveRegistry, context: JurisdictionContext, detections?: DetectionMemo | null): ResolvedOrdinance {
  // An unknown jurisdiction is reported by its rule; the ordinance is still resolved without a grammar.
  const { jurisdictions, jurisdiction } = context;
  detectProseCitations(ordinance, registry, jurisdiction?.citations, detections);
  resolveReferences(ordinance, registry);
  const relations = directiveRelations(ordinance, registry);
  // The cross-references are made when first read (a build's xref.json, `ordinance xref`): a check after a keystroke does not need them.
  let xref: Xref | undefined;
  return {
    ordinance,
    registry,
    jurisdictions,
    jurisdiction,
    relations,
    get xref() {
      xref ??= crossReferences(ordinance, relations, vocabularyOf(jurisdiction));
      return xref;
    },
  };
}
