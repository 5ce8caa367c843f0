import { Type, type Static } from 'typebox';
import { plainLanguageFindings, score } from '../../summarize/readability.js';
import type { Rule } from '../rule.js';
import { summaryPlace } from '../text.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';

const options = Type.Object(
  {
    readingEase: Type.Number({ minimum: 0, maximum: 121, description: 'Lowest Flesch Reading Ease for the summaries together (Oregon: 60).' }),
    grade: Type.Number({ minimum: 0, description: 'Highest Flesch–Kincaid grade for the summaries together (Arkansas: 8).' }),
    minWords: Type.Integer({ minimum: 0, description: 'Below this many words the summaries are too short to score.' }),
    age: Type.Integer({ minimum: 1, description: "The reader's age for judging single sentences (retext-readability)." }),
  },
  { additionalProperties: false },
);
export type ReadabilityOptions = Static<typeof options>;

/**
 * Summaries are for residents: together they must meet the reading-ease and
 * grade targets, and no sentence may be hard to read for the target age
 * (retext-readability, through remark-retext).
 */
const rule: Rule<typeof options> = {
  id: 'summary-readability',
  description: 'Plain-language summaries meet the reading-ease and grade targets',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  options,
  defaultOptions: { readingEase: 60, grade: 8, minWords: 100, age: 16 },
  check({ ordinance, jurisdiction }, report, options) {
    const summarized = ordinance.sections.filter((s) => s.summary?.trim());
    for (const section of summarized) {
      for (const finding of plainLanguageFindings(section.summary!, { kinds: ['hard-sentence'], age: options.age })) {
        const sentence = score(section.summary!.slice(finding.start, finding.end));
        report(
          section.file,
          `Unexpected hard sentence in the summary of ${sectionName(vocabularyOf(jurisdiction), section)}${sentence ? ` (grade ${sentence.grade.toFixed(1)})` : ''}, expected one a reader of ${options.age} reads easily: split it, or use shorter words`,
          summaryPlace(section, finding.start, finding.end),
        );
      }
    }
    const whole = score(summarized.map((s) => s.summary!.trim()).join('\n\n'));
    if (!whole || whole.words < options.minWords) return;
    if (whole.readingEase >= options.readingEase && whole.grade <= options.grade) return;
    // Reported on the hardest summary: that is where rewriting helps most.
    const hardest = summarized
      .map((section) => ({ section, scored: score(section.summary!) }))
      .filter((s) => s.scored)
      .sort((a, b) => a.scored!.readingEase - b.scored!.readingEase)[0];
    if (!hardest) return;
    report(
      hardest.section.file,
      `Unexpected reading level of the summaries: Flesch Reading Ease ${whole.readingEase.toFixed(1)} and grade ${whole.grade.toFixed(1)}, expected at least ${options.readingEase} and at most grade ${options.grade}; the hardest is ${sectionName(vocabularyOf(jurisdiction), hardest.section)}'s (ease ${hardest.scored!.readingEase.toFixed(1)}, grade ${hardest.scored!.grade.toFixed(1)})`,
      summaryPlace(hardest.section, 0, hardest.section.summary!.length),
    );
  },
};
export default rule;
