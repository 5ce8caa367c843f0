/** The tester cases of the rules, by rule id: each file holds one rule's valid and invalid cases, as data. */
import type { RuleCases } from '../rule-tester.js';
import citationPinpoint from './citation-pinpoint.js';
import citationResolves from './citation-resolves.js';
import codifiesResolves from './codifies-resolves.js';
import jurisdictionKnown from './jurisdiction-known.js';
import sectionIdUnique from './section-id-unique.js';
import sectionRefResolves from './section-ref-resolves.js';
import subdivisionSequence from './subdivision-sequence.js';

export const ruleCases: Readonly<Record<string, RuleCases>> = {
  'citation-pinpoint': citationPinpoint,
  'citation-resolves': citationResolves,
  'codifies-resolves': codifiesResolves,
  'jurisdiction-known': jurisdictionKnown,
  'section-id-unique': sectionIdUnique,
  'section-ref-resolves': sectionRefResolves,
  'subdivision-sequence': subdivisionSequence,
};
