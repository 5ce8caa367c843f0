/**
 * What a build leaves for the publication site beside an ordinance's PDF:
 * `text.html` (its text as accessible HTML, see text.ts) and `record.json`
 * (its catalog entry: metadata, sections, words for the search). Made from
 * the model while the build holds it, on whichever thread built it, so that
 * `ordinance publish` assembles the site from dist/ without parsing again.
 */
import { toHtml } from 'hast-util-to-html';
import { Type, type Static, type TSchema } from 'typebox';
import type { Ordinance } from '../model/types.js';
import { referenceLabel, vocabularyOf } from '../template/vocabulary.js';
import type { Template } from '../template/template-schema.js';
import { ordinanceText, textWords } from './ordinance-html.js';

/** The file names of the site's parts in dist/<slug>/. */
export const SITE_TEXT = 'text.html';
export const SITE_RECORD = 'record.json';

const Nullable = <T extends TSchema>(schema: T, options: { description?: string } = {}) => Type.Union([schema, Type.Null()], options);

/** The fields of a record, which catalog.json repeats but `words`. */
export const RECORD_FIELDS = {
  record: Type.Literal(1, { description: 'The version of this format' }),
  slug: Type.String({ minLength: 1, description: "The ordinance's folder name" }),
  type: Type.String({ description: '`ordinance` or `code-title`' }),
  title: Type.String(),
  shortTitle: Type.String(),
  number: Nullable(Type.String()),
  status: Type.String(),
  version: Type.Integer(),
  jurisdiction: Type.String(),
  language: Nullable(Type.String(), { description: "The document's language tag, when its front matter gives one" }),
  numberName: Type.String({ description: 'How running text names the number, before it ("Ordinance No.", "D.C. Act"): the template\'s vocabulary, in its own case' }),
  dates: Type.Record(Type.String(), Type.String()),
  vote: Nullable(Type.Object({ ayes: Type.Integer({ minimum: 0 }), noes: Type.Integer({ minimum: 0 }) }, { additionalProperties: false })),
  sponsors: Type.Array(Type.String()),
  urgency: Type.Boolean(),
  councilFile: Nullable(Type.String()),
  adds: Type.Array(Type.String(), { description: 'What it does to other law, as its front matter says' }),
  amends: Type.Array(Type.String()),
  amendsCode: Nullable(Type.String()),
  codifies: Type.Array(Type.String()),
  repeals: Type.Array(Type.String()),
  supersedes: Type.Array(Type.String()),
  sections: Type.Array(Type.Object({ id: Type.String(), label: Type.String(), heading: Type.String() }, { additionalProperties: false })),
};

/** One ordinance in the catalog (record.json). */
export const OrdinanceRecordSchema = Type.Object(
  {
    ...RECORD_FIELDS,
    words: Type.Array(Type.String(), { description: 'Every word of its text and metadata, lower-cased, each once' }),
  },
  { additionalProperties: false, title: 'Site record', description: "An ordinance's entry in the site's catalog, left by its build for `ordinance publish` (record.json)." },
);

export type OrdinanceRecord = Static<typeof OrdinanceRecordSchema>;

/** The catalog entry of an ordinance. */
export function ordinanceRecord(ordinance: Ordinance, template: Template): OrdinanceRecord {
  const meta = ordinance.meta;
  return {
    record: 1,
    slug: ordinance.slug,
    type: meta.type ?? 'ordinance',
    title: meta.title,
    shortTitle: meta['short-title'],
    number: meta.number ?? null,
    status: meta.status,
    version: meta.version,
    jurisdiction: meta.jurisdiction,
    language: meta.language ?? null,
    numberName: vocabularyOf(template.jurisdiction).number,
    dates: Object.fromEntries(Object.entries(meta.dates ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string')),
    vote: meta.vote ?? null,
    sponsors: meta.sponsors ?? [],
    urgency: meta.urgency ?? false,
    councilFile: meta['council-file'] ?? null,
    adds: meta.adds ?? [],
    amends: meta.amends ?? [],
    amendsCode: meta['amends-code'] ?? null,
    codifies: meta.codifies ?? [],
    repeals: meta.repeals ?? [],
    supersedes: meta.supersedes ?? [],
    sections: ordinance.sections.map((s) => ({ id: s.id, label: referenceLabel(s, undefined), heading: s.heading })),
    words: textWords(ordinance),
  };
}

/** The site's parts of a build's outputs: text.html and record.json. */
export function siteParts(ordinance: Ordinance, template: Template): Record<string, string> {
  return {
    [SITE_TEXT]: `${toHtml(ordinanceText(ordinance, template))}\n`,
    [SITE_RECORD]: `${JSON.stringify(ordinanceRecord(ordinance, template))}\n`,
  };
}
