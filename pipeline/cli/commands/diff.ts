/**
 * `ordinance diff [<rev>..<rev>] [paths...]`: each ordinance at two versions
 * (default: the last commit and the working tree), section by section,
 * word by word. Writes a redline PDF per changed ordinance
 * (`<out>/<slug>/redline.pdf`), or prints Markdown or JSON with `--format`.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { hasChanges, type ComparedOrdinances } from '../../compare/diff.js';
import { commitDate, GitError, repositoryOf, resolveRevision } from '../../history/git.js';
import { diffJson, diffMarkdown } from '../../history/diff-report.js';
import { compareVersions, registryBeside } from '../../history/versions.js';
import { discoverWorkspaces } from '../../load/sources.js';
import { UsageError } from '../../report/failure.js';
import { provenanceOf, sourceDateEpoch } from '../../history/build-provenance.js';
import type { Provenance } from '../../model/provenance.js';
import { prepareOutDir } from '../../outputs/out-dir.js';
import { checkTemplates, jurisdictionIds, templateOf } from '../../load/templates.js';
import { formatDiagnostics } from '../format.js';
import { COMMON_USAGE, parseCommand } from '../options.js';
import { rules } from '../../validate/rules/index.js';
import { imageProblem } from '../../load/image-files.js';

const USAGE = `Usage: ordinance diff [<from>..<to> | <from>] [paths...] [--format pdf|md|json] [--out <dir>]

Compare each ordinance at two git revisions, section by section (matched by
their stable id, so a moved or renumbered section is a move) and word by word.
<from> and <to> are commits, branches or tags; without them, the last commit
(HEAD) and the working tree; <from> alone compares it with the working tree;
<from>.. compares it with HEAD.

Options:
  --format pdf   default: write <out>/<slug>/redline.pdf for each ordinance that changed
  --format md    print Markdown (struck ~~((words))~~, inserted <ins>words</ins>), for CI comments
  --format json  print the changes as JSON
  --out <dir>    where the redlines go (default: dist)
${COMMON_USAGE}
`;

const FORMATS = ['pdf', 'md', 'json'] as const;

/** A version of the sources: a commit, or the working tree (null). */
interface Version {
  commit: string | null;
  /** As the reports name it: "HEAD (a1b2c3d)", "the working tree". */
  name: string;
}

/** "a..b", "a.." (to HEAD), "a" (to the working tree), or nothing (HEAD to the working tree), resolved in `top`'s repository. */
function versionsOf(spec: string | undefined, top: string): [Version, Version] {
  const version = (rev: string | null): Version => {
    if (rev === null) return { commit: null, name: 'the working tree' };
    const commit = resolveRevision(top, rev);
    return { commit, name: `${rev} (${commit.slice(0, 7)})` };
  };
  if (spec === undefined) return [version('HEAD'), version(null)];
  const range = /^(.*?)\.\.(?!\.)(.*)$/.exec(spec);
  if (!range) return [version(spec), version(null)];
  return [version(range[1] || 'HEAD'), version(range[2] || 'HEAD')];
}

/** Whether the first argument names revisions rather than a path: it holds "..", or names no file. */
function isRevisionSpec(arg: string): boolean {
  return arg.includes('..') ? !existsSync(arg) || /\.\.[^/\\]/.test(arg) : !existsSync(arg);
}

/** The date and commit stamped on a redline: SOURCE_DATE_EPOCH, else the version after's commit, else the working tree's, as a build stamps them. */
function redlineProvenance(dir: string, top: string, to: Version): Provenance {
  if (to.commit === null) return provenanceOf([dir]);
  return { date: sourceDateEpoch() ?? commitDate(top, to.commit), commit: to.commit.slice(0, 7) };
}

/** Run `ordinance diff`; returns the exit code. */
export async function runDiff(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'diff', usage: USAGE, options: { format: { type: 'string' }, out: { type: 'string' } }, positionals: true }, argv);
  if (!parsed) return 0;
  const { positionals } = parsed;
  const values = { format: parsed.values.format ?? 'pdf', out: parsed.values.out ?? 'dist' };
  const format = values.format as (typeof FORMATS)[number];
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format \`${values.format}\`, expected one of ${FORMATS.join(', ')}`);
  const [first, ...rest] = positionals;
  const spec = first !== undefined && isRevisionSpec(first) ? first : undefined;
  const paths = spec === undefined ? positionals : rest;
  const dirs = discoverWorkspaces(paths.length ? paths : ['ordinance']).flatMap((w) => w.ordinances);
  if (dirs.length === 0) throw new UsageError(`no ordinances found in ${paths.join(', ') || 'ordinance/'}`);
  const place = repositoryOf(dirs[0]!);
  if (!place) throw new UsageError(`${dirs[0]} is not in a git repository: diff compares versions git holds`);
  let from: Version;
  let to: Version;
  try {
    [from, to] = versionsOf(spec, place.top);
  } catch (error) {
    if (error instanceof GitError) throw new UsageError(error.message);
    throw error;
  }
  checkTemplates(rules);
  const compared: ComparedOrdinances[] = [];
  for (const dir of dirs) {
    try {
      const comparison = compareVersions(dir, from.commit, to.commit, registryBeside(dir));
      compared.push(comparison);
      // Sources a version could not read whole are said first: the diff shows what of them reads.
      for (const [version, files] of [
        [from, comparison.problems.before],
        [to, comparison.problems.after],
      ] as const) {
        if (files.length) process.stderr.write(`errors in ${version.name} (the diff shows what reads):\n${formatDiagnostics(files, 'compact')}\n`);
      }
    } catch (error) {
      if (error instanceof GitError) throw new UsageError(error.message);
      throw error;
    }
  }
  const changed = compared.filter((c) => hasChanges(c.diff));
  const versions = { from: from.name, to: to.name };
  if (format === 'json') {
    process.stdout.write(
      diffJson(
        changed.map((c) => c.diff),
        versions,
      ),
    );
    return 0;
  }
  if (format === 'md') {
    process.stdout.write(changed.length ? changed.map((c) => diffMarkdown(c.diff, versions)).join('\n') : `No changes from ${from.name} to ${to.name}.\n`);
    return 0;
  }
  if (changed.length === 0) {
    process.stderr.write(`No changes from ${from.name} to ${to.name}: no redline written.\n`);
    return 0;
  }
  const out = path.resolve(values.out);
  prepareOutDir(
    out,
    dirs.map((d) => path.resolve(d)),
  );
  const { renderRedlinePdf, REDLINE } = await import('../../render/pdf/redline.js');
  const { writeAtomically } = await import('../../outputs/dist.js');
  for (const [i, comparison] of changed.entries()) {
    const ordinance = (comparison.after ?? comparison.before)!;
    const jurisdiction = ordinance.meta.jurisdiction;
    if (!jurisdictionIds().includes(jurisdiction)) throw new UsageError(`${ordinance.dir}: unknown jurisdiction \`${jurisdiction}\`: run \`ordinance check\` first`);
    const dir = dirs[compared.indexOf(changed[i]!)]!;
    const bytes = await renderRedlinePdf({ ...comparison, ...versions }, templateOf(ordinance.meta), redlineProvenance(dir, place.top, to), { imageProblem });
    const file = await writeAtomically(out, `${comparison.diff.slug}/${REDLINE}`, bytes);
    process.stderr.write(`wrote ${path.relative(process.cwd(), file)}\n`);
  }
  return 0;
}
