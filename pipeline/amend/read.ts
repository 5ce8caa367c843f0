/**
 * Read an ordinance's amending sentences into instructions, by the
 * jurisdiction's amendment grammar (grammar.ts). A lead-in ("Section 16-1501
 * is amended as follows:", "Subsection (a) is amended as follows:") names the
 * target of the sentences nested below it, each narrowing the one above; the
 * quoted text an instruction adds or rewrites is the block quote after it.
 * A sentence that reads like an instruction but that no form reads is
 * returned as unparsed, with what was expected (rule amendment-unparsed).
 */
import { inlineText, WRITTEN } from '../model/inline-text.js';
import type { Annotation, Block, BlockQuote, Ordinance, Section, SourceRef } from '../model/types.js';
import { readAnnotations } from './annotation-form.js';
import { type AmendmentGrammar, type CompiledGrammar, compileGrammar, examplesOf, QUOTE } from './grammar.js';
import type { AmendmentOperation, AmendmentTarget, Instruction, Occurrence } from './instruction.js';
import { splitQuotedText } from './quoted.js';

/** A sentence that reads like an instruction but does not parse. */
export interface UnparsedSentence {
  sentence: string;
  source: SourceRef;
  sectionId: string;
  /** What the reader expected, for the finding's message. */
  expected: string;
}

export interface ReadResult {
  instructions: Instruction[];
  unparsed: UnparsedSentence[];
}

/** Where the sentences below a lead-in act. */
interface Context {
  /** The code section; undefined above any section (an act, a title, a chapter). */
  section: string | undefined;
  /** The subdivision path, each designation with its level below the section. */
  path: { level: number; designation: string }[];
  part: 'text' | 'heading' | undefined;
  /** The act a lead-in names above any section ("… Act of 2011 (D.C. Law 19-124; D.C. Official Code § 1-1161.01 et seq.)"), for its new sections. */
  act?: ActNamed | undefined;
}

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
 * Given by the amend stage from the code the ordinance amends.
 */
export type ActSectionResolver = (act: ActNamed, actSection: string) => string | undefined;

const ROOT: Context = { section: undefined, path: [], part: undefined };

/** The act's sections its sentences cite with their code designation: "1204" → "1-612.04". */
interface ActSections {
  /** Cited in the ordinance's own sentences: "Section 1204 (D.C. Official Code § 1-612.04)". */
  cited: Map<string, string>;
  /** From the code's history notes, when the amend stage has a code. */
  resolve: ActSectionResolver | undefined;
}

/** The `::amend` annotations of a section, by the sentence (paragraph or subdivision) they follow. */
type Stated = Map<Block, Annotation[]>;

/** Each `::amend` of a section goes with the sentence before it: the last paragraph or subdivision that starts before it. */
function statedInstructions(section: Section): Stated {
  const stated: Stated = new Map();
  const amends = section.annotations.filter((a) => a.type === 'amend');
  if (amends.length === 0) return stated;
  const units: { block: Block; offset: number }[] = [];
  const walk = (blocks: Block[]) => {
    for (const block of blocks) {
      if (block.type !== 'paragraph' && block.type !== 'subdivision') continue;
      units.push({ block, offset: block.source.position?.start.offset ?? -1 });
      if (block.type === 'subdivision') walk(block.blocks);
    }
  };
  walk(section.blocks);
  units.sort((a, b) => a.offset - b.offset);
  for (const amend of amends) {
    const offset = amend.source.position?.start.offset ?? -1;
    const owner = units.filter((u) => u.offset <= offset).pop();
    if (!owner) continue;
    stated.set(owner.block, [...(stated.get(owner.block) ?? []), amend]);
  }
  return stated;
}
const compiled = new WeakMap<AmendmentGrammar, CompiledGrammar>();

/** The grammar compiled once per grammar object. */
export function grammarOf(grammar: AmendmentGrammar): CompiledGrammar {
  let out = compiled.get(grammar);
  if (!out) {
    out = compileGrammar(grammar);
    compiled.set(grammar, out);
  }
  return out;
}

/** Read every amending instruction of an ordinance with a jurisdiction's amendment grammar. */
export function readInstructions(ordinance: Ordinance, grammar: AmendmentGrammar, options: { actSection?: ActSectionResolver } = {}): ReadResult {
  const result: ReadResult = { instructions: [], unparsed: [] };
  const g = grammarOf(grammar);
  const actSections: ActSections = { cited: new Map(), resolve: options.actSection };
  for (const section of ordinance.sections) readBlocks(section.blocks, ROOT, section, g, result, actSections, statedInstructions(section));
  return result;
}

/** Read one section's blocks (an ordinance section's, or a subdivision's) under `context`. */
function readBlocks(blocks: Block[], context: Context, section: Section, g: CompiledGrammar, result: ReadResult, actSections: ActSections, stated: Stated): void {
  let current = context;
  blocks.forEach((block, i) => {
    if (block.type === 'paragraph') {
      const next = blocks[i + 1];
      const quote = next?.type === 'blockquote' ? next : undefined;
      const read = readSentence(inlineText(block.children, WRITTEN), block.source, current, quote, false, section, g, result, actSections, stated.get(block));
      if (read) current = read;
    } else if (block.type === 'subdivision') {
      const quote = block.blocks.find((b): b is BlockQuote => b.type === 'blockquote');
      const nested = block.blocks.some((b) => b.type === 'subdivision');
      const read = readSentence(inlineText(block.children, WRITTEN), block.source, current, quote, nested, section, g, result, actSections, stated.get(block));
      readBlocks(block.blocks, read ?? current, section, g, result, actSections, stated);
    }
  });
}

/**
 * Read one sentence: returns the context it opens for what is nested below it
 * (a lead-in), or undefined. Instructions and unparsed sentences go to `result`.
 */
function readSentence(
  text: string,
  source: SourceRef,
  context: Context,
  quote: BlockQuote | undefined,
  nested: boolean,
  section: Section,
  g: CompiledGrammar,
  result: ReadResult,
  actSections: ActSections,
  annotations: Annotation[] | undefined,
): Context | undefined {
  const { sentence, quotes } = setQuotesApart(text);
  const trimmed = sentence.replace(/\s*[.;:,]?\s*(?:(?:and|or)\s*)?$/i, '').trim();
  const unparsed = (expected: string, at: SourceRef = source) => {
    result.unparsed.push({ sentence: text, source: at, sectionId: section.id, expected });
    return undefined;
  };
  if (annotations?.length) {
    // The annotation form states the sentence's instructions: the prose is not read for them.
    const read = readAnnotations(
      annotations.map((a) => a.attributes),
      quote ? quoteText(quote) : undefined,
    );
    if (typeof read === 'string') {
      // At the annotation that does not read on its own (the first, when only their combination fails).
      const quoted = quote ? quoteText(quote) : undefined;
      const wrong = annotations.find((a) => typeof readAnnotations([a.attributes], quoted) === 'string') ?? annotations[0]!;
      return unparsed(`in \`::amend\`, ${read}`, wrong.source);
    }
    read.forEach(({ target, op }, i) => {
      const at = annotations[Math.min(i, annotations.length - 1)]!;
      result.instructions.push({ ...op, target, prose: text, source: at.source, form: 'annotation', sectionId: section.id } as Instruction);
    });
    return undefined;
  }
  if (!trimmed) return undefined;
  for (const form of g.forms) {
    const match = form.regex.exec(trimmed);
    if (!match) continue;
    const groups = match.groups ?? {};
    const base = { prose: text, source, form: 'prose' as const, sectionId: section.id };
    const emit = (target: AmendmentTarget, op: AmendmentOperation) => result.instructions.push({ ...op, target, ...base } as Instruction);
    const named = groups.target === undefined ? contextTargets(context) : resolveTarget(groups.target, context, g, actSections);
    // "… by striking the phrase "X" in the section heading": the part the words stand in.
    const part = groups.part === undefined ? undefined : partOf(groups.part, g);
    const targets = typeof named === 'string' || !part ? named : named.map((t) => ({ context: { ...t.context, part } }));
    if (form.op === 'lead-in') {
      // A lead-in that names no section (an act, a title, a chapter) still opens a context, above any section.
      if (typeof targets === 'string' || targets.length !== 1) return { ...ROOT };
      return targets[0]!.context;
    }
    if (form.op === 'add') return readAdd(groups, context, targets, quote, emit, unparsed, g, actSections);
    if (typeof targets === 'string') return unparsed(targets);
    if (targets.length === 0 || targets.some((t) => t.context.section === undefined))
      return unparsed(`a code section to amend: a lead-in naming it ("${examplesOf(g.grammar).leadIn}") or its citation in the sentence`);
    switch (form.op) {
      case 'strike': {
        const struck = wordsOf(groups.struck, quotes, g);
        const inserted = groups.inserted === undefined ? undefined : wordsOf(groups.inserted, quotes, g);
        if (struck === undefined || (groups.inserted !== undefined && inserted === undefined)) return unparsed('quoted words to strike and to insert');
        const occurrence = occurrenceOf(groups.occ1 ?? groups.occ2 ?? groups.occ3, g, isPunctuation(groups.struck, g));
        for (const t of targets) emit(targetOf(t.context), { op: 'strike', words: struck, occurrence, ...(inserted !== undefined ? { insert: inserted } : {}) });
        return undefined;
      }
      case 'insert': {
        const inserted = wordsOf(groups.inserted, quotes, g);
        if (inserted === undefined) return unparsed('quoted words to insert');
        if (groups.edge) {
          for (const t of targets) emit(targetOf(t.context), { op: 'insert', words: inserted, at: { kind: groups.edge.toLowerCase() === 'end' ? 'end' : 'beginning' } });
          return undefined;
        }
        const anchor = wordsOf(groups.anchor, quotes, g);
        if (anchor === undefined) return unparsed('the quoted words the insertion goes before or after');
        const kind = groups.where?.toLowerCase() === 'before' ? 'before' : 'after';
        const occurrence = occurrenceOf(groups.occ1, g, isPunctuation(groups.anchor, g));
        for (const t of targets) emit(targetOf(t.context), { op: 'insert', words: inserted, at: { kind, anchor, occurrence } });
        return undefined;
      }
      case 'rewrite': {
        // "Section 25-101 is amended to read as follows:" over instructions nested below it, not new text: they amend it.
        if (!quote && nested && targets.length === 1) return targets[0]!.context;
        if (!quote) return unparsed('the new text as a block quote after the sentence');
        const texts = splitQuote(quote, section, targets.length);
        if (!texts) return unparsed(`the new text of ${targets.length} subdivisions, each beginning with its designation`);
        targets.forEach((t, i) => {
          emit(targetOf(t.context), { op: 'rewrite', text: texts[i]! });
        });
        return undefined;
      }
      case 'repeal':
        for (const t of targets) emit(targetOf(t.context), { op: 'repeal' });
        return undefined;
      case 'redesignate':
      case 'designate': {
        const to = designationsOf(groups.to ?? '', g).map((d) => d.designation);
        const from = form.op === 'designate' ? [''] : designationsOf(groups.from ?? '', g).map((d) => d.designation);
        if (to.length === 0 || to.length !== from.length) return unparsed('as many new designations as old ones');
        for (const t of targets) emit(targetOf(t.context), { op: 'redesignate', from, to });
        return undefined;
      }
    }
  }
  if (g.cue.test(trimmed)) return unparsed(expectedForms(trimmed));
  return undefined;
}

/** A short list of what an instruction sentence may say, for the unparsed finding. */
function expectedForms(sentence: string): string {
  if (/\bstrik/i.test(sentence)) return 'striking quoted words ("by striking the phrase "X" and inserting the phrase "Y" in its place")';
  if (/\binsert/i.test(sentence)) return 'inserting quoted words before or after quoted words, or at the end';
  if (/\badd/i.test(sentence)) return 'new subdivisions named by designation, "to read as follows:"';
  return 'an instruction of the grammar: "is amended as follows:", "is amended by striking …", "is amended to read as follows:", "is repealed", "is redesignated as …"';
}

type Emit = (target: AmendmentTarget, op: AmendmentOperation) => void;

/** "A new subsection (d) is added to read as follows:", "New sections 1210a and 1210b are added …". */
function readAdd(
  groups: Record<string, string | undefined>,
  context: Context,
  targets: string | { context: Context }[],
  quote: BlockQuote | undefined,
  emit: Emit,
  unparsed: (expected: string) => undefined,
  g: CompiledGrammar,
  actSections: ActSections,
): undefined {
  if (!quote) return unparsed('the new text as a block quote after the sentence');
  const added = designationsOf(groups.added ?? '', g);
  const text = quoteText(quote);
  const anchor = groups.where?.toLowerCase() === 'after' ? designationsOf(groups.anchor ?? '', g)[0]?.designation : undefined;
  if (added.length === 0) return unparsed('the designations of what is added');
  if (added.some((a) => a.level === undefined)) {
    // New sections (or a chapter of them): each section is its own instruction, named by the designation its text gives it.
    const sections = splitSections(text);
    if (sections.length === 0) return unparsed(`the new sections' text, each beginning with its designation ("${examplesOf(g.grammar).newSection}")`);
    const act = (typeof targets === 'string' ? undefined : targets[0]?.context.act) ?? context.act;
    const designated = sections.map((s) => ({ ...s, code: codeDesignation(s.designation, g, actSections, act) }));
    const unknown = designated.find((s) => s.code === undefined);
    if (unknown)
      return unparsed(
        `the code designation of new section ${unknown.designation}: its text beginning "${examplesOf(g.grammar).newSection}", or ${act ? `${actSections.resolve ? 'a code' : 'the code it amends (`amends-code:`)'} whose history notes give section ${unknown.designation.replace(/[a-z]+$/, '')} of ${act.law ?? `the act at § ${act.codeStart} et seq.`}` : `the act it is added to named with its law and code ("${examplesOf(g.grammar).act}")`}`,
      );
    for (const s of designated) emit({ section: s.code!, path: [] }, { op: 'add', text: s.text, designations: [s.code!] });
    return undefined;
  }
  const where = typeof targets === 'string' ? undefined : targets.length === 1 ? targets[0]!.context : undefined;
  const base = groups.target === undefined ? context : where;
  if (!base || base.section === undefined) return unparsed(typeof targets === 'string' ? targets : 'a code section to add to');
  // "A new paragraph (3) is added" under "Subsection (b) is amended as follows:" adds to (b); "a new subsection (e)" to the section.
  const level = shapeLevel(added[0]!.designation) ?? added[0]!.level!;
  const parent = base.path.filter((p) => p.level < level);
  emit({ section: base.section, path: parent.map((p) => p.designation) }, { op: 'add', text, designations: added.map((a) => a.designation), ...(anchor ? { after: anchor } : {}) });
  return undefined;
}

/** The part of a target a grammar's word names ("section heading" → heading). */
function partOf(word: string, g: CompiledGrammar): 'text' | 'heading' | undefined {
  const key = Object.keys(g.grammar.parts).find((k) => k.toLowerCase() === word.replace(/\s+/g, ' ').toLowerCase());
  return key === undefined ? undefined : g.grammar.parts[key];
}

/** What a context targets, as the model says it. */
function targetOf(context: Context): AmendmentTarget {
  return { section: context.section ?? '', path: context.path.map((p) => p.designation), ...(context.part ? { part: context.part } : {}) };
}

function contextTargets(context: Context): { context: Context }[] {
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
function shapeLevel(designation: string): number | undefined {
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
function resolveTarget(phrase: string, context: Context, g: CompiledGrammar, actSections: ActSections): string | { context: Context }[] {
  let text = phrase.replace(/\s+/g, ' ').trim();
  // "The lead-in language of subsection (b)", "The section heading".
  const partWord = Object.keys(g.grammar.parts)
    .sort((a, b) => b.length - a.length)
    .find((p) => new RegExp(`^(?:the )?${p.replace(/[-]/g, '\\-')}(?: of | for |$)`, 'i').test(text));
  let part: 'text' | 'heading' | undefined;
  if (partWord) {
    part = g.grammar.parts[partWord];
    text = text.replace(new RegExp(`^(?:the )?${partWord.replace(/[-]/g, '\\-')}(?: of | for )?`, 'i'), '');
    if (!text) return [{ context: { ...context, part } }];
  }
  const withPart = (contexts: { context: Context }[]) => contexts.map((c) => ({ context: { ...c.context, part } }));
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
    return withPart([{ context: { section: cited.groups.section, path: levelled(pathParts(path)), part: undefined } }]);
  }
  const designated = g.sectionDesignation.exec(text);
  if (designated?.groups?.section) {
    return withPart([{ context: { section: designated.groups.section, path: levelled(pathParts(designated.groups.path ?? '')), part: undefined } }]);
  }
  const relative = relativeTargets(text, context, g);
  if (relative) return typeof relative === 'string' ? relative : withPart(relative);
  // "Subsection (b) of Section 22.13 of the Los Angeles Administrative Code", "paragraph (2) of subsection (b)": the subdivision within what follows "of".
  const nested = /^(?<inner>.+?),?\s+of\s+(?<outer>(?:the\s+)?(?:sections?\s|§|subsections?\s|paragraphs?\s|subparagraphs?\s).+)$/iu.exec(text);
  if (nested?.groups && g.relative.test(nested.groups.inner!)) {
    const outer = resolveTarget(nested.groups.outer!, context, g, actSections);
    if (typeof outer !== 'string' && outer.length === 1 && outer[0]!.context.section !== undefined) {
      const inner = relativeTargets(nested.groups.inner!, outer[0]!.context, g);
      if (inner && typeof inner !== 'string') return withPart(inner);
    }
  }
  // "Title XII is amended as follows:" within an act: still the act's sections below it.
  if (g.group.test(text)) return [{ context: { ...ROOT, act: context.act } }];
  // An act cited by its law alone ("… Act of 2018, effective … (D.C. Law 22-168; 65 DCR 9388)"): the code's history notes place its sections.
  const law = /\(D\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+;[^()]*\)$/.exec(text)?.[0];
  if (law) return [{ context: { ...ROOT, act: { law: /D\.\s?C\.\s+(?:Law|Act)\s+\d+-\d+/.exec(law)![0].replace(/\s+/g, ' ') } } }];
  const examples = examplesOf(g.grammar);
  if (/^(?:the )?sections? \d/i.test(text)) return `the code section that "${text}" is, cited in parentheses after it ("${examples.cited}")`;
  return `a target: a code section ("${examples.section}", or "Section 3 ${examples.cited}") or a subdivision ("Subsection (a)"); found "${text}"`;
}

/** "Subsection (a)(1)", "Paragraphs (2) and (3)": the subdivisions named, within `context`'s section; undefined when `text` names none. */
function relativeTargets(text: string, context: Context, g: CompiledGrammar): string | { context: Context }[] | undefined {
  const relative = g.relative.exec(text);
  if (!relative?.groups?.level) return undefined;
  if (context.section === undefined) return `a code section for "${text}" to stand in`;
  const level = levelOf(relative.groups.level, g);
  const out: { context: Context }[] = [];
  for (const item of designationsOf(relative.groups.list ?? '', g)) {
    const parts = pathParts(item.designation);
    const kept = context.path.filter((p) => p.level < level);
    out.push({ context: { section: context.section, path: [...kept, ...parts.map((d, i) => ({ level: level + i, designation: d }))], part: undefined } });
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
function designationsOf(list: string, g: CompiledGrammar): { designation: string; level: number | undefined }[] {
  const out: { designation: string; level: number | undefined }[] = [];
  let level: number | undefined;
  let kindSeen = false;
  let through = false;
  for (const match of list.matchAll(g.designationList)) {
    const kind = match.groups?.kind?.toLowerCase().replace(/s$/, '');
    if (kind) {
      kindSeen = true;
      level = g.grammar.levels[kind];
    }
    const designation = match.groups?.des ?? '';
    // A word of one letter ("a new …") is no designation: groups are lettered in capitals ("Part G").
    if (/^[a-z]$/.test(designation)) continue;
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

/** The words a {words} group stands for: a quoted passage, or a mark named in words ("the period"). */
function wordsOf(group: string | undefined, quotes: string[], g: CompiledGrammar): string | undefined {
  if (group === undefined) return undefined;
  const quoted = /\u27e6(\d+)\u27e7/.exec(group);
  if (quoted) return quotes[Number(quoted[1])];
  const mark = Object.keys(g.grammar.punctuation)
    .sort((a, b) => b.length - a.length)
    .find((name) => new RegExp(`\\b${name}\\b`, 'i').test(group));
  return mark === undefined ? undefined : g.grammar.punctuation[mark];
}

function isPunctuation(group: string | undefined, g: CompiledGrammar): boolean {
  return group !== undefined && !/\u27e6/.test(group) && wordsOf(group, [], g) !== undefined;
}

/**
 * Which occurrences: as the phrase says; with none, a mark named in words
 * ("the period") is the one at the end, and quoted words must occur once.
 */
function occurrenceOf(phrase: string | undefined, g: CompiledGrammar, punctuation: boolean): Occurrence {
  if (phrase === undefined) return punctuation ? { kind: 'last' } : { kind: 'only' };
  const key = Object.keys(g.grammar.occurrences).find((k) => k.toLowerCase() === phrase.replace(/\s+/g, ' ').toLowerCase());
  const value = key === undefined ? undefined : g.grammar.occurrences[key];
  if (value === 'every') return { kind: 'every' };
  if (value === 'last') return { kind: 'last' };
  if (value !== undefined) return { kind: 'nth', n: Number(value) };
  return { kind: 'only' };
}

/**
 * Set a sentence's quoted passages apart: each becomes a placeholder, so the
 * forms never read inside them. Curly quotes pair as written; straight quotes
 * close only where the sentence goes on ("… in its place", "… after", the end).
 */
export function setQuotesApart(text: string): { sentence: string; quotes: string[] } {
  const quotes: string[] = [];
  let sentence = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const opensCurly = c === '\u201c';
    const opensStraight = c === '"' && (i === 0 || /[\s([\u2014-]/.test(text[i - 1]!));
    if (!opensCurly && !opensStraight) {
      sentence += c;
      i++;
      continue;
    }
    const end = opensCurly ? closingCurly(text, i + 1) : closingStraight(text, i + 1);
    if (end === -1) {
      sentence += c;
      i++;
      continue;
    }
    sentence += QUOTE(quotes.length);
    quotes.push(text.slice(i + 1, end));
    i = end + 1;
  }
  return { sentence, quotes };
}

function closingCurly(text: string, from: number): number {
  let depth = 0;
  for (let j = from; j < text.length; j++) {
    if (text[j] === '\u201c') depth++;
    else if (text[j] === '\u201d') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

/** What may follow a closing straight quote: the sentence's next words, or its end. */
const AFTER_QUOTE =
  /^(?:\s*[.;:,]?\s*$|\s+(?:and|or|in|each|every|wherever|both|all|the|after|before|at|to|with|where|is|are|from|its|their|immediately|following|following:|shall|as|that|which|both)\b)/i;

/** Weaker: a comma or semicolon after the quote, taken only when no closing above is found. */
const AFTER_QUOTE_PUNCTUATION = /^\s*[,;]\s/;

function closingStraight(text: string, from: number): number {
  let weak = -1;
  for (let j = from; j < text.length; j++) {
    if (text[j] !== '"') continue;
    const rest = text.slice(j + 1);
    if (AFTER_QUOTE.test(rest)) return j;
    if (weak === -1 && AFTER_QUOTE_PUNCTUATION.test(rest)) weak = j;
  }
  return weak;
}

/** The Markdown source of a block quote, its `>` markers removed: the quoted text as written. */
export function quoteText(quote: BlockQuote): string {
  const file = quote.source.file;
  const start = quote.source.position?.start.offset;
  const end = quote.source.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return String(file.value)
    .slice(start, end)
    .split('\n')
    .map((line) => line.replace(/^\s*>\s?/, ''))
    .join('\n')
    .trim();
}

/** A rewrite's quoted text for each of `count` targets: split at its top-level designations when there are several. */
function splitQuote(quote: BlockQuote, _section: Section, count: number): string[] | undefined {
  const text = quoteText(quote);
  if (count === 1) return [text];
  const parts = splitQuotedText(text);
  return parts.length === count ? parts : undefined;
}

/** New sections in quoted text: each begins with a paragraph "§ 24-211.07. Heading." (or "Sec. 4a. …"). */
function splitSections(text: string): { designation: string; text: string }[] {
  const heading = /^\**(?:§|Sec\.|Section)\s*([0-9][0-9A-Za-z.:-]*[0-9A-Za-z]|[0-9])\./u;
  const out: { designation: string; text: string }[] = [];
  for (const paragraph of text.split(/\n\s*\n/)) {
    const match = heading.exec(paragraph.trim());
    if (match) out.push({ designation: match[1]!, text: paragraph.trim() });
    else if (out.length) out[out.length - 1]!.text += `\n\n${paragraph.trim()}`;
  }
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
function codeDesignation(designation: string, g: CompiledGrammar, actSections: ActSections, act: ActNamed | undefined): string | undefined {
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
