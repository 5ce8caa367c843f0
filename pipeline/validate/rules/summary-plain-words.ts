import { Type, type Static } from 'typebox';
import { plainLanguageFindings } from '../../prose/readability.js';
import type { Rule } from '../rule.js';
import { summaryPlace } from '../prose-runs.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';

const options = Type.Object(
  {
    ignore: Type.Array(Type.String({ minLength: 1 }), { description: 'Phrases not to flag ("individual" where the law defines it).' }),
    passive: Type.Boolean({ description: 'Also flag the passive voice (retext-passive).' }),
  },
  { additionalProperties: false },
);
export type PlainWordsOptions = Static<typeof options>;

/** Summaries use plain words (retext-simplify: "prior to" → "before") and, where it helps, the active voice (retext-passive). */
const rule: Rule<typeof options> = {
  id: 'summary-plain-words',
  description: 'Plain-language summaries use plain words and the active voice',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  options,
  // "Warrant" is the law's noun (a judge's warrant), not the verb retext-simplify would replace.
  defaultOptions: { ignore: ['warrant'], passive: true },
  check({ ordinance, jurisdiction }, report, options) {
    for (const section of ordinance.sections) {
      if (!section.summary?.trim()) continue;
      for (const finding of plainLanguageFindings(section.summary, { kinds: options.passive ? ['plain-word', 'passive'] : ['plain-word'], ignore: options.ignore })) {
        report(section.file, `${finding.message} in the summary of ${sectionName(vocabularyOf(jurisdiction), section)}`, summaryPlace(section, finding.start, finding.end));
      }
    }
  },
};
export default rule;
