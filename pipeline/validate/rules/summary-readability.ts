import { Type, type Static } from 'typebox';
import { location } from 'vfile-location';
import { placeOf } from '../../parse/front-matter.js';
import { plainLanguageFindings, score } from '../../prose/readability.js';
import { residentProse } from '../../prose/resident-prose.js';
import { directiveRelations } from '../../xref/relations.js';
import type { Rule } from '../rule.js';
import { summaryPlace } from '../prose-runs.js';
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
 * Summaries are for residents: together with the existing law the digest
 * quotes (the registry's digests, under "What the law says now") they must
 * meet the reading-ease and grade targets, and no sentence of a summary may be
 * hard to read for the target age (retext-readability, through remark-retext).
 */
const rule: Rule<typeof options> = {
  id: 'summary-readability',
  description: 'Plain-language summaries meet the reading-ease and grade targets',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  options,
  defaultOptions: { readingEase: 60, grade: 8, minWords: 100, age: 16 },
  check({ ordinance, registry, relations, jurisdiction }, report, options) {
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
    // The whole digest a resident reads: the existing law it quotes, then the summaries.
    const prose = residentProse(ordinance, relations ?? directiveRelations(ordinance, registry));
    const whole = prose.scores;
    if (!whole || whole.words < options.minWords) return;
    if (whole.readingEase >= options.readingEase && whole.grade <= options.grade) return;
    const level = `Flesch Reading Ease ${whole.readingEase.toFixed(1)} and grade ${whole.grade.toFixed(1)}, expected at least ${options.readingEase} and at most grade ${options.grade}`;
    // Reported on the hardest part: that is where rewriting helps most.
    const parts = [
      ...summarized.map((section) => ({ section, quoted: null, scored: score(section.summary!) })),
      ...prose.quoted.map((quoted) => ({ section: null, quoted, scored: score(quoted.text) })),
    ].filter((p) => p.scored);
    const hardest = parts.sort((a, b) => a.scored!.readingEase - b.scored!.readingEase)[0];
    if (!hardest) return;
    const its = `(ease ${hardest.scored!.readingEase.toFixed(1)}, grade ${hardest.scored!.grade.toFixed(1)})`;
    if (hardest.section) {
      report(
        hardest.section.file,
        `Unexpected reading level of the digest's prose (the existing law it quotes and the summaries): ${level}; the hardest is ${sectionName(vocabularyOf(jurisdiction), hardest.section)}'s summary ${its}`,
        summaryPlace(hardest.section, 0, hardest.section.summary!.length),
      );
      return;
    }
    const { directive, offset } = hardest.quoted!;
    const points = location(directive.file);
    const cited = ordinance.citations.find((c) => c.directive?.meta.id === directive.meta.id);
    const declared = (['codifies', 'supersedes', 'amends', 'repeals'] as const)
      .map((key) => ({ key, index: (ordinance.meta[key] ?? []).indexOf(directive.meta.id) }))
      .find((k) => k.index >= 0);
    const at = (declared && placeOf(ordinance.file, `${declared.key}.${declared.index}`)) ?? cited?.source.position ?? { line: 1, column: 1 };
    const file = declared || !cited ? ordinance.file : cited.source.file;
    report(
      file,
      `Unexpected reading level of the digest's prose (the existing law it quotes and the summaries): ${level}; the hardest is the digest of registry entry \`${directive.meta.id}\` ${its}, which the digest quotes under existing law: write it in plainer words`,
      at,
      { related: { file: directive.file, place: points.toPoint(offset) ?? { line: 1, column: 1 }, message: 'digest registered' } },
    );
  },
};
export default rule;
