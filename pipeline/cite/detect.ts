/**
 * Citation detection: find the citations a drafter wrote as plain prose and
 * say what each names. A pure function of the text, the jurisdiction's
 * grammar (grammar.ts) and the registry's citation forms, so the same code
 * serves the pipeline, the tests and the accuracy benchmark.
 *
 * Shapes understood, besides each form on its own:
 * - pinpoints: "§ 24-211.02a(c)(6)", "Government Code Section 7284.6(b)(1)";
 * - lists and ranges: "§§ 1-101, 1-102, and 1-105(a)", "§§ 1-101 through 1-105",
 *   "§ 2-1801(a), (b)", "Sections 2(a), (b) and 4" (of this ordinance);
 * - sections of a session law: "§ 3 of D.C. Law 22-228", "section 2062 of the
 *   Fiscal Year 2020 Budget Support Act of 2019 (D.C. Act 23-91, …)";
 * - groups of a code: "subchapter II of Chapter 15 of Title 7", "Chapter 5 of
 *   this title", "this subchapter" (relative to where the text stands).
 */
import { fill, type CitationContext, type CitationGrammar, type CodeForm, type DocumentForm, type StatuteForm } from '../grammar/citations.js';
import { levelOf } from '../model/subdivisions.js';

export type CitationCategory = 'code' | 'enactment' | 'statute' | 'directive' | 'section';

export interface DetectedCitation {
  /** Offsets of the citation in the text. */
  start: number;
  end: number;
  text: string;
  /** Registry id (or, for `section`, the section number in this document). */
  target: string;
  pinpoint: string | undefined;
  category: CitationCategory;
  /** Other registry ids it may name (a statute form with candidates): resolution picks one. */
  candidates?: string[];
  /** A written form the registry does not know ("Executive Directive No. 21"): its shape matched, its text did not. */
  unknownForm?: boolean;
}

/** What detection needs from the registry: its citation forms. */
export interface RegistryForms {
  /** Each registered directive's citation forms. */
  forms: { id: string; form: string }[];
}

/** A section of this document by number: "4", and a designation such as "2a" or "10a", read whole. */
const OWN_SECTION = String.raw`\d{1,4}[a-zA-Z]{0,2}`;
/** What follows a section of this document named as such: "… of this act". */
const OF_THIS = /^,?\s+of\s+this\s+(?:ordinance|act)\b/i;
/**
 * What follows the sections of another document: "… of the Home Rule Act" (not "of this ordinance" or "of this
 * act"), or that document's codification ("Section 3 (D.C. Official Code § 1-1231.02)"): this document's own
 * sections are not codified apart from it. A clause between the list and the document ("sections 401 and 402(4),
 * and notwithstanding section 421, of the … Act") leaves the list the other document's.
 */
const OF_ANOTHER =
  /^(?:,?\s+of\s+(?!this\s+(?:ordinance|act)\b)|\s*\([^()§]{0,40}§|,\s+(?:and|or)\s+(?:notwithstanding|except)\s+sections?\s+[\w().]+(?:\s+(?:and|or)\s+[\w().]+)?,\s+of\s+(?!this\s+(?:ordinance|act)\b))/i;
/** What follows a citation naming the document it belongs to: "… of the District of Columbia Municipal Regulations". */
const OF_OTHER_DOCUMENT = /^,?\s+of\s+(?:the\s+)?[A-Z]/;
const PIN = String.raw`(?:\((?:[a-z]{1,4}|[A-Z]{1,3}|\d{1,3}[A-Za-z]?|[ivxlcIVXLC]{1,6})(?:-[a-zA-Z0-9]{1,3})?\))*`;
// Between the items of a list or range; an editor's "[repealed]" may follow an item.
const JOIN = String.raw`(?:\s*\[[a-z ]{3,20}\])?(?:\s*,\s*(?:and\s+|or\s+)?|\s*,?\s+(?:and|or|to|through)\s+|\s*[—–]\s*)`;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A registry form as a shape: digits become \d+, so "Executive Directive No. 21" matches the shape of "… No. 20". */
function shapeOf(form: string): string {
  return escapeRegExp(form).replace(/\d+/g, String.raw`\d+`).replace(/\s+/g, String.raw`\s+`);
}

interface Compiled {
  grammar: CitationGrammar;
  code: { lead: RegExp; cont: RegExp; ofName: RegExp | null; groups: RegExp | null; groupNames: string[]; nameSuffix: RegExp | null; nameBefore: RegExp | null } | null;
  documents: { re: RegExp; target: string; sections: boolean }[];
  statutes: { re: RegExp; target: string | string[]; pinpoint: string }[];
  ordinances: { re: RegExp; target: string } | null;
  sectionOf: RegExp;
  sections: RegExp;
  sectionCont: RegExp;
  registry: { re: RegExp | null; byForm: Map<string, string> };
  /** Text that cannot hold a citation fails this test, so the forms are not tried on it; null: try every text. */
  trigger: RegExp | null;
}

/** A document form as detection matches it. */
function documentExpression(form: DocumentForm): RegExp {
  return new RegExp(form.pattern, 'g');
}

/** A statute form as detection matches it: the form, then its pinpoint's subdivisions. */
function statuteExpression(form: StatuteForm): RegExp {
  return new RegExp(`(?:${form.pattern})(${PIN})`, 'g');
}

/** The code's section citations (lead and continuation) and group citations, as detection matches them. */
function codeExpressions(code: CodeForm): NonNullable<Compiled['code']> {
  const sec = `(?:${code.section})`;
  const groupNames = code.groups ?? [];
  // "… of the District of Columbia Official Code": the code named after a citation is part of it.
  const ofName = code.name ? String.raw`\s+of\s+(?:the\s+)?(?:${code.name})` : null;
  let groups: RegExp | null = null;
  if (groupNames.length) {
    const word = groupNames.map((n) => `[${n[0]!.toUpperCase()}${n[0]!.toLowerCase()}]${escapeRegExp(n.slice(1))}`).join('|');
    const num = String.raw`(?:\d+[A-Z]?(?:-[A-Za-z0-9]+)?|[IVXLC]+(?:-[A-Z0-9]+)?|[A-Z](?:-\d+)?)(?![\w-])`;
    const title = `[${groupNames[0]![0]!.toUpperCase()}${groupNames[0]![0]}]${escapeRegExp(groupNames[0]!.slice(1))}`;
    const top = String.raw`${title}\s+\d{1,3}[A-Z]?(?![\w-])`;
    // An editor's "[repealed]" may stand between a group and what it is part of ("Chapter 37 [repealed] of Title 3").
    const editorial = String.raw`(?:\s*\\?\[[a-z ]{3,20}\\?\])?`;
    const another = String.raw`(?!\s+of\b|,?\s+United\s+States\s+Code|,?\s+U\.\s?S\.\s?C\.)`;
    groups = new RegExp(
      [
        // Outermost first, with commas: "Title 1, Chapter 15, subchapter IV, part A".
        String.raw`\b${top}(?:,\s+(?:${word})\s+${num})+${another}`,
        // Innermost first: "subchapter II of Chapter 15 of Title 7", "Chapter 12I of the Administrative Code", "this subchapter".
        String.raw`\b(?:(?:${word})\s+${num}${editorial}\s+of\s+(?:the\s+)?)*(?:${ofName ? `${top}${ofName}|` : ''}${top}${another}|[Tt]his\s+(?:${groupNames.join('|')})\b)`,
      ].join('|'),
      'g',
    );
  }
  return {
    lead: new RegExp(String.raw`(?:(?:${code.lead ?? '§§?'})\s*)(${sec})(${PIN})(?![\w.-]*\d)`, 'g'),
    cont: new RegExp(String.raw`(${JOIN})(?:§\s*)?(?:(${sec})(${PIN})|(${PIN.replace('*', '+')}))(?![\w.-]*\d)`, 'y'),
    ofName: ofName ? new RegExp(ofName, 'y') : null,
    groups,
    groupNames,
    nameSuffix: ofName ? new RegExp(`${ofName}$`) : null,
    nameBefore: code.name ? new RegExp(String.raw`(?:${code.name}),?\s*$`) : null,
  };
}

/** The kinds a subdivision designation may be: "(i)" is a letter or a roman numeral. */
function subdivisionKinds(designation: string): string[] {
  const head = designation.split('-')[0]!;
  if (/^\d/.test(head)) return ['number'];
  const kinds: string[] = [];
  const lower = head.toLowerCase();
  const doubled = head.length > 1 && [...head].every((c) => c === head[0]);
  if (/^[ivxlc]+$/.test(lower)) kinds.push(head === lower ? 'roman' : 'ROMAN');
  if (head.length === 1 || doubled) kinds.push(`${head === lower ? 'letter' : 'LETTER'}${doubled ? head.length : 1}`);
  return kinds;
}

/**
 * A subdivision written alone after a pinpoint, at the level of the same kind: "(B)" after "§ 47-1366(b)(3)(A)"
 * is "(b)(3)(B)", "(2)" after "(a)(1)" is "(a)(2)". Null when no level of the pinpoint is of its kind.
 */
export function continuePinpoint(previous: string, next: string): string | null {
  const levels = [...previous.matchAll(/\(([^()]+)\)/g)].map((m) => m[1]!);
  const first = /^\(([^()]+)\)/.exec(next)?.[1];
  if (!first) return null;
  const kinds = subdivisionKinds(first);
  for (let i = levels.length - 1; i >= 0; i--) {
    if (subdivisionKinds(levels[i]!).some((k) => kinds.includes(k)))
      return `${levels
        .slice(0, i)
        .map((l) => `(${l})`)
        .join('')}${next}`;
  }
  return null;
}

/**
 * The patterns of `grammar` that do not compile as detection compiles them
 * (same wrapping, same flags), each at its key path in the grammar.
 */
export function grammarPatternProblems(grammar: CitationGrammar): { path: (string | number)[]; error: string }[] {
  const problems: { path: (string | number)[]; error: string }[] = [];
  const attempt = (path: (string | number)[], build: () => unknown): boolean => {
    try {
      build();
      return true;
    } catch (error) {
      problems.push({ path, error: (error as Error).message });
      return false;
    }
  };
  const code = grammar.code;
  if (code) {
    // Each part alone first, so the message names the one at fault; then the whole, as detection builds it.
    const parts = attempt(['code', 'section'], () => codeExpressions({ ...code, lead: undefined, groups: undefined }));
    const lead = code.lead === undefined || attempt(['code', 'lead'], () => codeExpressions({ ...code, section: '', groups: undefined }));
    if (parts && lead) attempt(['code'], () => codeExpressions(code));
  }
  grammar.documents?.forEach((form, i) => {
    attempt(['documents', i, 'pattern'], () => documentExpression(form));
  });
  grammar.statutes?.forEach((form, i) => {
    attempt(['statutes', i, 'pattern'], () => statuteExpression(form));
  });
  if (grammar.ordinances) attempt(['ordinances', 'pattern'], () => documentExpression(grammar.ordinances!));
  return problems;
}

const compiledCache = new WeakMap<CitationGrammar, WeakMap<RegistryForms, Compiled>>();

/** Compile a grammar with the registry's forms once; detection reuses it for every text. */
export function compileGrammar(grammar: CitationGrammar, registry: RegistryForms): Compiled {
  let byRegistry = compiledCache.get(grammar);
  if (!byRegistry) {
    byRegistry = new WeakMap();
    compiledCache.set(grammar, byRegistry);
  }
  const cached = byRegistry.get(registry);
  if (cached) return cached;
  const code = grammar.code;
  const compiledCode = code ? codeExpressions(code) : null;
  const forms = new Map<string, string>();
  const shapes = new Set<string>();
  for (const { id, form } of registry.forms) {
    if (!/[A-Za-z]/.test(form) || form.length < 4) continue;
    if (!forms.has(form)) forms.set(form, id);
    shapes.add(shapeOf(form));
  }
  // Every form needs a digit, "§" or a relative "this …", except the registry's forms without digits: a cheap test first.
  const patterns = [...(grammar.documents ?? []), ...(grammar.statutes ?? []), ...(grammar.ordinances ? [grammar.ordinances] : [])].map((f) => f.pattern);
  const digitless = [...forms.keys()].filter((form) => !/\d/.test(form));
  const trigger =
    patterns.every((p) => /\\d|\[0-9\]/.test(p)) && (!code?.lead || /§/.test(code.lead))
      ? new RegExp(['[0-9§]', '\\b[Tt]his\\s', ...digitless.map((form) => escapeRegExp(form).replace(/\s+/g, '\\s+'))].join('|'))
      : null;
  const compiled: Compiled = {
    trigger,
    grammar,
    code: compiledCode,
    documents: (grammar.documents ?? []).map((f) => ({ re: documentExpression(f), target: f.target, sections: f.sections !== false })),
    statutes: (grammar.statutes ?? []).map((f) => ({ re: statuteExpression(f), target: f.target, pinpoint: f.pinpoint })),
    ordinances: grammar.ordinances ? { re: documentExpression(grammar.ordinances), target: grammar.ordinances.target } : null,
    // "§ 2(a), (b) and 4 of " or "section 2062 of the Fiscal Year … Act of 2019 (" just before a document form.
    sectionOf: new RegExp(
      String.raw`(?:§§?\s*|\b[Ss]ections?\s+)(\d+[a-zA-Z]?${PIN}(?:${JOIN}(?:\d+[a-zA-Z]?)?${PIN})*)\s+of\s+(?:the\s+)?(?:[^()§;]{0,280}?(?:\(\s*|\bAct\s+of\s+\d{4},?\s+))?$`,
    ),
    // The designation and its pinpoint are read whole (a lookahead matches atomically): "section 4a" is not
    // "section 4" and "a", and "section 602(c)(2) of …" cannot backtrack to "section 602(c)" before "(2) of".
    sections: new RegExp(String.raw`\b[Ss]ections?\s+(?=(${OWN_SECTION})(${PIN}))\1\2(?![\w.:-]*\d)(?![\w(])`, 'g'),
    // A number after "and" that starts another citation ("… and 8 U.S.C. § 1325") is not one of this document's sections.
    sectionCont: new RegExp(String.raw`(${JOIN})(?=(${OWN_SECTION})?(${PIN}))\2?\3(?![\w.:-]*\d)(?![\w(])`, 'y'),
    registry: {
      re: shapes.size ? new RegExp(String.raw`(?<![\w.])(?:${[...shapes].sort((a, b) => b.length - a.length).join('|')})(?![\w])`, 'g') : null,
      byForm: forms,
    },
  };
  byRegistry.set(registry, compiled);
  return compiled;
}

/** Items of a list: "2(a), (b) and 4" → [{2,(a)}, {2,(b)}, {4,''}], each with its offset in `list`. */
function listItems(list: string): { number: string; pin: string; offset: number; length: number }[] {
  const items: { number: string; pin: string; offset: number; length: number }[] = [];
  const item = new RegExp(String.raw`(\d+[a-zA-Z]?)?(${PIN})`, 'g');
  let last = '';
  for (let m = item.exec(list); m; m = item.exec(list)) {
    if (!m[0]) {
      item.lastIndex++;
      continue;
    }
    if (m[1]) last = m[1];
    if (!last) continue;
    items.push({ number: last, pin: m[2] ?? '', offset: m.index, length: m[0].length });
  }
  return items;
}

/** The path of a group citation: "subchapter II of Chapter 15 of Title 7" → "7|15|II"; "this chapter" from the context. */
function groupPath(text: string, names: string[], context: CitationContext): string | undefined {
  // Outermost first: "Title 1, Chapter 15, subchapter IV, part A".
  if (/^\S+\s+\S+,/.test(text))
    return text
      .split(/,\s+/)
      .map((part) => part.split(/\s+/)[1]!)
      .join('|');
  const parts = text.split(/\s+of\s+(?:the\s+)?/);
  const anchor = parts.pop()!;
  let path: string[];
  const relative = /^[Tt]his\s+(\w+)$/.exec(anchor);
  if (relative) {
    const level = relative[1]!.toLowerCase();
    if (!context.title) return undefined;
    if (level === names[0]) path = [context.title];
    else {
      const groups = context.groups ?? [];
      let index = -1;
      groups.forEach((g, i) => {
        if (g.prefix.toLowerCase() === level) index = i;
      });
      if (index < 0) return undefined;
      path = [context.title, ...groups.slice(0, index + 1).map((g) => g.num)];
    }
  } else path = [anchor.split(/\s+/)[1]!];
  for (const part of parts.reverse()) path.push(part.split(/\s+/)[1]!);
  return path.join('|');
}

/** Every citation written as prose in `text`, in order, none overlapping: each kind's groups found in turn, then the longest kept where they overlap. */
export function detectCitations(text: string, compiled: Compiled, context: CitationContext = {}): DetectedCitation[] {
  if (compiled.trigger && !compiled.trigger.test(text)) return [];
  const cite = citer(text);
  const found = [
    ...codeSections(text, compiled, context, cite),
    ...codeGroups(text, compiled, context, cite),
    ...documents(text, compiled, cite),
    ...statuteSections(text, compiled, cite),
    ...ordinancesByNumber(text, compiled, context, cite),
    ...registryForms(text, compiled, cite),
    ...ownSections(text, compiled, context, cite),
  ];
  return chooseNonOverlapping(found.filter((group) => group.length > 0));
}

/** A citation of `text` from `start` to `end`. */
type Cite = (start: number, end: number, target: string, pinpoint: string | undefined, category: CitationCategory, extra?: Partial<DetectedCitation>) => DetectedCitation;

/** How citations of `text` are made: their words cut from it, an empty pinpoint none. */
function citer(text: string): Cite {
  return (start, end, target, pinpoint, category, extra = {}) => ({
    start,
    end,
    text: text.slice(start, end),
    target,
    pinpoint: pinpoint || undefined,
    category,
    ...extra,
  });
}

/** Sections of the jurisdiction's code, with lists and ranges ("§§ 1-101 and 1-102(a)"), each list one group. */
function codeSections(text: string, compiled: Compiled, context: CitationContext, cite: Cite): DetectedCitation[][] {
  const code = compiled.code;
  if (!code || !compiled.grammar.code) return [];
  const { target } = compiled.grammar.code;
  const found: DetectedCitation[][] = [];
  for (const m of text.matchAll(code.lead)) {
    const group = [cite(m.index, m.index + m[0].length, target, `§ ${m[1]}${m[2]}`, 'code')];
    let section = m[1]!;
    let pinpoint = m[2] ?? '';
    code.cont.lastIndex = m.index + m[0].length;
    for (let c = code.cont.exec(text); c; c = code.cont.exec(text)) {
      const itemStart = c.index + c[1]!.length;
      if (c[2]) section = c[2];
      pinpoint = c[2] ? (c[3] ?? '') : (continuePinpoint(pinpoint, c[4]!) ?? c[4]!);
      group.push(cite(itemStart, c.index + c[0].length, target, `§ ${section}${pinpoint}`, 'code'));
      code.cont.lastIndex = c.index + c[0].length;
    }
    // "section 23-1321 of the District of Columbia Official Code": the code's name ends the citation. A section
    // named by word "of" another document is that document's ("section 16-3201 of the District of Columbia
    // Municipal Regulations"). Within a code title, where other codes are quoted ("Section 2-314" of the Uniform
    // Commercial Code in Title 28), one named by word is the code's only when the code is named with it, after
    // or before ("D.C. Code section 45-715"), or when it is of the title the text stands in ("section 28-3803").
    const last = group[group.length - 1]!;
    if (code.ofName) code.ofName.lastIndex = last.end;
    const name = code.ofName?.exec(text);
    if (name) group[group.length - 1] = cite(last.start, last.end + name[0].length, target, last.pinpoint, 'code');
    else if (!m[0].startsWith('§')) {
      const named = code.nameBefore?.test(text.slice(Math.max(0, m.index - 80), m.index)) ?? false;
      if (!named && OF_OTHER_DOCUMENT.test(text.slice(last.end, last.end + 80))) continue;
      if (!named && context.title && /^[^-:.]+/.exec(m[1]!)?.[0] !== context.title) continue;
    }
    found.push(group);
  }
  return found;
}

/** Groups of the jurisdiction's code ("subchapter II of Chapter 15 of Title 7", "this chapter"). */
function codeGroups(text: string, compiled: Compiled, context: CitationContext, cite: Cite): DetectedCitation[][] {
  const code = compiled.code;
  if (!code?.groups || !compiled.grammar.code) return [];
  const { target } = compiled.grammar.code;
  const found: DetectedCitation[][] = [];
  for (const m of text.matchAll(code.groups)) {
    const path = groupPath(code.nameSuffix ? m[0].replace(code.nameSuffix, '') : m[0], code.groupNames, context);
    if (path) found.push([cite(m.index, m.index + m[0].length, target, path, 'code')]);
  }
  return found;
}

/** Session laws and other documents, with "§ N of" (or a list of sections) before them. */
function documents(text: string, compiled: Compiled, cite: Cite): DetectedCitation[][] {
  const found: DetectedCitation[][] = [];
  for (const form of compiled.documents) {
    for (const m of text.matchAll(form.re)) {
      const id = fill(form.target, m.groups ?? {}).toLowerCase();
      const end = m.index + m[0].length;
      const before = form.sections ? compiled.sectionOf.exec(text.slice(Math.max(0, m.index - 340), m.index)) : null;
      if (!before) {
        found.push([cite(m.index, end, id, undefined, 'enactment')]);
        continue;
      }
      const beforeStart = m.index - before[0].length;
      const listStart = beforeStart + before[0].indexOf(before[1]!);
      const items = listItems(before[1]!);
      found.push(
        items.map((item, i) =>
          i === 0
            ? cite(beforeStart, end, id, `§ ${item.number}${item.pin}`, 'enactment')
            : cite(listStart + item.offset, listStart + item.offset + item.length, id, `§ ${item.number}${item.pin}`, 'enactment'),
        ),
      );
    }
  }
  return found;
}

/** Sections of statutes and other codes ("8 U.S.C. § 1325(a)"). */
function statuteSections(text: string, compiled: Compiled, cite: Cite): DetectedCitation[][] {
  const found: DetectedCitation[][] = [];
  for (const form of compiled.statutes) {
    for (const m of text.matchAll(form.re)) {
      const groups = m.groups ?? {};
      const pin = m[m.length - 1] ?? '';
      const pinpoint = `${fill(form.pinpoint, groups)}${pin}`;
      const targets = (Array.isArray(form.target) ? form.target : [form.target]).map((t) => fill(t, groups).toLowerCase());
      found.push([cite(m.index, m.index + m[0].length, targets[0]!, pinpoint, 'statute', targets.length > 1 ? { candidates: targets } : {})]);
    }
  }
  return found;
}

/** This jurisdiction's ordinances by number (not the document itself). */
function ordinancesByNumber(text: string, compiled: Compiled, context: CitationContext, cite: Cite): DetectedCitation[][] {
  if (!compiled.ordinances) return [];
  const found: DetectedCitation[][] = [];
  for (const m of text.matchAll(compiled.ordinances.re)) {
    if (context.ownNumber && m.groups?.n === context.ownNumber) continue;
    found.push([cite(m.index, m.index + m[0].length, fill(compiled.ordinances.target, m.groups ?? {}).toLowerCase(), undefined, 'directive')]);
  }
  return found;
}

/** The registry's own citation forms; a form of the same shape the registry does not know is a likely mistake. */
function registryForms(text: string, compiled: Compiled, cite: Cite): DetectedCitation[][] {
  if (!compiled.registry.re) return [];
  const found: DetectedCitation[][] = [];
  for (const m of text.matchAll(compiled.registry.re)) {
    const normalized = m[0].replace(/\s+/g, ' ');
    const id = compiled.registry.byForm.get(normalized);
    // The code's own name ("D.C. Code, § 1-207.11") is not a citation apart from the section that follows it.
    if (id && id === compiled.grammar.code?.target) continue;
    found.push([cite(m.index, m.index + m[0].length, id ?? '', undefined, 'directive', id ? {} : { unknownForm: true })]);
  }
  return found;
}

/**
 * Sections of this document by number ("Sections 2(a), (b) and 4"), for ordinances; a list that names another
 * document ("sections 3 and 4 of the … Act") is left as written.
 */
/**
 * The word before a section that makes it the amended law's: "Amendatory section 510(a)(10)", "the amendatory
 * sections", and a section an instruction adds to it ("by adding a new section 310", "new sections 17 and 18").
 */
const AMENDATORY = /\b(?:amendatory|new)\s+$/i;
/** A capitalized word straight after the number: a name that holds a section number ("the Section 108 Debt Reserve Account"), not a reference. */
const NAMED = /^\s+[A-Z][a-z]/;

function ownSections(text: string, compiled: Compiled, context: CitationContext, cite: Cite): DetectedCitation[][] {
  if (!(context.ownSections ?? !context.title)) return [];
  const found: DetectedCitation[][] = [];
  const insideQuotes = quotations(text);
  for (const m of text.matchAll(compiled.sections)) {
    // Quoted words are another text's ("striking the phrase "sections 20(i),""), not references of this document.
    if (insideQuotes(m.index)) continue;
    // "Amendatory section 510(a)" and "a new section 310" are sections of the law this act amends: never this act's.
    if (AMENDATORY.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    const group = [cite(m.index, m.index + m[0].length, m[1]!, m[2], 'section')];
    let number = m[1]!;
    let pin = m[2];
    let end = m.index + m[0].length;
    compiled.sectionCont.lastIndex = end;
    for (let c = compiled.sectionCont.exec(text); c; c = compiled.sectionCont.exec(text)) {
      const itemEnd = c.index + c[0].length;
      // An empty item, or a bare number that starts another citation ("… and 8 U.S.C. § 1325"), ends the list.
      if (!c[2] && !c[3]) break;
      if (c[2] && !c[3] && /^\s*[A-Z§]/.test(text.slice(itemEnd))) break;
      // An item with a number starts afresh ("sections 2(a) and 4"); one without goes on from the item before ("3(c)(1)(G), (H)").
      pin = c[2] ? c[3] : continuedPin(pin, c[3]);
      if (c[2]) number = c[2];
      group.push(cite(c.index + c[1]!.length, itemEnd, number, pin, 'section'));
      end = itemEnd;
      compiled.sectionCont.lastIndex = itemEnd;
    }
    const after = text.slice(end, end + 40);
    if (group.length === 1 && NAMED.test(after)) continue;
    if (!OF_ANOTHER.test(after) && (!context.amending || OF_THIS.test(after))) found.push(group);
  }
  return found;
}

/**
 * The pinpoint of a list item that gives only designations, read on from the item before it at the level of its
 * first, as the subdivisions' own rules give levels: "(c)(1)(G)" then "(H)" is (c)(1)(H); "(d)(2) through (3)" ends
 * at (d)(3); "(c)(1)(E)(i)" then "(ii)" is (c)(1)(E)(ii), then "(d)" is (d).
 */
export function continuedPin(previous: string | undefined, pin: string | undefined): string | undefined {
  const before = previous?.match(/\(([^()]+)\)/g)?.map((l) => l.slice(1, -1)) ?? [];
  const first = pin?.match(/^\(([^()]+)\)/)?.[1];
  if (!first || before.length === 0) return pin;
  const open = new Map<number, string>();
  const levels = before.map((label) => {
    const level = levelOf(label, open);
    for (const deeper of [...open.keys()]) if (deeper >= level) open.delete(deeper);
    open.set(level, label);
    return level;
  });
  const level = levelOf(first, open);
  const at = levels.findIndex((l) => l >= level);
  return at < 0
    ? `${previous}${pin}`
    : `${before
        .slice(0, at)
        .map((l) => `(${l})`)
        .join('')}${pin}`;
}

/**
 * Whether each offset asked, in increasing order, stands inside a quotation opened before it on its line
 * (straight or typographic double quotes). One pass over the text however many offsets are asked.
 */
function quotations(text: string): (offset: number) => boolean {
  let at = 0;
  let inside = false;
  return (offset) => {
    for (; at < offset; at++) {
      const char = text[at];
      if (char === '"') inside = !inside;
      else if (char === '\u201c') inside = true;
      else if (char === '\u201d' || char === '\n') inside = false;
    }
    return inside;
  };
}

/** Keep the earliest, then longest, groups that do not overlap one already kept. */
function chooseNonOverlapping(groups: DetectedCitation[][]): DetectedCitation[] {
  const spans = groups.map((g) => ({ group: g, start: Math.min(...g.map((c) => c.start)), end: Math.max(...g.map((c) => c.end)) }));
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DetectedCitation[] = [];
  let reach = -1;
  for (const span of spans) {
    if (span.start < reach) continue;
    kept.push(...span.group.sort((a, b) => a.start - b.start));
    reach = span.end;
  }
  return kept;
}
