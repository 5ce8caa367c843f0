/**
 * SARIF 2.1.0, for code-scanning upload: one run, the registered rules as the
 * tool's rules (with their docs page and default level), every finding a
 * result with its region and, when it has one, its law path ("§ 3(b)") as a
 * logical location.
 */
import { type Diagnostic, docsLink, docsPage } from '../report/diagnostics.js';
import type { Rule } from '../validate/rule.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** The SARIF log of `diagnostics`; each rule's docs page a URL (`helpUri`) when the package has a homepage, else its path. */
export function formatSarif(diagnostics: Diagnostic[], rules: readonly Rule[], version: string, homepage?: string): string {
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
            rules: rules.map((rule) => {
              const page = docsPage(rule.id, true);
              return {
                id: rule.id,
                shortDescription: { text: rule.description },
                fullDescription: { text: `${rule.description}. Documentation: ${docsLink(page, homepage)}` },
                // helpUri must be an absolute URI: only with a homepage.
                ...(homepage ? { helpUri: docsLink(page, homepage) } : {}),
                defaultConfiguration: { level: LEVEL[rule.defaultSeverity] },
                properties: { docs: page },
              };
            }),
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
