/** Every registered rule, in the order they run. A meta-test keeps this list, the docs and the fixtures in step. */
import amendmentApplies from './amendment-applies.js';
import amendmentTarget from './amendment-target.js';
import amendmentUnparsed from './amendment-unparsed.js';
import andOr from './and-or.js';
import certificationSection from './certification-section.js';
import citationForm from './citation-form.js';
import citationPinpoint from './citation-pinpoint.js';
import citationResolves from './citation-resolves.js';
import citationStatus from './citation-status.js';
import citationYear from './citation-year.js';
import codifiesResolves from './codifies-resolves.js';
import datesInOrder from './dates-in-order.js';
import effectiveAfterReview from './effective-after-review.js';
import effectiveDateSection from './effective-date-section.js';
import emptySection from './empty-section.js';
import headingRequired from './heading-required.js';
import findingsFirst from './findings-first.js';
import headingLength from './heading-length.js';
import jurisdictionKnown from './jurisdiction-known.js';
import linkScheme from './link-scheme.js';
import metadataDeclared from './metadata-declared.js';
import numberForm from './number-form.js';
import numberWhenAdopted from './number-when-adopted.js';
import placeholder from './placeholder.js';
import proseCitationResolves from './prose-citation-resolves.js';
import saidAdjective from './said-adjective.js';
import sectionIdUnique from './section-id-unique.js';
import sectionRefResolves from './section-ref-resolves.js';
import severabilitySection from './severability-section.js';
import shallNonObligation from './shall-non-obligation.js';
import statusLifecycle from './status-lifecycle.js';
import subdivisionLevelOrder from './subdivision-level-order.js';
import subdivisionSequence from './subdivision-sequence.js';
import summaryPlainWords from './summary-plain-words.js';
import summaryReadability from './summary-readability.js';
import summaryRequired from './summary-required.js';
import termDefinedTwice from './term-defined-twice.js';
import termUndefined from './term-undefined.js';
import termOutsideDefinitions from './term-outside-definitions.js';
import termUnused from './term-unused.js';
import titleAnOrdinance from './title-an-ordinance.js';
import vagueTerms from './vague-terms.js';
import voteCount from './vote-count.js';
import type { Rule } from '../rule.js';

// Each rule declares its own options; the engine hands it the options resolved for it.
export const rules: readonly Rule[] = [
  // Structure
  titleAnOrdinance,
  findingsFirst,
  severabilitySection,
  effectiveDateSection,
  certificationSection,
  // Identity and numbering
  jurisdictionKnown,
  sectionIdUnique,
  sectionRefResolves,
  subdivisionSequence,
  subdivisionLevelOrder,
  // Defined terms
  termDefinedTwice,
  termOutsideDefinitions,
  termUnused,
  termUndefined,
  // Metadata
  datesInOrder,
  effectiveAfterReview,
  numberForm,
  numberWhenAdopted,
  statusLifecycle,
  metadataDeclared,
  // Amendments
  amendmentUnparsed,
  amendmentTarget,
  amendmentApplies,
  // Citations
  citationResolves,
  citationPinpoint,
  citationYear,
  citationStatus,
  citationForm,
  codifiesResolves,
  // Drafting style
  andOr,
  shallNonObligation,
  saidAdjective,
  vagueTerms,
  voteCount,
  placeholder,
  proseCitationResolves,
  // Content
  emptySection,
  summaryRequired,
  summaryReadability,
  summaryPlainWords,
  linkScheme,
  headingRequired,
  headingLength,
];
