/**
 * What changed in an ordinance between two versions: its front matter, key by
 * key, and its sections, matched by their stable id (so a section moved or
 * renumbered is the same section, not one deleted and another added), each
 * compared word by word with the redline's own word diff.
 */
import { diffArrays } from 'diff';
import type { Ordinance, Section } from '../model/types.js';
import { readableDiff, type DiffPart } from '../text/word-diff.js';
import { sectionText } from './section-text.js';

/** A front-matter value that changed: its name (dotted for a nested key, "dates.passed"), before and after (undefined: absent). */
export interface FrontMatterChange {
  name: string;
  before: unknown;
  after: unknown;
}

/** A section as it stood in one version. */
export interface SectionVersion {
  /** Its printed number: a code's designation, or its place in the document. */
  number: string;
  heading: string;
  /** Its file, relative to the ordinance folder. */
  file: string;
}

export type SectionChangeKind = 'added' | 'removed' | 'changed' | 'unchanged';

/** One section, in either version or both. */
export interface SectionChange {
  id: string;
  change: SectionChangeKind;
  /** Its place among the sections both versions have changed (not only its number: a section added before it renumbers it without moving it). */
  moved: boolean;
  before: SectionVersion | null;
  after: SectionVersion | null;
  /** The heading's word diff, when it changed. */
  heading?: DiffPart[] | undefined;
  /** The text's word diff (every part unchanged when the text is). */
  text: DiffPart[];
}

/** What changed between two versions of one ordinance. */
export interface OrdinanceDiff {
  slug: string;
  frontMatter: FrontMatterChange[];
  /** Every section, in the order of the version after; a removed section where it stood before. */
  sections: SectionChange[];
}

/** The models compared, kept beside their diff for the redline, which prints from them. */
export interface ComparedOrdinances {
  before: Ordinance | null;
  after: Ordinance | null;
  diff: OrdinanceDiff;
}

function version(ordinance: Ordinance, section: Section): SectionVersion {
  const relative = section.file.path.startsWith(ordinance.dir) ? section.file.path.slice(ordinance.dir.length).replace(/^[\\/]+/, '') : section.file.basename;
  return { number: section.designation ?? String(section.number), heading: section.heading, file: (relative ?? '').split('\\').join('/') };
}

/** Front matter flattened to dotted names ("dates.passed"); a list is one value. */
function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, out);
  } else if (prefix) out.set(prefix, value);
}

/** Front-matter values that differ, in the order the version after names them, then those only the one before had. */
export function frontMatterChanges(before: Ordinance['meta'] | null, after: Ordinance['meta'] | null): FrontMatterChange[] {
  const old = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  flatten(before ?? {}, '', old);
  flatten(after ?? {}, '', now);
  const names = [...now.keys(), ...[...old.keys()].filter((k) => !now.has(k))];
  return names.filter((name) => JSON.stringify(old.get(name)) !== JSON.stringify(now.get(name))).map((name) => ({ name, before: old.get(name), after: now.get(name) }));
}

/** Ids whose place among the sections both versions hold changed: those the longest common order leaves out. */
function movedIds(before: readonly string[], after: readonly string[]): Set<string> {
  const common = new Set(before.filter((id) => after.includes(id)));
  const moved = new Set<string>();
  for (const part of diffArrays(
    before.filter((id) => common.has(id)),
    after.filter((id) => common.has(id)),
  )) {
    if (part.added) for (const id of part.value) moved.add(id);
  }
  return moved;
}

/** What changed from `before` to `after` (either null: the ordinance did not exist in that version). */
export function diffOrdinances(before: Ordinance | null, after: Ordinance | null): OrdinanceDiff {
  const slug = after?.slug ?? before?.slug ?? '';
  const old = new Map((before?.sections ?? []).map((s) => [s.id, s]));
  const now = new Map((after?.sections ?? []).map((s) => [s.id, s]));
  const moved = movedIds([...old.keys()], [...now.keys()]);
  const sections: SectionChange[] = [];
  for (const section of after?.sections ?? []) {
    const previous = old.get(section.id);
    const textAfter = sectionText(section);
    if (!previous) {
      sections.push({ id: section.id, change: 'added', moved: false, before: null, after: version(after!, section), text: [{ value: textAfter, added: true }] });
      continue;
    }
    const textBefore = sectionText(previous);
    const headingChanged = previous.heading !== section.heading;
    sections.push({
      id: section.id,
      change: textBefore === textAfter && !headingChanged ? 'unchanged' : 'changed',
      moved: moved.has(section.id),
      before: version(before!, previous),
      after: version(after!, section),
      ...(headingChanged ? { heading: readableDiff(previous.heading, section.heading) } : {}),
      text: textBefore === textAfter ? [{ value: textAfter }] : readableDiff(textBefore, textAfter),
    });
  }
  // A removed section is listed where it stood: after the section that came before it then (and the removed ones already put there).
  let previousId: string | null = null;
  for (const section of before?.sections ?? []) {
    if (!now.has(section.id)) {
      const at = previousId === null ? 0 : sections.findIndex((s) => s.id === previousId) + 1;
      sections.splice(at, 0, {
        id: section.id,
        change: 'removed',
        moved: false,
        before: version(before!, section),
        after: null,
        text: [{ value: sectionText(section), removed: true }],
      });
    }
    previousId = section.id;
  }
  return { slug, frontMatter: frontMatterChanges(before?.meta ?? null, after?.meta ?? null), sections };
}

/** Whether anything changed. */
export function hasChanges(diff: OrdinanceDiff): boolean {
  return diff.frontMatter.length > 0 || diff.sections.some((s) => s.change !== 'unchanged' || s.moved);
}
