/** subdivision-sequence: (a), (b), (c) and (1), (2), (3) run without gaps or repeats, each run from its first label. */
import type { RuleCases } from '../rule-tester.js';
import { RECORDS, RECORDS_FRONT_MATTER } from './base-files.js';

/** The records section of the base with `subdivisions` (Markdown paragraphs) as its body after the definition. */
function records(subdivisions: string): string {
  return `${RECORDS_FRONT_MATTER}For purposes of this section, :term[Stop] means any detention by a police officer.

${subdivisions}
`;
}

const cases: RuleCases = {
  valid: [
    { name: 'the base: (a), (b) with (1), (2), then (c)', files: {} },
    {
      name: 'a subdivision inserted by amendment between two others',
      files: { [RECORDS]: records('(a) Every Stop shall be recorded.\n\n(a-1) Every record shall be signed.\n\n(b) Each record shall be kept.') },
    },
    {
      name: 'an (i) after (h) that opens numerals under (A), as the (ii) after it shows (D.C. Law 24-315)',
      files: {
        [RECORDS]: records(
          '(a) One.\n\n(b) Two.\n\n(c) Three.\n\n(d) Four.\n\n(e) Five.\n\n(f) Six.\n\n(g) Seven.\n\n(h) Each record shall state:\n\n(1) the date; and\n\n(2) the goals relating to:\n\n(A) outcomes, as to:\n\n(i) prevention;\n\n(ii) treatment; and\n\n(iii) recovery; and\n\n(B) principles.',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'a subdivision removed and the rest not relettered',
      files: { [RECORDS]: records('(a) Every Stop shall be recorded.\n\n(c) Each record shall be kept for five years.') },
      findings: [{ file: RECORDS, line: 11, column: 1, endLine: 11, endColumn: 46, severity: 'error', where: '§ 2(c)', message: 'Unexpected subdivision `(c)`, expected `(b)`' }],
    },
    {
      name: 'a letter used twice, and the run going on from the repeat',
      files: {
        [RECORDS]: records('(a) Every Stop shall be recorded.\n\n(b) Each record shall state the date.\n\n(b) Each record shall state the place.\n\n(c) The records are public.'),
      },
      findings: [{ file: RECORDS, line: 13, column: 1, endLine: 13, endColumn: 39, severity: 'error', where: '§ 2(b)', message: 'Unexpected subdivision `(b)`, expected `(c)`' }],
    },
    {
      name: 'a run of paragraphs that starts at (2)',
      files: { [RECORDS]: records('(a) Each record shall state:\n\n(2) the date; and\n\n(3) the place.') },
      findings: [
        { file: RECORDS, line: 11, column: 1, endLine: 11, endColumn: 18, severity: 'error', where: '§ 2(a)(2)', message: 'Unexpected subdivision `(2)`, expected `(1)`' },
      ],
    },
    {
      name: 'a run that starts at (b)',
      files: { [RECORDS]: records('(b) Every Stop shall be recorded.\n\n(c) Each record shall be kept.') },
      findings: [{ file: RECORDS, line: 9, column: 1, endLine: 9, endColumn: 34, severity: 'error', where: '§ 2(b)', message: 'Unexpected subdivision `(b)`, expected `(a)`' }],
    },
  ],
};
export default cases;
