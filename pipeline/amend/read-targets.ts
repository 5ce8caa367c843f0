/**
 * What an amending sentence targets: the context a lead-in opens (a code
 * section, a subdivision path, a part), a target phrase resolved against it
 * ("subsection (b)", "paragraphs (2) through (4)", "section 1204 of …"), the
 * levels of designations by the grammar's words or by their shape, and an
 * act's own section numbers turned into code designations.
 */
import { type CompiledGrammar, examplesOf } from '../grammar/amendments.js';
import type { AmendmentTarget } from './instruction.js';

/** Where the sentences below a lead-in act. */
export interface Context {
  /** The code section; undefined above any section (an act, a title, a chapter). */
  section: string | undefined;
  /** The subdivision path, each designation with its level below the section (and which of those so designated, where the law gives two one designation). */
  path: { level: number; designation: string; nth?: number | undefined }[];
  part: 'text' | 'heading' | undefined;
  /** The act a lead-in names above any section ("… Act of 2011 (D.C. Law 19-124; D.C. Official Code § 1-1161.01 et seq.)"), for its new sections. */
  act?: ActNamed | undefined;
  /** The title of the code a lead-in names ("Title 28 of the D.C. Official Code is amended as follows:"), whose sections the sentences below name by their number within it. */
  title?: string | undefined;
  /**
   * The section or subdivision of an amending act that a lead-in names ("Section 2(e) of the … Amendment Act of 2018 (D.C. Law
   * 22-140; …) is amended as follows:"), as "2(e)", and its act: the code section is the one that instruction amended, and the
   * subdivisions the sentences below name are the act's (its instructions), not the code's.
   */
  amended?: { act: ActNamed; path: string; sections?: string[] | undefined } | undefined;
  /** A section of an act the sentence names that the code's history notes do not place ("section 2(e)(1) of D.C. Law 22-140"): what to say when no section is found. */
  unplaced?: string | undefined;
}

/** The context before any lead-in: no section, no path. */
export const ROOT: Context = { section: undefined, path: [], part: undefined };

/** An act named by its law number, or by the first code section of its range, or both. */
export interface ActNamed {
  /** "D.C. Law 19-124"; undefined for an act cited by its Statutes at Large ("64 Stat. 438"). */
  law?: string | undefined;
  /** "1-1161.01" from "D.C. Official Code § 1-1161.01 et seq.". */
  codeStart?: string | undefined;
}

/**
 * The code section an act's own section was codified as ("section 223 of D.C.
 * Law 19-124" → "1-1162.23"), as the code's history notes say, or undefined.
 * Asked `enacting`, only a code section the act's section enacted (its first
 * history note names the act), whose subdivisions are the act section's own.
 * Asked `amended`, the code section an amending act's section or subdivision
 * ("2(e)(1)") amended, as the notes name it or what is below or above it, or
 * '' when it amended several (its subdivisions may each name one).
 * Given by the amend stage from the code the ordinance amends.
 */
export type ActSectionResolver = ((act: ActNamed, actSection: string, ask?: { enacting?: boolean; amended?: boolean }) => string | undefined) & {
  /** The code sections an amending act's section or subdivision ("6142", "2(e)") amended, as the notes name it, what is below it or else above it. */
  amendedSections?: ((act: ActNamed, actPath: string) => string[]) | undefined;
};

/** The act's sections its sentences cite with their code designation: "1204" → "1-612.04". */
export interface ActSections {
  /** Cited in the ordinance's own sentences: "Section 1204 (D.C. Official Code § 1-612.04)". */
  cited: Map<string, string>;
  /** From the code's history notes, when the amend stage has a code. */
  resolve: ActSectionResolver | undefined;
}

/** The part of a target a grammar's word names ("section heading" → heading). */
export function partOf(word: string, g: CompiledGrammar): 'text' | 'heading' | undefined {
  const key = Object.keys(g.grammar.parts).find((k) => k.toLowerCase() === word.replace(/\s+/g, ' ').toLowerCase());
  return key === undefined ? undefined : g.grammar.parts[key];
}

/** What a context targets, as the model says it. */
export function targetOf(context: Context): AmendmentTarget & { act?: string } {
  const nth = context.path.some((p) => p.nth !== undefined && p.nth > 1) ? { nth: context.path.map((p) => p.nth ?? 1) } : {};
  // The act the section codifies, where the sentence or its lead-in names it by law: what its "this act" and "section 106" mean.
  const act = context.section !== undefined && context.act?.law && !context.amended ? { act: context.act.law } : {};
  return { section: context.section ?? '', path: context.path.map((p) => p.designation), ...(context.part ? { part: context.part } : {}), ...nth, ...act };
}

/** The start a title's sections' designations share, by the grammar's `titleSection` ("{title}-{section}" → "25-"); undefined without one. */
export function titlePrefix(title: string, g: CompiledGrammar): string | undefined {
  const form = g.grammar.titleSection;
  if (form === undefined || !form.includes('{section}')) return undefined;
  return form.slice(0, form.indexOf('{section}')).replace(/\{title\}/g, title);
}

/** The number an ordinal word stands for ("second" → 2), by the grammar's `ordinals`; undefined for none. */
export function ordinalOf(text: string | undefined, g: CompiledGrammar): number | undefined {
  const word = text === undefined ? undefined : g.ordinal.exec(text.trim())?.[1];
  if (word === undefined) return undefined;
  const key = Object.keys(g.grammar.ordinals ?? {}).find((k) => k.toLowerCase() === word.replace(/\s+/g, ' ').toLowerCase());
  return key === undefined ? undefined : g.grammar.ordinals![key];
}

/** The context itself as the one target (a sentence that names no target of its own). */
export function contextTargets(context: Context): { context: Context }[] {
  return [{ context }];
}

/** The level a designation has when nothing names it: (a) 1, (1) 2, (A) 3, (i) 4, (I) 5. */
function levelByShape(designation: string, previous: number | undefined): number {
  if (previous !== undefined) return previous + 1;
  const label = designation.slice(1, -1);
  if (/^[0-9]/.test(label)) return 2;
  if (/^[ivx]+$/.test(label) && label !== 'i' && label !== 'v' && label !== 'x') return 4;
  if (/^[a-z]/.test(label)) return 1;
  return /^[IVX]+$/.test(label) && label.length > 1 ? 5 : 3;
}

/**
 * The level only a designation's shape can have: (1) a paragraph, (A) a
 * subparagraph, (b) a subsection (not i, v, x, which may be numerals); what
 * a sentence adds takes it over its level word ("A new paragraph (E)" is a subparagraph).
 */
export function shapeLevel(designation: string): number | undefined {
  const label = /^\(([^()]+)\)$/.exec(designation)?.[1];
  if (label === undefined) return undefined;
  if (/^\d+[A-Z]?$/.test(label)) return 2;
  if (/^[A-HJ-UWYZ]$/.test(label)) return 3;
  if (/^[a-hj-uwyz]$/.test(label)) return 1;
  return undefined;
}

/** "(a)(1)(A)" → ["(a)", "(1)", "(A)"]. */
function pathParts(path: string): string[] {
  return path.match(/\([^()]+\)/g) ?? [];
}

/**
 * What a sentence's target phrase names, against the context it stands in:
 * one context per target ("Paragraphs (2) and (3)" names two), or why not.
 */
export function resolveTarget(phrase: string, context: Context, g: CompiledGrammar, actSections: ActSections): string | { context: Context }[] {
  let text = phrase.replace(/\s+/g, ' ').trim();
  // "The lead-in language of subsection (b)", "The section heading".
  const partWord = Object.keys(g.grammar.parts)
    .sort((a, b) => b.length - a.length)
    .find((p) => new RegExp(`^(?:the )?${p.replace(/[-]/g, '\\-')}(?: of | for |$)`, 'i').test(text));
  let part: 'text' | 'heading' | undefined;
  if (partWord) {
    part = g.grammar.parts[partWord];
    text = text.replace(new RegExp(`^(?:the )?${partWord.replace(/[-]/g, '\\-')}(?: of | for )?`, 'i'), '');
    // Below an amending act's section, "the lead-in language" is that instruction's, not the code's: the words are sought in the whole
    // section. Its "amendatory section heading" is the heading of the code section it added.
    if (!text) return [{ context: context.amended && part === 'text' ? context : { ...context, part } }];
  }
  // Below an amending act's section, its lead-in language is its instruction's ("the lead-in language of paragraph (4)"), not the code's.
  const withPart = (contexts: { context: Context }[]) => contexts.map((c) => ({ context: { ...c.context, part: c.context.amended && part === 'text' ? undefined : part } }));
  const cited = g.codeCitation.exec(text);
  if (cited?.groups?.section) {
    if (cited.groups.range) {
      // "… Act (D.C. Law 1-24; D.C. Official Code § 7-501.01 et seq.)", "An Act …, approved August 11, 1950 (64 Stat. 438; D.C. Official Code § 7-2201 et seq.)".
      const law = /\bD\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+/.exec(text)?.[0].replace(/\s+/g, ' ');
      return [{ context: { ...ROOT, act: { law, codeStart: cited.groups.section } } }];
    }
    // "Section 499c(a)(1) (D.C. Official Code § 42-404)": the act's own designation may be the one with the subdivisions.
    const act = /^(?:the\s+)?section\s+(\d+[a-z]*)((?:\([A-Za-z0-9-]+\))*)/i.exec(text);
    if (act && !cited.groups.path) actSections.cited.set(act[1]!, cited.groups.section);
    const path = cited.groups.path || act?.[2] || '';
    // The act whose section it is, as the sentence names it by law ("… Act of 2005, effective … (D.C. Law 16-69; D.C. Official Code § 4-251.03)"), or the lead-in above.
    const law = /\bD\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+/.exec(text)?.[0].replace(/\s+/g, ' ');
    const named = law ? { law } : context.act;
    return withPart([{ context: { section: cited.groups.section, path: levelled(pathParts(path)), part: undefined, ...(named ? { act: named } : {}) } }]);
  }
  const designated = g.sectionDesignation.exec(text);
  if (designated?.groups?.section) {
    return withPart([{ context: { section: designated.groups.section, path: levelled(pathParts(designated.groups.path ?? '')), part: undefined } }]);
  }
  const relative = relativeTargets(text, context, g, actSections);
  if (relative) return typeof relative === 'string' ? relative : withPart(relative);
  // "Subsection (b) of Section 22.13 of the Los Angeles Administrative Code", "paragraph (2) of subsection (b)": the subdivision within what follows "of".
  const nested = g.nested.exec(text);
  if (nested?.groups && g.relative.test(nested.groups.inner!)) {
    const outer = resolveTarget(nested.groups.outer!, context, g, actSections);
    if (typeof outer !== 'string' && outer.length === 1 && outer[0]!.context.section !== undefined) {
      const inner = relativeTargets(nested.groups.inner!, outer[0]!.context, g);
      if (inner && typeof inner !== 'string') return withPart(inner);
    }
  }
  // "Title 28 of the D.C. Official Code is amended as follows:": the sentences below name its sections by their number within it.
  const codeTitle = g.grammar.titleSection === undefined ? null : g.codeTitle.exec(text);
  if (codeTitle?.groups?.title) return [{ context: { ...ROOT, title: codeTitle.groups.title } }];
  // "Title XII is amended as follows:" within an act: still the act's sections below it.
  if (g.group.test(text)) return [{ context: { ...ROOT, act: context.act } }];
  // "Section 103(b)" below a lead-in naming an act by its law ("The … Act of 2018, effective … (D.C. Law 22-164; 65 DCR 9324), is amended as
  // follows:"): the code section that section of the act enacted, as the code's history notes say, and its subdivisions. (A section of
  // an act that only amended the code is not placed: its subdivisions are its instructions, not the code's.)
  const own = /^(?:the )?section (\d+[a-z]*)((?:\([A-Za-z0-9-]+\))*)$/i.exec(text);
  const placed = own && context.act ? placeActSection(context.act, own[1]!, own[2] ?? '', actSections) : undefined;
  if (placed) return withPart([{ context: placed }]);
  // "Section 2(e)(1) of the Consumer Protection Clarification and Enhancement Amendment Act of 2018, effective … (D.C. Law 22-140;
  // 65 DCR 5970)": a section of an act named by its law, placed the same way.
  const ofAct = /^(?:the )?section (\d+[a-z]*)((?:\([A-Za-z0-9-]+\))*),? of (?:the )?.*\((D\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+);[^()]*\)$/i.exec(text);
  const placedOf = ofAct ? placeActSection({ law: ofAct[3]!.replace(/\s+/g, ' ') }, ofAct[1]!, ofAct[2] ?? '', actSections) : undefined;
  if (placedOf) return withPart([{ context: placedOf }]);
  // Not placed: still the act (its new sections are numbered from it), and what to say if a sentence needs its code section.
  if (ofAct) {
    const law = ofAct[3]!.replace(/\s+/g, ' ');
    return [{ context: { ...ROOT, act: { law }, unplaced: `section ${ofAct[1]}${ofAct[2] ?? ''} of ${law}` } }];
  }
  // "Section 2701" below "Title 28 of the D.C. Official Code is amended as follows:": the title's section, as the grammar designates it (§ 28-2701).
  const inTitle = own && context.title !== undefined ? titleSection(context.title, own[1]!, g) : undefined;
  if (own && inTitle) return withPart([{ context: { section: inTitle, path: levelled(pathParts(own[2] ?? '')), part: undefined } }]);
  // An act cited by its law alone ("… Act of 2018, effective … (D.C. Law 22-168; 65 DCR 9388)"): the code's history notes place its sections.
  const law = /\(D\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+;[^()]*\)$/.exec(text)?.[0];
  if (law) return [{ context: { ...ROOT, act: { law: /D\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+/.exec(law)![0].replace(/\s+/g, ' ') } } }];
  const examples = examplesOf(g.grammar);
  if (/^(?:the )?sections? \d/i.test(text)) return `the code section that "${text}" is, cited in parentheses after it ("${examples.cited}")`;
  return `a target: a code section ("${examples.section}", or "Section 3 ${examples.cited}") or a subdivision ("Subsection (a)"); found "${text}"`;
}

/** The code designation of a section numbered within a title of the code, by the grammar's `titleSection`; undefined when the grammar has none or the result is not a designation. */
function titleSection(title: string, section: string, g: CompiledGrammar): string | undefined {
  const form = g.grammar.titleSection;
  if (form === undefined) return undefined;
  const designation = form.replace(/\{title\}/g, title).replace(/\{section\}/g, section);
  return new RegExp(`^(?:${g.grammar.section})$`, 'u').test(designation) ? designation : undefined;
}

/**
 * Where a section of an act, with its subdivisions ("Section 103(b)", "Section 2(e)(1)"), stands in the code, as the code's
 * history notes say: the code section it enacted, with those subdivisions; else the code section it amended (an amending
 * act's instruction, whose subdivisions are its own), whole; undefined when the notes do not say (or there is no code).
 */
function placeActSection(act: ActNamed, section: string, path: string, actSections: ActSections): Context | undefined {
  const enacted = actSections.resolve?.(act, section, { enacting: true });
  if (enacted) return { section: enacted, path: levelled(pathParts(path)), part: undefined };
  const amended = actSections.resolve?.(act, `${section}${path}`, { amended: true });
  // An instruction that amended several code sections: the subdivisions below it may each name one.
  if (amended === '')
    return {
      section: undefined,
      path: [],
      part: undefined,
      amended: { act, path: `${section}${path}`, sections: actSections.resolve?.amendedSections?.(act, `${section}${path}`) },
    };
  return amended ? { section: amended, path: [], part: undefined, amended: { act, path: `${section}${path}` } } : undefined;
}

/** "Subsection (a)(1)", "Paragraphs (2) and (3)": the subdivisions named, within `context`'s section; undefined when `text` names none. */
function relativeTargets(text: string, context: Context, g: CompiledGrammar, actSections?: ActSections): string | { context: Context }[] | undefined {
  const relative = g.relative.exec(text);
  if (!relative?.groups?.level) return undefined;
  const level = levelOf(relative.groups.level, g);
  if (context.amended) return actSubdivisions(relative.groups.list ?? '', level, context.amended, g, actSections, text);
  if (context.section === undefined) return `a code section for "${text}" to stand in`;
  const out: { context: Context }[] = [];
  // "The second paragraph (17)": the later of two the law designates (17).
  const nth = relative.groups.nth === undefined ? undefined : ordinalOf(relative.groups.nth, g);
  for (const item of designationsOf(relative.groups.list ?? '', g)) {
    // "Subdivision 3", "Subsection C": a designation the level word names without its parentheses.
    const parts = item.designation.startsWith('(') ? pathParts(item.designation) : [`(${item.designation})`];
    const kept = context.path.filter((p) => p.level < level);
    const path = [...kept, ...parts.map((d, i) => ({ level: level + i, designation: d, ...(nth !== undefined && i === parts.length - 1 ? { nth } : {}) }))];
    out.push({ context: { section: context.section, path, part: undefined, ...(context.act ? { act: context.act } : {}) } });
  }
  return out;
}

/**
 * "Paragraph (2)" below an amending act's section or subdivision ("2(e)"): that act's subdivision ("2(e)(2)"), placed in the
 * code section it amended, as the history notes say; or why not.
 */
function actSubdivisions(
  list: string,
  level: number,
  amended: { act: ActNamed; path: string },
  g: CompiledGrammar,
  actSections: ActSections | undefined,
  text: string,
): string | { context: Context }[] {
  const [, section = '', path = ''] = /^(\d+[a-z]*)(.*)$/.exec(amended.path) ?? [];
  const kept = levelled(pathParts(path)).filter((p) => p.level < level);
  const out: { context: Context }[] = [];
  for (const item of designationsOf(list, g)) {
    const parts = item.designation.startsWith('(') ? pathParts(item.designation) : [`(${item.designation})`];
    const actPath = `${section}${[...kept.map((p) => p.designation), ...parts].join('')}`;
    const code = actSections?.resolve?.(amended.act, actPath, { amended: true });
    if (code === '') {
      const sections = actSections?.resolve?.amendedSections?.(amended.act, actPath);
      out.push({ context: { section: undefined, path: [], part: undefined, amended: { act: amended.act, path: actPath, sections } } });
      continue;
    }
    if (!code)
      return `the code section that section ${actPath} of ${amended.act.law ?? 'the act'} amended ("${text}" is the act's, not the code's), as the code's history notes say`;
    out.push({ context: { section: code, path: [], part: undefined, amended: { act: amended.act, path: actPath } } });
  }
  return out;
}

/** Designations cited with no level word, levelled by their shape. */
function levelled(parts: string[]): Context['path'] {
  const out: Context['path'] = [];
  for (const d of parts) out.push({ level: levelByShape(d, out[out.length - 1]?.level), designation: d });
  return out;
}

function levelOf(word: string, g: CompiledGrammar): number {
  const key = word.toLowerCase().replace(/s$/, '');
  return g.grammar.levels[key] ?? 1;
}

/**
 * The designations of a list ("subsections (b), (c), and (d)", "paragraphs (3)
 * through (5)", "sections 1210a and 1210b"), each with its level below a
 * section (undefined for sections and groups).
 */
export function designationsOf(list: string, g: CompiledGrammar): { designation: string; level: number | undefined }[] {
  const out: { designation: string; level: number | undefined }[] = [];
  let level: number | undefined;
  let kindSeen = false;
  let through = false;
  let levelWord = false;
  for (const match of list.matchAll(g.designationList)) {
    const kind = match.groups?.kind?.toLowerCase().replace(/s$/, '');
    if (kind) {
      kindSeen = true;
      level = g.grammar.levels[kind];
      levelWord = level !== undefined;
    }
    let designation = match.groups?.des ?? '';
    // A subdivision's level word over a bare number or letter ("a new Subdivision 4", "Subsection C", "Subparagraph b") names
    // that subdivision, in its parentheses; so do the items after it in one list ("Subdivisions 4 and 5").
    const bare = levelWord && /^(?:\d{1,2}|[A-Za-z])$/.test(designation);
    if (bare) designation = `(${designation})`;
    // A word of one letter ("a new …") is no designation: groups are lettered in capitals ("Part G").
    else if (/^[a-z]$/.test(designation)) continue;
    if (!kindSeen && !designation.startsWith('(')) level = undefined;
    else if (!kindSeen) level = levelByShape(designation, undefined);
    // A level word over a section number ("a new subsection 106b") names a section; "section" over "(e)" a subdivision: the designation's shape says which.
    const itemLevel = designation.startsWith('(') ? (level ?? levelByShape(designation, undefined)) : /^\d/.test(designation) ? undefined : level;
    if (through && out.length) out.push(...between(out[out.length - 1]!.designation, designation).map((d) => ({ designation: d, level: itemLevel })));
    out.push({ designation, level: itemLevel });
    const rest = list.slice((match.index ?? 0) + match[0].length);
    through = /^\s*through\b/i.test(rest);
  }
  return out;
}

/** The designations strictly between two of one kind: (3) … (6) → (4), (5); (b) … (e) → (c), (d). */
function between(from: string, to: string): string[] {
  const a = /^\((\d+|[a-zA-Z])\)$/.exec(from)?.[1];
  const b = /^\((\d+|[a-zA-Z])\)$/.exec(to)?.[1];
  if (!a || !b) return [];
  const numeric = /^\d+$/.test(a) && /^\d+$/.test(b);
  const start = numeric ? Number(a) : a.charCodeAt(0);
  const end = numeric ? Number(b) : b.charCodeAt(0);
  const out: string[] = [];
  for (let n = start + 1; n < end && out.length < 100; n++) out.push(`(${numeric ? n : String.fromCharCode(n)})`);
  return out;
}

/**
 * The code designation of a new section: its own when it is one ("24-211.08");
 * else the designation the District's codifier gives a section of the act,
 * from the code section of the act's section it follows, as the act cites it
 * ("Section 1204 (D.C. Official Code § 1-612.04)") or the code's history notes
 * say:
 * - a lettered section after one codified with a decimal part takes its letter
 *   ("1204a" after 1-612.04 → 1-612.04a);
 * - a lettered section after one codified without takes the letter's place as
 *   its decimal ("6b" after 22-1006 → 22-1006.02);
 * - a numbered section takes the next decimal after the one before it
 *   ("1212" after 1211, 1-612.11 → 1-612.12).
 * The codifier may number otherwise: the designation is what these rules give.
 */
export function codeDesignation(designation: string, g: CompiledGrammar, actSections: ActSections, act: ActNamed | undefined): string | undefined {
  if (new RegExp(`^(?:${g.grammar.section})$`, 'u').test(designation)) return designation;
  const codeOf = (actSection: string) => actSections.cited.get(actSection) ?? (act && actSections.resolve?.(act, actSection));
  const lettered = /^(\d+)([a-z])$/.exec(designation);
  if (lettered) {
    const base = codeOf(lettered[1]!);
    if (base === undefined) return undefined;
    if (base.includes('.')) return `${base}${lettered[2]}`;
    return `${base}.${String(lettered[2]!.charCodeAt(0) - 96).padStart(2, '0')}`;
  }
  const numbered = /^(\d+)$/.exec(designation);
  if (numbered && Number(numbered[1]) > 1) {
    const before = codeOf(String(Number(numbered[1]) - 1));
    const decimal = before === undefined ? null : /^(.*\.)(\d+)$/.exec(before);
    if (!decimal) return undefined;
    return `${decimal[1]}${String(Number(decimal[2]) + 1).padStart(decimal[2]!.length, '0')}`;
  }
  return undefined;
}
