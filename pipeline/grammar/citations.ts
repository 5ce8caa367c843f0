/**
 * The citation grammar of a jurisdiction, as data: which written forms name a
 * prior directive or a section of a code, and what registry id each names.
 * It lives in the jurisdiction's template (`citations`), so a city adds its own
 * forms without code. Documented in docs/guide/05-registry.md ("Citations written
 * as plain words"). The schema here is the contract: the template loader checks a
 * grammar against it, and detection (detect.ts) says which patterns do not
 * compile, built exactly as it uses them.
 */
import { Type, type Static } from 'typebox';

const Text = (description?: string) => Type.String({ pattern: '\\S', ...(description ? { description } : {}) });
const Comment = Type.Optional(Type.String({ description: "A note for the template's readers." }));

/** A form naming a whole document ("D.C. Law 23-56", "Special Order 40"); "§ 2 of …" before it pinpoints it. */
export const DocumentFormSchema = Type.Object(
  {
    pattern: Text('A regular expression; named groups fill `{name}` in the target.'),
    target: Text('Registry id template, e.g. "dc-law-{n}".'),
    sections: Type.Optional(Type.Boolean({ description: 'Whether "§ 2 of"/"Section 2 of" before the form pinpoints a section of it (session laws).' })),
    $comment: Comment,
  },
  { additionalProperties: false },
);
export type DocumentForm = Static<typeof DocumentFormSchema>;

/**
 * A form naming a section of a statute or code ("8 U.S.C. § 1325", "Government
 * Code Section 7284.6"); subdivisions written after it are part of the pinpoint.
 */
export const StatuteFormSchema = Type.Object(
  {
    pattern: Text('A regular expression; named groups fill `{name}` in the target and pinpoint.'),
    target: Type.Union([Text(), Type.Array(Text())], { description: 'Registry id template, or candidate ids: the first whose pinpoints know the section wins.' }),
    pinpoint: Type.String({ description: 'Pinpoint template, e.g. "§ {sec}".' }),
    $comment: Comment,
  },
  { additionalProperties: false },
);
export type StatuteForm = Static<typeof StatuteFormSchema>;

/** The jurisdiction's own code, whose sections are cited by designation ("§ 24-211.02a(c)(6)"). */
export const CodeFormSchema = Type.Object(
  {
    target: Text('Registry id of the code.'),
    section: Text('A section designation, as a regular expression (no anchors, no capturing groups).'),
    groups: Type.Optional(Type.Array(Text(), { description: 'Names of the code\'s groups, outermost first ("title", "chapter", …): "Chapter 5 of Title 2", "this subchapter".' })),
    lead: Type.Optional(Text('What introduces a section citation, as a regular expression (default "§§?"; add "[Ss]ections?" where codes are cited by word).')),
    name: Type.Optional(
      Text(
        'The code\'s own name, as a regular expression ("(?:District of Columbia|D\\.C\\.) Official Code"): "section 23-1321 of the <name>" and "Title 47 of the <name>" cite the code, and the name is part of the citation; "Title 5 of" any other code is not a citation of it. A section cited by a word of `lead` (not "§") and followed by "of" another document is that document\'s; within a code title it is the code\'s only when the name stands after it or just before it ("<name> section 45-715"), or when it is of the title the text stands in ("section 28-3803" in Title 28).',
      ),
    ),
    $comment: Comment,
  },
  { additionalProperties: false },
);
export type CodeForm = Static<typeof CodeFormSchema>;

/** How citations are written in a jurisdiction's prose: its template's `citations`. */
export const CitationGrammarSchema = Type.Object(
  {
    code: Type.Optional(CodeFormSchema),
    documents: Type.Optional(Type.Array(DocumentFormSchema)),
    statutes: Type.Optional(Type.Array(StatuteFormSchema)),
    ordinances: Type.Optional(DocumentFormSchema),
    $comment: Comment,
  },
  { additionalProperties: false, description: "Forms that cite in prose; the registry's own citation forms (cited-as) are detected in every jurisdiction." },
);
export type CitationGrammar = Static<typeof CitationGrammarSchema>;

/** Where a stretch of text stands, for citations relative to it ("this chapter", "this title"). */
export interface CitationContext {
  /** The code title's own designation ("3"), for a code title. */
  title?: string | undefined;
  /** The groups the text stands in, outermost first. */
  groups?: { prefix: string; num: string }[];
  /** The document's own number: "Ordinance No. N" naming it is not a citation of another. */
  ownNumber?: string | undefined;
  /** Whether "Section 3(b)" may name one of the document's own sections: an ordinance's, never a code title's (default: no `title`). */
  ownSections?: boolean | undefined;
  /**
   * The text stands in a section that amends another act ("The … Act … is amended as follows:"): a bare
   * "Section 7" there is that act's, and only "section 2 of this act" names one of the document's own.
   */
  amending?: boolean | undefined;
}

/** Fill `{name}` from a match's named groups. */
export function fill(template: string, groups: Record<string, string | undefined>): string {
  return template.replace(/\{([a-z]+)\}/gi, (_, name: string) => groups[name] ?? '');
}
