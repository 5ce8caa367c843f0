/**
 * The words of inline content as a template's documents print them: struck
 * words in the layout's marks ("((…))", "[…]", or none where the type style
 * alone marks them), a `:ref` by the jurisdiction's name for a section, a
 * bare citation in its directive's own form, a `:tbd` in the layout's
 * brackets. What the comparative print, the redline and `ordinance diff`
 * compare and show, so the three tell the same story in the same words.
 */
import type { Reading } from '../model/inline-text.js';
import type { Template } from './template-schema.js';
import { referenceLabel } from './vocabulary.js';

/** The printed reading of `template`'s documents. */
export function printedReading(template: Pick<Template, 'layout' | 'jurisdiction'>): Reading {
  const { amendment, placeholder } = template.layout;
  const { vocabulary } = template.jurisdiction;
  return {
    lineBreak: '\n',
    deletion: (words) => `${amendment.deletionOpen}${words}${amendment.deletionClose}`,
    bareCitation: (citation) => `${citation.directive?.meta['cited-as'][0] ?? citation.directiveId}${citation.pinpoint ? ` ${citation.pinpoint}` : ''}`,
    reference: (reference) =>
      reference.written ?? (reference.target ? referenceLabel(reference.target, reference.pinpoint, vocabulary) : `${vocabulary.section} ${reference.targetId}`),
    placeholder: (description) => `${placeholder.open}${description}${placeholder.close}`,
    image: (alt) => (alt ? `[Image: ${alt}]` : '[Image]'),
  };
}
