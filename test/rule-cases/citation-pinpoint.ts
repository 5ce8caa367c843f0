/** citation-pinpoint: a `pin` must be one of the pinpoints the cited directive's registry entry lists (`§ 1`, `§ 2(a)` for Example Order 7). */
import type { RuleCases } from '../rule-tester.js';
import { PURPOSE, purposeSection as purpose } from './base-files.js';

const cases: RuleCases = {
  valid: [
    { name: 'a pinpoint the entry lists', files: { [PURPOSE]: purpose(':cite[Example Order 7, § 2(a)]{to=example-order pin="§ 2(a)"}') } },
    { name: 'a citation of the whole directive, with no pinpoint', files: { [PURPOSE]: purpose(':cite[Example Order 7]{to=example-order}') } },
    {
      name: 'any pinpoint into an entry that lists none',
      files: {
        [PURPOSE]: purpose(':cite[Records Order 12, § 9(c)]{to=records-order pin="§ 9(c)"}'),
        'ordinance/directives/records-order.md': `---
id: records-order
cited-as:
  - "Records Order 12"
title: "Records Order No. 12"
kind: special-order
issuer: "Chief of Police"
dates:
  issued: "1994-03-01"
status: in-force
---
Records Order 12 sets how long stop records are kept.
`,
      },
    },
  ],
  invalid: [
    {
      name: 'a subdivision the order does not have',
      files: { [PURPOSE]: purpose(':cite[Example Order 7, § 2(b)]{to=example-order pin="§ 2(b)"}') },
      findings: [
        {
          file: PURPOSE,
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 86,
          severity: 'error',
          where: '§ 1',
          message: 'Unknown pinpoint `§ 2(b)` in `example-order`, expected one of `§ 1`, `§ 2(a)`',
          related: 'pinpoints listed at ordinance/directives/example-order.md:13:3',
        },
      ],
    },
    {
      name: 'the pinpoint spelled out as words rather than as the entry lists it',
      files: { [PURPOSE]: purpose(':cite[Example Order 7, Section 1]{to=example-order pin="Section 1"}') },
      findings: [
        {
          file: PURPOSE,
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 92,
          severity: 'error',
          where: '§ 1',
          message: 'Unknown pinpoint `Section 1` in `example-order`, expected one of `§ 1`, `§ 2(a)`',
          related: 'pinpoints listed at ordinance/directives/example-order.md:13:3',
        },
      ],
    },
  ],
};
export default cases;
