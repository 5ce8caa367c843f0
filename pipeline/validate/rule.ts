/**
 * What a validation rule is: one file each under validate/rules/, with its
 * docs beside it (`<id>.md`). The engine owns ids, severities, options,
 * suppressions and positions; a rule only says what is wrong and where.
 */
import type { Static, TObject } from 'typebox';
import type { VFile } from 'vfile';
import type { Place, Replacement, Severity } from '../report/diagnostics.js';
import type { DocumentType, OrdinanceStatus } from '../model/metadata.js';
import type { Lifecycle } from '../model/lifecycle.js';
import type { Ordinance } from '../model/types.js';
import type { DirectiveRegistry } from '../registry/registry.js';
import type { Jurisdiction } from '../template/template-schema.js';
import type { Amendments } from '../amend/amend-ordinance.js';
import type { DirectiveRelation } from '../xref/relations.js';

export interface RuleContext {
  ordinance: Ordinance;
  registry: DirectiveRegistry;
  /** The ordinance's relations to prior directives, as the resolve stage found them (a rule given no context of the pipeline's finds them itself). */
  relations?: readonly DirectiveRelation[] | undefined;
  /** Ids of the jurisdiction templates in templates/jurisdictions/. */
  jurisdictions: readonly string[];
  /** The ordinance's jurisdiction template, when it has one. */
  jurisdiction?: Jurisdiction | undefined;
  /** The amend stage's result: the instructions read and what became of them in the code (null when the ordinance amends no code). */
  amendments?: Amendments | null | undefined;
  /** What git recorded of the ordinance's lifecycle, gathered by the runner when a rule that reads it runs (status-lifecycle); absent outside git's reach. */
  lifecycle?: Lifecycle | undefined;
}

export interface RuleFinding {
  /** A second place that explains the first ("first defined here"). */
  related?: { file: VFile; place: Place; message: string } | undefined;
  /**
   * Where in the law, for example "§ 4(b)". The engine derives it from the
   * place (the section and deepest subdivision holding it); a rule names it
   * only for a finding about somewhere other than where it is reported.
   */
  where?: string | undefined;
  /**
   * The finding's own severity, where what it means does not depend on the
   * ordinance's status: an amending sentence that does not read, in an
   * ordinance that names the code it amends, is an error even in a draft
   * (`amend` writes nothing while it stands). Only a rule that runs reports.
   */
  severity?: Severity | undefined;
  /** The words at the place to replace and what may stand there instead, likeliest first: a quick fix each, and `check --fix` applies the only one. */
  fix?: Replacement | undefined;
}

export type RuleReport = (file: VFile, reason: string, place: Place | undefined, finding?: RuleFinding) => void;

/**
 * A rule. One that takes options declares their schema (`options`, TypeBox),
 * from which its Options type is derived; options set in ordinance.config.json
 * or a jurisdiction template are checked against it when those are loaded.
 */
export interface Rule<Options extends TObject = TObject> {
  id: string;
  /** One line, shown by `ordinance rules` and matched by the docs page. */
  description: string;
  defaultSeverity: Severity;
  /** Severity by the ordinance's status, where it differs from the default. */
  byStatus?: Partial<Record<OrdinanceStatus, Severity | 'off'>>;
  /**
   * A rule of one council's form (Los Angeles' "An ordinance ..." title, its
   * certification section): it runs only on the documents of a jurisdiction
   * whose template names it under `rules`, never by default.
   */
  jurisdictionScoped?: boolean;
  /** The documents it applies to (default: every kind). */
  appliesTo?: readonly DocumentType[];
  /** The schema of its options, every key required: a layer of configuration may set any of them. */
  options?: Options;
  defaultOptions?: Static<Options>;
  check(context: RuleContext, report: RuleReport, options: Static<Options>): void;
}
