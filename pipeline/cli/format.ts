/**
 * Reporters for diagnostics: compact compiler lines (default), vfile-reporter
 * for people, JSON for tools, SARIF for code scanning, and GitHub Actions
 * workflow commands for pull-request annotations.
 */
import type { VFile } from 'vfile';
import { reporter } from 'vfile-reporter';
import { collectDiagnostics, type Diagnostic, docsLink, docsPage } from '../report/diagnostics.js';
import { rules } from '../validate/rules/index.js';
import { packageHomepage } from './report.js';
import { formatSarif } from './sarif.js';

export const FORMATS = ['compact', 'human', 'json', 'github', 'sarif'] as const;
export type Format = (typeof FORMATS)[number];

/** "§ 3(b): " before a message whose place has a law path; nothing otherwise. */
export function lawPathPrefix(diagnostic: Diagnostic): string {
  return diagnostic.where ? `${diagnostic.where}: ` : '';
}

/** `path:line:col: severity § 3(b): message [rule-id]`, one line each (no law path, no `§ ...: `). */
export function formatCompact(diagnostics: Diagnostic[]): string {
  return diagnostics.map((d) => `${d.file}:${d.line}:${d.column}: ${d.severity} ${lawPathPrefix(d)}${d.message}${d.related ? ` (${d.related})` : ''} [${d.ruleId}]`).join('\n');
}

function escapeData(value: string): string {
  return value.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function escapeProperty(value: string): string {
  return escapeData(value).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** GitHub Actions workflow commands: `::error file=...,line=...,col=...::message`. */
export function formatGithub(diagnostics: Diagnostic[]): string {
  return diagnostics
    .map((d) => {
      const command = d.severity === 'error' ? 'error' : d.severity === 'warning' ? 'warning' : 'notice';
      const properties = [`file=${escapeProperty(d.file)}`, `line=${d.line}`, `col=${d.column}`];
      if (d.endLine !== undefined) properties.push(`endLine=${d.endLine}`);
      if (d.endColumn !== undefined && d.endLine === d.line) properties.push(`endColumn=${d.endColumn}`);
      properties.push(`title=${escapeProperty(d.ruleId)}`);
      return `::${command} ${properties.join(',')}::${escapeData(lawPathPrefix(d) + d.message)}`;
    })
    .join('\n');
}

const RULE_IDS = new Set(rules.map((r) => r.id));

/** The docs link of a finding's rule or check, from its id: findings that crossed a thread or came from the cache carry none of their own. */
function linkDocs(files: VFile[], homepage: string | undefined): void {
  for (const file of files) for (const message of file.messages) if (message.ruleId) message.url = docsLink(docsPage(message.ruleId, RULE_IDS.has(message.ruleId)), homepage);
}

/** Diagnostics of `files` in `format`; empty when there are none (SARIF always writes its log). Docs pages are URLs below the package's homepage when it has one. */
export function formatDiagnostics(files: VFile[], format: Format, version = '0.0.0', homepage = packageHomepage()): string {
  const diagnostics = collectDiagnostics(files);
  switch (format) {
    case 'sarif':
      return formatSarif(diagnostics, rules, version, homepage);
    case 'json':
      return JSON.stringify(diagnostics, null, 2);
    case 'github':
      return formatGithub(diagnostics);
    case 'human':
      // Verbose: each finding's law path (its note) and docs page under it.
      linkDocs(files, homepage);
      return diagnostics.length
        ? reporter(
            files.filter((f) => f.messages.length > 0),
            { quiet: true, verbose: true },
          )
        : '';
    default:
      return formatCompact(diagnostics);
  }
}
