/**
 * The drafters' contract for front matter: the schemas that check it and the
 * typed shapes the rest of the pipeline reads. Documented in ordinance/README.md.
 */
import type { Schema } from '../parse/schema.js';

export const ORDINANCE_STATUSES = ['draft', 'introduced', 'adopted', 'effective'] as const;
export type OrdinanceStatus = (typeof ORDINANCE_STATUSES)[number];

export const SECTION_KINDS = [
  'findings',
  'purpose',
  'definitions',
  'operative',
  'amendment',
  'exception',
  'enforcement',
  'severability',
  'urgency',
  'effective-date',
  'certification',
  'general',
  'code-section',
] as const;
export type SectionKind = (typeof SECTION_KINDS)[number];

export const DIRECTIVE_KINDS = [
  'executive-directive',
  'special-order',
  'state-statute',
  'federal-statute',
  'ordinance',
  'code-section',
  'charter',
  'resolution',
  'policy',
  'code',
  'session-law',
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export const DIRECTIVE_STATUSES = ['in-force', 'superseded', 'repealed', 'codified', 'expired', 'unknown'] as const;

export const DOCUMENT_TYPES = ['ordinance', 'code-title'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];

/** Where a section of a code stands (a repealed section keeps its place and number). */
export const SECTION_STATUSES = [
  'in-force',
  'repealed',
  'expired',
  'reserved',
  'transferred',
  'recodified',
  'omitted',
  'not-funded',
  'not-applicable',
  'pending',
] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

const SLUG = { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, expected: 'a kebab-case id (lowercase letters, digits and hyphens)' };
/** Section ids may also carry a code's own punctuation ("24-211.07", "28:9-101"). */
const SECTION_ID = { pattern: /^[a-z0-9]+(?:[-.:][a-z0-9]+)*$/, expected: 'an id of lowercase letters and digits joined by `-`, `.` or `:`' };

export const ordinanceSchema: Schema = {
  type: { kind: 'enum', values: DOCUMENT_TYPES, doc: 'ordinance (default) or code-title (an imported title of a code)' },
  title: { kind: 'string', required: true, doc: 'Long title, beginning "An ordinance ..."' },
  'short-title': { kind: 'string', required: true },
  jurisdiction: { kind: 'string', required: true, ...SLUG, doc: 'Jurisdiction template id in templates/jurisdictions/' },
  status: { kind: 'enum', values: ORDINANCE_STATUSES, required: true },
  version: { kind: 'integer', min: 1, required: true },
  number: { kind: 'string' },
  designation: { kind: 'string', doc: 'A code title\'s own number ("3"), for citations relative to it ("this title")' },
  'council-file': { kind: 'string' },
  sponsors: { kind: 'list', of: { kind: 'string' } },
  dates: {
    kind: 'map',
    fields: {
      introduced: { kind: 'date' },
      passed: { kind: 'date' },
      approved: { kind: 'date' },
      effective: { kind: 'date' },
    },
  },
  vote: { kind: 'map', fields: { ayes: { kind: 'integer', min: 0, required: true }, noes: { kind: 'integer', min: 0, required: true } } },
  urgency: { kind: 'boolean' },
  adds: { kind: 'list', of: { kind: 'string' } },
  amends: { kind: 'list', of: { kind: 'string' } },
  repeals: { kind: 'list', of: { kind: 'string' } },
  codifies: { kind: 'list', of: { kind: 'string', ...SLUG } },
  supersedes: { kind: 'list', of: { kind: 'string', ...SLUG } },
  affects: { kind: 'list', of: { kind: 'string' }, doc: 'Who the ordinance affects, in plain words, for the digest' },
  'fiscal-effect': { kind: 'string', doc: 'The fiscal effect, as stated (for the Digest Key)' },
  officials: { kind: 'map', fields: { mayor: { kind: 'string' }, 'city-attorney': { kind: 'string' }, 'city-clerk': { kind: 'string' } } },
  language: { kind: 'string', pattern: /^[a-z]{2,3}(-[A-Z]{2})?$/, expected: 'a language tag such as `en-US`' },
  template: { kind: 'string', ...SLUG },
};

export interface OrdinanceMeta {
  type?: DocumentType;
  title: string;
  'short-title': string;
  jurisdiction: string;
  status: OrdinanceStatus;
  version: number;
  number?: string;
  designation?: string;
  'council-file'?: string;
  sponsors?: string[];
  dates?: { introduced?: string; passed?: string; approved?: string; effective?: string };
  vote?: { ayes: number; noes: number };
  urgency?: boolean;
  adds?: string[];
  amends?: string[];
  repeals?: string[];
  codifies?: string[];
  supersedes?: string[];
  affects?: string[];
  'fiscal-effect'?: string;
  officials?: { mayor?: string; 'city-attorney'?: string; 'city-clerk'?: string };
  language?: string;
  template?: string;
}

export const sectionSchema: Schema = {
  id: { kind: 'string', required: true, ...SECTION_ID },
  number: { kind: 'string', doc: "A code's own designation (\"24-211.07\"), printed instead of the position" },
  // Optional because real codes have sections without one; drafting rules may require it of ordinances.
  heading: { kind: 'string' },
  kind: { kind: 'enum', values: SECTION_KINDS, required: true },
  status: { kind: 'enum', values: SECTION_STATUSES },
  'status-note': { kind: 'string' },
  summary: { kind: 'string' },
};

export interface SectionMeta {
  id: string;
  number?: string;
  heading?: string;
  kind: SectionKind;
  status?: SectionStatus;
  'status-note'?: string;
  summary?: string;
}

/** group.md: the chapter, subchapter or part a folder of sections forms. */
export const groupSchema: Schema = {
  prefix: { kind: 'string', required: true, doc: 'Chapter, Subchapter, Part...' },
  num: { kind: 'string', required: true },
  heading: { kind: 'string' },
};

export interface GroupMeta {
  prefix: string;
  num: string;
  heading?: string;
}

const idList = { kind: 'list', of: { kind: 'string', ...SLUG } } as const;

export const directiveSchema: Schema = {
  id: { kind: 'string', required: true, ...SLUG },
  'cited-as': { kind: 'list', of: { kind: 'string' }, required: true },
  title: { kind: 'string', required: true },
  kind: { kind: 'enum', values: DIRECTIVE_KINDS, required: true },
  issuer: { kind: 'string' },
  dates: {
    kind: 'map',
    fields: {
      issued: { kind: 'date' },
      adopted: { kind: 'date' },
      signed: { kind: 'date' },
      effective: { kind: 'date' },
      superseded: { kind: 'date' },
      repealed: { kind: 'date' },
    },
  },
  status: { kind: 'enum', values: DIRECTIVE_STATUSES, required: true },
  source: { kind: 'url' },
  relations: {
    kind: 'map',
    fields: { supersedes: idList, amends: idList, codifies: idList, 'superseded-by': idList, implements: idList },
  },
  pinpoints: { kind: 'list', of: { kind: 'string' } },
};

export interface DirectiveMeta {
  id: string;
  'cited-as': string[];
  title: string;
  kind: DirectiveKind;
  issuer?: string;
  dates?: Partial<Record<'issued' | 'adopted' | 'signed' | 'effective' | 'superseded' | 'repealed', string>>;
  status: DirectiveStatus;
  source?: string;
  relations?: Partial<Record<'supersedes' | 'amends' | 'codifies' | 'superseded-by' | 'implements', string[]>>;
  pinpoints?: string[];
}
