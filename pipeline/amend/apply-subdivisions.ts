/**
 * Add and redesignate subdivisions: new subdivisions placed among their
 * siblings by designation (or after the one named), taking the place of one
 * only kept as "Repealed.", and refused where their designation does not fit;
 * designations renamed, or the existing text designated.
 */
import { baseLabel, ordinalAt } from '../model/subdivisions.js';
import { failed, ok, quote } from './apply-outcome.js';
import { ancestors, citeTarget, describeMissing, endOfSubdivision, findRange, normalizeDesignation, pathsOf, type Range } from './apply-target.js';
import { levelOfUnit, PAREN_LABEL, parseText, plain, type SectionSource, type Unit } from './apply-units.js';
import type { Instruction, InstructionOutcome } from './instruction.js';
import { illFormed } from './well-formed.js';

/** A designation as printed, in its parentheses once: "(d)" for "d" or "(d)". */
function designationOf(given: string | undefined): string {
  const label = (given ?? 'a').trim().replace(/^\((.*)\)$/, '$1');
  return `(${label})`;
}

/** The text of a subdivision that only keeps its place ("(b) Repealed.", "(4) [Not funded]."): new text may take its designation. */
const PLACEHOLDER = /^\[?(repealed|not funded|reserved|expired|omitted)\]?\.?$/i;

/** Whether an instruction adds a whole section to the code (rather than subdivisions to one). */
export function addsSection(instruction: Instruction): boolean {
  return instruction.op === 'add' && instruction.target.path.length === 0 && instruction.designations.every((d) => !d.trim().startsWith('('));
}

/** Add new subdivisions (or place a new section's text) under a target, in place. */
export function applyAdd(section: SectionSource, instruction: Instruction & { op: 'add' }): InstructionOutcome {
  let { target } = instruction;
  const where = citeTarget(target.section, target.path, target.nth);
  if (instruction.after) {
    // The sibling it follows fixes its parent too: "§ 3-1201.01(1B)" for (a)(1B) of a section that is all one subsection.
    const sibling = findRange(section.units, [...target.path, instruction.after]);
    if (sibling) target = { ...target, path: pathsOf(section.units)[sibling.open]!.slice(0, -1) };
  }
  const range = findRange(section.units, target.path, target.nth);
  if (!range) return failed(instruction, 'target', `${where} does not exist: ${describeMissing(section.units, target.section, target.path)}`);
  if (addsSection(instruction)) return failed(instruction, 'applies', `${where} already exists: it reads ${quote(section.units.map((u) => plain(u.children)).join(' '))}`);
  const around = range.open === -1 ? [] : [...ancestors(section.units, range), section.units[range.open]!];
  const units = parseText(instruction.text, around);
  const wrong = illFormed(units);
  if (wrong) return failed(instruction, 'applies', `the new text for ${where} would leave ${wrong}`);
  const depth = around.length + 1;
  const parent = target.path.map(normalizeDesignation);
  const siblings: number[] = [];
  for (let i = range.start; i < range.end; i++) if (section.units[i]!.kind === 'open' && section.units[i]!.depth === depth) siblings.push(i);
  const top = units.filter((u) => u.kind === 'open' && u.depth === depth);
  const first = top[0];
  if (!first) return failed(instruction, 'applies', `the new text for ${where} does not begin with a designation such as “${designationOf(instruction.designations[0])}”`);
  // Read as a reader reads it after the subdivisions already there: (I) after (H) is the next letter, not a first roman numeral.
  const lastSibling = siblings.length > 0 ? section.units[siblings[siblings.length - 1]!]! : undefined;
  const level = levelOfUnit(first, lastSibling ? [...around, lastSibling] : around);
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

/** Redesignate a target's subdivisions, or designate its existing text, in place. */
export function applyRedesignate(section: SectionSource, instruction: Instruction & { op: 'redesignate' }, range: Range, where: string): InstructionOutcome {
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
  // The first so designated, or the one `nth` names where the law gives two one designation ("The second subsection (k)").
  const byNum = new Map<string, Unit>();
  const seen = new Map<string, number>();
  for (const child of children) {
    const num = normalizeDesignation(child.num);
    const n = (seen.get(num) ?? 0) + 1;
    seen.set(num, n);
    if (n === (instruction.nth ?? 1)) byNum.set(num, child);
  }
  const missing = from.filter((f) => !byNum.has(normalizeDesignation(f)));
  const fewer = instruction.nth !== undefined ? missing.find((f) => seen.has(normalizeDesignation(f))) : undefined;
  if (fewer !== undefined)
    return failed(
      instruction,
      'target',
      `${citeTarget(instruction.target.section, [...instruction.target.path, fewer], [...(instruction.target.nth ?? instruction.target.path.map(() => 1)), instruction.nth!])} does not exist: the law designates ${seen.get(normalizeDesignation(fewer))} subdivision${seen.get(normalizeDesignation(fewer)) === 1 ? '' : 's'} ${fewer} there`,
    );
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
