/**
 * A section's words as the PDF prints them, as plain text: each paragraph and
 * subdivision a paragraph of its own ("(a) Text…"), list items with a dash,
 * table rows with their cells joined by " | ". What `ordinance diff` compares
 * word by word for its Markdown and JSON reports (the redline PDF compares
 * the model itself).
 */
import { createHash } from 'node:crypto';
import { inlineText, type Reading as InlineReading } from '../model/inline-text.js';
import { sectionBody } from '../model/quoted-law.js';
import type { Block, Ordinance, Section } from '../model/types.js';
import { referenceLabel } from '../template/vocabulary.js';

/**
 * How references and citations read: `printed`, as the PDF prints them (a
 * `:ref` as its number, once resolved); `stable`, by what they point at
 * (`:ref` as its target's id), the same before and after resolution and
 * whatever the sections' numbers.
 */
export type Reading = 'printed' | 'stable';

/** How the PDF prints each annotation: `:del` in ((…)), `:tbd` as [TBD: …], a `:ref` as its number, a bare citation in its directive's own form. */
export const PRINTED: InlineReading = {
  lineBreak: '\n',
  deletion: (words) => `((${words}))`,
  bareCitation: (citation) => `${citation.directive?.meta['cited-as'][0] ?? citation.directiveId}${citation.pinpoint ? ` ${citation.pinpoint}` : ''}`,
  reference: (reference) => reference.written ?? (reference.target ? referenceLabel(reference.target, reference.pinpoint) : `Section ${reference.targetId}`),
  placeholder: (description) => `[TBD: ${description}]`,
  image: (alt) => (alt ? `[Image: ${alt}]` : '[Image]'),
};

/** As printed, but a `:ref` by its target's id and a bare citation by its directive's id. */
const STABLE: InlineReading = {
  ...PRINTED,
  bareCitation: (citation) => `${citation.directiveId}${citation.pinpoint ? ` ${citation.pinpoint}` : ''}`,
  reference: (reference) => reference.written ?? `:ref{${reference.targetId}${reference.pinpoint ?? ''}}`,
};

const READINGS: Record<Reading, InlineReading> = { printed: PRINTED, stable: STABLE };

/** One block's paragraphs. */
function blockParagraphs(block: Block, reading: Reading): string[] {
  switch (block.type) {
    case 'paragraph':
      return [inlineText(block.children, READINGS[reading])];
    case 'subdivision': {
      const designation = block.marker || `(${block.label})`;
      return [`${designation} ${inlineText(block.children, READINGS[reading])}`.trimEnd(), ...block.blocks.flatMap((b) => blockParagraphs(b, reading))];
    }
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${item.flatMap((b) => blockParagraphs(b, reading)).join(' ')}`);
    case 'blockquote':
      return block.children.flatMap((b) => blockParagraphs(b, reading)).map((p) => `> ${p}`);
    case 'table':
      return [block.header, ...block.rows].map((row) => row.map((cell) => inlineText(cell, READINGS[reading])).join(' | '));
  }
}

/** The section's text: its paragraphs, white space inside each made single, separated by blank lines. */
export function sectionText(section: Section, reading: Reading = 'printed'): string {
  return sectionBody(section)
    .flatMap((b) => blockParagraphs(b, reading))
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

/** A fingerprint of the words of the law: the title, and each section's id, heading and text (references by what they point at, so resolving them or renumbering changes nothing). */
export function textFingerprint(ordinance: Ordinance): string {
  const hash = createHash('sha256').update(ordinance.meta.title ?? '');
  for (const section of ordinance.sections) hash.update('\0').update(section.id).update('\0').update(section.heading).update('\0').update(sectionText(section, 'stable'));
  return hash.digest('hex');
}
