/**
 * The files of the base ordinance (test/fixtures/base) that rule cases lay
 * their changes over, written once: a case changes one line of them, and its
 * expected positions count from these texts.
 */

export const ORDINANCE = 'ordinance/sample/ordinance.md';
export const PURPOSE = 'ordinance/sample/01-purpose.md';
export const RECORDS = 'ordinance/sample/02-records.md';
export const EXAMPLE_ORDER = 'ordinance/directives/example-order.md';

/** The base ordinance.md, with `jurisdiction` and `relations` (YAML lines after its dates). */
export function ordinanceFile(jurisdiction: string, relations: string): string {
  return `---
title: "An ordinance adding Section 1.1 to the Example Code to require stop records."
short-title: "Stop Records Ordinance"
jurisdiction: ${jurisdiction}
status: draft
version: 1
sponsors:
  - "Councilmember A"
dates:
  introduced: "2025-01-07"
${relations}
---
`;
}

/** The purpose section, its one sentence codifying `citation`. */
export function purposeSection(citation: string): string {
  return `---
id: purpose
heading: Purpose
kind: purpose
summary: "This law makes police keep a record of every stop."
---
This ordinance codifies ${citation}.
`;
}

/** The records section's front matter: its body is the case's. */
export const RECORDS_FRONT_MATTER = `---
id: records
heading: Records of Stops
kind: operative
summary: "Police must write down each stop they make."
---
`;

/** Example Order 7's registry entry with a status the schema does not know (\`in force\`): an entry with errors. */
export const UNUSABLE_EXAMPLE_ORDER = `---
id: example-order
cited-as:
  - "Example Order 7"
title: "Example Order No. 7"
kind: special-order
issuer: "Chief of Police"
dates:
  issued: "1990-01-02"
status: in force
---
Existing Example Order 7 says officers keep records of every stop.
`;
