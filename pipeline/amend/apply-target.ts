/**
 * Where an instruction's target is among a section's units: the subdivision a
 * path designates (as the law cites it, and as codes cite a section that is
 * all one subsection), the range of units it covers, the subdivisions around
 * it, and, when it is missing, what the code holds there instead.
 */
import type { Unit } from './apply-units.js';
import type { AmendmentTarget } from './instruction.js';

/** The designations of the subdivisions open at each unit, outermost first. */
export function pathsOf(units: readonly Unit[]): string[][] {
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
export function normalizeDesignation(num: string): string {
  const bare = num.replace(/\s+/g, '');
  return /^\[\(.*\)\]$/.test(bare) ? bare.slice(1, -1) : bare;
}

/** "§ 24-211.07(a)(1)": a target as the law cites it, for messages ("the second § 44-407(k)" for the later of two the law designates (k)). */
export function citeTarget(section: string, path: readonly string[], nth?: readonly number[]): string {
  const later = nth?.findLastIndex((n) => n > 1) ?? -1;
  const cited = `§ ${section}${path.join('')}`;
  return later === -1 ? cited : `${cited} (the ${ORDINAL_WORDS[nth![later]!] ?? `${nth![later]}th`} ${path[later]} of ${`§ ${section}${path.slice(0, later).join('')}`})`;
}

/** Where an instruction acts, as the law cites it: its section and subdivision, or "every section of title 25 where the words stand". */
export function citeWhere(target: AmendmentTarget): string {
  if (target.within?.kind === 'title') return `every section of title ${target.within.title} where the words stand`;
  if (target.within?.kind === 'amended') return `the section that ${target.within.by} amended where the words stand (§§ ${target.within.sections.join(', ')})`;
  return citeTarget(target.section, target.path, target.nth);
}

const ORDINAL_WORDS: Record<number, string> = { 2: 'second', 3: 'third', 4: 'fourth', 5: 'fifth' };

/** Which of its siblings so designated each open unit is, level by level (1 for the first (17), 2 for a second (17) beside it). */
function occurrencesOf(units: readonly Unit[]): number[][] {
  const stack: number[] = [];
  // Per depth, how many of each designation have opened under the current parent.
  const seen: Map<string, number>[] = [];
  return units.map((unit) => {
    if (unit.kind !== 'open') return stack.slice(0, unit.depth);
    const depth = unit.depth;
    seen.length = depth;
    const siblings = seen[depth - 1] ?? new Map<string, number>();
    seen[depth - 1] = siblings;
    const num = normalizeDesignation(unit.num);
    const n = (siblings.get(num) ?? 0) + 1;
    siblings.set(num, n);
    stack.length = Math.max(0, depth - 1);
    stack.push(n);
    return [...stack];
  });
}

/** The units an instruction's target covers: [start, end), and the index of its opening unit (-1 for the whole section). */
export interface Range {
  start: number;
  end: number;
  open: number;
}

/** The units `path` designates in the section, or null when the code holds no such subdivision. */
export function findRange(units: readonly Unit[], path: readonly string[], nth?: readonly number[]): Range | null {
  if (path.length === 0) return { start: 0, end: units.length, open: -1 };
  const want = path.map(normalizeDesignation);
  const paths = pathsOf(units);
  if (nth?.some((n) => n > 1)) {
    // "The second paragraph (17)": the one so designated after another, nothing guessed when the law has no second.
    const occurrences = occurrencesOf(units);
    const open = units.findIndex((u, i) => u.kind === 'open' && sameList(paths[i]!, want) && want.every((_, k) => (occurrences[i]![k] ?? 1) === (nth[k] ?? 1)));
    return open === -1 ? null : { start: open, end: endOf(units, paths, open, want), open };
  }
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
  return { start: open, end: endOf(units, paths, open, want), open };
}

/** Where the subdivision opened at `open` ends: at the first unit outside its path, or at a sibling designated alike (a second (17)). */
function endOf(units: readonly Unit[], paths: readonly string[][], open: number, want: readonly string[]): number {
  const depth = units[open]!.depth;
  let end = open + 1;
  while (end < units.length && startsWith(paths[end]!, want) && !(units[end]!.kind === 'open' && units[end]!.depth <= depth)) end++;
  return end;
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
export function describeMissing(units: readonly Unit[], section: string, path: readonly string[]): string {
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

/** The opening units of the subdivisions around a range's target, outermost first (the target's parent and up). */
export function ancestors(units: readonly Unit[], range: Range): Unit[] {
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
export function wordUnits(units: readonly Unit[], range: Range, part: 'all' | 'text' | 'heading' | undefined): Unit[] {
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

/** Where the subdivision opened at unit `i` ends (its last descendant's index + 1), within `limit`. */
export function endOfSubdivision(units: readonly Unit[], i: number, limit: number): number {
  const depth = units[i]!.depth;
  let end = i + 1;
  while (end < limit && (units[end]!.depth > depth || (units[end]!.kind !== 'open' && units[end]!.depth === depth))) end++;
  return end;
}
