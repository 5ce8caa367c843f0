/**
 * What a build leaves for the publication site beside an ordinance's PDF:
 * `text.html` (its text as accessible HTML, see text.ts) and `record.json`
 * (its catalog entry: metadata, sections, words for the search). Made from
 * the model while the build holds it, on whichever thread built it, so that
 * `ordinance publish` assembles the site from dist/ without parsing again.
 */
import { toHtml } from 'hast-util-to-html';
import type { Ordinance } from '../model/types.js';
import { referenceLabel } from '../template/vocabulary.js';
import type { Template } from '../template/schema.js';
import { ordinanceText, textWords } from './text.js';

/** The file names of the site's parts in dist/<slug>/. */
export const SITE_TEXT = 'text.html';
export const SITE_RECORD = 'record.json';

/** One ordinance in the catalog (record.json). */
export interface OrdinanceRecord {
  record: 1;
  slug: string;
  /** `ordinance` or `code-title`. */
  type: string;
  title: string;
  shortTitle: string;
  number: string | null;
  status: string;
  version: number;
  jurisdiction: string;
  /** The document's language tag, when its front matter gives one. */
  language: string | null;
  /** The template's number label ("ORDINANCE NO."). */
  numberLabel: string;
  dates: Record<string, string>;
  vote: { ayes: number; noes: number } | null;
  sponsors: string[];
  urgency: boolean;
  councilFile: string | null;
  /** What it does to other law, as its front matter says. */
  adds: string[];
  amends: string[];
  amendsCode: string | null;
  codifies: string[];
  repeals: string[];
  supersedes: string[];
  sections: { id: string; label: string; heading: string }[];
  /** Every word of its text and metadata, lower-cased, each once. */
  words: string[];
}

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
    numberLabel: template.jurisdiction.numberLabel,
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
