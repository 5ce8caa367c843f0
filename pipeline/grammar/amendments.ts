/**
 * The amendment grammar of a jurisdiction, as data: how its acts write an
 * amending instruction ("Section 25-374(a)(2) is amended by striking the
 * phrase "X" and inserting the phrase "Y" in its place."), in its template's
 * `amendments`. The forms are regular expressions over a sentence whose quoted
 * words are already set apart, with macros the reader expands from the
 * grammar's own vocabulary ({words:struck}, {occurrence:occ}, {target},
 * {designations:added}, {part:part}); see docs/guide/04-codes.md ("Writing amending instructions").
 */
import { Type, type Static } from 'typebox';

const Text = (description?: string) => Type.String({ pattern: '\\S', ...(description ? { description } : {}) });
const Comment = Type.Optional(Type.String({ description: "A note for the template's readers." }));

/** The operations a form may read; each fills the named groups its pattern has. */
export const FORM_OPERATIONS = ['lead-in', 'strike', 'insert', 'add', 'rewrite', 'repeal', 'redesignate', 'designate'] as const;
export type FormOperation = (typeof FORM_OPERATIONS)[number];

export const AmendmentFormSchema = Type.Object(
  {
    op: Type.Enum([...FORM_OPERATIONS], { description: 'What the form does; `lead-in` only names the target of the instructions below it.' }),
    pattern: Text(
      'A regular expression over the whole sentence (anchored by the reader, case-insensitive), with macros: {target}, {words:name}, {occurrence:name}, {designations:name}, {part:name} (one of `parts`). ' +
        'Named groups: target, struck, inserted, anchor, where (before, after, end, beginning), occ*, added, from, to, after, part ("striking the word "X" in the section heading").',
    ),
    $comment: Comment,
  },
  { additionalProperties: false },
);
export type AmendmentForm = Static<typeof AmendmentFormSchema>;

export const AmendmentGrammarSchema = Type.Object(
  {
    forms: Type.Array(AmendmentFormSchema, { description: 'The sentence forms, tried in order; the first that matches the whole sentence reads it.' }),
    cue: Text('A regular expression: a sentence that matches it but no form reads as an instruction that does not parse (rule amendment-unparsed).'),
    levels: Type.Record(Type.String(), Type.Integer({ minimum: 1, maximum: 8 }), {
      description: 'Names of the subdivision levels, singular, with their depth below a section: "subsection": 1, "paragraph": 2 …',
    }),
    groups: Type.Array(Text(), { description: 'Names of the groups of the code above sections ("title", "chapter", "part").' }),
    parts: Type.Record(Type.String(), Type.Enum(['text', 'heading']), {
      description: 'Words that name part of a target: "lead-in language" (its own text before its children), "section heading".',
    }),
    units: Type.Array(Text(), { description: 'What quoted words are called: "phrase", "word", "figure" …' }),
    ordinals: Type.Optional(
      Type.Record(Type.String(), Type.Integer({ minimum: 1 }), {
        description:
          'Words that pick one of the subdivisions that share a designation, counted in order: "first": 1, "second": 2 ("The second subsection (k) is redesignated as subsection (l)").',
      }),
    ),
    punctuation: Type.Record(Type.String(), Text(), { description: 'Marks named in words, and what they are: "period": ".".' }),
    occurrences: Type.Record(Type.String(), Type.String({ pattern: '^(every|last|[1-9][0-9]*)$' }), {
      description: 'Which occurrences a phrase means: "each place it appears": "every", "the first time it appears": "1", "at the end": "last".',
    }),
    codeCitation: Text(
      'A regular expression finding the code section a target names in parentheses ("(D.C. Law 2-22; D.C. Official Code § 4-1302.03(a-1))"); {section} stands for `section`: ' +
        'groups `section`, `path` (its subdivisions) and `range` (set when it names the start of a range, "et seq.").',
    ),
    section: Text('A code section designation, as a regular expression (no anchors, no capturing groups).'),
    codeName: Type.Optional(
      Text(
        'The code\'s name after a section ("Section 4.1001 of the Los Angeles Administrative Code"), as a regular expression (no capturing groups); ' +
          'groups of the code may stand between ("of Article 1, Chapter 1, Division 4 of the …"). Without it, a section is named by its designation alone.',
      ),
    ),
    titleSection: Type.Optional(
      Text(
        'How a section numbered within a title of the code is designated in the code, with {title} and {section}: "{title}-{section}" makes "Section 2701" below ' +
          '"Title 28 of the D.C. Official Code is amended as follows:" § 28-2701. Without it, such a section is named only by its code designation.',
      ),
    ),
    examples: Type.Optional(
      Type.Object(
        {
          leadIn: Text('A lead-in naming a section: "Section 24-211.07 is amended as follows:".'),
          section: Text('A code section as an instruction names it: "Section 24-211.07".'),
          cited: Text('A section as written after a section of an act, in parentheses: "(D.C. Official Code § 24-211.07)".'),
          newSection: Text('How a new section\'s quoted text begins: "§ 24-211.08. Heading.".'),
          act: Text('An act named with its law and code, so that its new sections can be placed: "(D.C. Law 19-124; D.C. Official Code § 1-1161.01 et seq.)".'),
        },
        { additionalProperties: false, description: "The council's own examples in what the reader says it expects (the District's when absent)." },
      ),
    ),
    $comment: Comment,
  },
  { additionalProperties: false, description: 'How amending instructions are written in prose: read into instructions by pipeline/amend/read.ts.' },
);
export type AmendmentGrammar = Static<typeof AmendmentGrammarSchema>;

/** The examples messages give when a grammar has none of its own: the District's. */
export const DEFAULT_EXAMPLES: Required<NonNullable<AmendmentGrammar['examples']>> = {
  leadIn: 'Section 24-211.07 is amended as follows:',
  section: 'Section 24-211.07',
  cited: '(D.C. Official Code § 24-211.07)',
  newSection: '§ 24-211.08. Heading.',
  act: '(D.C. Law 19-124; D.C. Official Code § 1-1161.01 et seq.)',
};

/** The examples a grammar's messages give. */
export function examplesOf(grammar: AmendmentGrammar): typeof DEFAULT_EXAMPLES {
  return { ...DEFAULT_EXAMPLES, ...grammar.examples };
}

/** A form with its pattern compiled. */
export interface CompiledForm {
  op: FormOperation;
  regex: RegExp;
}

/** The grammar with its macros expanded and its patterns compiled. */
export interface CompiledGrammar {
  grammar: AmendmentGrammar;
  forms: CompiledForm[];
  cue: RegExp;
  codeCitation: RegExp;
  /** A whole target phrase naming a code section by designation: "Section 25-374(a)(2)". */
  sectionDesignation: RegExp;
  /** "Subsection (a)(1)", "Paragraphs (2) and (3)": relative targets, with the level word. */
  relative: RegExp;
  /** "Title 25 of …", "Chapter 4", "Subchapter VII": a group of the code. */
  group: RegExp;
  /** "Title 28 of the D.C. Official Code": a title of the code itself, whose sections the sentences below may name by their number within it ("Section 2701"); never matches without `codeName`. */
  codeTitle: RegExp;
  /** "Paragraph (2) of Subsection (b) of Section 22.13 of …", "Subdivision 3 of Subsection (b)": a subdivision (inner) within what follows "of" (outer). */
  nested: RegExp;
  /** Which occurrence phrase is which. */
  occurrence: RegExp;
  /** The ordinal a designation opens with ("the second paragraph (17)"), in group 1. */
  ordinal: RegExp;
  words: RegExp;
  designationList: RegExp;
}

/** The placeholder a quoted passage stands as in a sentence while forms match it. */
export const QUOTE = (n: number) => `\u27e6${n}\u27e7`;
const QUOTE_PATTERN = '\u27e6\\d+\u27e7';

const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const alternatives = (words: string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRegex(w).replace(/ /g, '\\s+'))
    .join('|');

/** A designation: "(a)", "(a)(1)", "(27B)", a section number ("1210a", "24-211.07"), a roman or letter group number ("VII", "6A"). */
const DESIGNATION = '(?:\\([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\\))+|[0-9][0-9A-Za-z.:-]*[0-9A-Za-z]|[0-9]|\\b[IVXLC]+\\b|\\b[A-Z]\\b';

/**
 * Expand a grammar's macros and compile its forms. Throws with the form's
 * index when a pattern does not compile (the template loader reports it).
 */
export function compileGrammar(grammar: AmendmentGrammar): CompiledGrammar {
  const levelWords = Object.keys(grammar.levels);
  const levels = alternatives([...levelWords, ...levelWords.map((w) => `${w}s`)]);
  const groups = alternatives([...grammar.groups, ...grammar.groups.map((w) => `${w}s`)]);
  const units = alternatives(grammar.units);
  const marks = alternatives(Object.keys(grammar.punctuation));
  const occurrences = alternatives(Object.keys(grammar.occurrences));
  const parts = alternatives(Object.keys(grammar.parts));
  const ordinals = Object.keys(grammar.ordinals ?? {}).length > 0 ? alternatives(Object.keys(grammar.ordinals ?? {})) : '(?!)';
  // "the second paragraph (17)", "the second paragraph designated as paragraph (7)": one of two subdivisions the law designates alike.
  const pick = `(?:(?:${ordinals})\\s+)?`;
  const designatedAs = `(?:\\s+designated\\s+as(?:\\s+(?:${levels}))?)?`;
  const words = `(?:(?:the|a|an)\\s+)?(?:(?:new\\s+)?(?:${units}),?\\s+)?${QUOTE_PATTERN}|(?:the|a|an)\\s+(?:${marks})(?:\\s+mark)?`;
  const oneDesignation = `(?:(?:the\\s+)?${pick}(?:(?:existing|(?:newly\\s+)?(?:re)?designated)\\s+)?(?:${levels}|${groups}|sections?)${designatedAs}\\s+)?(?:${DESIGNATION})`;
  const designations = `(?:${oneDesignation})(?:(?:\\s*,\\s*|\\s*,?\\s+(?:and|or|through)\\s+)(?:${oneDesignation}))*`;
  const expand = (pattern: string) =>
    pattern
      .replace(/\{target\}/g, '(?<target>.+?)')
      .replace(/\{words:([a-z0-9]+)\}/gi, (_, name: string) => `(?<${name}>${words})`)
      .replace(/\{occurrence:([a-z0-9]+)\}/gi, (_, name: string) => `(?<${name}>${occurrences})`)
      .replace(/\{designations:([a-z0-9]+)\}/gi, (_, name: string) => `(?<${name}>${designations})`)
      .replace(/\{part:([a-z0-9]+)\}/gi, (_, name: string) => `(?<${name}>${parts})`);
  const forms = grammar.forms.map((form, i) => {
    try {
      return { op: form.op, regex: new RegExp(`^(?:${expand(form.pattern)})$`, 'iu') };
    } catch (error) {
      throw new Error(`amendments.forms[${i}]: ${(error as Error).message}`);
    }
  });
  return {
    grammar,
    forms,
    cue: new RegExp(grammar.cue, 'iu'),
    codeCitation: new RegExp(grammar.codeCitation.replace(/\{section\}/g, `(?:${grammar.section})`), 'iu'),
    sectionDesignation: new RegExp(
      `^(?:the\\s+)?(?:sections?\\s+|(?:(?:${grammar.codeName ?? '(?!)'})\\s+)?§§?\\s*)(?<section>${grammar.section})(?<path>(?:\\([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*\\))*)` +
        (grammar.codeName ? `(?:(?:,?\\s+(?:of\\s+)?(?:the\\s+)?(?:${groups})\\s+(?:${DESIGNATION}))*,?\\s+of\\s+(?:the\\s+)?(?:${grammar.codeName}))?$` : '$'),
      'iu',
    ),
    relative: new RegExp(
      `^(?:the\\s+)?(?:(?<nth>${ordinals})\\s+)?(?:(?:existing|(?:newly\\s+)?(?:re)?designated)\\s+)?(?<level>${levels})${designatedAs}\\s+(?<list>${designations})$`,
      'iu',
    ),
    ordinal: new RegExp(`^(?:the\\s+)?(${ordinals})(?:\\s|$)`, 'iu'),
    group: new RegExp(`^(?:the\\s+)?(?:${groups})\\s+(?:${DESIGNATION})\\b`, 'iu'),
    codeTitle: new RegExp(`^(?:the\\s+)?title\\s+(?<title>[0-9]+[A-Z]?),?\\s+of\\s+(?:the\\s+)?(?:${grammar.codeName ?? '(?!)'})$`, 'iu'),
    nested: new RegExp(`^(?<inner>.+?),?\\s+of\\s+(?<outer>(?:the\\s+)?(?:sections?\\s|§|(?:${levels})\\s).+)$`, 'iu'),
    occurrence: new RegExp(`^(?:${occurrences})$`, 'iu'),
    words: new RegExp(`^(?:${words})$`, 'iu'),
    designationList: new RegExp(`(?:(?<kind>${levels}|${groups}|sections?)\\s+)?(?<des>${DESIGNATION})`, 'giu'),
  };
}

/** The patterns of a grammar that do not compile as the reader builds them, each with its path in the grammar. */
export function amendmentPatternProblems(grammar: AmendmentGrammar): { path: (string | number)[]; error: string }[] {
  const problems: { path: (string | number)[]; error: string }[] = [];
  const attempt = (path: (string | number)[], build: () => unknown) => {
    try {
      build();
    } catch (error) {
      problems.push({ path, error: (error as Error).message.replace(/^amendments\.forms\[\d+\]: /, '') });
    }
  };
  attempt(['section'], () => new RegExp(grammar.section, 'u'));
  attempt(['cue'], () => new RegExp(grammar.cue, 'iu'));
  attempt(['codeCitation'], () => new RegExp(grammar.codeCitation.replace(/\{section\}/g, `(?:${grammar.section})`), 'iu'));
  for (const [i, form] of grammar.forms.entries()) attempt(['forms', i, 'pattern'], () => compileGrammar({ ...grammar, forms: [form] }));
  return problems;
}
