/**
 * The amend stage (between resolve and validate): read an ordinance's
 * amending instructions with its jurisdiction's amendment grammar and apply
 * them to the code it names (`amends-code:`), section by section. Nothing is
 * written here: the result says, for each code section an instruction
 * targets, its source before and after, and what became of each instruction;
 * rules report what did not apply, build writes `amended/` and
 * `amendments.json`, `ordinance amend` writes into the code.
 */
import path from 'node:path';
import { Type, type Static } from 'typebox';
import type { Ordinance } from '../model/types.js';
import type { Jurisdiction } from '../template/template-schema.js';
import { addsSection, applyToSection, citeTarget, newSectionProblem, newSectionSource } from './apply.js';
import { actSectionsFromHistory, codeHistory, type CodeIndex, compareSectionIds, groupFolder, newGroupFolder, newSectionFile, sectionFile } from './code-index.js';
import { codifyInstruction, type CodifyWorld, type CompiledCodify, compileCodify } from './codify.js';
import { stringify as yamlStringify } from 'yaml';
import { GROUP_FILE } from '../model/workspace.js';
import type { Instruction, InstructionOutcome, NewGroup } from './instruction.js';
import { grammarOf, readInstructions, type UnparsedSentence } from './read.js';

/** One code section an ordinance amends. */
export interface AmendedSection {
  /** Its designation, as the instructions give it ("24-211.07"). */
  section: string;
  /** Its file, relative to the code's folder ("dc-code-title-24/.../07-24-211.07.md"). */
  file: string;
  /** Its source before (null for a section the ordinance adds). */
  before: string | null;
  /** Its source with every instruction that applied. */
  after: string;
  changed: boolean;
  outcomes: InstructionOutcome[];
}

export interface Amendments {
  /** The code named by `amends-code`, indexed; null when none is named or it cannot be found (`codeError`). */
  code: CodeIndex | null;
  codeError?: string | undefined;
  /** No code is named at all: the instructions are read but not applied, and no rule reports it (only `amend` does). */
  unnamed?: boolean | undefined;
  /** Every instruction read, in the ordinance's order, with its outcome. */
  outcomes: InstructionOutcome[];
  /** Sentences that read like instructions but do not parse (for `amendment-unparsed`). */
  unparsed: UnparsedSentence[];
  /** The code sections the instructions target, in the order first targeted. */
  sections: AmendedSection[];
  /** The groups of the code (chapters, articles) the instructions add whole, each a new folder with its group file. */
  groups: AddedGroup[];
}

/** A group an ordinance adds to the code: its group file, relative to the code's folder, and its source. */
export interface AddedGroup {
  file: string;
  source: string;
}

const NO_CODE = 'the ordinance amends a code but names none (`amends-code:` in ordinance.md)';

/** The code an ordinance amends, as the runner found it (load/code-folder.ts `codeToAmend`): whether one is named, its index, or why it cannot be used. */
export interface CodeToAmend {
  named: boolean;
  index: CodeIndex | null;
  error?: string | undefined;
}

/**
 * The amend stage: null for an ordinance that names no code and reads no
 * instruction (nor a sentence that only looks like one). `code` is the code it
 * amends, found and indexed by the runner; its sections are read through it.
 */
export function amendOrdinance(ordinance: Ordinance, jurisdiction: Jurisdiction | undefined, code: CodeToAmend, options: { codify?: boolean | undefined } = {}): Amendments | null {
  if (ordinance.meta.type === 'code-title') return null;
  const grammar = jurisdiction?.amendments;
  const named = code.named;
  const index = code.index;
  const codeError = code.error;
  // The code's history notes place an act's new sections ("a new section 223a") that the prose gives no code designation.
  const read = grammar ? readInstructions(ordinance, grammar, index ? { actSection: actSectionsFromHistory(index) } : {}) : { instructions: [], unparsed: [] };
  // The codifier's step, when asked (or the jurisdiction always takes it): the words put into the code conformed, the act's kept.
  const rules = (options.codify ?? jurisdiction?.codify?.enabled) ? jurisdiction?.codify : undefined;
  const codify = rules && grammar && index ? { codify: compileCodify(rules, grammarOf(grammar)), world: codifyWorld(index) } : undefined;
  if (!named && read.instructions.length === 0)
    return read.unparsed.length > 0 ? { code: null, unnamed: true, outcomes: [], unparsed: read.unparsed, sections: [], groups: [] } : null;
  if (!named) {
    // Instructions without a code to apply them to are read (an unreadable sentence is still reported) but not checked:
    // a drafter may write an act before the code is in the workspace. `amend` says what is missing.
    return { code: null, codeError: NO_CODE, unnamed: true, outcomes: [], unparsed: read.unparsed, sections: [], groups: [] };
  }
  return { code: index, codeError, ...applyInstructions(read.instructions, index, codeError, codify), unparsed: read.unparsed };
}

/** What the codifier reads of a code: its history notes; a section being added is near the code's section before it in number. */
export function codifyWorld(code: CodeIndex): CodifyWorld {
  const history = codeHistory(code);
  const near = (section: string): string => {
    if (sectionFile(code, section)) return section;
    return (
      [...code.sections.keys()]
        .filter((other) => compareSectionIds(other, section) < 0)
        .sort(compareSectionIds)
        .pop() ?? section
    );
  };
  return {
    enactingAct: (section) => history.enactingAct(near(section)),
    actUnit: (act, section) => history.actUnit(act, near(section)),
    actSection: (act, section) => history.resolve({ law: act }, section) || undefined,
  };
}

/** Apply instructions to a code, grouped by the section they target (in the order first targeted); outcomes in the instructions' order. */
export function applyInstructions(
  instructions: readonly Instruction[],
  code: CodeIndex | null,
  codeError?: string,
  codify?: { codify: CompiledCodify; world: CodifyWorld },
): { outcomes: InstructionOutcome[]; sections: AmendedSection[]; groups: AddedGroup[] } {
  if (codify) {
    // Applied with the code's words; each outcome is the instruction's as read (the act's words), with the edits listed.
    const conformed = instructions.map((instruction) => ({ instruction, ...codifyInstruction(instruction, codify.codify, codify.world) }));
    const applied = applyInstructions(
      conformed.map((c) => c.codified),
      code,
      codeError,
    );
    const read = new Map(conformed.map((c) => [c.codified, c]));
    const back = (outcome: InstructionOutcome): InstructionOutcome => {
      const c = read.get(outcome.instruction)!;
      return { ...outcome, instruction: c.instruction, ...(c.edits.length > 0 ? { conforming: c.edits } : {}) };
    };
    return { ...applied, outcomes: applied.outcomes.map(back), sections: applied.sections.map((s) => ({ ...s, outcomes: s.outcomes.map(back) })) };
  }
  if (code && instructions.some((i) => i.target.within)) return applyTitleWide(instructions, code, codeError);
  const outcomeOf = new Map<Instruction, InstructionOutcome>();
  const sections: AmendedSection[] = [];
  const bySection = new Map<string, Instruction[]>();
  for (const instruction of instructions) {
    const key = instruction.target.section;
    bySection.set(key, [...(bySection.get(key) ?? []), instruction]);
  }
  const added = new Set<string>();
  const newGroups = new Map<string, AddedGroup & { folder: string }>();
  for (const [section, targeting] of bySection) {
    if (!code) {
      for (const i of targeting) outcomeOf.set(i, notApplied(i, 'target', `${citeTarget(section, i.target.path)} cannot be found: ${codeError ?? 'no code'}`));
      continue;
    }
    const existing = sectionFile(code, section);
    let file: string;
    let before: string | null;
    let start: string;
    let rest = targeting;
    const opening: InstructionOutcome[] = [];
    if (existing) {
      file = existing;
      try {
        before = code.read(existing);
      } catch (error) {
        // A section file that is not a regular file, or is too large: its instructions cannot apply, and the others still do.
        for (const i of targeting) outcomeOf.set(i, notApplied(i, 'target', `${citeTarget(section, i.target.path)} cannot be read: ${(error as Error).message}`));
        continue;
      }
      start = before;
    } else {
      const adding = targeting.find(addsSection);
      if (!adding) {
        for (const i of targeting) outcomeOf.set(i, notApplied(i, 'target', `${citeTarget(section, [])} is not in the code (${path.relative(process.cwd(), code.root) || '.'})`));
        continue;
      }
      const wrong = newSectionProblem(adding as Instruction & { op: 'add' });
      if (wrong) {
        outcomeOf.set(adding, notApplied(adding, 'applies', `the new text of ${citeTarget(section, [])} would leave ${wrong}`));
        for (const i of targeting)
          if (i !== adding) outcomeOf.set(i, notApplied(i, 'target', `${citeTarget(section, i.target.path)} is added by an instruction that does not apply`));
        continue;
      }
      const group = (adding as Instruction & { op: 'add' }).group;
      let folder: string | undefined;
      if (group) {
        // A group the instruction adds whole: its own folder, with its group file, made once.
        const key = `${group.prefix} ${group.num}`;
        folder = groupFolder(code, group.prefix, group.num) ?? newGroups.get(key)?.folder;
        if (folder === undefined) {
          folder = newGroupFolder(code, section, group.prefix, group.num, added);
          newGroups.set(key, { folder, file: `${folder}/${GROUP_FILE}`, source: groupSource(group) });
        }
      }
      file = newSectionFile(code, section, added, folder);
      added.add(file);
      before = null;
      start = newSectionSource(adding as Instruction & { op: 'add' }, section);
      opening.push({ instruction: adding, applied: true, struck: [], inserted: [start] });
      rest = targeting.filter((i) => i !== adding);
    }
    const result = applyToSection(start, rest);
    const outcomes = [...opening, ...result.outcomes];
    for (const outcome of outcomes) outcomeOf.set(outcome.instruction, outcome);
    sections.push({ section, file, before, after: result.source, changed: before === null || result.changed, outcomes });
  }
  return { outcomes: instructions.map((i) => outcomeOf.get(i)!), sections, groups: [...newGroups.values()].map(({ file, source }) => ({ file, source })) };
}

/**
 * Instructions on every section of a title where their words stand: each
 * becomes one instruction per such section, in its place among the others,
 * and its outcome is theirs together (applied when every one applies; none
 * found is its finding).
 */
function applyTitleWide(instructions: readonly Instruction[], code: CodeIndex, codeError?: string): ReturnType<typeof applyInstructions> {
  const expanded = new Map<Instruction, Instruction[]>();
  const nowhere = new Map<Instruction, InstructionOutcome>();
  for (const instruction of instructions) {
    const within = instruction.target.within;
    if (!within) continue;
    const words = instruction.op === 'strike' ? instruction.words : instruction.op === 'insert' && 'anchor' in instruction.at ? instruction.at.anchor : '';
    const candidates = within.kind === 'title' ? [...code.sections.keys()].filter((id) => id.startsWith(within.prefix)) : within.sections.filter((id) => code.sections.has(id));
    const holding = candidates.sort(compareSectionIds).filter((id) => words !== '' && looseText(readOrEmpty(code, id)).includes(looseText(words)));
    const titleCited = within.kind === 'title' ? `title ${within.title} of the code` : `the code sections ${within.by} amended (§§ ${within.sections.join(', ')})`;
    const occurrence = instruction.op === 'strike' ? instruction.occurrence : instruction.op === 'insert' && 'occurrence' in instruction.at ? instruction.at.occurrence : undefined;
    if (holding.length === 0) nowhere.set(instruction, notApplied(instruction, 'applies', `“${words}” does not occur in any section of ${titleCited}`));
    else if (occurrence && occurrence.kind !== 'every' && holding.length > 1)
      nowhere.set(
        instruction,
        notApplied(
          instruction,
          'applies',
          `“${words}” occurs in ${holding.length} sections of ${titleCited} (§§ ${holding.slice(0, 5).join(', ')}${holding.length > 5 ? ', …' : ''}); expected it once, or "wherever it appears"`,
        ),
      );
    else
      expanded.set(
        instruction,
        holding.map((section) => ({ ...instruction, target: { section, path: [] } }) as Instruction),
      );
  }
  const each = instructions.flatMap((i) => (i.target.within ? (expanded.get(i) ?? []) : [i]));
  const parentOf = new Map([...expanded].flatMap(([parent, copies]) => copies.map((copy) => [copy, parent] as const)));
  const applied = applyInstructions(each, code, codeError);
  const outcomeOf = new Map(applied.outcomes.map((o, i) => [each[i]!, o]));
  const outcomes = instructions.map((instruction): InstructionOutcome => {
    const found = nowhere.get(instruction);
    if (found) return found;
    const copies = expanded.get(instruction);
    if (!copies) return outcomeOf.get(instruction)!;
    const parts = copies.map((c) => outcomeOf.get(c)!);
    const failed = parts.find((o) => !o.applied);
    return {
      instruction,
      applied: !failed,
      // The reason names the section it failed in (or is given it).
      ...(failed ? { failure: failed.failure, reason: sectionNamed(failed.reason ?? 'it does not apply', failed.instruction.target.section) } : {}),
      struck: parts.flatMap((o) => o.struck),
      inserted: parts.flatMap((o) => o.inserted),
      ...(parts.some((o) => o.conforming) ? { conforming: parts.flatMap((o) => o.conforming ?? []) } : {}),
    };
  });
  // Each section's outcomes are the instruction's as read (the one on the whole title), applied there.
  const sections = applied.sections.map((section) => ({
    ...section,
    outcomes: section.outcomes.map((o) => {
      const parent = parentOf.get(o.instruction);
      return parent ? { ...o, instruction: parent } : o;
    }),
  }));
  return { ...applied, outcomes, sections };
}

/** A reason that names the section it is about: as it is when it cites it, else "in § 25-101, …". */
function sectionNamed(reason: string, section: string): string {
  return reason.includes(`§ ${section}`) ? reason : `in § ${section}, ${reason}`;
}

/** A section's source, or nothing when it cannot be read (its own instructions say so). */
function readOrEmpty(code: CodeIndex, section: string): string {
  try {
    return code.read(code.sections.get(section)!);
  } catch {
    return '';
  }
}

/** Text as words are compared when looking for them across a title: quotes straight, white space single. */
function looseText(text: string): string {
  return text.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/\s+/g, ' ');
}

/** A new group's file, as the importer writes one: its word, designation and heading. */
function groupSource(group: NewGroup): string {
  const meta = { prefix: group.prefix, num: group.num, ...(group.heading ? { heading: group.heading } : {}) };
  return `---\n${yamlStringify(meta, { lineWidth: 0 }).trimEnd()}\n---\n`;
}

function notApplied(instruction: Instruction, failure: 'target' | 'applies', reason: string): InstructionOutcome {
  return { instruction, applied: false, failure, reason, struck: [], inserted: [] };
}

export const OccurrenceSchema = Type.Union([
  Type.Object({ kind: Type.Literal('every') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('nth'), n: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('last') }, { additionalProperties: false }),
  Type.Object({ kind: Type.Literal('only') }, { additionalProperties: false }),
]);

const InsertionPointSchema = Type.Union([
  Type.Object({ kind: Type.Union([Type.Literal('before'), Type.Literal('after')]), anchor: Type.String(), occurrence: OccurrenceSchema }, { additionalProperties: false }),
  Type.Object({ kind: Type.Union([Type.Literal('beginning'), Type.Literal('end')]) }, { additionalProperties: false }),
]);

/** One instruction in amendments.json: the fields of its operation (see instruction.ts) are those its `operation` has. */
export const AmendmentEntrySchema = Type.Object(
  {
    place: Type.Object(
      {
        file: Type.String({ description: 'The source file, relative to the workspace, with forward slashes' }),
        line: Type.Optional(Type.Integer({ minimum: 1 })),
        column: Type.Optional(Type.Integer({ minimum: 1 })),
      },
      { additionalProperties: false },
    ),
    section: Type.String({ description: 'The ordinance section (stable id) that holds it' }),
    act: Type.Optional(Type.String({ description: 'The act the target section codifies, as the instruction or its lead-in names it by law ("D.C. Law 16-69")' })),
    form: Type.Union([Type.Literal('prose'), Type.Literal('annotation')]),
    prose: Type.String({ description: 'The sentence (or annotation) it was read from, as written' }),
    operation: Type.Enum(['strike', 'insert', 'add', 'rewrite', 'repeal', 'redesignate'] as const),
    target: Type.Object(
      {
        section: Type.String({ description: "The code section's designation" }),
        path: Type.String({ description: 'The subdivision path below the section ("(a)(4)(B)"); empty for the whole section' }),
        part: Type.Optional(Type.Union([Type.Literal('text'), Type.Literal('heading')])),
        within: Type.Optional(
          Type.Union(
            [
              Type.Object(
                { kind: Type.Literal('title'), title: Type.String(), prefix: Type.String({ description: "The start its sections' designations share" }) },
                { additionalProperties: false },
              ),
              Type.Object(
                {
                  kind: Type.Literal('amended'),
                  by: Type.String({ description: 'The amending act\'s section: "section 6142 of D.C. Law 24-45"' }),
                  sections: Type.Array(Type.String(), { description: 'The code sections its history notes say it amended' }),
                },
                { additionalProperties: false },
              ),
            ],
            {
              description:
                "An instruction on each of several code sections where its words stand (`section` and `path` empty): every section of a title, or those an amending act's section amended",
            },
          ),
        ),
        nth: Type.Optional(
          Type.Array(Type.Integer({ minimum: 1 }), {
            description:
              'Which of the subdivisions each designation of the path names, counted in order among its siblings, where the law gives two one designation ("the second paragraph (17)")',
          }),
        ),
      },
      { additionalProperties: false },
    ),
    words: Type.Optional(Type.String()),
    occurrence: Type.Optional(OccurrenceSchema),
    insert: Type.Optional(Type.String()),
    at: Type.Optional(InsertionPointSchema),
    text: Type.Optional(Type.String()),
    designations: Type.Optional(Type.Array(Type.String())),
    after: Type.Optional(Type.String()),
    heading: Type.Optional(Type.String()),
    group: Type.Optional(
      Type.Object(
        { prefix: Type.String(), num: Type.String(), heading: Type.Optional(Type.String()) },
        { additionalProperties: false, description: 'The group of the code the new sections make up, when the instruction adds one whole' },
      ),
    ),
    from: Type.Optional(Type.Array(Type.String())),
    to: Type.Optional(Type.Array(Type.String())),
    nth: Type.Optional(Type.Integer({ minimum: 1, description: 'Which of the subdivisions `from` names, where several share its designation ("The second subsection (k)")' })),
    applied: Type.Boolean(),
    failure: Type.Optional(
      Type.Union([Type.Literal('target'), Type.Literal('applies')], {
        description: 'Why it did not apply: its target is not in the code, or it does not fit what the law there says',
      }),
    ),
    reason: Type.Optional(Type.String({ description: 'Why it did not apply, quoting what the law holds there' })),
    struck: Type.Array(Type.String()),
    inserted: Type.Array(Type.String()),
    conforming: Type.Optional(
      Type.Array(
        Type.Object(
          {
            kind: Type.Literal('conforming'),
            before: Type.String({ description: "The act's words" }),
            after: Type.String({ description: "The code's words, as the codifier publishes them" }),
            why: Type.String(),
          },
          { additionalProperties: false },
        ),
        { description: "The codifier's conforming edits of the words it puts into the code (`amend --codify`): `inserted` holds the code's words, the act its own" },
      ),
    ),
  },
  { additionalProperties: false },
);

/** amendments.json. */
export const AmendmentsFileSchema = Type.Object(
  {
    instructions: Type.Array(AmendmentEntrySchema),
    sections: Type.Array(
      Type.Object(
        { section: Type.String(), file: Type.String({ description: "The section's file in the code, relative to the code's folder" }), added: Type.Boolean() },
        { additionalProperties: false },
      ),
      { description: 'The code sections the instructions change: each with every instruction that targets it applied' },
    ),
    groups: Type.Optional(
      Type.Array(Type.Object({ file: Type.String({ description: "The new group's file in the code, relative to the code's folder" }) }, { additionalProperties: false }), {
        description: 'The groups of the code (chapters, articles) the instructions add whole, each a new folder with its group file',
      }),
    ),
    left: Type.Optional(
      Type.Array(
        Type.Object(
          {
            section: Type.String(),
            file: Type.Optional(Type.String({ description: "The section's file in the code, when it is there" })),
            reasons: Type.Array(Type.String(), { description: 'Why each instruction on it that does not apply does not' }),
          },
          { additionalProperties: false },
        ),
        { description: 'The code sections left as they were because an instruction on them does not apply (`amend --keep-going`)' },
      ),
    ),
    unread: Type.Optional(
      Type.Array(
        Type.Object(
          {
            place: Type.Object(
              { file: Type.String(), line: Type.Optional(Type.Integer({ minimum: 1 })), column: Type.Optional(Type.Integer({ minimum: 1 })) },
              { additionalProperties: false },
            ),
            sentence: Type.String(),
            expected: Type.String(),
          },
          { additionalProperties: false },
        ),
        { description: 'Sentences that read as instructions but do not parse: what they say is not applied' },
      ),
    ),
  },
  {
    additionalProperties: false,
    title: 'Amendments',
    description: 'Every amending instruction with its place, operation, target, the words struck and inserted, and whether it applied (amendments.json).',
  },
);

export type AmendmentsFile = Static<typeof AmendmentsFileSchema>;

/** amendments.json: every instruction with its place, operation, target, the words struck and inserted, and whether it applied. */
export function amendmentsJson(amendments: Amendments, relativeTo: string): string {
  const entries = amendments.outcomes.map(({ instruction: i, applied, failure, reason, struck, inserted, conforming }): AmendmentsFile['instructions'][number] => {
    const { target, prose, source, form, sectionId, op, ...operation } = i;
    const start = source.position?.start;
    return {
      place: { file: placeOf(source.file.path, relativeTo), ...(start ? { line: start.line, column: start.column } : {}) },
      section: sectionId,
      form,
      prose,
      operation: op,
      target: {
        section: target.section,
        path: target.path.join(''),
        ...(target.part && target.part !== 'all' ? { part: target.part } : {}),
        ...(target.nth ? { nth: target.nth } : {}),
        ...(target.within ? { within: target.within } : {}),
      },
      ...operation,
      applied,
      ...(applied ? {} : { failure, reason }),
      struck,
      inserted,
      ...(conforming ? { conforming } : {}),
    };
  });
  const sections = writable(amendments).map((s) => ({ section: s.section, file: s.file, added: s.before === null }));
  const groups = writableGroups(amendments).map((g) => ({ file: g.file }));
  const left = leftSections(amendments).map((s) => ({
    section: s.section,
    ...(s.file ? { file: s.file } : {}),
    reasons: s.outcomes.filter((o) => !o.applied).map((o) => o.reason ?? 'it does not apply'),
  }));
  const unread = amendments.unparsed.map((u) => {
    const start = u.source.position?.start;
    return { place: { file: placeOf(u.source.file.path, relativeTo), ...(start ? { line: start.line, column: start.column } : {}) }, sentence: u.sentence, expected: u.expected };
  });
  const file: AmendmentsFile = { instructions: entries, sections, ...(groups.length ? { groups } : {}), ...(left.length ? { left } : {}), ...(unread.length ? { unread } : {}) };
  return `${JSON.stringify(file, null, 2)}\n`;
}

function placeOf(file: string, relativeTo: string): string {
  return path.relative(relativeTo, path.resolve(file)).split(path.sep).join('/');
}

/** The new groups that may be written: those holding a section that may be. */
export function writableGroups(amendments: Amendments): AddedGroup[] {
  const written = writable(amendments).map((s) => s.file);
  return amendments.groups.filter((g) => written.some((f) => f.startsWith(`${path.posix.dirname(g.file)}/`)));
}

/** The amended sections that may be written: changed, with every instruction on them applied. */
export function writable(amendments: Amendments): AmendedSection[] {
  return amendments.sections.filter((s) => s.changed && s.outcomes.every((o) => o.applied));
}

/**
 * The code sections left as they were because an instruction on them does not
 * apply: each with those instructions' outcomes (a section the code lacks has
 * no file).
 */
export function leftSections(amendments: Amendments): { section: string; file?: string | undefined; outcomes: InstructionOutcome[] }[] {
  const left = new Map<string, { section: string; file?: string | undefined; outcomes: InstructionOutcome[] }>();
  for (const s of amendments.sections) if (s.outcomes.some((o) => !o.applied)) left.set(s.section, { section: s.section, file: s.file, outcomes: s.outcomes });
  for (const o of amendments.outcomes) {
    if (o.applied) continue;
    const key = o.instruction.target.section;
    if (!left.has(key)) left.set(key, { section: key, outcomes: amendments.outcomes.filter((x) => x.instruction.target.section === key) });
  }
  return [...left.values()];
}

/** What build publishes for an amending ordinance: `amendments.json`, and each changed section's new source under `amended/`, laid out as the code's folders. */
export function amendedOutputs(amendments: Amendments, workspace: string): Record<string, string> {
  const outputs: Record<string, string> = { 'amendments.json': amendmentsJson(amendments, workspace) };
  for (const section of writable(amendments)) outputs[`amended/${section.file}`] = section.after;
  for (const group of writableGroups(amendments)) outputs[`amended/${group.file}`] = group.source;
  return outputs;
}
