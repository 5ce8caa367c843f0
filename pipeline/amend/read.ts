/**
 * Read an ordinance's amending sentences into instructions, by the
 * jurisdiction's amendment grammar (grammar.ts). A lead-in ("Section 16-1501
 * is amended as follows:", "Subsection (a) is amended as follows:") names the
 * target of the sentences nested below it, each narrowing the one above; the
 * quoted text an instruction adds or rewrites is the block quote after it.
 * A sentence that reads like an instruction but that no form reads is
 * returned as unparsed, with what was expected (rule amendment-unparsed).
 *
 * Here: the sentences read in order, each by the grammar's forms. What a
 * sentence targets is resolved in read-targets.ts; its quoted words and
 * quoted text are taken apart in read-words.ts.
 */
import { inlineText, WRITTEN } from '../model/inline-text.js';
import type { Annotation, Block, BlockQuote, Ordinance, Section, SourceRef } from '../model/types.js';
import { readAnnotations } from './annotation-form.js';
import { type AmendmentGrammar, type CompiledGrammar, compileGrammar, examplesOf } from '../grammar/amendments.js';
import type { AmendmentOperation, AmendmentTarget, Instruction, NewGroup } from './instruction.js';
import {
  codeDesignation,
  contextTargets,
  designationsOf,
  ordinalOf,
  partOf,
  titlePrefix,
  ROOT,
  resolveTarget,
  shapeLevel,
  targetOf,
  type ActSections,
  type ActSectionResolver,
  type Context,
} from './read-targets.js';
import { isPunctuation, occurrenceOf, type QuotedFiles, quoteText, setQuotesApart, splitQuote, splitSections, wordsOf } from './read-words.js';

export type { ActNamed, ActSectionResolver } from './read-targets.js';

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
  for (const section of ordinance.sections) {
    const stated = statedInstructions(section);
    // San Francisco heads an amending section with its instruction ("Section 2. The Administrative Code is hereby amended by
    // revising Section 12H.1, to read as follows:"): the heading is read as the section's first sentence, its new text the
    // block quote that opens the body, or the code's sections the section quotes from files of their own.
    const first = section.blocks[0];
    const repeated = first?.type === 'paragraph' && inlineText(first.children, WRITTEN).trim() === section.heading.trim();
    let context = ROOT;
    if (!repeated && section.heading && headingReads(section.heading, g)) {
      const body = first?.type === 'blockquote' || section.quoted.length > 0 ? undefined : bodyOf(section);
      const quote = first?.type === 'blockquote' ? first : section.quoted.length > 0 ? { files: section.quoted } : body;
      context = readSentence(section.heading, headingSource(section), ROOT, quote, false, section, g, result, actSections, undefined) ?? ROOT;
      // The body is the new text: the law's words, never read for instructions of their own.
      if (body) continue;
    }
    readBlocks(section.blocks, context, section, g, result, actSections, stated);
  }
  return result;
}

/** A section's body as the new text its heading's instruction brings, when it has no block quote ("… revising Section 12H.1, to read as follows:" and the section as it will read). */
function bodyOf(section: Section): QuotedFiles | undefined {
  const text = String(section.file.value)
    .replace(/^---\n[\s\S]*?\n---\n/, '')
    .trim();
  return text ? { files: [{ text }] } : undefined;
}

/** Whether a section's heading is an instruction the grammar reads (not just a name: "Amendments to the Code"). */
function headingReads(heading: string, g: CompiledGrammar): boolean {
  const { sentence } = setQuotesApart(heading);
  const trimmed = sentence.replace(/\s*[.;:,]?\s*$/, '').trim();
  return g.forms.some((f) => f.op !== 'lead-in' && f.regex.test(trimmed));
}

/** Where a section's heading stands: its `heading:` line in the front matter. */
function headingSource(section: Section): SourceRef {
  const text = String(section.file.value);
  const at = /^heading:/m.exec(text);
  if (!at) return { file: section.file, position: undefined };
  const line = text.slice(0, at.index).split('\n').length;
  return {
    file: section.file,
    position: { start: { line, column: 1, offset: at.index }, end: { line, column: 1 + (text.indexOf('\n', at.index) - at.index), offset: text.indexOf('\n', at.index) } },
  };
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
  quote: BlockQuote | QuotedFiles | undefined,
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
    // The act a target names goes with the instruction (what codifying reads its words in), not with where it acts.
    const emit = ({ act, ...target }: AmendmentTarget & { act?: string }, op: AmendmentOperation) =>
      result.instructions.push({ ...op, target, ...base, ...(act ? { act } : {}) } as Instruction);
    const named = groups.target === undefined ? contextTargets(context) : resolveTarget(groups.target, context, g, actSections);
    // "… by striking the phrase "X" in the section heading": the part the words stand in.
    const part = groups.part === undefined ? undefined : partOf(groups.part, g);
    const targets = typeof named === 'string' || !part ? named : named.map((t) => ({ context: { ...t.context, part } }));
    if (form.op === 'lead-in') {
      // A lead-in that names no section (an act, a title, a chapter) still opens a context, above any section.
      if (typeof targets === 'string' || targets.length !== 1) return { ...ROOT };
      return targets[0]!.context;
    }
    // Below an amending act's section, only its words can be carried to the code it amended: what it adds, rewrites, repeals
    // or redesignates are its own instructions, which the code does not hold.
    const amended = typeof targets === 'string' ? undefined : targets.find((t) => t.context.amended)?.context.amended;
    const leadIn = form.op === 'rewrite' && !quote && nested;
    if (amended && form.op !== 'strike' && form.op !== 'insert' && !leadIn)
      return unparsed(
        `a code section to ${form.op === 'add' ? 'add to' : 'amend'} cited in the sentence: section ${amended.path} of ${amended.act.law ?? 'the act'} is an amending instruction, whose own subdivisions and text the code does not hold`,
      );
    if (form.op === 'add') return readAdd(groups, context, targets, quote, emit, unparsed, g, actSections);
    // Words struck, or inserted before or after words: read one way whatever the target (a section, a title, several sections).
    const words = form.op === 'strike' || (form.op === 'insert' && !groups.edge) ? form.op : undefined;
    const several = typeof targets === 'string' ? undefined : targets.find((t) => t.context.amended && t.context.section === undefined)?.context.amended;
    // Words struck or inserted by an amending act's section that amended several code sections: in those of them that hold the words.
    if (several?.sections?.length && targets.length === 1 && words) {
      const wide = { section: '', path: [], within: { kind: 'amended' as const, by: `section ${several.path} of ${several.act.law ?? 'the act'}`, sections: several.sections } };
      return readWords(words, groups, quotes, g, [wide], emit, unparsed);
    }
    if (several)
      return unparsed(
        `the code section that section ${several.path} of ${several.act.law ?? 'the act'} amended, cited in the sentence: the code's history notes place that section in several code sections`,
      );
    if (typeof targets === 'string') return unparsed(targets);
    // Words struck or inserted "wherever it appears" below "Title 25 of the D.C. Official Code is amended as follows:": in every
    // section of that title where they stand (the amend stage finds them).
    const title = targets.length === 1 && targets[0]!.context.section === undefined && targets[0]!.context.path.length === 0 ? targets[0]!.context.title : undefined;
    const prefix = title === undefined ? undefined : titlePrefix(title, g);
    if (title !== undefined && prefix !== undefined && words) {
      const wide = { section: '', path: [], within: { kind: 'title' as const, title, prefix } };
      return readWords(words, groups, quotes, g, [wide], emit, unparsed);
    }
    const unplaced = targets.find((t) => t.context.section === undefined && t.context.unplaced)?.context.unplaced;
    if (unplaced)
      return unparsed(
        `the code section that ${unplaced} is, or amended: its citation in parentheses after it ("${examplesOf(g.grammar).cited}"), or a code whose history notes name that section`,
      );
    if (targets.length === 0 || targets.some((t) => t.context.section === undefined))
      return unparsed(`a code section to amend: a lead-in naming it ("${examplesOf(g.grammar).leadIn}") or its citation in the sentence`);
    if (words)
      return readWords(
        words,
        groups,
        quotes,
        g,
        targets.map((t) => targetOf(t.context)),
        emit,
        unparsed,
      );
    switch (form.op) {
      case 'insert': {
        // At the beginning or the end: no words to find.
        const inserted = wordsOf(groups.inserted, quotes, g);
        if (inserted === undefined) return unparsed('quoted words to insert');
        for (const t of targets) emit(targetOf(t.context), { op: 'insert', words: inserted, at: { kind: groups.edge?.toLowerCase() === 'end' ? 'end' : 'beginning' } });
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
        // "The second subsection (k) is redesignated as subsection (l)": the later of two the law designates (k).
        const nth = form.op === 'designate' || from.length !== 1 ? undefined : ordinalOf(groups.from, g);
        for (const t of targets) emit(targetOf(t.context), { op: 'redesignate', from, to, ...(nth !== undefined ? { nth } : {}) });
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

type Emit = (target: AmendmentTarget & { act?: string }, op: AmendmentOperation) => void;

/** Words struck (and others put in their place), or inserted before or after words, at each target: one instruction each. */
function readWords(
  op: 'strike' | 'insert',
  groups: Record<string, string | undefined>,
  quotes: Parameters<typeof wordsOf>[1],
  g: CompiledGrammar,
  targets: readonly (AmendmentTarget & { act?: string })[],
  emit: Emit,
  unparsed: (expected: string) => undefined,
): undefined {
  if (op === 'strike') {
    const struck = wordsOf(groups.struck, quotes, g);
    const inserted = groups.inserted === undefined ? undefined : wordsOf(groups.inserted, quotes, g);
    if (struck === undefined || (groups.inserted !== undefined && inserted === undefined)) return unparsed('quoted words to strike and to insert');
    const occurrence = occurrenceOf(groups.occ1 ?? groups.occ2 ?? groups.occ3, g, isPunctuation(groups.struck, g));
    for (const target of targets) emit(target, { op: 'strike', words: struck, occurrence, ...(inserted !== undefined ? { insert: inserted } : {}) });
    return undefined;
  }
  const inserted = wordsOf(groups.inserted, quotes, g);
  if (inserted === undefined) return unparsed('quoted words to insert');
  const anchor = wordsOf(groups.anchor, quotes, g);
  if (anchor === undefined) return unparsed('the quoted words the insertion goes before or after');
  const kind = groups.where?.toLowerCase() === 'before' ? 'before' : 'after';
  const occurrence = occurrenceOf(groups.occ1, g, isPunctuation(groups.anchor, g));
  for (const target of targets) emit(target, { op: 'insert', words: inserted, at: { kind, anchor, occurrence } });
  return undefined;
}

/** "A new subsection (d) is added to read as follows:", "New sections 1210a and 1210b are added …". */
function readAdd(
  groups: Record<string, string | undefined>,
  context: Context,
  targets: string | { context: Context }[],
  quote: BlockQuote | QuotedFiles | undefined,
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
    const group = newGroup(groups.added ?? '', text, g);
    if (sections.length === 0) return unparsed(`the new sections' text, each beginning with its designation ("${examplesOf(g.grammar).newSection}")`);
    const act = (typeof targets === 'string' ? undefined : targets[0]?.context.act) ?? context.act;
    const designated = sections.map((s) => ({ ...s, code: codeDesignation(s.designation, g, actSections, act) }));
    const unknown = designated.find((s) => s.code === undefined);
    if (unknown)
      return unparsed(
        `the code designation of new section ${unknown.designation}: its text beginning "${examplesOf(g.grammar).newSection}", or ${act ? `${actSections.resolve ? 'a code' : 'the code it amends (`amends-code:`)'} whose history notes give section ${unknown.designation.replace(/[a-z]+$/, '')} of ${act.law ?? `the act at § ${act.codeStart} et seq.`}` : `the act it is added to named with its law and code ("${examplesOf(g.grammar).act}")`}`,
      );
    for (const s of designated)
      emit({ section: s.code!, path: [], ...(act?.law ? { act: act.law } : {}) }, { op: 'add', text: s.text, designations: [s.code!], ...(group ? { group } : {}) });
    return undefined;
  }
  const where = typeof targets === 'string' ? undefined : targets.length === 1 ? targets[0]!.context : undefined;
  const base = groups.target === undefined ? context : where;
  if (!base || base.section === undefined) return unparsed(typeof targets === 'string' ? targets : 'a code section to add to');
  // "A new paragraph (3) is added" under "Subsection (b) is amended as follows:" adds to (b); "a new subsection (e)" to the section.
  const level = shapeLevel(added[0]!.designation) ?? added[0]!.level!;
  const parent = base.path.filter((p) => p.level < level);
  emit(
    { section: base.section, path: parent.map((p) => p.designation), ...(base.act?.law && !base.amended ? { act: base.act.law } : {}) },
    { op: 'add', text, designations: added.map((a) => a.designation), ...(anchor ? { after: anchor } : {}) },
  );
  return undefined;
}

/**
 * The group an instruction adds whole ("adding Chapter 12H, consisting of
 * Sections 12H.1 through 12H.6"), headed by the quoted text's line before its
 * first section ("CHAPTER 12H: IMMIGRATION STATUS", "Chapter 12H. Immigration
 * Status."); undefined when it adds sections only.
 */
function newGroup(added: string, text: string, g: CompiledGrammar): NewGroup | undefined {
  const words = g.grammar.groups.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
  const named = new RegExp(`^(?:the\\s+)?(?:new\\s+)?(${words})\\s+([0-9A-Z][0-9A-Za-z.-]*)`, 'iu').exec(added.trim());
  if (!named) return undefined;
  const prefix = named[1]!.charAt(0).toUpperCase() + named[1]!.slice(1).toLowerCase();
  const num = named[2]!.replace(/[.,]$/, '');
  const first =
    text
      .split(/\n\s*\n/)[0]
      ?.replace(/\*+/g, '')
      .trim() ?? '';
  const line = new RegExp(`^${named[1]}\\s+${num.replace(/[.]/g, '\\.')}\\s*[:.\u2014-]?\\s*(.*)$`, 'iu').exec(first);
  return { prefix, num, ...(line?.[1] ? { heading: line[1].trim() } : {}) };
}
