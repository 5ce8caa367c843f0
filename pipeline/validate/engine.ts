/**
 * Validate: run the rules over the model. The engine resolves each rule's
 * severity and options (rule defaults, jurisdiction template, project config,
 * overrides for this ordinance), stamps findings with rule id, severity and
 * docs link, honours suppressions written in the source and reports those
 * that suppress nothing, and refuses a finding whose position lies outside
 * its file (an error in the rule, reported as such rather than shown wrong).
 * A rule that throws is reported as that rule's internal error, and the
 * other rules still run.
 */
import type { VFile } from 'vfile';
import { docsPage, report as reportOn, type Place } from '../report/diagnostics.js';
import { lawPathAt, type SectionWords } from '../model/law-path.js';
import { vocabularyOf } from '../template/vocabulary.js';
import { textFiles } from '../model/quoted-law.js';
import type { Suppression } from '../parse/suppressions.js';
import { EMPTY_CONFIG, resolveSetting, type ProjectConfig, type RuleSetting } from '../config/project-config.js';
import type { Rule, RuleContext, RuleReport } from './rule.js';
import { rules as registeredRules } from './rules/index.js';

export interface ValidateOptions {
  config?: ProjectConfig;
  /** Highest layer: settings given directly (tests, API callers). */
  settings?: Record<string, RuleSetting>;
  rules?: readonly Rule[];
}

/** The layers that set `rule` for this ordinance, weakest first. */
function layersFor(rule: Rule, context: RuleContext, options: ValidateOptions): (RuleSetting | undefined)[] {
  const config = options.config ?? EMPTY_CONFIG;
  const slug = context.ordinance.slug;
  const type = context.ordinance.meta.type ?? 'ordinance';
  const named = context.jurisdiction?.rules?.[rule.id];
  // The jurisdiction's settings for this kind of document (its code titles) come after its own.
  const forType = type === 'code-title' ? context.jurisdiction?.documents?.['code-title']?.rules?.[rule.id] : undefined;
  // A rule of one council's form is off unless the document's jurisdiction names it (or the project turns it on).
  const defaults = rule.jurisdictionScoped && !named ? { severity: 'off' as const } : { severity: rule.defaultSeverity, byStatus: rule.byStatus };
  return [
    { ...defaults, options: rule.defaultOptions as Record<string, unknown> | undefined },
    named,
    forType,
    config.rules[rule.id],
    ...config.overrides.filter((o) => o.ordinances.includes(slug)).map((o) => o.rules[rule.id]),
    options.settings?.[rule.id],
  ];
}

/** Whether the rule `id` runs on this ordinance (its document kind, and a severity other than off): what the runner asks before it gathers what only that rule reads. */
export function ruleRuns(id: string, context: RuleContext, options: ValidateOptions = {}): boolean {
  const rule = (options.rules ?? registeredRules).find((r) => r.id === id);
  if (!rule || (rule.appliesTo && !rule.appliesTo.includes(context.ordinance.meta.type ?? 'ordinance'))) return false;
  return resolveSetting(layersFor(rule, context, options), context.ordinance.meta.status).severity !== 'off';
}

/** Each rule's severity and options for one ordinance, through every configuration layer (what the rule itself sees). */
export type RuleSettings = ReadonlyMap<string, ReturnType<typeof resolveSetting>>;

/** Run the rules on one ordinance; findings land on its files. Returns every rule's resolved setting, for the stages after. */
export function validateOrdinance(context: RuleContext, options: ValidateOptions = {}): RuleSettings {
  const rules = options.rules ?? registeredRules;
  const { ordinance } = context;
  const type = ordinance.meta.type ?? 'ordinance';
  const files = textFiles(ordinance);
  const used = new Set<Suppression>();
  // Quoted law's path names where the ordinance quotes it in the council's word ("quoted in Sec. 1").
  const words = vocabularyOf(context.jurisdiction);
  const settings = new Map<string, ReturnType<typeof resolveSetting>>();
  for (const rule of rules) {
    // Resolved even for a rule that does not run: the digest reads summary-readability's targets for every document.
    const setting = resolveSetting(layersFor(rule, context, options), ordinance.meta.status);
    settings.set(rule.id, setting);
    if (rule.appliesTo && !rule.appliesTo.includes(type)) continue;
    const { severity, options: ruleOptions } = setting;
    if (severity === 'off') continue;
    const report: RuleReport = (file, reason, place, finding = {}) => {
      if (place && !inBounds(file, place)) {
        reportOn(file, 'rule-position', `Rule \`${rule.id}\` reported outside the file (${describePlace(place)}): ${reason}`, { place: { line: 1, column: 1 } });
        return;
      }
      const line = place ? ('start' in place ? place.start.line : place.line) : 1;
      const suppression = (file.data.suppressions ?? []).find((s) => s.rules.includes(rule.id) && (s.scope === 'file' || s.line === line));
      if (suppression) {
        used.add(suppression);
        return;
      }
      // The law path comes from the place; a rule names it only when it reports about somewhere else.
      const where = finding.where ?? lawPathAt(ordinance, file, place, words);
      const message = reportOn(file, rule.id, reason, { place, severity: finding.severity ?? severity, related: finding.related, where, fix: finding.fix });
      message.url = docsPage(rule.id, true);
    };
    try {
      rule.check(context, report, ruleOptions);
    } catch (error) {
      // A defect in one rule is that rule's finding; the other rules still run.
      reportOn(ordinance.file, 'rule-internal', `Rule \`${rule.id}\` failed: ${errorMessage(error)}`, { place: { line: 1, column: 1 } });
    }
  }
  const known = new Set(registeredRules.map((r) => r.id));
  for (const file of files) {
    for (const suppression of file.data.suppressions ?? []) {
      const unknown = suppression.rules.filter((id) => !known.has(id));
      if (unknown.length) {
        reportOn(file, 'suppression-rule', `Unknown rule ${unknown.map((id) => `\`${id}\``).join(', ')} in suppression, expected a rule id (\`ordinance rules\` lists them)`, {
          place: suppression.position,
        });
      } else if (!used.has(suppression)) {
        reportOn(file, 'unused-suppression', `Unexpected suppression of ${suppression.rules.map((id) => `\`${id}\``).join(', ')}: it suppresses nothing, expected it removed`, {
          place: suppression.position,
          severity: 'warning',
        });
      }
    }
  }
  stampLawPaths(ordinance, files, words);
  return settings;
}

/**
 * The law path of every finding of the ordinance's sections that has none yet:
 * those of the parse and model stages (an unknown annotation, a gap in the
 * subdivisions), so every finding in a section says where in the law it is.
 */
function stampLawPaths(ordinance: RuleContext['ordinance'], files: readonly VFile[], words: SectionWords): void {
  for (const file of files) {
    for (const message of file.messages) {
      if (message.note !== undefined || message.place === undefined) continue;
      const where = lawPathAt(ordinance, file, message.place, words);
      if (where) message.note = where;
    }
  }
}

/** What an error says, whatever was thrown. */
function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describePlace(place: Place): string {
  const start = 'start' in place ? place.start : place;
  return `${start.line}:${start.column}`;
}

/** A file's lines, split once per text: a rule may report thousands of findings on one file. */
const split = new WeakMap<VFile, { text: unknown; lines: string[] }>();
function linesOf(file: VFile): string[] {
  const known = split.get(file);
  if (known && known.text === file.value) return known.lines;
  const lines = String(file.value).split('\n');
  split.set(file, { text: file.value, lines });
  return lines;
}

/** Whether `place` lies within the text of `file`. */
export function inBounds(file: VFile, place: Place): boolean {
  const lines = linesOf(file);
  const points = 'start' in place ? [place.start, place.end] : [place];
  return points.every((p) => p.line >= 1 && p.line <= Math.max(lines.length, 1) && p.column >= 1 && p.column <= (lines[p.line - 1]?.length ?? 0) + 1);
}
