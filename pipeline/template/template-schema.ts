/**
 * Templates as data, and their schemas (TypeBox; the types below are derived
 * from them): a layout (page, fonts, sizes, spacing; templates/layouts/) and a
 * jurisdiction (the wording of the ordinance form, its citation grammar and
 * rule settings; templates/jurisdictions/). Published as
 * templates/schemas/*.schema.json by `npm run schemas`.
 */
import { Type, type Static, type TObject, type TProperties, type TSchema } from 'typebox';
import { AmendmentGrammarSchema } from '../grammar/amendments.js';
import { CodifySchema } from '../grammar/codify.js';
import { CitationGrammarSchema } from '../grammar/citations.js';
import { ORDINANCE_STATUSES } from '../model/metadata.js';
import { ruleSettingsSchema, type RuleInfo } from '../config/project-config.js';

/** An object of a template: exactly these keys, and a `$comment` for its readers. */
function Section<P extends TProperties>(properties: P, description?: string) {
  return Type.Object(
    { ...properties, $comment: Type.Optional(Type.String({ description: "A note for the template's readers." })) },
    { additionalProperties: false, ...(description ? { description } : {}) },
  );
}

const Text = (description?: string) => Type.String({ pattern: '\\S', ...(description ? { description } : {}) });
const Points = (description?: string) => Type.Number({ ...(description ? { description } : {}) });
/** The form a number takes: a regular expression it matches whole, and one as the council writes it (rule number-form). */
const NumberFormSchema = (what: string) =>
  Section(
    {
      pattern: Type.String({ format: 'regex', expected: 'a regular expression', description: `A regular expression ${what} matches whole (anchors are added).` }),
      example: Text('One as the council writes it ("188441", "24-726"), for the message.'),
    },
    `The form of ${what}, as the council assigns it (rule number-form).`,
  );
const Color = Type.String({ pattern: '^#[0-9a-fA-F]{6}$', expected: 'a color such as `#1a3d8f`' });

export const FontRoleSchema = Type.Enum(['regular', 'bold', 'italic', 'boldItalic']);
export type FontRole = Static<typeof FontRoleSchema>;
/** A face a document registers: a role of the main family, or of the alternate one. */
export type FontFace = FontRole | `alternate-${FontRole}`;
export const AlignSchema = Type.Enum(['left', 'right', 'center', 'justify']);
export type Align = Static<typeof AlignSchema>;

const InsertionStyleSchema = Section(
  {
    underline: Type.Boolean(),
    italic: Type.Boolean(),
    double: Type.Optional(Type.Boolean({ description: "Two lines under the words, not one (San Francisco's Board amendments)." })),
    face: Type.Optional(
      Type.Enum(['alternate'], {
        description: "In the layout's `fonts.alternate` family, not its main one (San Francisco's code changes, in Times New Roman in an ordinance set in Arial).",
      }),
    ),
  },
  "How inserted words print: underlined (the default), in italics, or both (San Francisco's single-underline italics); doubly underlined; in the alternate face.",
);
const DeletionStyleSchema = Section(
  {
    strike: Type.Boolean(),
    italic: Type.Boolean(),
    face: Type.Optional(Type.Enum(['alternate'], { description: "In the layout's `fonts.alternate` family." })),
  },
  'How deleted words print: struck through (the default), in italics, or both (San Francisco\'s strikethrough italics); in the alternate face. Deleted words with no `deletionOpen` mark are read as "[deleted: …]" by a screen reader.',
);
export type InsertionStyle = Static<typeof InsertionStyleSchema>;
export type DeletionStyle = Static<typeof DeletionStyleSchema>;

export const TextStyleSchema = Section({
  font: FontRoleSchema,
  size: Points(),
  align: Type.Optional(AlignSchema),
  lineGap: Type.Optional(Points()),
  indent: Type.Optional(Points()),
  gapAfter: Type.Optional(Points()),
});
export type TextStyle = Static<typeof TextStyleSchema>;

/** A complete layout, after `extends` has merged its parents under it. Units are PDF points. */
export const LayoutSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    $comment: Type.Optional(Type.String()),
    id: Text('The layout id: its file name in templates/layouts/.'),
    extends: Type.Optional(Text('A layout this one is merged over, key by key.')),
    page: Section({ size: Text('A pdfkit page size (LETTER, A4, …).'), margins: Section({ top: Points(), bottom: Points(), left: Points(), right: Points() }) }),
    fonts: Section(
      {
        regular: Text(),
        bold: Text(),
        italic: Text(),
        boldItalic: Text(),
        alternate: Type.Optional(
          Section(
            { regular: Text(), bold: Text(), italic: Text(), boldItalic: Text() },
            "A second family, for the marks that print in it (an amendment style's `face: alternate`): San Francisco sets its ordinances in Arial and the changes to its codes in Times New Roman.",
          ),
        ),
        fallback: Type.Array(Text(), {
          description:
            'Fonts for the characters the four faces lack (CJK, Arabic, Devanagari, Armenian, symbols, emoji), tried in order; each prints in its own single face, whatever the style. Loaded only by documents that need them.',
        }),
      },
      'Font files (TTF, OTF or WOFF), as paths inside npm packages.',
    ),
    body: Section({ font: FontRoleSchema, size: Points(), lineGap: Points(), paragraphGap: Points(), firstLineIndent: Points(), align: AlignSchema }),
    titleBlock: Section({ number: TextStyleSchema, urgencyBanner: TextStyleSchema, title: TextStyleSchema, enactingClause: TextStyleSchema }),
    section: Section({
      headingFont: FontRoleSchema,
      headingSize: Points(),
      gapBefore: Points(),
      gapAfter: Points(),
      keepWithNextLines: Type.Integer({ minimum: 0 }),
      label: Type.String({
        description: 'How a section numbered by its place is labelled: "{label} {number}." prints "Section 3." ({label} is the jurisdiction\'s `vocabulary.section`).',
      }),
      designatedLabel: Type.String({
        description:
          'How a section with its own designation is labelled: "{label} {number}." prints "§ 24-211.07." ({label} is the jurisdiction\'s `vocabulary.designatedSection`).',
      }),
      separator: Type.String(),
      labelRunsIn: Type.Optional(
        Type.Boolean({
          description:
            'A section with no heading has its label run in to its first paragraph ("Sec. 2. Section 103 of … is amended as follows:"), as acts and ordinances print it, instead of on a line of its own.',
        }),
      ),
      statusLabels: Type.Record(Type.String(), Type.String(), { description: 'Printed after the heading of a section that is not in force ("[Repealed]").' }),
    }),
    group: Section({
      font: FontRoleSchema,
      size: Points(),
      align: AlignSchema,
      gapBefore: Points(),
      gapAfter: Points(),
      closingPeriod: Type.Optional(
        Type.Boolean({
          description:
            'End the heading of a group with a period ("Chapter 3. Business Licenses.", as the D.C. Code prints it); without, the heading prints as written ("TITLE I. GOVERNMENT DIRECTION AND SUPPORT", as an act does).',
        }),
      ),
    }),
    annotations: Section(
      { print: Type.Boolean({ description: "Print each section's notes (the code's History, Editor's Notes…) after its text, each led by its kind in bold." }) },
      'The notes a code keeps on each section (`:::annotation{type="History"}`), not part of its text.',
    ),
    image: Section({ maxHeight: Points() }),
    subdivision: Section({ indentPerLevel: Points(), markerWidth: Points() }),
    list: Section({ indent: Points(), bullet: Type.String() }),
    blockquote: Section(
      {
        indent: Points('How far quoted law (a block quote) is inset from the text that quotes it, as a block: its designations hang inside that margin.'),
        headingFont: FontRoleSchema,
      },
      'Quoted law: the text an amendment inserts, set off as a block. `headingFont` prints a quoted section\'s heading line ("Sec. 7. Qualifications.") as the code prints its headings.',
    ),
    table: Section({ font: FontRoleSchema, headerFont: FontRoleSchema, size: Points(), cellPadding: Points(), ruleWidth: Points() }),
    amendment: Section({
      deletionOpen: Type.String(),
      deletionClose: Type.String(),
      insertionOpen: Type.String({ description: 'Before inserted words in their /ActualText: what a screen reader and a copy read ("[inserted: ").' }),
      insertionClose: Type.String({ description: 'After inserted words in their /ActualText.' }),
      deletedOpen: Type.Optional(
        Type.String({ description: 'Before deleted words in their /ActualText, where deletions have no printed marks (`deletionOpen` empty): "[deleted: ".' }),
      ),
      deletedClose: Type.Optional(Type.String({ description: 'After deleted words in their /ActualText.' })),
      legend: Type.String({ description: 'Printed before the first section of a document that inserts or deletes words: what the marks mean.' }),
      insertionStyle: Type.Optional(InsertionStyleSchema),
      deletionStyle: Type.Optional(DeletionStyleSchema),
      revisions: Type.Optional(
        Section(
          {
            insertionStyle: InsertionStyleSchema,
            deletionStyle: DeletionStyleSchema,
            open: Type.Optional(Type.String({ description: 'Before inserted words in their /ActualText ("[Board amendment, inserted: ").' })),
            deletedOpen: Type.Optional(Type.String({ description: 'Before deleted words in their /ActualText ("[Board amendment, deleted: ").' })),
          },
          "How a redline between two versions of a document (`ordinance diff`) marks what the later version changed, apart from the code changes the document itself marks: San Francisco's Board amendments, additions double-underlined and deletions struck through in the plain face. Absent: the redline marks them as the code changes are marked.",
        ),
      ),
      omission: Type.Optional(
        Type.String({
          description:
            'In a comparative print, the line that stands for unchanged text left out ("* * *"): each changed unit is printed with the lead-ins of the units that hold it and one unchanged unit on either side, the rest left out. Empty or absent: every section printed whole.',
        }),
      ),
    }),
    placeholder: Section({ font: FontRoleSchema, open: Type.String(), close: Type.String() }),
    header: Section({ font: FontRoleSchema, size: Points(), fromPage: Type.Integer({ minimum: 1 }), y: Points() }),
    footer: Section({ font: FontRoleSchema, size: Points(), y: Points() }),
    watermark: Section({
      text: Type.String(),
      font: FontRoleSchema,
      size: Points(),
      opacity: Type.Number({ minimum: 0, maximum: 1 }),
      angle: Type.Number(),
      statuses: Type.Array(Type.Enum(ORDINANCE_STATUSES)),
    }),
    toc: Section(
      {
        enabled: Type.Boolean(),
        minPages: Type.Integer({ minimum: 0 }),
        onlyWithGroups: Type.Optional(
          Type.Boolean({
            description:
              'Only a document in titles and subtitles (groups) has contents, which list them: a District act has a table of contents when it is a budget act in titles, never a list of its sections.',
          }),
        ),
        heading: Type.String(),
        size: Points(),
        lineGap: Points(),
        indent: Points(),
        numberWidth: Points(),
        gapBefore: Points(),
        gapAfterHeading: Points(),
        gapAfter: Points(),
      },
      'The table of contents of longer ordinances.',
    ),
    lineNumbers: Section(
      {
        enabled: Type.Boolean(),
        x: Points(),
        width: Points(),
        font: FontRoleSchema,
        size: Points(),
        color: Color,
        every: Type.Integer({ minimum: 1 }),
        baselineShift: Points(),
      },
      'Line numbers in the left margin, per page, beside each body line.',
    ),
    appendix: Section(
      {
        newPage: Type.Boolean({ description: 'Start the appendix on a page of its own, after the attestation.' }),
        heading: Text('Printed as it is on the page, in the outline and in the contents.'),
        note: Type.Optional(Text('Printed under the heading: that the appendix is not part of the document. {document} is the jurisdiction\'s `vocabulary.document` ("act").')),
        headingSize: Points(),
        gapBefore: Points(),
        gapAfterHeading: Points(),
        columnHeadings: Type.Array(Type.String(), {
          description: 'The table\'s column headings; {document} is the jurisdiction\'s `vocabulary.document` ("What this {document} does").',
        }),
        columns: Type.Array(Type.Number({ minimum: 0, maximum: 1 }), { description: 'Column widths as shares of the text width.' }),
        size: Points(),
        lineGap: Points(),
        cellPadding: Points(),
        ruleWidth: Points(),
      },
      'The appendix "Relationship to prior directives".',
    ),
    signatures: Section({
      font: FontRoleSchema,
      size: Points(),
      lineGap: Points(),
      blankWidth: Points(),
      gapBefore: Points(),
      gapBetween: Points(),
      gapAfterHeading: Points('Below the heading of the certification and of the Declaration of Posting.'),
    }),
    colors: Section({ text: Color, link: Color, rule: Color }),
  },
  { additionalProperties: false, title: 'Layout template', description: 'Page, fonts, sizes and spacing of a document (templates/layouts/<id>.json).' },
);
export type Layout = Static<typeof LayoutSchema>;

/**
 * One layout file: any part of a layout, the rest from the layout it
 * extends (every object's keys optional, at every depth).
 */
export const LayoutFileSchema = deepPartial(LayoutSchema, ['id']);

function deepPartial(schema: TSchema, keep: string[] = []): TSchema {
  const s = schema as unknown as { type?: string; properties?: Record<string, TSchema>; required?: string[] };
  if (s.type !== 'object' || !s.properties) return schema;
  const properties = Object.fromEntries(Object.entries(s.properties).map(([key, value]) => [key, deepPartial(value)]));
  return { ...s, properties, required: keep.length ? keep : undefined } as unknown as TSchema;
}

/** A line of a signature block: its words, or its words left out when a placeholder in them has no value. */
const SignatureLine = Type.Union([
  Type.String({ description: 'The words, with {placeholders} from the metadata; a missing value prints as a blank for the Clerk to fill in; "" is a blank line.' }),
  Section({
    text: Type.String({ description: 'The words, with {placeholders} from the metadata ("{officials.chairman}").' }),
    optional: Type.Boolean({
      description: 'Left out when a placeholder in it has no value: a name printed under the signature line when it is known, and no second blank line when it is not.',
    }),
  }),
]);
export type SignatureLine = Static<typeof SignatureLine>;

const SignatureRows = Type.Array(Section({ left: Type.Optional(Type.Array(SignatureLine)), right: Type.Optional(Type.Array(SignatureLine)) }), {
  description: "Signature blocks in rows; a row's left and right blocks stand side by side.",
});

/** The words of the document's kind, wherever the tool writes them (PDF, references, digest, appendix, messages). */
export const VocabularySchema = Section(
  {
    document: Text('The kind of document in running text, in lower case: "ordinance", "act", "resolution" ("What this act does").'),
    number: Text('The number\'s name in running text: "Ordinance No.", "D.C. Act" ("D.C. Act 23-573").'),
    section: Text('The label of a section numbered by its place: "Section", "Sec." (heading "Sec. 2.", reference "Sec. 2(b)").'),
    sections: Text('The label of several sections numbered by their place: "Sections", "Secs." ("Secs. 2 and 3").'),
    designatedSection: Text('The label of a section with its own designation (a code\'s): "§", "SEC." (heading "SEC. 12H.2.", reference "SEC. 12H.2(c)").'),
    legislativeBody: Text('The body that passes the document, as a sentence names it: "the Council", "the Board of Supervisors".'),
    executive: Text('Who approves or vetoes it, as a sentence names it: "the Mayor".'),
  },
  "The document's vocabulary: the words the tool prints for its kind, number, sections and the bodies that pass it.",
);
export type Vocabulary = Static<typeof VocabularySchema>;

const KEY = { pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', expected: 'a kebab-case name' };

/** A line of the title block: its words ({placeholders} filled from the metadata) and the layout's style it takes. */
export const TitleLineSchema = Section({
  text: Type.String({
    description:
      'The words, with {placeholders} from the metadata ("D.C. ACT {number}", "FILE NO. {council-file}"); "{title}" is the long title, tagged as the document\'s heading (H1); an empty line is space (its style\'s gap after).',
  }),
  style: Type.Enum(['number', 'banner', 'title', 'clause'], {
    description: "The layout's titleBlock style it prints in: number, banner (the urgency banner's), title, clause (the enacting clause's).",
  }),
  align: Type.Optional(AlignSchema),
  when: Type.Optional(Type.Enum(['urgency', 'regular'], { description: 'Printed only on urgency (emergency) documents, or only on the others.' })),
  statuses: Type.Optional(
    Type.Array(Type.Enum(ORDINANCE_STATUSES), {
      minItems: 1,
      description:
        'Printed only at these statuses: a number assigned at a later stage (the D.C. Law number and the register citation, given when the act takes effect after Congressional review) never heads an earlier document.',
    }),
  ),
  gapAfter: Type.Optional(Points("Space below the line, in place of its style's.")),
  optional: Type.Optional(Type.Boolean({ description: 'Left out when a placeholder in it has no value (otherwise the blank is printed for the Clerk to fill in).' })),
});
export type TitleLine = Static<typeof TitleLineSchema>;

/** Words printed on every page, in the footer's line above the build's: left, centre, right. */
export const PageFooterSchema = Section(
  {
    left: Type.Optional(Type.String()),
    center: Type.Optional(Type.String()),
    right: Type.Optional(Type.String({ description: '"Page {page}" prints the page number.' })),
  },
  'The form\'s own footer on every page ("{sponsors}", "BOARD OF SUPERVISORS", "Page {page}"), with {placeholders} from the metadata and {page}.',
);

const JurisdictionFields = {
  $schema: Type.Optional(Type.String()),
  $comment: Type.Optional(Type.String()),
  id: Text("The jurisdiction id: its file name in templates/jurisdictions/, named by an ordinance's `jurisdiction`."),
  name: Text(),
  codeName: Type.Optional(Text('Heading of a code title\'s first page ("CODE OF THE DISTRICT OF COLUMBIA").')),
  layout: Text('The layout id in templates/layouts/.'),
  language: Type.String({ pattern: '^[a-z]{2,3}(-[A-Z]{2})?$', expected: 'a language tag such as `en-US`' }),
  numberLabel: Type.String({
    description: 'The number\'s label as the form prints it, before the number ("ORDINANCE NO.", "D.C. ACT"): the title block\'s default and the running header.',
  }),
  vocabulary: VocabularySchema,
  titleBlock: Type.Optional(
    Type.Array(TitleLineSchema, {
      minItems: 1,
      description:
        'The title block, line by line, from the top of the first page ("AN ACT", "D.C. ACT {number}", "IN THE COUNCIL OF THE DISTRICT OF COLUMBIA", "{title}"). Without it: the number line, the urgency banner, the long title.',
    }),
  ),
  numberForm: Type.Optional(NumberFormSchema('`number`')),
  councilFile: Type.Optional(
    Section(
      { label: Text('How the file number is named where printed ("Council File No.", "File No.").'), form: Type.Optional(NumberFormSchema('`council-file`')) },
      "The council's file number (front matter `council-file`): Los Angeles' Council File, San Francisco's Board File.",
    ),
  ),
  numbers: Type.Optional(
    Type.Record(
      Type.String(KEY),
      Section({
        label: Text('How the number is named where printed ("Bill", "D.C. Law", "FILE NO.").'),
        form: Type.Optional(NumberFormSchema('the number')),
      }),
      {
        additionalProperties: false,
        expectedKey: "a number's name, kebab-case",
        description: "The document's numbers besides `number` (front matter `numbers`): a D.C. act's bill, law and D.C. Register numbers.",
      },
    ),
  ),
  roles: Type.Optional(
    Type.Record(
      Type.String(KEY),
      Section({
        title: Text('The role as a signature line names it ("Chairman, Council of the District of Columbia").'),
        signsOn: Type.Optional(
          Type.Enum(['introduced', 'passed', 'approved', 'effective'], {
            description:
              'The stage at which the official signs (the Chairman the act as passed, the Mayor on approval): whose name `holders` gives for a document is the holder on that date.',
          }),
        ),
        holders: Type.Optional(
          Type.Array(
            Section({
              name: Text('The official\'s name as signed ("Phil Mendelson").'),
              from: Type.String({ format: 'date', description: 'First day in office (YYYY-MM-DD).' }),
              to: Type.Optional(Type.String({ format: 'date', description: 'Last day in office (YYYY-MM-DD); none while in office.' })),
            }),
            {
              description:
                "Who held the role, by term: `ordinance import` names the signers of an imported act from these and the act's dates (front matter `officials`, which a drafter may change). A date outside every term names no one.",
            },
          ),
        ),
      }),
      {
        additionalProperties: false,
        expectedKey: "a role's id, kebab-case",
        description: 'The officials who sign or attest the document (front matter `officials`, by these ids), as the signature rows name them ({officials.<id>}).',
      },
    ),
  ),
  enactingClause: Text('The clause that enacts an ordinance: without it an ordinance enacts nothing.'),
  enactingClauseRunsIn: Type.Optional(
    Type.Boolean({
      description:
        'The enacting clause runs in to the first section, whose text follows it in the same paragraph and whose heading is not printed ("BE IT ENACTED BY THE COUNCIL OF THE DISTRICT OF COLUMBIA, That this act may be cited as ...").',
    }),
  ),
  legend: Type.Optional(
    Section(
      {
        paragraphs: Type.Array(Text(), { minItems: 1 }),
        when: Type.Enum(['amends', 'always'], { description: 'amends: only on documents that insert or delete words; always: on every document.' }),
      },
      "The form's legend under the title (what the type styles mean), in place of the layout's `amendment.legend`.",
    ),
  ),
  footer: Type.Optional(PageFooterSchema),
  reviewPeriods: Type.Optional(
    Type.Array(
      Section({
        name: Text('The period as a sentence names it: "Congressional review", "the 30 days after enactment".'),
        days: Type.Integer({ minimum: 1, maximum: 3660 }),
        counting: Type.Enum(['calendar', 'legislative'], {
          description: 'calendar days, or legislative days (days a body sits: at least as many calendar days, so only the lower bound is checked)',
        }),
        from: Type.Enum(['passed', 'approved'], { description: 'The date of the metadata it runs from.' }),
        fromWords: Type.Optional(
          Text(
            'What the period runs from, in the words a digest says it, where "approval by the Mayor" is not the law\'s: San Francisco\'s "enactment (the Mayor\'s signature, ten days without it, or the Board\'s override of a veto)".',
          ),
        ),
        urgency: Type.Optional(Type.Boolean({ description: 'It runs for urgency (emergency) documents too; by default they take effect without it.' })),
      }),
      {
        description:
          "Periods that must pass before a document takes effect (the District's Congressional review): its effective date is no sooner than the end of each (rule effective-after-review), and the digest says so.",
      },
    ),
  ),
  urgencyBanner: Type.String(),
  voteRequired: Type.Optional(Section({ regular: Text(), urgency: Text() }, "The vote an ordinance needs, in words, for the digest's Digest Key.")),
  votes: Type.Optional(
    Section(
      {
        members: Type.Integer({ minimum: 1, maximum: 1000, description: 'How many members the body has: ayes and noes together are at most this.' }),
        regular: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, description: 'The ayes an ordinance needs to pass (none where it is a majority of those voting).' })),
        urgency: Type.Integer({ minimum: 1, maximum: 1000, description: 'The ayes an urgency (emergency) ordinance needs.' }),
      },
      "The vote an ordinance needs, in numbers (rule vote-count): the body's size and the ayes each kind needs, as `voteRequired` says them in words.",
    ),
  ),
  citations: Type.Optional(CitationGrammarSchema),
  amendments: Type.Optional(AmendmentGrammarSchema),
  codify: Type.Optional(CodifySchema),
  certification: Section({
    heading: Type.Optional(Text('The heading of the certification and approvals.')),
    regular: Type.String(),
    urgency: Type.String(),
    vote: Type.Optional(Text('A line stating the vote, printed when the form has one and the ordinance records its vote.')),
    rows: SignatureRows,
  }),
  declarationOfPosting: Type.Optional(
    Section(
      {
        heading: Text(),
        name: Type.Optional(Text("What the page is, when its printed heading does not say it: the bookmark's title, and what a screen reader's list of headings reads.")),
        paragraphs: Type.Array(Text(), { description: 'The declaration, paragraph by paragraph; {placeholders} are filled from the metadata.' }),
        rows: SignatureRows,
      },
      "The Clerk's declaration that the ordinance was posted: a page of its own after the certification.",
    ),
  ),
  pagesAfter: Type.Optional(
    Type.Array(
      Section({
        heading: Text(),
        name: Type.Optional(
          Text(
            'What the page is, when its printed heading does not say it ("Clerk\'s certificate of final passage" under "CITY AND COUNTY OF SAN FRANCISCO"): the bookmark\'s title, and what a screen reader\'s list of headings reads.',
          ),
        ),
        paragraphs: Type.Array(Text(), { description: 'Paragraph by paragraph; {placeholders} are filled from the metadata; "1. …" paragraphs in a run are a list.' }),
        rows: SignatureRows,
      }),
      { description: "More pages of the form after the attestation (and the Declaration of Posting), each on a page of its own: a clerk's certificate, a transmittal." },
    ),
  ),
};

const RuleSettingsShape = Type.Record(
  Type.String(),
  Type.Object({
    severity: Type.Optional(Type.Enum(['error', 'warning', 'info', 'off'])),
    byStatus: Type.Optional(Type.Record(Type.String(), Type.Enum(['error', 'warning', 'info', 'off']))),
    options: Type.Optional(Type.Record(Type.String(), Type.Unknown())),
    reason: Type.String(),
  }),
  { description: "Rule settings for this jurisdiction's documents, each with the reason for the change." },
);

/** What a kind of document of the jurisdiction does differently (a code title: its own layout, no drafting rules). */
function documentsSchema<T extends TSchema>(rules: T) {
  return Type.Optional(
    Section(
      {
        'code-title': Type.Optional(
          Section({
            layout: Type.Optional(Text('The layout of imported code titles, in place of `layout`.')),
            rules: Type.Optional(rules),
          }),
        ),
      },
      "Settings of one kind of document (`type:` in its front matter), over the jurisdiction's own: a code title's layout and rule settings.",
    ),
  );
}

/** The shape every jurisdiction template has (its `rules` checked against the registered rules by jurisdictionSchema). */
export const JurisdictionShape = Type.Object({
  ...JurisdictionFields,
  rules: Type.Optional(RuleSettingsShape),
  documents: documentsSchema(RuleSettingsShape),
});
export type Jurisdiction = Static<typeof JurisdictionShape>;

const jurisdictionSchemas = new WeakMap<readonly RuleInfo[], TObject>();

/** The schema of a jurisdiction template, its `rules` keyed by these rules' ids and checked by their schemas. */
export function jurisdictionSchema(rules: readonly RuleInfo[]): TObject {
  let schema = jurisdictionSchemas.get(rules);
  if (!schema) {
    const settings = ruleSettingsSchema(rules, true);
    schema = Type.Object(
      { ...JurisdictionFields, rules: Type.Optional(settings), documents: documentsSchema(settings) },
      {
        additionalProperties: false,
        title: 'Jurisdiction template',
        description: 'The wording of the ordinance form, citation grammar and rule settings of a jurisdiction (templates/jurisdictions/<id>.json).',
      },
    );
    jurisdictionSchemas.set(rules, schema);
  }
  return schema;
}

export interface Template {
  /** The layout of the documents it is loaded for (a code title's may be its own). */
  layout: Layout;
  jurisdiction: Jurisdiction;
  /** Absolute font file paths by face: each role, and each role of the alternate family where the layout has one ("alternate-italic"). */
  fontFiles: Record<FontFace, string>;
  /** Absolute paths of the fallback fonts, in the order they are tried. */
  fallbackFontFiles: string[];
}
