/**
 * Diagnostics: every problem a drafter sees is a vfile message with a rule id,
 * a severity and an exact place in a source file.
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { VFileMessage } from 'vfile-message';

export type Severity = 'error' | 'warning' | 'info';

/** A place in a source file: a point or a range. */
export type Place = Point | Position;

/** Where rule documentation lives, relative to the repository. */
export const RULE_DOCS_BASE = 'pipeline/validate/rules/';
/** Where the documentation of the source-format checks (not configurable rules) lives. */
export const DIAGNOSTIC_DOCS_BASE = 'pipeline/validate/diagnostics/';

export interface ReportOptions {
  place?: Place | undefined;
  /** A second place that explains the first ("first defined here"). */
  related?: { file: VFile; place: Place; message: string } | undefined;
  /** Where in the law this is (for example `§ 4(b)`), shown beside the position. */
  where?: string | undefined;
  severity?: Severity | undefined;
}

/** Report `reason` on `file` as `ruleId`; returns the message. */
export function report(file: VFile, ruleId: string, reason: string, options: ReportOptions = {}): VFileMessage {
  const message = file.message(reason, { place: options.place, ruleId, source: 'ordinance' });
  // Rules get their own page from the engine; everything else is a check of the format.
  message.url = `${DIAGNOSTIC_DOCS_BASE}${ruleId}.md`;
  const severity = options.severity ?? 'error';
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
  if (options.where) message.note = options.where;
  if (options.related) {
    const { file: relatedFile, place, message: relatedMessage } = options.related;
    const start = 'start' in place ? place.start : place;
    message.cause = `${relatedMessage} at ${relatedFile.path}:${start.line}:${start.column}`;
  }
  return message;
}

export function severityOf(message: VFileMessage): Severity {
  return message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info';
}

export function hasErrors(files: Iterable<VFile>): boolean {
  for (const file of files) if (file.messages.some((m) => m.fatal === true)) return true;
  return false;
}

/** A flat, serialisable diagnostic for reporters and tests. */
export interface Diagnostic {
  file: string;
  line: number;
  column: number;
  endLine?: number | undefined;
  endColumn?: number | undefined;
  severity: Severity;
  message: string;
  ruleId: string;
  where?: string | undefined;
  related?: string | undefined;
}

export function toDiagnostic(file: VFile, message: VFileMessage): Diagnostic {
  return {
    file: file.path,
    line: message.line ?? 1,
    column: message.column ?? 1,
    endLine: message.place && 'end' in message.place ? message.place.end.line : undefined,
    endColumn: message.place && 'end' in message.place ? message.place.end.column : undefined,
    severity: severityOf(message),
    message: message.reason,
    ruleId: message.ruleId ?? 'unknown',
    where: typeof message.note === 'string' ? message.note : undefined,
    related: typeof message.cause === 'string' ? message.cause : undefined,
  };
}

/** All diagnostics of `files`, sorted by file, line and column. */
export function collectDiagnostics(files: Iterable<VFile>): Diagnostic[] {
  const all: Diagnostic[] = [];
  for (const file of files) for (const message of file.messages) all.push(toDiagnostic(file, message));
  return all.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column || a.ruleId.localeCompare(b.ruleId));
}
