/**
 * The drafters' contract for front matter: the schemas that check it (TypeBox,
 * validated by pipeline/schema/) and the typed shapes the rest of the pipeline
 * reads, derived from them. Documented in the drafters' guide, docs/guide/01-ordinance.md.
 */
import { Type, type Static, type TSchema } from 'typebox';
import { MAX_DESIGNATION_LENGTH, MAX_HEADING_LENGTH, MAX_SHORT_TITLE_LENGTH } from './limits.js';

/** The lifecycle, in order (status-lifecycle): draft, introduced, adopted, effective; withdrawn and failed end it. */
export const ORDINANCE_STATUSES = ['draft', 'introduced', 'adopted', 'effective', 'withdrawn', 'failed'] as const;
export type OrdinanceStatus = (typeof ORDINANCE_STATUSES)[number];

/** How a comparative print shows the sections it amends (`comparative-print:`). */
export const COMPARATIVE_PRINTS = ['elided', 'whole'] as const;

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
export const SECTION_STATUSES = ['in-force', 'repealed', 'expired', 'reserved', 'transferred', 'recodified', 'omitted', 'not-funded', 'not-applicable', 'pending'] as const;
export type SectionStatus = (typeof SECTION_STATUSES)[number];
export type DirectiveStatus = (typeof DIRECTIVE_STATUSES)[number];

/** Text with something in it (a blank value says nothing). */
function Text(options: { pattern?: string; expected?: string; description?: string; maxLength?: number } = {}) {
  return Type.String({ pattern: '\\S', ...options });
}

/** A heading: text of at most MAX_HEADING_LENGTH characters. */
function Heading() {
  return Text({ maxLength: MAX_HEADING_LENGTH, expected: `text of at most ${MAX_HEADING_LENGTH} characters` });
}

/**
 * A number as a council assigns it: on one line, with no control, invisible
 * or direction-changing characters (U+202E would print it, and every page
 * showing it, reversed).
 */
const NUMBER = {
  pattern: '^(?=[\\s\\S]*\\S)[^\\u0000-\\u001f\\u007f-\\u009f\\u200b-\\u200f\\u2028-\\u202e\\u2060-\\u206f\\ufeff]+$',
  expected: 'a number on one line, without control, invisible or direction characters',
};
const SLUG = { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', expected: 'a kebab-case id (lowercase letters, digits and hyphens)' };
/** A section's id, as its front matter's schema takes it (a rename is checked against it too): it may also carry a code's own punctuation ("24-211.07", "28:9-101"). */
export const SECTION_ID = { pattern: '^[a-z0-9]+(?:[-.:][a-z0-9]+)*$', expected: 'an id of lowercase letters and digits joined by `-`, `.` or `:`' };
const ISO_DATE = () => Type.String({ format: 'date' });
const TextList = () => Type.Array(Text());
const IdList = () => Type.Array(Text(SLUG));
/**
 * A whole number in a range a drafter means: YAML reads `1e26` as a whole
 * number and a 20-digit number rounded, and neither can print as written.
 */
const Count = (minimum: number, maximum: number) => Type.Integer({ minimum, maximum });
/** Versions of one ordinance. */
const MAX_VERSION = 9999;
/** Votes of one body on one measure. */
const MAX_VOTES = 99_999;

export const ordinanceSchema = Type.Object(
  {
    type: Type.Optional(Type.Enum(DOCUMENT_TYPES, { description: 'ordinance (default) or code-title (an imported title of a code)' })),
    title: Text({ description: 'Long title, beginning "An ordinance ..."' }),
    'short-title': Text({ maxLength: MAX_SHORT_TITLE_LENGTH, expected: `text of at most ${MAX_SHORT_TITLE_LENGTH} characters` }),
    jurisdiction: Text({ ...SLUG, description: 'Jurisdiction template id in templates/jurisdictions/' }),
    status: Type.Enum(ORDINANCE_STATUSES),
    version: Count(1, MAX_VERSION),
    number: Type.Optional(Text({ ...NUMBER, description: "The number the form prints first and the running header shows (the jurisdiction's `numberLabel`)" })),
    numbers: Type.Optional(
      Type.Record(Type.String(SLUG), Text(NUMBER), {
        description: "Its other numbers, by the names its jurisdiction's template declares (`numbers`): a D.C. act's `bill`, `law` and `register`; San Francisco's `file`",
        expectedKey: "a number's name, kebab-case",
        additionalProperties: false,
      }),
    ),
    designation: Type.Optional(Text({ description: 'A code title\'s own number ("3"), for citations relative to it ("this title")' })),
    'council-file': Type.Optional(Text()),
    sponsors: Type.Optional(TextList()),
    dates: Type.Optional(
      Type.Object(
        {
          introduced: Type.Optional(ISO_DATE()),
          passed: Type.Optional(ISO_DATE()),
          approved: Type.Optional(ISO_DATE()),
          effective: Type.Optional(ISO_DATE()),
        },
        { additionalProperties: false },
      ),
    ),
    vote: Type.Optional(Type.Object({ ayes: Count(0, MAX_VOTES), noes: Count(0, MAX_VOTES) }, { additionalProperties: false })),
    urgency: Type.Optional(Type.Boolean()),
    adds: Type.Optional(TextList()),
    amends: Type.Optional(TextList()),
    'amends-code': Type.Optional(
      Text({
        description:
          "The code this ordinance amends: a folder of the workspace holding the code's titles (code.md folders, as `ordinance import dc-code` writes them), or one title, relative to the folder holding the ordinance folders",
      }),
    ),
    'comparative-print': Type.Optional(
      Type.Enum(COMPARATIVE_PRINTS, {
        description:
          'How the comparative print shows each section it amends: `elided` (the default), unchanged text left out as the template\'s form leaves it out ("* * *"), keeping the lead-ins and one unit of context; `whole`, every word of the section',
      }),
    ),
    repeals: Type.Optional(TextList()),
    codifies: Type.Optional(IdList()),
    supersedes: Type.Optional(IdList()),
    affects: Type.Optional(Type.Array(Text(), { description: 'Who the ordinance affects, in plain words, for the digest' })),
    'fiscal-effect': Type.Optional(Text({ description: 'The fiscal effect, as stated (for the Digest Key)' })),
    'review-days': Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 3660,
        description:
          "This document's own review period in days, where the law gives it one other than the template's (a D.C. act amending criminal law: 60 days of Congressional review, not 30)",
      }),
    ),
    officials: Type.Optional(
      Type.Record(Type.String(SLUG), Text(), {
        description: "Who signs or attests it, by the roles its jurisdiction's template declares (`roles`): `mayor`, `city-clerk`, `chairman`…",
        expectedKey: "a role's id, kebab-case",
        additionalProperties: false,
      }),
    ),
    language: Type.Optional(Text({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$', expected: 'a language tag such as `en-US`' })),
    template: Type.Optional(Text(SLUG)),
  },
  { additionalProperties: false, title: 'Ordinance front matter', description: 'The metadata block of ordinance.md (or code.md of a code title).' },
);

export type OrdinanceMeta = Static<typeof ordinanceSchema>;

export const sectionSchema = Type.Object(
  {
    id: Text(SECTION_ID),
    number: Type.Optional(
      Text({
        maxLength: MAX_DESIGNATION_LENGTH,
        expected: `text of at most ${MAX_DESIGNATION_LENGTH} characters`,
        description:
          'A code\'s own designation ("24-211.07"), printed instead of the position; in an act or ordinance, a whole number is the act\'s own section number ("101" of an act numbered by titles), printed as "Sec. 101."',
      }),
    ),
    // Optional because real codes have sections without one; drafting rules may require it of ordinances.
    heading: Type.Optional(Heading()),
    kind: Type.Enum(SECTION_KINDS),
    status: Type.Optional(Type.Enum(SECTION_STATUSES)),
    'status-note': Type.Optional(Text()),
    summary: Type.Optional(Text()),
  },
  { additionalProperties: false, title: 'Section front matter', description: 'The metadata block of a section file.' },
);

export type SectionMeta = Static<typeof sectionSchema>;

/** group.md: the chapter, subchapter or part a folder of sections forms. */
export const groupSchema = Type.Object(
  {
    prefix: Text({ description: 'Chapter, Subchapter, Part...' }),
    num: Text(),
    heading: Type.Optional(Heading()),
  },
  { additionalProperties: false, title: 'Group front matter', description: 'The metadata block of group.md: the chapter, subchapter or part a folder forms.' },
);

export type GroupMeta = Static<typeof groupSchema>;

const DirectiveDates = Type.Object(
  {
    issued: Type.Optional(ISO_DATE()),
    adopted: Type.Optional(ISO_DATE()),
    signed: Type.Optional(ISO_DATE()),
    effective: Type.Optional(ISO_DATE()),
    superseded: Type.Optional(ISO_DATE()),
    repealed: Type.Optional(ISO_DATE()),
  },
  { additionalProperties: false },
);

export const directiveSchema = Type.Object(
  {
    id: Text(SLUG),
    'cited-as': TextList(),
    title: Text(),
    kind: Type.Enum(DIRECTIVE_KINDS),
    issuer: Type.Optional(Text()),
    dates: Type.Optional(DirectiveDates),
    status: Type.Enum(DIRECTIVE_STATUSES),
    source: Type.Optional(Type.String({ pattern: '^https?://\\S+$', expected: 'an http(s) URL' })),
    relations: Type.Optional(
      Type.Object(
        {
          supersedes: Type.Optional(IdList()),
          amends: Type.Optional(IdList()),
          codifies: Type.Optional(IdList()),
          'superseded-by': Type.Optional(IdList()),
          implements: Type.Optional(IdList()),
        },
        { additionalProperties: false },
      ),
    ),
    pinpoints: Type.Optional(TextList()),
    'section-source': Type.Optional(
      Type.String({
        pattern: '^https?://\\S*\\{section\\}\\S*$',
        expected: 'an http(s) URL with `{section}` where the section number goes',
        description:
          'Where the source shows each section at an address made from its number: "https://code.dccouncil.gov/us/dc/council/code/sections/{section}". A citation with a pinpoint ("§ 9-1108.11(a)") links to its section\'s page; `section-sources` names a page where this does not fit.',
      }),
    ),
    'section-sources': Type.Optional(
      Type.Record(Type.String(), Type.String({ pattern: '^https?://\\S+$', expected: 'an http(s) URL' }), {
        description:
          'Where the source shows one section at a time: the page of each section ("§ 7284.4"). A citation with a pinpoint links to its section\'s page, and to nothing when none is listed (never to another section\'s).',
      }),
    ),
  },
  { additionalProperties: false, title: 'Directive front matter', description: 'A registry entry: a prior directive in directives/<id>.md.' },
);

export type DirectiveMeta = Static<typeof directiveSchema>;

/** Every front-matter schema, by the name of its published file (templates/schemas/<name>.schema.json). */
export const FRONT_MATTER_SCHEMAS: Record<string, TSchema> = {
  ordinance: ordinanceSchema,
  section: sectionSchema,
  group: groupSchema,
  directive: directiveSchema,
};
