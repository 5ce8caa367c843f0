/** section-ref-resolves: a reference names a section of the ordinance, and its pinpoint a subdivision of that section. */
import type { RuleCases } from '../rule-tester.js';
import { RECORDS, RECORDS_FRONT_MATTER } from './base-files.js';

/** The records section of the base, with `last` as its subdivision (c) and `opening` before the definition. */
function records(last: string, opening = ''): string {
  return `${RECORDS_FRONT_MATTER}${opening}For purposes of this section, :term[Stop] means any detention by a police officer.

(a) Every Stop shall be recorded.

(b) Each record shall state:

(1) the date; and

(2) the place.

(c) ${last}
`;
}

const cases: RuleCases = {
  valid: [
    { name: 'references by id, with and without a pinpoint', files: {} },
    { name: 'a pinpoint to a second-level subdivision', files: { [RECORDS]: records('The records described in :ref{to=records pin="(b)(2)"} are public.') } },
    { name: 'a section written by its number, which exists', files: { [RECORDS]: records('The records are public.', 'Except as provided in Section 4, for ') } },
    {
      // The quoted law's sections are the code's: "Section 9" there is not one of this ordinance's five.
      name: 'a section written by its number in quoted law, which is the quoted law’s',
      files: {
        [RECORDS]: records('The Example Code is amended by adding Section 1.1 to read as follows:\n\n> Sec. 1.1. Records.\n>\n> (a) Records kept under Section 9 are public.'),
      },
    },
  ],
  invalid: [
    {
      name: 'a misspelt id, with the nearest suggested',
      files: { [RECORDS]: records('The records are public, except as provided in :ref{to=purpse}.') },
      findings: [
        {
          file: RECORDS,
          line: 17,
          column: 51,
          endLine: 17,
          endColumn: 66,
          severity: 'error',
          where: '§ 2(c)',
          message: 'Unknown section id `purpse`, expected `purpose` or else one of `records`, `severability`, `effective-date`, `certification`',
        },
      ],
    },
    {
      name: 'a pinpoint to a subdivision the section does not have',
      files: { [RECORDS]: records('The records described in :ref{to=records pin="(d)"} are public.') },
      findings: [
        {
          file: RECORDS,
          line: 17,
          column: 30,
          endLine: 17,
          endColumn: 56,
          severity: 'error',
          where: '§ 2(c)',
          message: 'Unknown subdivision `(d)` in Section 2 (`records`), expected one of `(a)`, `(b)`, `(b)(1)`, `(b)(2)`, `(c)`',
        },
      ],
    },
    {
      name: 'a pinpoint into a section with no subdivisions',
      files: { [RECORDS]: records('The records are public, except as provided in :ref{to=purpose pin="(a)"}.') },
      findings: [
        {
          file: RECORDS,
          line: 17,
          column: 51,
          endLine: 17,
          endColumn: 77,
          severity: 'error',
          where: '§ 2(c)',
          message: 'Unknown subdivision `(a)` in Section 1 (`purpose`), expected no pinpoint: it has no subdivisions',
        },
      ],
    },
    {
      name: 'a section written by a number the ordinance does not reach',
      files: { [RECORDS]: records('The records are public.', 'Except as provided in Section 6, for ') },
      findings: [
        {
          file: RECORDS,
          line: 7,
          column: 23,
          endLine: 7,
          endColumn: 32,
          severity: 'error',
          where: '§ 2',
          message: 'Unknown section in `Section 6`, expected one of Sections 1–5 (better, `:ref{to=id}`, which follows the section when it moves)',
        },
      ],
    },
  ],
};
export default cases;
