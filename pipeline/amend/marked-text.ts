/**
 * New text as San Francisco writes it after "… is hereby amended by revising
 * Section 12H.2, to read as follows:": the section as it will read, with its
 * changes marked (additions `:ins[…]`, deletions `:del[…]`, resolved as the
 * text is read: marks.ts) and the unchanged subsections left out, each gap a
 * row of asterisks ("* * * *"). Here each gap is filled with the law it
 * stands for: the units of the section as it reads now between the
 * designations on either side of the gap.
 */
import { pathsOf } from './apply-target.js';
import { plain, type Unit } from './apply-units.js';

/** A row of asterisks standing for unchanged text left out: "* * * *", "\* \* \*". */
const ELISION = /^(?:\\?\*\s*){3,}$/;

/** Whether a unit is a gap for unchanged text left out. */
export function isElision(unit: Unit): boolean {
  return unit.kind === 'text' && ELISION.test(plain(unit.children).trim());
}

/** Whether quoted new text, as written, has a row of asterisks on a line of its own (unchanged text left out). */
export function writesGaps(text: string): boolean {
  return text.split('\n').some((line) => ELISION.test(line.trim()));
}

/** Whether new text leaves unchanged parts out ("* * * *"): the units then need the law as it reads to fill the gaps. */
export function hasGaps(units: readonly Unit[]): boolean {
  return units.some(isElision);
}

/**
 * Each gap filled with the old units it stands for: from where the text
 * before the gap left the old law up to the old unit the text after it
 * names. A string says why a gap cannot be filled (the designation after it
 * is not in the law).
 */
export function fillGaps(resolved: readonly Unit[], old: readonly Unit[]): Unit[] | string {
  const newPaths = pathsOf(resolved);
  const oldPaths = pathsOf(old).map((p) => p.join(''));
  const out: Unit[] = [];
  let cursor = 0;
  for (const [i, unit] of resolved.entries()) {
    if (!isElision(unit)) {
      if (unit.kind === 'open') {
        const at = oldPaths.indexOf(newPaths[i]!.join(''), 0);
        if (at !== -1 && at >= cursor) cursor = at + 1;
      } else if (old[cursor]?.kind === 'text' && old[cursor]!.depth === unit.depth) cursor++;
      out.push(unit);
      continue;
    }
    // The gap ends where the next designated unit of the new text stands in the old law.
    const next = resolved.slice(i + 1).findIndex((u) => u.kind === 'open');
    let end = old.length;
    if (next !== -1) {
      const path = newPaths[i + 1 + next]!.join('');
      end = oldPaths.indexOf(path, cursor);
      if (end === -1) {
        // A new subdivision after the gap: the gap runs to the end of its parent in the old law.
        const parent = newPaths[i + 1 + next]!.slice(0, -1).join('');
        const inParent = oldPaths.map((p, j) => (j >= cursor && p.startsWith(parent) ? j : -1)).filter((j) => j !== -1);
        if (inParent.length === 0) return `the text after “* * * *” begins ${newPaths[i + 1 + next]!.join('')}, which is not in the law as it reads`;
        end = inParent[inParent.length - 1]! + 1;
      }
    }
    out.push(...old.slice(cursor, end).map((u) => ({ ...u })));
    cursor = end;
  }
  return out;
}
