/**
 * Apply amending instructions to a code section: the section's source file
 * (as `ordinance import dc-code` writes it) and the instructions that target
 * it in, the amended source file and what became of each instruction out.
 *
 * The section is read into a flat list of units (a subdivision opening with
 * its designation and depth, more text of the open subdivision, a table),
 * each instruction changes the units it targets, and the units are written
 * back the way the importer writes them: with "(a)" markers where the
 * format's inference reads them back exactly, with explicit `::subdivision`
 * depths otherwise. Only the instructed words change: struck words are found
 * in the text as written (straight and curly quotes alike), inserted words are
 * the instruction's own.
 */
import type { Paragraph, PhrasingContent, Root, RootContent, Text } from 'mdast';
import type { LeafDirective } from 'mdast-util-directive';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkParse from 'remark-parse';
import { unified } from 'unified';
import { parse as yamlParse, stringify as yamlStringify } from 'yaml';
import { markdown } from '../import/dc-code/import.js';
import remarkGfmTables from '../parse/gfm-tables.js';
import { readsBack, sectionId, type PlanStep } from '../import/dc-code/section.js';
import { baseLabel, leadingMarkers, levelOf, ordinalAt } from '../model/subdivisions.js';
import type { Instruction, InstructionOutcome, Occurrence } from './instruction.js';

/** How the code marks what an instruction repealed (the District's codification: "Repealed." and "(b) [Repealed]."). */
export interface RepealWording {
  section: string;
  subdivision: string;
}

export const DEFAULT_REPEAL_WORDING: RepealWording = { section: 'Repealed.', subdivision: 'Repealed.' };

/** The text of a subdivision that only keeps its place ("(b) Repealed.", "(4) [Not funded]."): new text may take its designation. */
const PLACEHOLDER = /^\[?(repealed|not funded|reserved|expired|omitted)\]?\.?$/i;

export interface ApplyOptions {
  repealed?: RepealWording;
}

/** A section after its instructions: its new source, and each instruction's outcome in order. */
export interface SectionAmendment {
  /** The amended source file (unchanged text when nothing applied). */
  source: string;
  changed: boolean;
  outcomes: InstructionOutcome[];
}

/** One block of a section's body, flattened. */
interface Unit {
  /** open: opens a subdivision (its designation in `num`); text: more text of the open subdivision; block: a table or other block kept whole. */
  kind: 'open' | 'text' | 'block';
  num: string;
  /** Depth of the subdivision it opens or belongs to (0: the section itself). */
  depth: number;
  children: PhrasingContent[];
  node?: RootContent | undefined;
}

interface SectionSource {
  front: Record<string, unknown>;
  units: Unit[];
  /** Annotations (history, notes) and anything after them, kept as they are. */
  tail: RootContent[];
}

// Tables and strikethrough as the format reads them; no autolinks ("www.example.com" stays text, as the importer wrote it).
const reader = unified().use(remarkParse).use(remarkFrontmatter, ['yaml']).use(remarkDirective).use(remarkGfmTables);

const PAREN_LABEL = /^\(([A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)\)$/;

/** Apply `instructions` (all targeting this section) to a section file's source, one after another. */
export function applyToSection(source: string, instructions: readonly Instruction[], options: ApplyOptions = {}): SectionAmendment {
  const section = readSection(source);
  const outcomes: InstructionOutcome[] = [];
  let changed = false;
  const repealed = options.repealed ?? repealWordingOf(section.units);
  for (const instruction of instructions) {
    const outcome = applyOne(section, instruction, repealed);
    outcomes.push(outcome);
    if (outcome.applied) changed = true;
  }
  return { source: changed ? writeSection(section) : source, changed, outcomes };
}

/**
 * The source file of a section an instruction adds to the code ("by adding a
 * new section 223a to read as follows:"): `number` is its designation in the
 * code, the instruction's `heading` its heading and its text the body.
 */
export function newSectionSource(instruction: Instruction & { op: 'add' }, number: string): string {
  let units = parseText(instruction.text, []);
  let heading = instruction.heading;
  // The new text may open with the section's own heading line: "§ 24-211.07. Heading.".
  const line = units[0]?.kind === 'text' ? sectionHeading(plain(units[0].children)) : null;
  if (line !== null) {
    heading ??= line;
    units = units.slice(1);
  }
  const meta: Record<string, unknown> = { id: sectionId(number), number, heading: heading || undefined, kind: 'code-section' };
  return writeSection({ front: dropUndefined(meta), units, tail: [] });
}

/** Whether an instruction adds a whole section to the code (rather than subdivisions to one). */
export function addsSection(instruction: Instruction): boolean {
  return instruction.op === 'add' && instruction.target.path.length === 0 && instruction.designations.every((d) => !d.trim().startsWith('('));
}

/** The heading in a section's heading line ("§ 24-211.07. Heading." → "Heading."), or null when the line is not one. */
function sectionHeading(line: string): string | null {
  const match = /^§\s*[^\s.]+(?:\.[^\s.]+)*\.\s+(.*)$/.exec(line.trim());
  return match ? match[1]!.trim() : null;
}

function dropUndefined(meta: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(meta).filter(([, v]) => v !== undefined));
}

/** How the section already marks a repealed subdivision ("[Repealed]." or "Repealed."), else the default. */
function repealWordingOf(units: readonly Unit[]): RepealWording {
  for (const unit of units) {
    const text = plain(unit.children).trim();
    if (unit.kind === 'open' && /^\[?repealed\]?\.?$/i.test(text)) return { ...DEFAULT_REPEAL_WORDING, subdivision: text };
  }
  return DEFAULT_REPEAL_WORDING;
}

/** Read a section file into front matter, units and annotations. */
function readSection(source: string): SectionSource {
  const tree = reader.parse(source) as Root;
  let front: Record<string, unknown> = {};
  const units: Unit[] = [];
  const tail: RootContent[] = [];
  const stack: Open[] = [];
  for (const node of tree.children) {
    if (node.type === 'yaml') {
      front = (yamlParse(node.value) as Record<string, unknown> | null) ?? {};
      continue;
    }
    if (tail.length > 0 || (node.type === 'containerDirective' && node.name === 'annotation')) {
      tail.push(node);
      continue;
    }
    units.push(...unitsOf(node, stack, 0));
  }
  return { front, units, tail };
}

interface Open {
  level: number;
  label: string;
}

/**
 * The units of one block. `stack` holds the open subdivisions (and is
 * updated); `base` is the depth below which this text may not close them
 * (the subdivisions around quoted new text).
 */
function unitsOf(node: RootContent, stack: Open[], base: number): Unit[] {
  if (node.type === 'leafDirective' && node.name === 'subdivision') {
    const depth = base + Math.max(0, Number(node.attributes?.depth ?? 0) || 0);
    const num = node.attributes?.num;
    if (num === undefined || num === null) {
      stack.length = Math.min(stack.length, depth);
      return [{ kind: 'text', num: '', depth: stack.length, children: node.children }];
    }
    stack.length = Math.min(stack.length, Math.max(0, depth - 1));
    while (stack.length < depth - 1) stack.push({ level: 0, label: '' });
    const label = PAREN_LABEL.exec(num)?.[1] ?? num;
    stack.push({ level: levelOf(label, levels(stack)), label });
    return [{ kind: 'open', num, depth: stack.length, children: node.children }];
  }
  if (node.type === 'paragraph') {
    const first = node.children[0];
    const markers = first?.type === 'text' ? leadingMarkers(first.value) : { labels: [] as string[], length: 0 };
    if (markers.labels.length === 0) return [{ kind: 'text', num: '', depth: stack.length, children: node.children }];
    const out: Unit[] = [];
    for (const label of markers.labels) {
      const level = levelOf(label, levels(stack));
      while (stack.length > base && stack[stack.length - 1]!.level >= level) stack.pop();
      stack.push({ level, label });
      out.push({ kind: 'open', num: `(${label})`, depth: stack.length, children: [] });
    }
    const rest = (first as Text).value.slice(markers.length);
    out[out.length - 1]!.children = [...(rest ? [{ type: 'text', value: rest } as Text] : []), ...node.children.slice(1)];
    return out;
  }
  return [{ kind: 'block', num: '', depth: stack.length, children: [], node }];
}

function levels(stack: Open[]): Map<number, string> {
  return new Map(stack.filter((o) => o.level > 0).map((o) => [o.level, o.label]));
}

/**
 * Quoted new text (Markdown in the format, each subdivision with its marker)
 * as units below the subdivisions `around` (designations, outermost first).
 */
function parseText(text: string, around: readonly Unit[]): Unit[] {
  const tree = reader.parse(text) as Root;
  const stack: Open[] = [];
  for (const unit of around) {
    const label = PAREN_LABEL.exec(unit.num)?.[1] ?? unit.num;
    stack.push({ level: levelOf(label, levels(stack)), label });
  }
  const base = around.length;
  return tree.children.filter((n) => n.type !== 'yaml').flatMap((node) => unitsOf(node, stack, base));
}

/** Write a section back as the importer writes it. */
function writeSection(section: SectionSource): string {
  const front = yamlStringify(dropUndefined(section.front), { lineWidth: 0 }).trimEnd();
  const tree: Root = { type: 'root', children: [{ type: 'yaml', value: front }, ...writeUnits(section.units), ...section.tail] };
  return markdown.stringify(tree);
}

/** Units as blocks: markers when they read back as the same subdivisions, explicit depths otherwise. */
function writeUnits(units: readonly Unit[]): RootContent[] {
  const plan: PlanStep[] = [];
  let markers = true;
  const nodes = units.map((unit): RootContent => {
    if (unit.kind === 'block') {
      plan.push({ node: unit.node!, kind: 'text', depth: unit.depth });
      return unit.node!;
    }
    if (unit.kind === 'text') {
      const node: Paragraph = { type: 'paragraph', children: unit.children };
      plan.push({ node, kind: 'text', depth: unit.depth });
      return node;
    }
    const label = PAREN_LABEL.exec(unit.num)?.[1];
    if (label === undefined) markers = false;
    const node: Paragraph = { type: 'paragraph', children: [{ type: 'text', value: `${unit.num}${unit.children.length ? ' ' : ''}` }, ...unit.children] };
    plan.push({ node, kind: 'marker', label: label ?? '', depth: unit.depth });
    return node;
  });
  if (markers && readsBack(plan)) return nodes;
  return units.map((unit): RootContent => {
    if (unit.kind === 'block') return unit.node!;
    const attributes: Record<string, string> = unit.kind === 'open' ? { num: unit.num, depth: String(unit.depth) } : { depth: String(unit.depth) };
    const node: LeafDirective = { type: 'leafDirective', name: 'subdivision', attributes, children: unit.children };
    return node;
  });
}

/** The designations of the subdivisions open at each unit, outermost first. */
function pathsOf(units: readonly Unit[]): string[][] {
  const stack: string[] = [];
  return units.map((unit) => {
    if (unit.kind === 'open') {
      stack.length = Math.max(0, unit.depth - 1);
      stack.push(normalizeDesignation(unit.num));
      return [...stack];
    }
    return stack.slice(0, unit.depth);
  });
}

/** A designation as compared: without spaces, and without the brackets an editor puts around one ("[(f)]"). */
function normalizeDesignation(num: string): string {
  const bare = num.replace(/\s+/g, '');
  return /^\[\(.*\)\]$/.test(bare) ? bare.slice(1, -1) : bare;
}

/** "§ 24-211.07(a)(1)": a target as the law cites it, for messages. */
export function citeTarget(section: string, path: readonly string[]): string {
  return `§ ${section}${path.join('')}`;
}

/** The units an instruction's target covers: [start, end), and the index of its opening unit (-1 for the whole section). */
interface Range {
  start: number;
  end: number;
  open: number;
}

function findRange(units: readonly Unit[], path: readonly string[]): Range | null {
  if (path.length === 0) return { start: 0, end: units.length, open: -1 };
  const want = path.map(normalizeDesignation);
  const paths = pathsOf(units);
  let open = units.findIndex((u, i) => u.kind === 'open' && sameList(paths[i]!, want));
  // "(a)(1)" where the Council's markup addresses an undesignated para the code holds as the section's own: "(1)".
  if (open === -1 && want.length > 1 && want[0] === UNDESIGNATED && !units.some((u, i) => u.kind === 'open' && paths[i]![0] === UNDESIGNATED))
    return findRange(units, want.slice(1));
  if (open === -1) {
    // Codes cite a subdivision of a section that is all one subsection without it ("§ 3-1201.01(1B)" for (a)(1B)): one that ends so, and only one.
    const matches = units.flatMap((u, i) => (u.kind === 'open' && paths[i]!.length > want.length && sameList(paths[i]!.slice(-want.length), want) ? [i] : []));
    if (matches.length !== 1) return null;
    open = matches[0]!;
    want.splice(0, want.length, ...paths[open]!);
  }
  let end = open + 1;
  while (end < units.length && startsWith(paths[end]!, want)) end++;
  return { start: open, end, open };
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function startsWith(a: readonly string[], prefix: readonly string[]): boolean {
  return a.length >= prefix.length && prefix.every((x, i) => x === a[i]);
}

/** How the Council's markup addresses an undesignated para ("§ 1-612.04|(a)|(1)"): the law prints no number there, and the code holds its paras as the section's own. */
const UNDESIGNATED = '(a)';

/** What the code holds at `path`, for a message: the nearest existing ancestor and its subdivisions. */
function describeMissing(units: readonly Unit[], section: string, path: readonly string[]): string {
  const paths = pathsOf(units);
  for (let n = path.length - 1; n >= 0; n--) {
    const parent = path.slice(0, n).map(normalizeDesignation);
    if (n > 0 && !units.some((u, i) => u.kind === 'open' && sameList(paths[i]!, parent))) continue;
    const children = units.filter((u, i) => u.kind === 'open' && paths[i]!.length === n + 1 && startsWith(paths[i]!, parent)).map((u) => u.num);
    const where = citeTarget(section, parent);
    if (children.length === 0) return `${where} has no subdivisions`;
    return `${where} has ${children.length === 1 ? 'only' : ''} ${listDesignations(children)}`.replace(/ {2}/g, ' ');
  }
  return `${citeTarget(section, [])} has no such subdivision`;
}

function listDesignations(nums: string[]): string {
  if (nums.length <= 6) return nums.join(', ');
  return `${nums.slice(0, 3).join(', ')}, ..., ${nums.slice(-2).join(', ')}`;
}

/** Plain text of inline content. */
function plain(children: readonly PhrasingContent[]): string {
  let out = '';
  const walk = (node: PhrasingContent | RootContent) => {
    if (node.type === 'text' || node.type === 'inlineCode') out += node.value;
    else if ('children' in node) for (const c of node.children as PhrasingContent[]) walk(c);
  };
  for (const c of children) walk(c);
  return out;
}

/** A quotation of the law for a message, shortened in the middle when long. */
function quote(text: string, max = 160): string {
  const t = text.replace(/\s+/g, ' ').trim();
  return `“${t.length > max ? `${t.slice(0, max - 40)} … ${t.slice(-35)}` : t}”`;
}

/** A text node and where its value starts in the joined text of a target. */
interface Slot {
  node: Text;
  start: number;
}

/** The text nodes of some units, and their values joined (units separated by a line break, so no match spans two). */
function slotsOf(units: readonly Unit[]): { slots: Slot[]; text: string } {
  const slots: Slot[] = [];
  let text = '';
  const walk = (node: PhrasingContent) => {
    if (node.type === 'text') {
      slots.push({ node, start: text.length });
      text += node.value;
    } else if ('children' in node) for (const c of node.children as PhrasingContent[]) walk(c);
  };
  units.forEach((unit, i) => {
    if (i > 0) text += '\n';
    for (const c of unit.children) walk(c);
  });
  return { slots, text };
}

/** Replace [start, end) of the joined text with `insert`, editing the text nodes that hold it. */
function splice(slots: readonly Slot[], start: number, end: number, insert: string): void {
  let placed = false;
  for (const slot of slots) {
    const from = slot.start;
    const to = slot.start + slot.node.value.length;
    if (to < start || from > end) continue;
    if (!placed && start >= from && start <= to) {
      const cut = Math.min(end, to) - from;
      slot.node.value = slot.node.value.slice(0, start - from) + insert + slot.node.value.slice(cut);
      placed = true;
    } else if (placed && from >= start) {
      slot.node.value = slot.node.value.slice(Math.max(0, Math.min(end, to) - from));
    }
  }
}

/** Fold quotes and apostrophes so straight and curly ones match (one character for one: offsets stay). */
function foldQuotes(text: string): string {
  return text.replace(/[\u2018\u2019\u02bc]/g, "'").replace(/[\u201c\u201d]/g, '"');
}

function indexesOf(haystack: string, needle: string): number[] {
  const out: number[] = [];
  if (!needle) return out;
  for (let i = haystack.indexOf(needle); i !== -1; i = haystack.indexOf(needle, i + needle.length)) out.push(i);
  return out;
}

/** Where words occur in a text: exactly as written, or else with quotes folded. */
function occurrencesOf(text: string, words: string): number[] {
  const exact = indexesOf(text, words);
  return exact.length > 0 ? exact : indexesOf(foldQuotes(text), foldQuotes(words));
}

/** The occurrences an instruction means, or why none fit. */
function pick(found: number[], occurrence: Occurrence): number[] | string {
  if (found.length === 0) return 'not found';
  switch (occurrence.kind) {
    case 'every':
      return found;
    case 'nth':
      return found.length >= occurrence.n ? [found[occurrence.n - 1]!] : `found ${times(found.length)}, so there is no occurrence ${occurrence.n}`;
    case 'last':
      return [found[found.length - 1]!];
    default:
      return found.length === 1 ? found : `found ${times(found.length)}; expected once (say which, or "each place it appears")`;
  }
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

const WORD_START = /^[\p{L}\p{N}("“'‘§$]/u;
const WORD_END = /[\p{L}\p{N})"”'’.,;:]$/u;

/** Whether inserted words need a space between them and the text beside them. */
function spaceBetween(before: string, after: string): boolean {
  if (!before || !after) return false;
  if (/\s$/.test(before) || /^\s/.test(after)) return false;
  return WORD_END.test(before) && WORD_START.test(after);
}

function ok(instruction: Instruction, struck: string[], inserted: string[]): InstructionOutcome {
  return { instruction, applied: true, struck, inserted };
}

function failed(instruction: Instruction, failure: 'target' | 'applies', reason: string): InstructionOutcome {
  return { instruction, applied: false, failure, reason, struck: [], inserted: [] };
}

/** Apply one instruction to a section in place. */
function applyOne(section: SectionSource, instruction: Instruction, repealed: RepealWording): InstructionOutcome {
  const { target } = instruction;
  const where = citeTarget(target.section, target.path);
  if (target.part === 'heading') return applyToHeading(section, instruction, where);
  if (instruction.op === 'add') return applyAdd(section, instruction);
  const range = findRange(section.units, target.path);
  if (!range) return failed(instruction, 'target', `${where} does not exist: ${describeMissing(section.units, target.section, target.path)}`);
  switch (instruction.op) {
    case 'strike':
    case 'insert':
      return applyWords(section, instruction, range, where);
    case 'rewrite': {
      const around = ancestors(section.units, range);
      let units = parseText(instruction.text, around);
      if (range.open === -1) {
        const heading = units[0]?.kind === 'text' ? sectionHeading(plain(units[0].children)) : null;
        if (heading !== null) {
          section.front.heading = heading;
          units = units.slice(1);
        }
        const struck = section.units.map((u) => plain(u.children));
        section.units = units;
        return ok(
          instruction,
          struck,
          units.map((u) => plain(u.children)),
        );
      }
      const opener = section.units[range.open]!;
      if (units[0]?.kind !== 'open') {
        const first = units[0];
        units = [{ kind: 'open', num: opener.num, depth: opener.depth, children: first?.kind === 'text' ? first.children : [] }, ...units.slice(first?.kind === 'text' ? 1 : 0)];
      }
      const struck = section.units.slice(range.start, range.end).map((u) => plain(u.children));
      section.units.splice(range.start, range.end - range.start, ...units);
      return ok(
        instruction,
        struck,
        units.map((u) => plain(u.children)),
      );
    }
    case 'repeal': {
      const struck = section.units.slice(range.start, range.end).map((u) => plain(u.children));
      if (range.open === -1) {
        section.front.status = 'repealed';
        section.units = [{ kind: 'text', num: '', depth: 0, children: [{ type: 'text', value: repealed.section }] }];
        return ok(instruction, struck, []);
      }
      const opener = section.units[range.open]!;
      section.units.splice(range.start, range.end - range.start, { kind: 'open', num: opener.num, depth: opener.depth, children: [{ type: 'text', value: repealed.subdivision }] });
      return ok(instruction, struck, []);
    }
    case 'redesignate':
      return applyRedesignate(section, instruction, range, where);
  }
}

/** The opening units of the subdivisions around a range's target, outermost first (the target's parent and up). */
function ancestors(units: readonly Unit[], range: Range): Unit[] {
  if (range.open === -1) return [];
  const out: Unit[] = [];
  let depth = units[range.open]!.depth - 1;
  for (let i = range.open - 1; i >= 0 && depth > 0; i--) {
    const unit = units[i]!;
    if (unit.kind === 'open' && unit.depth === depth) {
      out.unshift(unit);
      depth--;
    }
  }
  return out;
}

/** The units an instruction's words act on: the whole target, or its own text before its first subdivision. */
function wordUnits(units: readonly Unit[], range: Range, part: 'all' | 'text' | 'heading' | undefined): Unit[] {
  const all = units.slice(range.start, range.end).filter((u) => u.kind !== 'block');
  if (part !== 'text') return all;
  const depth = range.open === -1 ? 0 : units[range.open]!.depth;
  const out: Unit[] = [];
  for (const unit of all) {
    if (unit.kind === 'open' && unit.depth > depth) break;
    out.push(unit);
  }
  return out;
}

function applyToHeading(section: SectionSource, instruction: Instruction, where: string): InstructionOutcome {
  const heading = typeof section.front.heading === 'string' ? section.front.heading : '';
  if (instruction.op === 'rewrite') {
    section.front.heading = instruction.text.trim();
    return ok(instruction, [heading], [instruction.text.trim()]);
  }
  if (instruction.op !== 'strike' && instruction.op !== 'insert')
    return failed(instruction, 'applies', `the heading of ${where} can only have words struck, inserted or be rewritten`);
  const node: Text = { type: 'text', value: heading };
  const unit: Unit = { kind: 'text', num: '', depth: 0, children: [node] };
  const outcome = applyWords({ ...section, units: [unit] }, instruction, { start: 0, end: 1, open: -1 }, `the heading of ${where}`);
  if (outcome.applied) section.front.heading = node.value;
  return outcome;
}

function applyWords(section: SectionSource, instruction: Instruction & { op: 'strike' | 'insert' }, range: Range, where: string): InstructionOutcome {
  const units = wordUnits(section.units, range, instruction.target.part);
  const { slots, text } = slotsOf(units);
  const law = () => `${where} reads ${quote(text.replace(/\n/g, ' '))}`;
  if (instruction.op === 'strike') {
    const words = instruction.words.replace(/\s+/g, ' ');
    const found = occurrencesOf(text, words);
    const chosen = pick(found, instruction.occurrence);
    if (typeof chosen === 'string') {
      const why = chosen === 'not found' ? `${quote(words)} does not occur in ${where}, which reads ${quote(text.replace(/\n/g, ' '))}` : `${quote(words)} in ${where}: ${chosen}`;
      return failed(instruction, 'applies', why);
    }
    const struck: string[] = [];
    for (const at of [...chosen].reverse()) {
      const end = at + words.length;
      struck.unshift(text.slice(at, end));
      const insert = instruction.insert ?? '';
      if (!insert) {
        // Striking words leaves one space where two met, and none before punctuation.
        const before = text.slice(0, at);
        const after = text.slice(end);
        if (/ $/.test(before) && (/^ /.test(after) || /^[.,;:)]/.test(after) || after === '' || after.startsWith('\n'))) {
          splice(slots, at - 1, end, '');
          continue;
        }
      }
      splice(slots, at, end, insert);
    }
    return ok(instruction, struck, instruction.insert ? chosen.map(() => instruction.insert!) : []);
  }
  const { at } = instruction;
  const words = instruction.words;
  let point: number;
  if (at.kind === 'before' || at.kind === 'after') {
    const found = occurrencesOf(text, at.anchor.replace(/\s+/g, ' '));
    const chosen = pick(found, at.occurrence);
    if (typeof chosen === 'string') {
      const why =
        chosen === 'not found' ? `${quote(at.anchor)} does not occur in ${where}, which reads ${quote(text.replace(/\n/g, ' '))}` : `${quote(at.anchor)} in ${where}: ${chosen}`;
      return failed(instruction, 'applies', why);
    }
    for (const start of [...chosen].reverse()) {
      point = at.kind === 'before' ? start : start + at.anchor.replace(/\s+/g, ' ').length;
      insertAt(slots, text, point, words);
    }
    return ok(
      instruction,
      [],
      chosen.map(() => words),
    );
  }
  if (units.length === 0 || slots.length === 0) return failed(instruction, 'applies', `${where} has no text to insert into (${law()})`);
  if (at.kind === 'beginning') {
    point = slotsOf([units[0]!]).text.length > 0 ? 0 : 0;
  } else {
    point = text.length;
  }
  insertAt(slots, text, point, words);
  return ok(instruction, [], [words]);
}

function insertAt(slots: readonly Slot[], text: string, point: number, words: string): void {
  const before = text.slice(0, point);
  const after = text.slice(point);
  const lead = spaceBetween(before, words) ? ' ' : '';
  const trail = spaceBetween(words, after) ? ' ' : '';
  splice(slots, point, point, `${lead}${words}${trail}`);
}

/** The sort key of a designation among its siblings: its ordinal, then what was inserted after it ("1A", "a-1"). */
function designationKey(num: string, level: number): [number, string] {
  const label = PAREN_LABEL.exec(num.replace(/\s+/g, ''))?.[1] ?? num;
  const base = baseLabel(label);
  return [ordinalAt(base, level), label.slice(base.length)];
}

function compareKeys(a: [number, string], b: [number, string]): number {
  if (a[0] !== b[0]) return a[0] - b[0];
  if (a[1] === b[1]) return 0;
  return a[1] < b[1] ? -1 : 1;
}

function applyAdd(section: SectionSource, instruction: Instruction & { op: 'add' }): InstructionOutcome {
  let { target } = instruction;
  const where = citeTarget(target.section, target.path);
  if (instruction.after) {
    // The sibling it follows fixes its parent too: "§ 3-1201.01(1B)" for (a)(1B) of a section that is all one subsection.
    const sibling = findRange(section.units, [...target.path, instruction.after]);
    if (sibling) target = { ...target, path: pathsOf(section.units)[sibling.open]!.slice(0, -1) };
  }
  const range = findRange(section.units, target.path);
  if (!range) return failed(instruction, 'target', `${where} does not exist: ${describeMissing(section.units, target.section, target.path)}`);
  if (addsSection(instruction)) return failed(instruction, 'applies', `${where} already exists: it reads ${quote(section.units.map((u) => plain(u.children)).join(' '))}`);
  const around = range.open === -1 ? [] : [...ancestors(section.units, range), section.units[range.open]!];
  const units = parseText(instruction.text, around);
  const depth = around.length + 1;
  const parent = target.path.map(normalizeDesignation);
  const siblings: number[] = [];
  for (let i = range.start; i < range.end; i++) if (section.units[i]!.kind === 'open' && section.units[i]!.depth === depth) siblings.push(i);
  const top = units.filter((u) => u.kind === 'open' && u.depth === depth);
  const first = top[0];
  if (!first) return failed(instruction, 'applies', `the new text for ${where} does not begin with a designation such as “(${instruction.designations[0] ?? 'a'})”`);
  const level = levelOfUnit(first, around);
  if (!instruction.after && siblings.length > 0 && siblings.every((i) => levelOfUnit(section.units[i]!, around) !== level)) {
    // A paragraph (3A) added to a section that is all one subsection (a): it goes into that subsection, as a path without the wrapping (a) finds it.
    const holders = siblings.filter((i) => section.units.slice(i + 1, endOfSubdivision(section.units, i, range.end)).some((u) => u.kind === 'open' && u.depth === depth + 1));
    if (siblings.length === 1 && holders.length === 1) {
      const inside = applyAdd(section, { ...instruction, target: { ...target, path: [...target.path, section.units[siblings[0]!]!.num] } });
      return { ...inside, instruction }; // the outcome of the instruction as written
    }
    const held = siblings.map((i) => section.units[i]!.num).join(', ');
    return failed(
      instruction,
      'applies',
      `${citeTarget(target.section, [...parent, first.num])} does not fit its place: ${where} holds ${held}, not subdivisions like ${first.num}`,
    );
  }
  for (const unit of top) {
    const clash = siblings.find((i) => normalizeDesignation(section.units[i]!.num) === normalizeDesignation(unit.num));
    if (clash === undefined) continue;
    const holds = plain(section.units[clash]!.children).trim();
    const end = endOfSubdivision(section.units, clash, range.end);
    if (PLACEHOLDER.test(holds) && end === clash + 1 && top.length === 1) {
      // The new subdivision takes the place of one only kept as "Repealed." or "[Not funded].".
      section.units.splice(clash, 1, ...units);
      return ok(
        instruction,
        [holds],
        units.map((u) => `${u.kind === 'open' ? `${u.num} ` : ''}${plain(u.children)}`.trim()),
      );
    }
    return failed(instruction, 'applies', `${citeTarget(target.section, [...parent, unit.num])} already exists: it reads ${quote(holds)}`);
  }
  const endOf = (i: number) => endOfSubdivision(section.units, i, range.end);
  let at: number;
  if (instruction.after) {
    const after = siblings.find((i) => normalizeDesignation(section.units[i]!.num) === normalizeDesignation(instruction.after!));
    if (after === undefined)
      return failed(
        instruction,
        'target',
        `${citeTarget(target.section, [...parent, instruction.after])} does not exist: ${describeMissing(section.units, target.section, [...parent, instruction.after])}`,
      );
    at = endOf(after);
  } else {
    const key = designationKey(first.num, level);
    const before = siblings.filter((i) => compareKeys(designationKey(section.units[i]!.num, level), key) < 0);
    if (before.length > 0) {
      const previous = before[before.length - 1]!;
      at = endOf(previous);
      const fit = fits(section.units[previous]!.num, first.num, level, siblings.length === before.length);
      if (fit) return failed(instruction, 'applies', `${citeTarget(target.section, [...parent, first.num])} ${fit}`);
    } else at = siblings.length > 0 ? siblings[0]! : range.end;
  }
  section.units.splice(at, 0, ...units);
  return ok(
    instruction,
    [],
    units.map((u) => `${u.kind === 'open' ? `${u.num} ` : ''}${plain(u.children)}`.trim()),
  );
}

/** Where the subdivision opened at unit `i` ends (its last descendant's index + 1), within `limit`. */
function endOfSubdivision(units: readonly Unit[], i: number, limit: number): number {
  const depth = units[i]!.depth;
  let end = i + 1;
  while (end < limit && (units[end]!.depth > depth || (units[end]!.kind !== 'open' && units[end]!.depth === depth))) end++;
  return end;
}

function levelOfUnit(unit: Unit, around: readonly Unit[]): number {
  const stack: Open[] = [];
  for (const a of around) {
    const label = PAREN_LABEL.exec(a.num)?.[1] ?? a.num;
    stack.push({ level: levelOf(label, levels(stack)), label });
  }
  return levelOf(PAREN_LABEL.exec(unit.num)?.[1] ?? unit.num, levels(stack));
}

/** Why a new designation does not fit after `previous` (null when it does): a plain one added last must be the next. */
function fits(previous: string, added: string, level: number, last: boolean): string | null {
  const label = PAREN_LABEL.exec(added.replace(/\s+/g, ''))?.[1] ?? added;
  if (!last || baseLabel(label) !== label) return null;
  const prev = designationKey(previous, level);
  const next = designationKey(added, level);
  if (next[0] === prev[0] + 1) return null;
  return `does not fit its place: it would follow ${previous}, after which the next designation is ${nextDesignation(previous, level)}`;
}

function nextDesignation(num: string, level: number): string {
  const label = PAREN_LABEL.exec(num.replace(/\s+/g, ''))?.[1] ?? num;
  const base = baseLabel(label);
  const n = ordinalAt(base, level) + 1;
  if (level === 2) return `(${n})`;
  if (/^[A-Z]$/.test(base)) return `(${String.fromCharCode(64 + n)})`;
  if (/^[a-z]$/.test(base) && level === 1) return `(${String.fromCharCode(96 + n)})`;
  return `(the one after ${num})`;
}

function applyRedesignate(section: SectionSource, instruction: Instruction & { op: 'redesignate' }, range: Range, where: string): InstructionOutcome {
  const { to } = instruction;
  const from = instruction.from.filter((f) => f.trim() !== '');
  if (from.length === 0) {
    // "The existing text is designated as subsection (a)": the target's text becomes its first subdivision, all below it one deeper.
    const designation = to[0];
    if (!designation || to.length !== 1) return failed(instruction, 'applies', `${where}: designating the existing text needs exactly one new designation`);
    const opener = range.open === -1 ? null : section.units[range.open]!;
    const depth = opener ? opener.depth + 1 : 1;
    const inside = section.units.slice(opener ? range.start + 1 : range.start, range.end).map((u) => ({ ...u, depth: u.depth + 1 }));
    let units: Unit[];
    if (opener) {
      units = [{ ...opener, children: [] }, { kind: 'open', num: designation, depth, children: opener.children }, ...inside];
    } else {
      const first = inside[0];
      const lead = first && first.kind === 'text' && first.depth === depth ? first : null;
      units = [{ kind: 'open', num: designation, depth, children: lead ? lead.children : [] }, ...(lead ? inside.slice(1) : inside)];
    }
    section.units.splice(range.start, range.end - range.start, ...units);
    return ok(instruction, [], [designation]);
  }
  if (from.length !== to.length) return failed(instruction, 'applies', `${where}: ${from.length} designations to redesignate as ${to.length}`);
  const depth = range.open === -1 ? 1 : section.units[range.open]!.depth + 1;
  const children = section.units.slice(range.start, range.end).filter((u) => u.kind === 'open' && u.depth === depth);
  const byNum = new Map(children.map((u) => [normalizeDesignation(u.num), u]));
  const missing = from.filter((f) => !byNum.has(normalizeDesignation(f)));
  if (missing.length > 0)
    return failed(
      instruction,
      'target',
      `${citeTarget(instruction.target.section, [...instruction.target.path, missing[0]!])} does not exist: ${describeMissing(section.units, instruction.target.section, [...instruction.target.path, missing[0]!])}`,
    );
  const renamed = from.map((f) => byNum.get(normalizeDesignation(f))!);
  renamed.forEach((unit, i) => {
    unit.num = to[i]!;
  });
  return ok(instruction, from, to);
}
