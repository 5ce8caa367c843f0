/**
 * SARIF 2.1.0, for code-scanning upload: one run, the registered rules as the
 * tool's rules (with their docs page and default level), every finding a
 * result with its region and, when it has one, its law path ("§ 3(b)") as a
 * logical location.
 */
import type { Diagnostic } from '../report/diagnostics.js';
import type { Rule } from '../validate/rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

export function formatSarif(diagnostics: Diagnostic[], rules: readonly Rule[], version: string): string {
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'ordinance',
            version,
            semanticVersion: version,
            rules: rules.map((rule) => ({
              id: rule.id,
              shortDescription: { text: rule.description },
              fullDescription: { text: `${rule.description}. Documentation: pipeline/validate/rules/${rule.id}.md` },
              defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
              properties: { docs: `pipeline/validate/rules/${rule.id}.md` },
            })),
          },
        },
        columnKind: 'utf16CodeUnits',
        results: diagnostics.map((d) => ({
          ruleId: d.ruleId,
          ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
          level: LEVEL[d.severity],
          message: { text: `${d.where ? `${d.where}: ` : ''}${d.message}${d.related ? ` (${d.related})` : ''}` },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: encodeURI(d.file.split('\\').join('/')), uriBaseId: '%SRCROOT%' },
                region: {
                  startLine: d.line,
                  startColumn: d.column,
                  ...(d.endLine !== undefined ? { endLine: d.endLine } : {}),
                  ...(d.endColumn !== undefined ? { endColumn: d.endColumn } : {}),
                },
              },
              // Where in the law: the section and subdivision ("§ 3(b)").
              ...(d.where ? { logicalLocations: [{ fullyQualifiedName: d.where, kind: 'section' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(log, null, 2);
}
