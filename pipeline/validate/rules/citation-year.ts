import { location } from 'vfile-location';
import { placeOf } from '../../parse/front-matter.js';
import type { Rule } from '../rule.js';

/**
 * A year written with a citation ("a 2019 directive, Executive Directive No.
 * 20"; "Special Order 40 (1979)") must be one the registry gives the
 * directive: news reports and drafts get them wrong, and the law is cited by
 * what it is.
 */
/** Four digits in a row: what a year needs. */
const YEAR_LIKE = /\d{4}/;

const rule: Rule = {
  id: 'citation-year',
  description: 'A year given with a citation matches the registry',
  defaultSeverity: 'warning',
  check({ ordinance }, report) {
    for (const citation of ordinance.citations) {
      const directive = citation.directive;
      const position = citation.source.position;
      if (!directive || position?.start.offset === undefined || position.end.offset === undefined) continue;
      const text = String(citation.source.file.value);
      // The words just before the citation, within its sentence, and a parenthesis just after it; most citations have no year near them.
      const near = text.slice(Math.max(0, position.start.offset - 60), position.start.offset);
      const following = text.slice(position.end.offset, position.end.offset + 10);
      if (!YEAR_LIKE.test(near) && !YEAR_LIKE.test(following)) continue;
      const before = near.split(/[.;:]\s/).pop() ?? '';
      const beforeStart = position.start.offset - before.length;
      const after = /^(\s*\()(\d{4})\)/.exec(following);
      // Each year with its offset in the file, the one nearest the citation last.
      // A year in a law's name ("the General Legislative Procedures Act of 1975, approved October 16, 2006") names it; it dates nothing.
      const years = [...before.matchAll(/(?<!\b(?:Act|Code|Charter|Ordinance|Resolution)\s+of\s+)\b(1[89]\d\d|20\d\d)\b(?!\s*,?\s*\d)/g)].map((m) => ({
        year: m[1]!,
        offset: beforeStart + m.index,
      }));
      if (after) years.push({ year: after[2]!, offset: position.end.offset + after[1]!.length });
      if (years.length === 0) continue;
      const dates = Object.entries(directive.meta.dates ?? {}).filter((e): e is [string, string] => typeof e[1] === 'string');
      const known = new Set(dates.map(([, date]) => date.slice(0, 4)));
      if (known.size === 0) continue;
      const nearest = new Map(years.filter(({ year }) => !known.has(year)).map(({ year, offset }) => [year, offset]));
      for (const [year, offset] of nearest) {
        const facts = dates.map(([kind, date]) => `${kind} ${date}`).join(', ');
        // The place runs from the year to the citation (or from the citation to its year): the year is what is wrong, and what a fix replaces.
        const points = location(citation.source.file);
        const yearStart = points.toPoint(offset);
        const yearEnd = points.toPoint(offset + year.length);
        const place = yearStart && yearEnd ? (offset < position.start.offset ? { start: yearStart, end: position.end } : { start: position.start, end: yearEnd }) : position;
        report(
          citation.source.file,
          `Unexpected year ${year} for \`${directive.meta['cited-as'][0] ?? directive.meta.id}\`, expected ${[...known].join(' or ')} (the registry: ${facts})`,
          place,
          {
            related: { file: directive.file, place: placeOf(directive.file, 'dates') ?? { line: 1, column: 1 }, message: 'dates registered' },
            fix: { actual: year, expected: [...known] },
          },
        );
      }
    }
  },
};
export default rule;
