/**
 * The citation grammar of a jurisdiction, as data: which written forms name a
 * prior directive or a section of a code, and what registry id each names.
 * It lives in the jurisdiction's template (`citations`), so a city adds its own
 * forms without code. Documented in ordinance/README.md ("Citations written as
 * prose").
 */

/** A form naming a whole document ("D.C. Law 23-56", "Special Order 40"); "§ 2 of …" before it pinpoints it. */
export interface DocumentForm {
  /** A regular expression; named groups fill `{name}` in the target. */
  pattern: string;
  /** Registry id template, e.g. "dc-law-{n}". */
  target: string;
  /** Whether "§ 2 of"/"Section 2 of" before the form pinpoints a section of it (session laws). */
  sections?: boolean;
}

/**
 * A form naming a section of a statute or code ("8 U.S.C. § 1325", "Government
 * Code Section 7284.6"); subdivisions written after it are part of the pinpoint.
 */
export interface StatuteForm {
  pattern: string;
  /** Registry id template, or candidate ids: the first whose pinpoints know the section wins. */
  target: string | string[];
  /** Pinpoint template, e.g. "§ {sec}". */
  pinpoint: string;
}

/** The jurisdiction's own code, whose sections are cited by designation ("§ 24-211.02a(c)(6)"). */
export interface CodeForm {
  /** Registry id of the code. */
  target: string;
  /** A section designation (no anchors, no capturing groups). */
  section: string;
  /** Names of the code's groups, outermost first ("title", "chapter", …): "Chapter 5 of Title 2", "this subchapter". */
  groups?: string[];
  /** What introduces a section citation (default "§§?"; add "[Ss]ections?" where codes are cited by word). */
  lead?: string;
}

export interface CitationGrammar {
  code?: CodeForm;
  documents?: DocumentForm[];
  statutes?: StatuteForm[];
  /** Forms that look like a citation of this jurisdiction's own ordinances ("Ordinance No. 188441"). */
  ordinances?: DocumentForm;
}

/** Where a stretch of text stands, for citations relative to it ("this chapter", "this title"). */
export interface CitationContext {
  /** The code title's own designation ("3"), for a code title. */
  title?: string | undefined;
  /** The groups the text stands in, outermost first. */
  groups?: { prefix: string; num: string }[];
  /** The document's own number: "Ordinance No. N" naming it is not a citation of another. */
  ownNumber?: string | undefined;
}

const FIELDS: Record<string, string[]> = {
  code: ['target', 'section'],
};

/** Problems with a grammar, as messages (empty when it is usable): every pattern must compile. */
export function grammarProblems(grammar: CitationGrammar): string[] {
  const problems: string[] = [];
  const compiles = (where: string, source: string) => {
    try {
      new RegExp(source, 'u');
    } catch (error) {
      problems.push(`${where}: ${(error as Error).message}`);
    }
  };
  if (grammar.code) {
    for (const field of FIELDS.code!) if (typeof (grammar.code as unknown as Record<string, unknown>)[field] !== 'string') problems.push(`citations.code: missing \`${field}\``);
    if (typeof grammar.code.section === 'string') compiles('citations.code.section', grammar.code.section);
    if (grammar.code.lead) compiles('citations.code.lead', grammar.code.lead);
  }
  grammar.documents?.forEach((form, i) => compiles(`citations.documents.${i}.pattern`, form.pattern));
  grammar.statutes?.forEach((form, i) => compiles(`citations.statutes.${i}.pattern`, form.pattern));
  if (grammar.ordinances) compiles('citations.ordinances.pattern', grammar.ordinances.pattern);
  return problems;
}

/** Fill `{name}` from a match's named groups. */
export function fill(template: string, groups: Record<string, string | undefined>): string {
  return template.replace(/\{([a-z]+)\}/gi, (_, name: string) => groups[name] ?? '');
}
