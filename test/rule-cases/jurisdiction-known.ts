/** jurisdiction-known: `jurisdiction:` names a template of templates/jurisdictions/. */
import type { RuleCases } from '../rule-tester.js';
import { ORDINANCE, ordinanceFile } from './base-files.js';

/** The base ordinance.md with `jurisdiction` as its jurisdiction. */
const ordinance = (jurisdiction: string): string => ordinanceFile(jurisdiction, 'codifies:\n  - example-order');

const cases: RuleCases = {
  valid: [
    { name: 'los-angeles', files: {} },
    { name: 'san-francisco', files: { [ORDINANCE]: ordinance('san-francisco') } },
  ],
  invalid: [
    {
      name: 'the city written out in full',
      files: { [ORDINANCE]: ordinance('los-angeles-city') },
      findings: [
        {
          file: ORDINANCE,
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 31,
          severity: 'error',
          message: 'Unknown jurisdiction `los-angeles-city`, expected `los-angeles` or else one of `district-of-columbia`, `san-francisco` (templates/jurisdictions/<id>.json)',
        },
      ],
    },
    {
      name: 'a misspelt id',
      files: { [ORDINANCE]: ordinance('san-fransisco') },
      findings: [
        {
          file: ORDINANCE,
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 28,
          severity: 'error',
          message: 'Unknown jurisdiction `san-fransisco`, expected `san-francisco` or else one of `district-of-columbia`, `los-angeles` (templates/jurisdictions/<id>.json)',
        },
      ],
    },
    {
      name: 'a council with no template yet',
      files: { [ORDINANCE]: ordinance('oakland') },
      findings: [
        {
          file: ORDINANCE,
          line: 4,
          column: 15,
          endLine: 4,
          endColumn: 22,
          severity: 'error',
          message: 'Unknown jurisdiction `oakland`, expected one of `district-of-columbia`, `los-angeles`, `san-francisco` (templates/jurisdictions/<id>.json)',
        },
      ],
    },
  ],
};
export default cases;
