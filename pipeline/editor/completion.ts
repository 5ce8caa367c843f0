/**
 * Completion: what may be typed where the drafter is typing. A directive id
 * after `:cite{to=`, with its title; a section id after `:ref{to=`, with its
 * heading, and a subdivision of it after `pin="`; a code section's number in
 * an amending sentence ("Section 4.10"); a rule id in a suppression comment;
 * a front-matter key at the start of a line of the front matter, and the
 * values the schema allows after `status:`, `kind:` and `jurisdiction:`.
 */
import { ORDINANCE_STATUSES, SECTION_KINDS } from '../model/metadata.js';

/** What the drafter is typing at the cursor, and the part of it typed so far. */
export type CompletionNeed =
  | { kind: 'directive' | 'section' | 'rule' | 'key' | 'codeSection'; typed: string }
  | { kind: 'pinpoint'; section: string; typed: string }
  | { kind: 'value'; key: string; typed: string };

/** The values the editor offers: the registry's directives, the ordinance's sections and their subdivisions, the code's sections, the rules, the front matter's keys, the jurisdiction templates. */
export interface CompletionWorld {
  directives: readonly { id: string; title: string }[];
  sections: readonly { id: string; title: string; subdivisions: readonly string[] }[];
  codeSections: readonly string[];
  rules: readonly { id: string; description: string }[];
  keys: readonly { key: string; description: string }[];
  jurisdictions: readonly string[];
}

export interface CompletionChoice {
  label: string;
  detail: string;
  kind: 'reference' | 'value' | 'key';
}

/** What is being typed where `before` (the line up to the cursor) ends; `inFrontMatter` when the cursor is between the front matter's fences. */
export function completionNeed(before: string, inFrontMatter: boolean): CompletionNeed | null {
  const pin = /:ref(?:\[[^\]]*\])?\{[^}]*\bto=["']?([\w.:-]+)["']?[^}]*\bpin=["']([^"']*)$/.exec(before);
  if (pin) return { kind: 'pinpoint', section: pin[1]!, typed: pin[2]! };
  const annotation = /:(cite|ref)(?:\[[^\]]*\])?\{[^}]*\bto=["']?([\w.-]*)$/.exec(before);
  if (annotation) return { kind: annotation[1] === 'cite' ? 'directive' : 'section', typed: annotation[2]! };
  const suppression = /<!--\s*ordinance-disable(?:-next-line)?\s+(?:[a-z0-9-]+\s*,\s*)*([a-z0-9-]*)$/.exec(before);
  if (suppression) return { kind: 'rule', typed: suppression[1]! };
  if (inFrontMatter) {
    const value = /^(status|kind|jurisdiction):\s*["']?([\w-]*)$/.exec(before);
    if (value) return { kind: 'value', key: value[1]!, typed: value[2]! };
    const key = /^([a-z-]*)$/.exec(before);
    return key ? { kind: 'key', typed: key[1]! } : null;
  }
  // A code section's number in an amending sentence: "Section 4.10", "section 24-211".
  const code = /\b[Ss]ection\s+([0-9][\w.:-]*)$/.exec(before);
  return code ? { kind: 'codeSection', typed: code[1]! } : null;
}

/** The choices for `need`, those that begin with what is typed. */
export function completionChoices(need: CompletionNeed, world: CompletionWorld): CompletionChoice[] {
  const fitting = <T extends { label: string }>(choices: T[]) => choices.filter((c) => c.label.startsWith(need.typed));
  switch (need.kind) {
    case 'directive':
      return fitting(world.directives.map((d) => ({ label: d.id, detail: d.title, kind: 'reference' as const })));
    case 'section':
      return fitting(world.sections.map((s) => ({ label: s.id, detail: s.title, kind: 'reference' as const })));
    case 'pinpoint': {
      const section = world.sections.find((s) => s.id === need.section);
      return fitting((section?.subdivisions ?? []).map((path) => ({ label: path, detail: `${section!.title} ${path}`, kind: 'reference' as const })));
    }
    case 'codeSection':
      return fitting(world.codeSections.map((designation) => ({ label: designation, detail: 'a section of the code this ordinance amends', kind: 'reference' as const })));
    case 'rule':
      return fitting(world.rules.map((r) => ({ label: r.id, detail: r.description, kind: 'value' as const })));
    case 'key':
      return fitting(world.keys.map((k) => ({ label: k.key, detail: k.description, kind: 'key' as const })));
    case 'value': {
      const values: readonly string[] = need.key === 'status' ? ORDINANCE_STATUSES : need.key === 'kind' ? SECTION_KINDS : world.jurisdictions;
      const key = need.key;
      return fitting(values.map((value) => ({ label: value, detail: key, kind: 'value' as const })));
    }
  }
}

/** The keys a front matter's schema takes, with their descriptions: what completes at the start of its lines. */
export function frontMatterKeys(schema: { properties?: Record<string, { description?: string }> }): { key: string; description: string }[] {
  return Object.entries(schema.properties ?? {}).map(([key, property]) => ({ key, description: property.description ?? '' }));
}

/** Whether line `line` (from 0) of `text` lies inside its front matter (between the opening `---` and the closing one). */
export function inFrontMatter(text: string, line: number): boolean {
  const lines = text.split('\n');
  if (lines[0]?.replace(/^\uFEFF/, '').trimEnd() !== '---') return false;
  for (let i = 1; i < lines.length; i++) if (lines[i]!.trimEnd() === '---') return line > 0 && line < i;
  return line > 0;
}
