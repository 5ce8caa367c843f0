/**
 * Completion: what may be typed where the drafter is typing. A directive id
 * after `:cite{to=`, with its title; a section id after `:ref{to=`, with its
 * heading; a front-matter value the schema allows (a status, a section's
 * kind, a jurisdiction) after its key.
 */
import { ORDINANCE_STATUSES, SECTION_KINDS } from '../model/metadata.js';

/** What the drafter is typing at the cursor: a directive id, a section id, or a front-matter value of `key`. */
export type CompletionNeed = { kind: 'directive' | 'section'; typed: string } | { kind: 'value'; key: string; typed: string };

/** The values the editor offers: the registry's directives, the ordinance's sections, the jurisdiction templates. */
export interface CompletionWorld {
  directives: readonly { id: string; title: string }[];
  sections: readonly { id: string; title: string }[];
  jurisdictions: readonly string[];
}

export interface CompletionChoice {
  label: string;
  detail: string;
  kind: 'reference' | 'value';
}

/** What is being typed where `before` (the line up to the cursor) ends; `inFrontMatter` when the cursor is between the front matter's fences. */
export function completionNeed(before: string, inFrontMatter: boolean): CompletionNeed | null {
  const annotation = /:(cite|ref)(?:\[[^\]]*\])?\{[^}]*\bto=["']?([\w.-]*)$/.exec(before);
  if (annotation) return { kind: annotation[1] === 'cite' ? 'directive' : 'section', typed: annotation[2]! };
  if (!inFrontMatter) return null;
  const value = /^(status|kind|jurisdiction):\s*["']?([\w-]*)$/.exec(before);
  return value ? { kind: 'value', key: value[1]!, typed: value[2]! } : null;
}

/** The choices for `need`, those that begin with what is typed. */
export function completionChoices(need: CompletionNeed, world: CompletionWorld): CompletionChoice[] {
  const fitting = (label: string) => label.startsWith(need.typed);
  if (need.kind !== 'value') {
    const choices = need.kind === 'directive' ? world.directives.map((d) => ({ label: d.id, detail: d.title })) : world.sections.map((s) => ({ label: s.id, detail: s.title }));
    return choices.filter((c) => fitting(c.label)).map((c) => ({ ...c, kind: 'reference' }));
  }
  const { key } = need;
  const values: readonly string[] = key === 'status' ? ORDINANCE_STATUSES : key === 'kind' ? SECTION_KINDS : world.jurisdictions;
  return values.filter(fitting).map((value) => ({ label: value, detail: key, kind: 'value' }));
}

/** Whether line `line` (from 0) of `text` lies inside its front matter (between the opening `---` and the closing one). */
export function inFrontMatter(text: string, line: number): boolean {
  const lines = text.split('\n');
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return false;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.trimEnd() === '---') return line > 0 && line < i;
  return line > 0;
}
