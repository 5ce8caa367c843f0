/** section-id-unique: no two sections share an `id` (references point at ids). */
import type { RuleCases } from '../rule-tester.js';

/** A section file with `id`, `heading` and `kind`, and `body` as its text. */
function section(id: string, heading: string, kind: string, body: string): string {
  return `---
id: ${id}
heading: ${heading}
kind: ${kind}
---
${body}
`;
}

const RETENTION = 'Records of stops shall be kept for five years.';

const cases: RuleCases = {
  valid: [
    { name: 'the base ordinance, every id its own', files: {} },
    { name: 'a new section with an id of its own', files: { 'ordinance/sample/02a-retention.md': section('retention', 'Retention', 'operative', RETENTION) } },
  ],
  invalid: [
    {
      name: 'a section copied from another and its id left unchanged',
      files: { 'ordinance/sample/02a-retention.md': section('records', 'Retention', 'operative', RETENTION) },
      findings: [
        {
          file: 'ordinance/sample/02a-retention.md',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 12,
          severity: 'error',
          where: '§ 3',
          message: 'Unexpected duplicate section id `records`, expected an id no other section has',
          related: 'first used at ordinance/sample/02-records.md:2:5',
        },
      ],
    },
    {
      name: 'three sections with one id: each after the first is reported against the first',
      files: {
        'ordinance/sample/03-severability.md': section(
          'records',
          'Severability',
          'severability',
          'If any part of this ordinance is held invalid, the remaining parts shall remain in effect.',
        ),
        'ordinance/sample/04-effective-date.md': section('records', 'Effective Date', 'effective-date', 'This ordinance takes effect 31 days after its publication.'),
      },
      findings: [
        {
          file: 'ordinance/sample/03-severability.md',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 12,
          severity: 'error',
          where: '§ 3',
          message: 'Unexpected duplicate section id `records`, expected an id no other section has',
          related: 'first used at ordinance/sample/02-records.md:2:5',
        },
        {
          file: 'ordinance/sample/04-effective-date.md',
          line: 2,
          column: 5,
          endLine: 2,
          endColumn: 12,
          severity: 'error',
          where: '§ 4',
          message: 'Unexpected duplicate section id `records`, expected an id no other section has',
          related: 'first used at ordinance/sample/02-records.md:2:5',
        },
      ],
    },
  ],
};
export default cases;
