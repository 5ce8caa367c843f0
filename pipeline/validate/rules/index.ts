/** Every registered rule, in the order they run. A meta-test keeps this list, the docs and the fixtures in step. */
import citationPinpoint from './citation-pinpoint.js';
import citationResolves from './citation-resolves.js';
import codifiesResolves from './codifies-resolves.js';
import jurisdictionKnown from './jurisdiction-known.js';
import sectionIdUnique from './section-id-unique.js';
import sectionRefResolves from './section-ref-resolves.js';
import subdivisionSequence from './subdivision-sequence.js';
import type { Rule } from '../rule.js';

export const rules: readonly Rule[] = [
  jurisdictionKnown,
  sectionIdUnique,
  sectionRefResolves,
  subdivisionSequence,
  citationResolves,
  citationPinpoint,
  codifiesResolves,
];
