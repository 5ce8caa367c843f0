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
] as const;
export type DirectiveKind = (typeof DIRECTIVE_KINDS)[number];

export const DIRECTIVE_STATUSES = ['in-force', 'superseded', 'repealed', 'codified', 'expired'] as const;
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

const SLUG = { pattern: /^[a-z0-9]+(?:-[a-z0-9]+)*$/, expected: 'a kebab-case id (lowercase letters, digits and hyphens)' };

export const ordinanceSchema: Schema = {
  title: { kind: 'string', required: true, doc: 'Long title, beginning "An ordinance ..."' },
  'short-title': { kind: 'string', required: true },
  jurisdiction: { kind: 'string', required: true, ...SLUG, doc: 'Jurisdiction template id in templates/jurisdictions/' },
  status: { kind: 'enum', values: ORDINANCE_STATUSES, required: true },
  version: { kind: 'integer', min: 1, required: true },
  number: { kind: 'string' },
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
  officials: { kind: 'map', fields: { mayor: { kind: 'string' }, 'city-attorney': { kind: 'string' }, 'city-clerk': { kind: 'string' } } },
  language: { kind: 'string', pattern: /^[a-z]{2,3}(-[A-Z]{2})?$/, expected: 'a language tag such as `en-US`' },
  template: { kind: 'string', ...SLUG },
};

export interface OrdinanceMeta {
  title: string;
  'short-title': string;
  jurisdiction: string;
  status: OrdinanceStatus;
  version: number;
  number?: string;
  'council-file'?: string;
  sponsors?: string[];
  dates?: { introduced?: string; passed?: string; approved?: string; effective?: string };
  vote?: { ayes: number; noes: number };
  urgency?: boolean;
  adds?: string[];
  amends?: string[];
  repeals?: string[];
  codifies?: string[];
  officials?: { mayor?: string; 'city-attorney'?: string; 'city-clerk'?: string };
  language?: string;
  template?: string;
}

export const sectionSchema: Schema = {
  id: { kind: 'string', required: true, ...SLUG },
  heading: { kind: 'string', required: true },
  kind: { kind: 'enum', values: SECTION_KINDS, required: true },
  summary: { kind: 'string' },
};

export interface SectionMeta {
  id: string;
  heading: string;
  kind: SectionKind;
  summary?: string;
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
