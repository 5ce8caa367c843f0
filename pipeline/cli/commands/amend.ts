/**
 * `ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write)`:
 * check the ordinance, apply its instructions to the code, and write the
 * amended section files (laid out as the code's folders) and amendments.json
 * to <dir>, or the amended sections into the code itself. Nothing is written
 * when an instruction does not apply or a sentence that reads as one does not
 * parse: the findings are printed, exit 1. With --keep-going (the codifier's
 * mode), every section whose instructions all apply is written, the rest are
 * listed with why, and the exit is 1 when anything was left.
 */
import path from 'node:path';
import { discoverWorkspaces } from '../../load/sources.js';
import { UsageError } from '../../report/failure.js';
import type { Workspace } from '../../model/workspace.js';
import { compileRun, filesOf } from '../../runner/run.js';
import { checkTemplates } from '../../load/templates.js';
import { amendmentsJson, leftSections, writable, writableGroups } from '../../amend/amend-ordinance.js';
import { findConfig, loadConfig } from '../../load/config-file.js';
import { rules } from '../../validate/rules/index.js';
import { formatDiagnostics } from '../format.js';
import { hasErrors } from '../../report/diagnostics.js';
import { COMMON_USAGE, formatOption, parseCommand, REPORT_OPTIONS, REPORT_USAGE } from '../options.js';
import { packageVersion, reportInternal } from '../report.js';

const USAGE = `Usage: ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write) [--keep-going] [--codify]

Apply an amending ordinance's instructions to the code it names: write the
amended section files and amendments.json to <dir>, or the amended sections
into the code itself. Nothing is written when an instruction does not apply,
or when a sentence that reads as an instruction does not parse.

Options:
  --out <dir>         write the amended sections and amendments.json here
  --write             write the amended sections into the code's own files
  --keep-going        write every section whose instructions all apply; list
                      the sections left and the sentences not read (also in
                      amendments.json); exit 1 when anything was left
  --code <dir>        the code to amend, in place of the ordinance's amends-code
  --codify            conform the words put into the code as the codifier
                      publishes them ("this act" → "this chapter", an act's
                      section → its code section), each edit listed in
                      amendments.json; the ordinance's words are unchanged
  --quiet             do not list the files written
${REPORT_USAGE}
${COMMON_USAGE}
`;

const AMEND_OPTIONS = {
  ...REPORT_OPTIONS,
  out: { type: 'string' },
  write: { type: 'boolean' },
  code: { type: 'string' },
  quiet: { type: 'boolean' },
  'keep-going': { type: 'boolean' },
  codify: { type: 'boolean' },
} as const;

/** Run `ordinance amend`; returns the exit code. */
export async function runAmend(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'amend', usage: USAGE, options: AMEND_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const { values } = parsed;
  const format = formatOption(values.format);
  const write = values.write ?? false;
  const [dir, ...extra] = parsed.positionals;
  if (!dir || extra.length > 0 || (values.out !== undefined) === write)
    throw new UsageError('usage: ordinance amend <ordinance-dir> [--code <code-dir>] (--out <dir> | --write) [--keep-going] [--codify]');
  const keepGoing = values['keep-going'] ?? false;
  const workspaces = discoverWorkspaces([dir]);
  const workspace = workspaces[0];
  if (workspaces.length !== 1 || workspace?.ordinances.length !== 1) throw new UsageError(`\`${dir}\` is not one ordinance folder`);
  const configOf = (w: Workspace) => loadConfig(findConfig(path.dirname(path.resolve(w.registryDir)), values.config), rules);
  checkTemplates(rules);
  const run = await compileRun([workspace], { build: false, outDir: values.out ?? 'dist', cache: false, configOf, code: values.code, codify: values.codify });
  const result = run.workspaces[0]!.ordinances[0]!;
  const files = filesOf(run.workspaces);
  const output = formatDiagnostics(files, format, packageVersion());
  if (output) process.stdout.write(`${output}\n`);
  if (result.failure) {
    reportInternal(` while amending with ${result.dir}`, result.failure);
    return 2;
  }
  const amendments = result.amendments;
  if (!result.ordinance) return 1;
  if (amendments?.unnamed) {
    process.stderr.write(`ordinance: ${dir}: ${amendments.codeError}; name it there or with --code <dir>\n`);
    return 1;
  }
  if (!amendments || amendments.outcomes.length === 0) {
    process.stderr.write(`ordinance: ${dir} has no amending instructions${amendments?.codeError ? ` (${amendments.codeError})` : ''}\n`);
    return 1;
  }
  const failed = amendments.outcomes.filter((o) => !o.applied);
  const unread = amendments.unparsed.length;
  const problems = [
    ...(failed.length ? [`${failed.length} of ${amendments.outcomes.length} instructions do not apply`] : []),
    ...(unread ? [`${unread} sentence${unread === 1 ? '' : 's'} that read${unread === 1 ? 's' : ''} as an instruction do${unread === 1 ? 'es' : ''} not parse`] : []),
  ];
  // What check does not accept is not applied: an error anywhere in the ordinance (a quoted section without its designation, say) stops it too.
  if (problems.length === 0 && hasErrors(files)) problems.push('the check found errors');
  if (!amendments.code || (problems.length > 0 && !keepGoing)) {
    process.stderr.write(`not amended: ${problems.join('; ') || amendments.codeError || 'no code'} (fix the errors above, or write what applies with --keep-going)\n`);
    return 1;
  }
  const changed = writable(amendments);
  const left = leftSections(amendments);
  const { writeAtomically } = await import('../../outputs/dist.js');
  const written: string[] = [];
  if (write) {
    // Into the code itself: every section, or none (a section that cannot be written leaves the code as it was).
    const { writeTogether } = await import('../../outputs/write-together.js');
    const files = [...changed.map((s) => ({ name: s.file, bytes: s.after })), ...writableGroups(amendments).map((g) => ({ name: g.file, bytes: g.source }))];
    written.push(...(await writeTogether(amendments.code.root, files)));
  } else {
    const { prepareOutDir } = await import('../../outputs/out-dir.js');
    const out = path.resolve(values.out!);
    prepareOutDir(out, [path.resolve(result.dir), amendments.code.root]);
    for (const section of changed) written.push(await writeAtomically(out, section.file, section.after));
    for (const group of writableGroups(amendments)) written.push(await writeAtomically(out, group.file, group.source));
    written.push(await writeAtomically(out, 'amendments.json', amendmentsJson(amendments, path.dirname(path.resolve(result.dir)))));
  }
  if (!values.quiet) for (const file of written) process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  const applied = changed.reduce((n, s) => n + s.outcomes.length, 0);
  process.stderr.write(`amended ${changed.length} section${changed.length === 1 ? '' : 's'} with ${applied} instruction${applied === 1 ? '' : 's'}\n`);
  if (problems.length === 0) return 0;
  for (const section of left) {
    const reasons = section.outcomes.filter((o) => !o.applied).map((o) => o.reason ?? 'it does not apply');
    process.stderr.write(`left § ${section.section} as it was: ${reasons.join('; ')}\n`);
  }
  if (unread)
    process.stderr.write(`not read: ${unread} sentence${unread === 1 ? '' : 's'} (see the errors above); what ${unread === 1 ? 'it says is' : 'they say is'} not applied\n`);
  return 1;
}
