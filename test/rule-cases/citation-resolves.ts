/** citation-resolves: `:cite{to=...}` names a usable entry of ordinance/directives/. */
import type { RuleCases } from '../rule-tester.js';
import { PURPOSE, purposeSection as purpose, UNUSABLE_EXAMPLE_ORDER } from './base-files.js';

const cases: RuleCases = {
  valid: [
    { name: 'the id of a registered directive', files: { [PURPOSE]: purpose(':cite[Example Order 7]{to=example-order}') } },
    { name: 'a directive named in prose by the form it is cited as', files: { [PURPOSE]: purpose('Example Order 7') } },
  ],
  invalid: [
    {
      name: 'a misspelt id, with the registered one suggested',
      files: { [PURPOSE]: purpose(':cite[Example Order 7]{to=example-ordr}') },
      findings: [
        {
          file: PURPOSE,
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 64,
          severity: 'error',
          where: '§ 1',
          message: 'Unknown directive `example-ordr`, expected a registered id (did you mean `example-order`?); register it as `ordinance/directives/example-ordr.md`',
        },
      ],
    },
    {
      name: 'a directive never registered: the nearest entry is suggested, however far',
      files: { [PURPOSE]: purpose(':cite[Special Order 40]{to=lapd-special-order-40}') },
      findings: [
        {
          file: PURPOSE,
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 74,
          severity: 'error',
          where: '§ 1',
          message:
            'Unknown directive `lapd-special-order-40`, expected a registered id (did you mean `example-order`?); register it as `ordinance/directives/lapd-special-order-40.md`',
        },
      ],
    },
    {
      name: 'a directive whose registry entry has errors',
      files: {
        [PURPOSE]: purpose(':cite[Example Order 7]{to=example-order}'),
        'ordinance/directives/example-order.md': UNUSABLE_EXAMPLE_ORDER,
      },
      findings: [
        {
          file: PURPOSE,
          line: 7,
          column: 25,
          endLine: 7,
          endColumn: 65,
          severity: 'error',
          where: '§ 1',
          message: 'Unusable directive `example-order`, expected a registry entry without errors (fix `ordinance/directives/example-order.md`)',
        },
        {
          file: 'ordinance/directives/example-order.md',
          line: 10,
          column: 9,
          endLine: 10,
          endColumn: 17,
          severity: 'error',
          message: 'Unexpected `in force` for `status`, expected `in-force` or else one of `superseded`, `repealed`, `codified`, `expired`, `unknown`',
          ruleId: 'front-matter-schema',
        },
      ],
    },
  ],
};
export default cases;
