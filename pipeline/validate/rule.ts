/**
 * What a validation rule is: one file each under validate/rules/, with its
 * docs beside it (`<id>.md`). The engine owns ids, severities and positions;
 * a rule only says what is wrong and where.
 */
import type { VFile } from 'vfile';
import type { Place, Severity } from '../diagnostics.js';
import type { Ordinance } from '../model/types.js';
import type { DirectiveRegistry } from '../registry/registry.js';

export interface RuleContext {
  ordinance: Ordinance;
  registry: DirectiveRegistry;
  /** Ids of the jurisdiction templates in templates/jurisdictions/. */
  jurisdictions: readonly string[];
}

export interface RuleFinding {
  /** A second place that explains the first ("first defined here"). */
  related?: { file: VFile; place: Place; message: string } | undefined;
  /** Where in the law, for example "§ 4(b)". */
  where?: string | undefined;
}

export type RuleReport = (file: VFile, reason: string, place: Place | undefined, finding?: RuleFinding) => void;

export interface Rule {
  id: string;
  /** One line, shown by `ordinance rules` and matched by the docs page. */
  description: string;
  defaultSeverity: Severity;
  check(context: RuleContext, report: RuleReport): void;
}
