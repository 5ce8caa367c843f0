import { plainLanguageFindings } from '../../summarize/readability.js';
import type { Rule } from '../rule.js';
import { summaryPlace } from '../text.js';

export type PlainWordsOptions = {
  /** Phrases not to flag ("individual" where the law defines it). */
  ignore: string[];
  /** Also flag the passive voice (retext-passive). */
  passive: boolean;
};

/** Summaries use plain words (retext-simplify: "prior to" → "before") and, where it helps, the active voice (retext-passive). */
const rule: Rule<PlainWordsOptions> = {
  id: 'summary-plain-words',
  description: 'Plain-language summaries use plain words and the active voice',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  // "Warrant" is the law's noun (a judge's warrant), not the verb retext-simplify would replace.
  defaultOptions: { ignore: ['warrant'], passive: true },
  check({ ordinance }, report, options) {
    for (const section of ordinance.sections) {
      if (!section.summary?.trim()) continue;
      for (const finding of plainLanguageFindings(section.summary, { kinds: options.passive ? ['plain-word', 'passive'] : ['plain-word'], ignore: options.ignore })) {
        report(section.file, `${finding.message} in the summary of Section ${section.number}`, summaryPlace(section, finding.start, finding.end));
      }
    }
  },
};
export default rule;
