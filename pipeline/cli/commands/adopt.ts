/**
 * `ordinance adopt <slug> --number N --passed DATE --vote AYES-NOES
 * [--approved DATE] [--effective DATE] [--status adopted|effective]`: record
 * the adoption in the front matter (status, number, dates, vote; nothing
 * else in the file changes), check the result, build it, and freeze the
 * final: `ordinance.lock.json` beside the sources records the sha256 of the
 * sources, of every output, of the fonts and of the tool. When the result
 * does not check, nothing is written: its findings are printed, exit 1. An
 * adopted final (it has a lock) takes only the later facts of its adoption
 * (`--effective`, `--approved`), and its lock is written anew.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { collectDiagnostics, hasErrors } from '../../report/diagnostics.js';
import { FrontMatterEditError, frontMatterValue, setFrontMatter, type FrontMatterValue } from '../../history/front-matter-edit.js';
import { beginAdoption, endAdoption, recoverAdoption } from '../../history/adoption-journal.js';
import { digestChanges, lockFor, lockJson, readLock, sourceDigests } from '../../history/lock.js';
import { prepareOutDir } from '../../outputs/out-dir.js';
import { LOCK_FILE } from '../../model/workspace.js';
import { discoverWorkspaces, loadOrdinanceSources } from '../../load/sources.js';
import { UsageError } from '../../report/failure.js';
import { ORDINANCE_FILE, type Workspace } from '../../model/workspace.js';
import { ENDS } from '../../model/lifecycle.js';
import { compileOrdinance } from '../../runner/pipeline.js';
import { RegistryHandle } from '../../runner/folder.js';
import { compileRun } from '../../runner/run.js';
import { sourceDateEpoch } from '../../history/build-provenance.js';
import { writeAtomically } from '../../outputs/dist.js';
import { checkTemplates, templateOf } from '../../load/templates.js';
import { findConfig, loadConfig } from '../../load/config-file.js';
import { rules } from '../../validate/rules/index.js';
import { formatDiagnostics } from '../format.js';
import { COMMON_USAGE, parseCommand } from '../options.js';

const USAGE = `Usage: ordinance adopt <slug | ordinance-dir> --number <n> --passed <date> --vote <ayes>-<noes>
                       [--approved <date>] [--effective <date>] [--status adopted|effective] [--out <dir>]

Record an ordinance's adoption and freeze it as the final: set status, number,
dates.passed (and dates.approved, dates.effective) and vote in its front matter,
changing nothing else; check it; build it into <out>/<slug>/ (default: dist);
and write <ordinance-dir>/${LOCK_FILE}, the sha256 of its sources, outputs,
fonts and tool. Commit the front matter and the lock together. When the result
does not check, nothing is written and its findings are printed (exit 1).
An ordinance that already has a lock is adopted: amend it by a new ordinance.
Only the later facts of its adoption are added to it, and its lock written anew:
  ordinance adopt <slug> --effective <date> [--approved <date>]   (status: effective)

Options:
  --number <n>        the ordinance number the Clerk assigned
  --passed <date>     the date it passed (YYYY-MM-DD)
  --vote <a>-<n>      ayes and noes, as 12-0
  --approved <date>   the date the Mayor approved it
  --effective <date>  the date it takes effect
  --status <s>        adopted (default) or effective (default with --effective on an adopted final)
  --out <dir>         output folder for the build (default: dist)
${COMMON_USAGE}
`;

const USAGE_LINE = 'usage: ordinance adopt <slug> --number <n> --passed <date> --vote <ayes>-<noes> [--approved <date>] [--effective <date>]';

/** A calendar date that exists, as YYYY-MM-DD. */
function isoDate(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
  if (!date || date.toISOString().slice(0, 10) !== value) throw new UsageError(`--${option} is \`${value}\`, expected a date as YYYY-MM-DD (such as 2024-12-04)`);
  return value;
}

/** Today's date, YYYY-MM-DD, where the clerk is (the machine's time zone). */
function todayIso(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/** The front matter's status where it is one that ends the lifecycle (withdrawn, failed), with its place; null otherwise or when it does not read (the check says why). */
function endedStatus(text: string): { status: string; line: number; column: number } | null {
  const status = frontMatterValue(text, ['status']);
  if (!status || !(ENDS as readonly unknown[]).includes(status.value)) return null;
  const before = text.slice(0, status.offset);
  return { status: String(status.value), line: before.split('\n').length, column: status.offset - before.lastIndexOf('\n') };
}

/** The ordinance folder a slug or path names: the path itself, or `ordinance/<slug>`. */
function ordinanceDir(given: string): string {
  for (const candidate of [given, path.join('ordinance', given)]) {
    if (existsSync(path.join(candidate, ORDINANCE_FILE))) return candidate;
  }
  throw new UsageError(`no ordinance \`${given}\`: expected an ordinance folder, or the slug of one in ordinance/`);
}

/** Run `ordinance adopt`; returns the exit code. */
export async function runAdopt(argv: string[]): Promise<number> {
  const parsed = parseCommand(
    {
      name: 'adopt',
      usage: USAGE,
      options: {
        number: { type: 'string' },
        passed: { type: 'string' },
        vote: { type: 'string' },
        approved: { type: 'string' },
        effective: { type: 'string' },
        status: { type: 'string' },
        out: { type: 'string' },
      },
      positionals: true,
    },
    argv,
  );
  if (!parsed) return 0;
  const { positionals } = parsed;
  const values = { ...parsed.values, out: parsed.values.out ?? 'dist' };
  if (positionals.length !== 1) throw new UsageError(USAGE_LINE);
  const dir = ordinanceDir(positionals[0]!);
  // An adoption of this folder that was interrupted is rolled back before anything is read: the old final, whole.
  const recovered = await recoverAdoption(dir);
  if (recovered) process.stderr.write(`${recovered}\n`);
  // A final already locked takes only the later facts of its adoption: the date it took effect, the Mayor's approval.
  const locked = readLock(dir);
  if (locked) {
    if (values.number || values.passed || values.vote)
      throw new UsageError(
        `${dir} is already adopted as No. ${locked.lock.number} (${LOCK_FILE} records its final): amend it by a new ordinance; only --effective and --approved may be added to it`,
      );
    if (!values.effective && !values.approved) throw new UsageError(`${dir} is already adopted: give --effective <date> (or --approved <date>) to record it`);
    if (digestChanges(locked.lock.sources, sourceDigests(dir)).length > 0)
      throw new UsageError(`${dir} differs from its adopted final (run \`ordinance verify\`): restore it before recording a later date`);
  } else if (!values.number || !values.passed || !values.vote) throw new UsageError(USAGE_LINE);
  const vote = values.vote === undefined ? null : /^(\d{1,5})-(\d{1,5})$/.exec(values.vote);
  if (values.vote !== undefined && !vote) throw new UsageError(`--vote is \`${values.vote}\`, expected ayes and noes as two whole numbers joined by a hyphen (such as 12-0)`);
  const status = values.status ?? (locked && values.effective ? 'effective' : 'adopted');
  if (status !== 'adopted' && status !== 'effective') throw new UsageError(`--status is \`${status}\`, expected adopted or effective`);
  if (status === 'effective' && !values.effective) throw new UsageError('--status effective needs --effective <date>');
  const passed = isoDate('passed', values.passed);
  const approved = isoDate('approved', values.approved);
  const effective = isoDate('effective', values.effective);
  // What is recorded has happened: it passed and was approved by today, and it is in effect only from its date.
  const today = todayIso();
  for (const [option, date] of [['passed', passed], ['approved', approved], ...(status === 'effective' ? ([['effective', effective]] as const) : [])] as const)
    if (date && date > today)
      throw new UsageError(
        `--${option} is ${date}, after today (${today}), expected the date it ${option === 'effective' ? 'took effect (record a later effective date with --status adopted)' : `was ${option}`}`,
      );
  sourceDateEpoch();
  checkTemplates(rules);

  // The front matter with the adoption recorded, every other byte as it was.
  const file = path.join(dir, ORDINANCE_FILE);
  const before = readFileSync(file, 'utf8');
  // The lifecycle as the working tree holds it, committed or not: an ordinance that failed or was withdrawn is never adopted.
  const ended = endedStatus(before);
  if (ended) {
    process.stderr.write(
      `${path.relative(process.cwd(), file)}:${ended.line}:${ended.column}: error Unexpected status \`${ended.status}\`: a ${ended.status} ordinance ends its lifecycle, expected \`introduced\` to adopt it (a new ordinance, with a new folder, is introduced instead)\n` +
        'not adopted: nothing was written\n',
    );
    return 1;
  }
  const settings: FrontMatterValue[] = [
    { path: ['status'], value: status },
    ...(values.number ? [{ path: ['number'], value: values.number } satisfies FrontMatterValue] : []),
    ...(passed ? [{ path: ['dates', 'passed'], value: passed } satisfies FrontMatterValue] : []),
    ...(approved ? [{ path: ['dates', 'approved'], value: approved } satisfies FrontMatterValue] : []),
    ...(effective ? [{ path: ['dates', 'effective'], value: effective } satisfies FrontMatterValue] : []),
    ...(vote ? [{ path: ['vote', 'ayes'], value: Number(vote[1]) } satisfies FrontMatterValue, { path: ['vote', 'noes'], value: Number(vote[2]) } satisfies FrontMatterValue] : []),
  ];
  let after: string;
  try {
    after = setFrontMatter(before, settings);
  } catch (error) {
    if (error instanceof FrontMatterEditError) {
      process.stderr.write(`${path.relative(process.cwd(), file)}:1:1: error ${error.message}\n`);
      return 1;
    }
    throw error;
  }

  // Checked as it would be, before anything is written.
  const [workspace] = discoverWorkspaces([dir]) as [Workspace];
  const config = loadConfig(findConfig(path.dirname(path.resolve(workspace.registryDir))), rules);
  const sources = loadOrdinanceSources(dir);
  sources.ordinanceFile!.value = after;
  const options = { build: false, outDir: values.out, cache: false as const, config };
  const checked = await compileOrdinance(sources, new RegistryHandle(workspace.registryDir, options).registry, options);
  // A locked final's rebuild differs from its lock by the facts recorded now: the new lock will record it.
  if (locked) for (const f of checked.files) f.messages = f.messages.filter((m) => m.ruleId !== 'final-outputs');
  if (hasErrors(checked.files)) {
    const output = formatDiagnostics(checked.files, 'compact');
    if (output) process.stdout.write(`${output}\n`);
    const errors = collectDiagnostics(checked.files).filter((d) => d.severity === 'error').length;
    process.stderr.write(
      `not adopted: ${errors} error${errors === 1 ? '' : 's'} in the adopted version (places in ${ORDINANCE_FILE} as adoption would write it); nothing was written\n`,
    );
    return 1;
  }

  // An output folder that cannot take the build stops the adoption before anything is written.
  prepareOutDir(values.out, [path.dirname(path.resolve(workspace.registryDir)), dir]);
  // From here on, one transaction: the journal keeps the final as it stands until the new one is whole.
  await beginAdoption(dir);
  try {
    // Another adoption that finished while this one was checked changed the final under it: what was checked is no longer
    // what stands, so nothing is written over it.
    const lockNow = path.join(dir, LOCK_FILE);
    if (readFileSync(file, 'utf8') !== before || (existsSync(lockNow) ? readFileSync(lockNow, 'utf8') : null) !== (locked?.source.text ?? null)) {
      process.stderr.write(`not adopted: ${path.relative(process.cwd(), file)} or its lock changed while this adoption was checked (another adoption finished first); nothing was written
`);
      return 1;
    }
    return await recordAndBuild();
  } finally {
    endAdoption(dir);
  }

  async function recordAndBuild(): Promise<number> {
    await writeAtomically(dir, ORDINANCE_FILE, after);
    // The old lock is set aside while the final is built anew with the facts recorded now, and put back if it does not build.
    const lockFile = path.join(dir, LOCK_FILE);
    if (locked) rmSync(lockFile);
    const run = await compileRun([{ ...workspace, ordinances: [dir] }], { build: true, outDir: values.out, release: true, cache: false, config });
    const built = run.workspaces[0]!.ordinances[0]!;
    if (built.outputs.length === 0 || !built.provenance) {
      const output = formatDiagnostics(built.files, 'compact');
      if (output) process.stdout.write(`${output}\n`);
      if (locked) {
        await writeAtomically(dir, ORDINANCE_FILE, before);
        await writeAtomically(dir, LOCK_FILE, locked.source.text);
        process.stderr.write(`not built${built.failure ? `: ${built.failure.message}` : ''}; ${ORDINANCE_FILE} and ${LOCK_FILE} restored\n`);
      } else {
        // The adoption is recorded; the final is not frozen until it builds.
        process.stderr.write(`adopted in ${ORDINANCE_FILE}, but not built${built.failure ? `: ${built.failure.message}` : ''}; no lock written\n`);
      }
      return built.failure ? 2 : 1;
    }
    const outDir = path.join(values.out, built.slug);
    const outputs = Object.fromEntries(built.outputs.map((f) => [path.relative(outDir, f).split(path.sep).join('/'), readFileSync(f)]));
    const template = templateOf(checked.ordinance!.meta);
    const number = locked?.lock.number ?? values.number!;
    const lock = lockFor(dir, { slug: built.slug, number, adopted: locked?.lock.adopted ?? passed! }, template, built.provenance, outputs);
    await writeAtomically(dir, LOCK_FILE, lockJson(lock));
    process.stderr.write(
      `${locked ? `recorded ${status}` : 'adopted'} ${built.slug} as No. ${number}: wrote ${path.relative(process.cwd(), file)} and ${path.relative(process.cwd(), path.join(dir, LOCK_FILE))}; built ${Object.keys(outputs).length} files into ${outDir}\n` +
        'commit both files: the lock freezes the final (ordinance verify proves a rebuild gives the same bytes)\n',
    );
    return 0;
  }
}
