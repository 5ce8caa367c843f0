import type { Rule } from '../rule.js';

/** Definitions belong in the definitions section, where readers look for them. */
const rule: Rule = {
  id: 'term-outside-definitions',
  description: 'Terms are defined in the definitions section',
  defaultSeverity: 'warning',
  appliesTo: ['ordinance'],
  check({ ordinance }, report) {
    const kindOf = new Map(ordinance.sections.map((s) => [s.id, s.kind]));
    const sectionOf = new Map(ordinance.sections.map((s) => [s.file, s]));
    for (const term of ordinance.terms) {
      const section = sectionOf.get(term.source.file);
      if (section && kindOf.get(section.id) === 'definitions') continue;
      // "For purposes of this section, :term[Stop] means ...": a definition scoped to its own section.
      const start = term.source.position?.start;
      const before = start ? (String(term.source.file.value).split('\n')[start.line - 1] ?? '').slice(0, start.column - 1) : '';
      if (/\b(?:for (?:the )?purposes of|as used in) this (?:section|subdivision)\b/i.test(before)) continue;
      report(
        term.source.file,
        `Unexpected definition of \`${term.term}\` outside the definitions section, expected it in a section with \`kind: definitions\``,
        term.source.position,
      );
    }
  },
};
export default rule;
