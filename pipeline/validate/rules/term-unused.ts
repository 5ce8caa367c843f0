import type { Rule } from '../rule.js';
import { textRuns } from '../prose-runs.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A term defined and never used is noise, or a sign the text uses another word for it. */
const rule: Rule = {
  id: 'term-unused',
  description: 'Every defined term is used',
  defaultSeverity: 'warning',
  check({ ordinance }, report) {
    if (ordinance.terms.length === 0) return;
    const runs = [...textRuns(ordinance)];
    for (const term of ordinance.terms) {
      // Capitalized as defined; plurals count ("City Agencies" uses "City Agency"); words may wrap across lines.
      const words = term.term.split(/\s+/).map(escapeRegExp);
      const last = words.pop() ?? '';
      const stem = last.endsWith('y') ? `${last.slice(0, -1)}(?:y|ies)` : `${last}(?:s|es)?`;
      const pattern = new RegExp(`(?<![\\w-])${[...words, stem].join('\\s+')}(?![\\w-])`);
      if (runs.some((run) => pattern.test(run.text))) continue;
      report(term.source.file, `Unexpected unused term \`${term.term}\`, expected it used (capitalized as defined) or its definition removed`, term.source.position);
    }
  },
};
export default rule;
