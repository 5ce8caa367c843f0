/**
 * Cross-references as data: every citation of a prior directive and every
 * reference between sections, with where it stands and what it points at
 * (`dist/<slug>/xref.json`), and the other direction: which ordinances and
 * sections cite or codify a directive (`ordinance xref <directive-id>`).
 */
import path from 'node:path';
import { Type, type Static } from 'typebox';
import type { Inline, Ordinance, Section } from '../model/types.js';
import { referenceLabel } from '../template/vocabulary.js';
import type { Vocabulary } from '../template/template-schema.js';
import { NEUTRAL_VOCABULARY } from '../template/vocabulary.js';
import { RELATIONS, type DirectiveRelation, type Relation } from './relations.js';

export type { Relation } from './relations.js';

const Place = {
  file: Type.String({ description: 'The source file, relative to the workspace, with forward slashes' }),
  line: Type.Integer({ minimum: 1 }),
  column: Type.Integer({ minimum: 1 }),
};

/** How a citation was written: `annotation` (`:cite`), or the kind of form found in prose. */
const WRITTEN = ['annotation', 'code', 'enactment', 'statute', 'directive'] as const;

const RelationSchema = Type.Enum(RELATIONS);

export const CitationRecordSchema = Type.Object(
  {
    ...Place,
    endLine: Type.Optional(Type.Integer({ minimum: 1 })),
    endColumn: Type.Optional(Type.Integer({ minimum: 1 })),
    section: Type.Union([Type.String(), Type.Null()], { description: 'The stable id of the section it stands in (null: the preamble)' }),
    sectionLabel: Type.Union([Type.String(), Type.Null()], { description: 'The printed label of the section it stands in (null: the preamble)' }),
    target: Type.String({ description: 'The id of the directive cited' }),
    resolved: Type.Boolean({ description: 'Whether the target is registered' }),
    pinpoint: Type.Union([Type.String(), Type.Null()]),
    relation: RelationSchema,
    citedAs: Type.Union([Type.String(), Type.Null()], { description: "The directive's first citation form, as the registry gives it" }),
    text: Type.Union([Type.String(), Type.Null()], { description: "The words of the citation as the source has them (null: it prints the registry's form)" }),
    written: Type.Enum(WRITTEN, { description: 'How it was written: `annotation` (`:cite`), or the kind of form found in prose' }),
  },
  { additionalProperties: false },
);
export type CitationRecord = Static<typeof CitationRecordSchema>;

export const ReferenceRecordSchema = Type.Object(
  {
    ...Place,
    from: Type.String({ description: 'The stable id of the section that refers' }),
    to: Type.String({ description: 'The stable id of the section referred to' }),
    pinpoint: Type.Union([Type.String(), Type.Null()]),
    printed: Type.Union([Type.String(), Type.Null()], { description: 'How it prints ("Section 6(a)"), or null when the section does not exist' }),
  },
  { additionalProperties: false },
);
export type ReferenceRecord = Static<typeof ReferenceRecordSchema>;

/** One registered directive the ordinance touches: what it does to it, and where. */
export const DirectiveRecordSchema = Type.Object(
  {
    id: Type.String(),
    citedAs: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
    status: Type.String(),
    source: Type.Union([Type.String(), Type.Null()]),
    relations: Type.Array(RelationSchema, { description: 'Strongest first: supersedes, repeals, amends, codifies, cites' }),
    sections: Type.Array(Type.String(), { description: 'Printed labels of the sections that cite it' }),
  },
  { additionalProperties: false },
);
export type DirectiveRecord = Static<typeof DirectiveRecordSchema>;

/** dist/<slug>/xref.json. */
export const XrefSchema = Type.Object(
  {
    ordinance: Type.String({ description: "The ordinance's slug" }),
    title: Type.String(),
    codifies: Type.Array(Type.String()),
    directives: Type.Array(DirectiveRecordSchema),
    citations: Type.Array(CitationRecordSchema),
    references: Type.Array(ReferenceRecordSchema),
  },
  {
    additionalProperties: false,
    title: 'Cross-references',
    description: "An ordinance's citations of prior directives and its references between sections, with where each stands (xref.json).",
  },
);
export type Xref = Static<typeof XrefSchema>;

function plainText(inlines: Inline[]): string {
  return inlines.map((n) => ('value' in n && n.type === 'text' ? n.value : 'children' in n ? plainText(n.children) : '')).join('');
}

function label(section: Section | undefined, vocabulary: Vocabulary): string | null {
  return section ? referenceLabel(section, undefined, vocabulary) : null;
}

/** The strongest relation the front matter declares to `id`, else "cites". */
function declaredRelation(ordinance: Ordinance, id: string): Relation {
  const meta = ordinance.meta;
  const lists: Record<Relation, string[] | undefined> = { supersedes: meta.supersedes, repeals: meta.repeals, amends: meta.amends, codifies: meta.codifies, cites: undefined };
  return RELATIONS.find((r) => lists[r]?.includes(id)) ?? 'cites';
}

/** The cross-references of one resolved ordinance, with its relations to prior directives (see relations.ts). */
export function crossReferences(ordinance: Ordinance, relations: DirectiveRelation[] = [], vocabulary: Vocabulary = NEUTRAL_VOCABULARY): Xref {
  const byId = new Map(ordinance.sections.map((s) => [s.id, s]));
  const codifies = ordinance.meta.codifies ?? [];
  return {
    ordinance: ordinance.slug,
    title: ordinance.meta.title,
    codifies,
    directives: relations.map((r) => ({
      id: r.directive.meta.id,
      citedAs: r.directive.meta['cited-as'][0] ?? null,
      title: r.directive.meta.title,
      status: r.directive.meta.status,
      source: r.directive.meta.source ?? null,
      relations: r.relations,
      sections: r.sections.map((s) => referenceLabel(s, undefined, vocabulary)),
    })),
    citations: ordinance.citations.map((c) => ({
      file: c.source.file.path,
      line: c.source.position?.start.line ?? 1,
      column: c.source.position?.start.column ?? 1,
      endLine: c.source.position?.end.line,
      endColumn: c.source.position?.end.column,
      section: c.sectionId || null,
      sectionLabel: label(byId.get(c.sectionId), vocabulary),
      target: c.directiveId,
      resolved: Boolean(c.directive),
      pinpoint: c.pinpoint ?? null,
      relation: declaredRelation(ordinance, c.directiveId),
      citedAs: c.directive?.meta['cited-as'][0] ?? null,
      text: c.children.length ? plainText(c.children) : null,
      written: c.detected ?? 'annotation',
    })),
    references: ordinance.references.map((r) => ({
      file: r.source.file.path,
      line: r.source.position?.start.line ?? 1,
      column: r.source.position?.start.column ?? 1,
      from: r.sectionId,
      to: r.targetId,
      pinpoint: r.pinpoint ?? null,
      // A reference written in prose prints as written; only `:ref` generates its words.
      printed: r.written ?? (r.target ? referenceLabel(r.target, r.pinpoint, vocabulary) : null),
    })),
  };
}

export interface BackReference {
  ordinance: string;
  title: string;
  relation: Relation;
  /** Printed labels of the sections that cite it, in order ("Section 1", "Section 5"). */
  sections: string[];
}

/** Which ordinances cite, codify, amend, supersede or repeal `directiveId`, and where, from their resolved cross-references. */
export function backReferences(resolved: { ordinance: Ordinance; xref: Xref }[], directiveId: string): BackReference[] {
  const out: BackReference[] = [];
  for (const { ordinance, xref } of resolved) {
    const citing = xref.citations.filter((c) => c.target === directiveId);
    const relation = declaredRelation(ordinance, directiveId);
    if (relation === 'cites' && citing.length === 0) continue;
    const sections = [...new Set(citing.map((c) => c.sectionLabel ?? 'Preamble'))];
    out.push({ ordinance: ordinance.slug, title: ordinance.meta.title, relation, sections });
  }
  return out;
}

/** dist/directives.json: for each directive the built ordinances touch, which of them cite, codify, amend, supersede or repeal it, and where. */
export const DirectiveIndexEntrySchema = Type.Object(
  {
    id: Type.String(),
    citedAs: Type.Union([Type.String(), Type.Null()]),
    title: Type.String(),
    status: Type.String(),
    source: Type.Union([Type.String(), Type.Null()]),
    citedBy: Type.Array(
      Type.Object(
        {
          ordinance: Type.String(),
          title: Type.String(),
          relations: Type.Array(RelationSchema),
          sections: Type.Array(Type.String()),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
export type DirectiveIndexEntry = Static<typeof DirectiveIndexEntrySchema>;

/** dist/directives.json. */
export const DirectiveIndexSchema = Type.Object(
  { directives: Type.Array(DirectiveIndexEntrySchema) },
  {
    additionalProperties: false,
    title: 'Directive index',
    description: 'For each directive the built ordinances touch, which of them cite, codify, amend, supersede or repeal it, and where (directives.json).',
  },
);
export type DirectiveIndex = Static<typeof DirectiveIndexSchema>;

export function directiveIndex(xrefs: Xref[]): DirectiveIndexEntry[] {
  const byId = new Map<string, DirectiveIndexEntry>();
  for (const xref of xrefs) {
    for (const d of xref.directives) {
      let entry = byId.get(d.id);
      if (!entry) {
        entry = { id: d.id, citedAs: d.citedAs, title: d.title, status: d.status, source: d.source, citedBy: [] };
        byId.set(d.id, entry);
      }
      entry.citedBy.push({ ordinance: xref.ordinance, title: xref.title, relations: d.relations, sections: d.sections });
    }
  }
  return [...byId.values()].sort((a, b) => a.id.localeCompare(b.id));
}

/** The index stage of a run: dist/directives.json from the built ordinances' cross-references, in the order they were given. */
export function directivesJson(xrefs: Xref[]): string {
  const index: DirectiveIndex = { directives: directiveIndex(xrefs) };
  return `${JSON.stringify(index, null, 2)}\n`;
}

/** dist/<slug>/xref.json. */
export function xrefJson(xref: Xref, root?: string): string {
  if (root === undefined) return `${JSON.stringify(xref, null, 2)}\n`;
  // Paths relative to the workspace, with forward slashes: the same bytes from any working directory, on any system.
  const relative = (file: string) => path.relative(root, path.resolve(file)).split(path.sep).join('/');
  const placed: Xref = {
    ...xref,
    citations: xref.citations.map((c) => ({ ...c, file: relative(c.file) })),
    references: xref.references.map((r) => ({ ...r, file: relative(r.file) })),
  };
  return `${JSON.stringify(placed, null, 2)}\n`;
}
