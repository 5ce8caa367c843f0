/**
 * Validate: run the rules over the model. The engine stamps each finding with
 * its rule id and severity, and refuses a finding whose position lies outside
 * its file (an error in the rule, reported as such rather than shown wrong).
 */
import type { VFile } from 'vfile';
import { report as reportOn, type Place, type Severity } from '../diagnostics.js';
import type { Rule, RuleContext, RuleReport } from './rule.js';
import { rules as registeredRules } from './rules/index.js';

export type RuleSeverities = Partial<Record<string, Severity | 'off'>>;

/** Run `rules` (all registered ones by default) with optional severity overrides. */
export function validateOrdinance(context: RuleContext, severities: RuleSeverities = {}, rules: readonly Rule[] = registeredRules): void {
  for (const rule of rules) {
    const severity = severities[rule.id] ?? rule.defaultSeverity;
    if (severity === 'off') continue;
    const report: RuleReport = (file, reason, place, finding = {}) => {
      if (place && !inBounds(file, place)) {
        reportOn(file, 'rule-position', `Rule \`${rule.id}\` reported outside the file (${describePlace(place)}): ${reason}`, {
          place: { line: 1, column: 1 },
        });
        return;
      }
      reportOn(file, rule.id, reason, { place, severity, related: finding.related, where: finding.where });
    };
    rule.check(context, report);
  }
}

function describePlace(place: Place): string {
  const start = 'start' in place ? place.start : place;
  return `${start.line}:${start.column}`;
}

/** Whether `place` lies within the text of `file`. */
export function inBounds(file: VFile, place: Place): boolean {
  const lines = String(file.value).split('\n');
  const points = 'start' in place ? [place.start, place.end] : [place];
  return points.every((p) => p.line >= 1 && p.line <= Math.max(lines.length, 1) && p.column >= 1 && p.column <= (lines[p.line - 1]?.length ?? 0) + 1);
}
