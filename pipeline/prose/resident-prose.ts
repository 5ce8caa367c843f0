/**
 * The prose of the digest a resident reads, and what its readability is scored on: the existing law it quotes
 * (each registry digest, under "What the law says now", as the digest prints it) and the drafters' section
 * summaries. The digest (summary.ts) prints and scores it; the summary-readability rule checks the same text.
 */
import type { Directive, Ordinance, Section } from '../model/types.js';
import { formatDate } from '../text/dates.js';
import type { DirectiveRelation } from '../xref/relations.js';
import { score, type Readability } from './readability.js';

/** A directive the ordinance changes or builds on, as the digest quotes it under existing law. */
export interface QuotedLaw {
  directive: Directive;
  /** Its first citation form, else its title. */
  name: string;
  /** "November 27, 1979. Existing Los Angeles Police Department policy …": the words after the name. */
  words: string;
  /** Name and words together: what a resident reads. */
  text: string;
  /** Where the quoted digest starts in the registry file (its first paragraph), for findings. */
  offset: number;
}

/** The directives the digest quotes under existing law: every relation but a citation alone. */
export function existingLaw(relations: readonly DirectiveRelation[]): QuotedLaw[] {
  return relations
    .filter((r) => r.relations.some((x) => x !== 'cites'))
    .map(({ directive }) => {
      const date = directive.meta.dates?.issued ?? directive.meta.dates?.adopted ?? directive.meta.dates?.effective;
      const name = directive.meta['cited-as'][0] ?? directive.meta.title;
      const first = directive.digest.split(/\n\s*\n/)[0] ?? '';
      const digest = first.replace(/\s*\n\s*/g, ' ').trim();
      // The date once: not after the name when the entry's own words already give it ("… gave it on March 21, 2017").
      const said = date !== undefined && digest.includes(formatDate(date));
      const words = `${date && !said ? `, ${formatDate(date)}` : ''}. ${digest}`;
      const value = String(directive.file.value);
      const offset = first.trim() ? value.indexOf(first.trim()) : -1;
      return { directive, name, words, text: `${name}${words}`, offset: Math.max(0, offset) };
    });
}

/** What the digest's readability is scored on, and its parts. */
export interface ResidentProse {
  quoted: QuotedLaw[];
  summarized: Section[];
  /** The parts as one text, a paragraph each: existing law first, as the digest prints it. */
  text: string;
  scores: Readability | null;
}

export function residentProse(ordinance: Ordinance, relations: readonly DirectiveRelation[]): ResidentProse {
  const quoted = existingLaw(relations);
  const summarized = ordinance.sections.filter((s) => s.summary?.trim());
  const text = [...quoted.map((q) => q.text), ...summarized.map((s) => s.summary!.trim())].join('\n\n');
  return { quoted, summarized, text, scores: score(text) };
}
