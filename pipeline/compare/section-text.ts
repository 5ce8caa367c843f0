/**
 * A section's words as the PDF prints them, as plain text: each paragraph and
 * subdivision a paragraph of its own ("(a) Text…"), list items with a dash,
 * table rows with their cells joined by " | ". What `ordinance diff` compares
 * word by word for its Markdown and JSON reports (the redline PDF compares
 * the model itself).
 */
import { createHash } from 'node:crypto';
import type { Block, Inline, Ordinance, Section } from '../model/types.js';
import { referenceLabel } from '../template/vocabulary.js';

/**
 * How references and citations read: `printed`, as the PDF prints them (a
 * `:ref` as its number, once resolved); `stable`, by what they point at
 * (`:ref` as its target's id), the same before and after resolution and
 * whatever the sections' numbers.
 */
export type Reading = 'printed' | 'stable';

/** Inline content as printed: `:del` in ((…)), `:tbd` as [TBD: …], a `:ref` as its number, a citation as written or in its own form. */
export function inlineText(inlines: readonly Inline[], reading: Reading = 'printed'): string {
  let text = '';
  for (const node of inlines) {
    switch (node.type) {
      case 'text':
      case 'code':
        text += node.value;
        break;
      case 'break':
        text += '\n';
        break;
      case 'emphasis':
      case 'strong':
      case 'link':
      case 'term':
      case 'insertion':
        text += inlineText(node.children, reading);
        break;
      case 'deletion':
        text += `((${inlineText(node.children, reading)}))`;
        break;
      case 'citation':
        if (node.children.length > 0) text += inlineText(node.children, reading);
        else text += `${(reading === 'printed' ? node.directive?.meta['cited-as'][0] : undefined) ?? node.directiveId}${node.pinpoint ? ` ${node.pinpoint}` : ''}`;
        break;
      case 'sectionRef':
        if (node.written !== undefined) text += node.written;
        else if (reading === 'stable') text += `:ref{${node.targetId}${node.pinpoint ?? ''}}`;
        else text += node.target ? referenceLabel(node.target, node.pinpoint) : `Section ${node.targetId}`;
        break;
      case 'placeholder':
        text += `[TBD: ${node.description}]`;
        break;
      case 'image':
        text += node.alt ? `[Image: ${node.alt}]` : '[Image]';
        break;
    }
  }
  return text;
}

/** One block's paragraphs. */
function blockParagraphs(block: Block, reading: Reading): string[] {
  switch (block.type) {
    case 'paragraph':
      return [inlineText(block.children, reading)];
    case 'subdivision': {
      const designation = block.marker || `(${block.label})`;
      return [`${designation} ${inlineText(block.children, reading)}`.trimEnd(), ...block.blocks.flatMap((b) => blockParagraphs(b, reading))];
    }
    case 'list':
      return block.items.map((item, i) => `${block.ordered ? `${block.start + i}.` : '-'} ${item.flatMap((b) => blockParagraphs(b, reading)).join(' ')}`);
    case 'blockquote':
      return block.children.flatMap((b) => blockParagraphs(b, reading)).map((p) => `> ${p}`);
    case 'table':
      return [block.header, ...block.rows].map((row) => row.map((cell) => inlineText(cell, reading)).join(' | '));
  }
}

/** The section's text: its paragraphs, white space inside each made single, separated by blank lines. */
export function sectionText(section: Section, reading: Reading = 'printed'): string {
  return section.blocks
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
