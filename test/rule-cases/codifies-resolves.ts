/** codifies-resolves: what `codifies:` and `supersedes:` name in ordinance.md are registered, usable directives. */
import type { RuleCases } from '../rule-tester.js';
import { ORDINANCE, ordinanceFile, UNUSABLE_EXAMPLE_ORDER } from './base-files.js';

/** The base ordinance.md with `relations` (YAML lines) in place of its `codifies` list. */
const ordinance = (relations: string): string => ordinanceFile('los-angeles', relations);

/** A second order, registered: one the ordinance can supersede. */
const OLD_ORDER = `---
id: old-order
cited-as:
  - "Old Order 3"
title: "Old Order No. 3"
kind: special-order
issuer: "Chief of Police"
dates:
  issued: "1980-05-06"
status: in-force
---
Old Order 3 asked officers to note stops in their notebooks.
`;

const cases: RuleCases = {
  valid: [
    { name: 'codifies a registered directive', files: {} },
    {
      name: 'codifies one registered directive and supersedes another',
      files: { [ORDINANCE]: ordinance('codifies:\n  - example-order\nsupersedes:\n  - old-order'), 'ordinance/directives/old-order.md': OLD_ORDER },
    },
    { name: 'codifies nothing', files: { [ORDINANCE]: ordinance('codifies: []') } },
  ],
  invalid: [
    {
      name: 'a misspelt id under codifies, with the registered one suggested',
      files: { [ORDINANCE]: ordinance('codifies:\n  - example-ordr') },
      findings: [
        {
          file: ORDINANCE,
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 17,
          severity: 'error',
          message: 'Unknown directive `example-ordr` in `codifies`, expected a registered id (did you mean `example-order`?)',
        },
      ],
    },
    {
      name: 'supersedes an order never registered',
      files: { [ORDINANCE]: ordinance('codifies:\n  - example-order\nsupersedes:\n  - old-order') },
      findings: [
        {
          file: ORDINANCE,
          line: 14,
          column: 5,
          endLine: 14,
          endColumn: 14,
          severity: 'error',
          message: 'Unknown directive `old-order` in `supersedes`, expected a registered id (did you mean `example-order`?)',
        },
      ],
    },
    {
      name: 'codifies a directive whose registry entry has errors',
      files: {
        'ordinance/directives/example-order.md': UNUSABLE_EXAMPLE_ORDER,
      },
      findings: [
        {
          file: ORDINANCE,
          line: 12,
          column: 5,
          endLine: 12,
          endColumn: 18,
          severity: 'error',
          message: 'Unusable directive `example-order` in `codifies`, expected a registry entry without errors (fix `ordinance/directives/example-order.md`)',
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
