/**
 * The outline of a section's file as an editor shows it (document symbols,
 * and the folding ranges they give): the section, then its subdivisions
 * nested as the law nests them, each with its law path.
 */
import { inlineText, WRITTEN } from '../model/inline-text.js';
import type { Block, Ordinance } from '../model/types.js';
import type { Vocabulary } from '../template/template-schema.js';
import { referenceLabel } from '../template/vocabulary.js';
import { sectionOfFile } from './at-point.js';
import { type EditorRange, rangeOf } from './places.js';

export interface OutlineSymbol {
  /** "Section 4. Prohibition on Use of City Resources", "(a)". */
  name: string;
  /** Its law path ("§ 4(a)") and first words. */
  detail: string;
  kind: 'section' | 'subdivision';
  range: EditorRange;
  /** The line that names it (the heading's front matter, the designation). */
  selectionRange: EditorRange;
  children: OutlineSymbol[];
}

/** The outline of `file` (a section's), or none for a file that is not a section's. */
export function outlineOf(ordinance: Ordinance, vocabulary: Vocabulary, file: string, text: string): OutlineSymbol[] {
  const section = sectionOfFile(ordinance, file);
  if (!section) return [];
  const lines = text.split('\n');
  const whole: EditorRange = { start: { line: 0, character: 0 }, end: { line: Math.max(0, lines.length - 1), character: lines.at(-1)?.length ?? 0 } };
  const label = referenceLabel(section, undefined, vocabulary);
  const root = label.startsWith('§') ? label.replace(/^§\s*/, '') : label.replace(/^\D+/, '');
  return [
    {
      name: section.heading ? `${label}. ${section.heading}` : label,
      detail: section.kind,
      kind: 'section',
      range: whole,
      selectionRange: { start: whole.start, end: { line: 0, character: lines[0]?.length ?? 0 } },
      children: subdivisions(section.blocks, root),
    },
  ];
}

function subdivisions(blocks: readonly Block[], root: string): OutlineSymbol[] {
  return blocks.flatMap((block) => {
    if (block.type !== 'subdivision' || !block.source.position) return [];
    const range = rangeOf(block.source.position);
    const words = inlineText(block.children, WRITTEN).replace(/\s+/g, ' ').trim();
    return [
      {
        name: block.marker || `(${block.label})`,
        detail: `§ ${root}${block.path}${words ? ` ${words.length > 60 ? `${words.slice(0, 59)}…` : words}` : ''}`,
        kind: 'subdivision' as const,
        range,
        selectionRange: { start: range.start, end: { line: range.start.line, character: range.start.character + (block.marker || `(${block.label})`).length } },
        children: subdivisions(block.blocks, root),
      },
    ];
  });
}
