import { closest, expectedOneOf } from '../../text/did-you-mean.js';
import { sectionsById, subdivisionPaths } from '../../resolve/resolve.js';
import type { Rule } from '../rule.js';
import { sectionName, vocabularyOf } from '../../template/vocabulary.js';

/** Section numbers as runs: "1–5", or an act numbered by titles "1, 101–103, 201". */
function numberRanges(numbers: readonly number[]): string {
  const runs: [number, number][] = [];
  for (const n of [...new Set(numbers)].sort((a, b) => a - b)) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs.map(([from, to]) => (from === to ? String(from) : `${from}–${to}`)).join(', ');
}

/** `:ref{to=...}` must name a section of this ordinance, and its pinpoint a subdivision of it. */
const rule: Rule = {
  id: 'section-ref-resolves',
  description: 'Section references name an existing section id and subdivision',
  defaultSeverity: 'error',
  check({ ordinance, jurisdiction }, report) {
    const byId = sectionsById(ordinance);
    for (const reference of ordinance.references) {
      const target = reference.target;
      // A section whose id could not be read makes any unresolved reference unreliable; its own error says why.
      if (!target && ordinance.sections.some((s) => !s.id)) continue;
      if (!target && reference.written) {
        // Written by number ("Section 9(b)") where the ordinance has no such section.
        report(
          reference.source.file,
          `Unknown section in \`${reference.written}\`, expected one of ${vocabularyOf(jurisdiction).sections} ${numberRanges(ordinance.sections.map((s) => s.number))} (better, \`:ref{to=id}\`, which follows the section when it moves)`,
          reference.source.position,
        );
        continue;
      }
      if (!target) {
        const nearest = closest(reference.targetId, byId.keys());
        report(reference.source.file, `Unknown section id \`${reference.targetId}\`, expected ${expectedOneOf(reference.targetId, [...byId.keys()])}`, reference.source.position, {
          fix: nearest ? { actual: reference.targetId, expected: [nearest] } : undefined,
        });
        continue;
      }
      if (reference.pinpoint && !subdivisionPaths(target).has(reference.pinpoint)) {
        const paths = [...subdivisionPaths(target)];
        report(
          reference.source.file,
          `Unknown subdivision \`${reference.pinpoint}\` in ${sectionName(vocabularyOf(jurisdiction), target)} (\`${target.id}\`), expected ${
            paths.length
              ? `one of ${paths
                  .slice(0, 12)
                  .map((p) => `\`${p}\``)
                  .join(', ')}`
              : 'no pinpoint: it has no subdivisions'
          }`,
          reference.source.position,
        );
      }
    }
  },
};
export default rule;
