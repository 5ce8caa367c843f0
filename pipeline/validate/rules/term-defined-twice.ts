import type { TermDefinition } from '../../model/types.js';
import type { Rule } from '../rule.js';

/** A term defined twice means two meanings, or one too many definitions. */
const rule: Rule = {
  id: 'term-defined-twice',
  description: 'Each defined term is defined once',
  defaultSeverity: 'error',
  check({ ordinance }, report) {
    const first = new Map<string, TermDefinition>();
    for (const term of ordinance.terms) {
      const key = term.term.toLowerCase();
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, term);
        continue;
      }
      report(term.source.file, `Unexpected second definition of \`${term.term}\`, expected each term defined once`, term.source.position, {
        related: { file: earlier.source.file, place: earlier.source.position ?? { line: 1, column: 1 }, message: 'first defined' },
      });
    }
  },
};
export default rule;
