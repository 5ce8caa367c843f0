/**
 * What changed between two checks: the findings that appeared and those that
 * went away. A finding is the same finding when its file, rule, law path and
 * message are (its line moves when text above it is edited).
 */
import type { Diagnostic } from '../report/diagnostics.js';

export interface FindingsDelta {
  /** Findings of the new check that the old one did not have, at their new places. */
  added: Diagnostic[];
  /** Findings of the old check that the new one no longer has, at their old places. */
  resolved: Diagnostic[];
}

/** A finding's identity across edits. */
function identity(d: Diagnostic): string {
  return [d.file, d.ruleId, d.severity, d.where ?? '', d.message].join('\u0000');
}

/** The findings added and resolved from `before` to `after` (each a multiset: two equal findings in a file count twice). */
export function findingsDelta(before: readonly Diagnostic[], after: readonly Diagnostic[]): FindingsDelta {
  const remaining = new Map<string, number>();
  for (const d of before) remaining.set(identity(d), (remaining.get(identity(d)) ?? 0) + 1);
  const added: Diagnostic[] = [];
  for (const d of after) {
    const left = remaining.get(identity(d)) ?? 0;
    if (left > 0) remaining.set(identity(d), left - 1);
    else added.push(d);
  }
  const resolved: Diagnostic[] = [];
  const unmatched = new Map<string, number>();
  for (const d of after) unmatched.set(identity(d), (unmatched.get(identity(d)) ?? 0) + 1);
  for (const d of before) {
    const left = unmatched.get(identity(d)) ?? 0;
    if (left > 0) unmatched.set(identity(d), left - 1);
    else resolved.push(d);
  }
  return { added, resolved };
}
