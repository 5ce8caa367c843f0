/**
 * `ordinance verify [paths...]`: prove each adopted final (an ordinance with
 * `ordinance.lock.json`) unchanged: its sources are the bytes the lock
 * records, and a rebuild, with the lock's date and commit, gives the bytes of
 * every output the lock records. Nothing is written. `check` does the same
 * for the finals among what it checks.
 */
import { lstatSync } from 'node:fs';
import path from 'node:path';
import { collectDiagnostics, hasErrors } from '../../report/diagnostics.js';
import { readLock } from '../../history/lock.js';
import { LOCK_FILE } from '../../model/workspace.js';
import { recoverAdoption } from '../../history/adoption-journal.js';
import { discoverWorkspaces } from '../../load/sources.js';
import type { Workspace } from '../../model/workspace.js';
import { compileRun, filesOf } from '../../runner/run.js';
import { checkTemplates } from '../../load/templates.js';
import { findConfig, loadConfig } from '../../load/config-file.js';
import { rules } from '../../validate/rules/index.js';
import { COMMON_USAGE, formatOption, parseCommand } from '../options.js';
import { formatDiagnostics, type Format } from '../format.js';

const USAGE = `Usage: ordinance verify [paths...] [--format <f>]

Prove each adopted final unchanged: its sources are the bytes its
${LOCK_FILE} records, and rebuilding it (with the date and commit the lock
records) gives the bytes of every output the lock records. Nothing is written.
Default path: ordinance/. Exit 0 when every final verifies, 1 when one does not.

Options:
  --format <f>   compact (default), human, json, github, sarif
${COMMON_USAGE}
`;

/** Run `ordinance verify`; returns the exit code. */
export async function runVerify(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'verify', usage: USAGE, options: { format: { type: 'string' } }, positionals: true }, argv);
  if (!parsed) return 0;
  const { positionals } = parsed;
  const values = { format: formatOption(parsed.values.format) };
  const found = discoverWorkspaces(positionals.length ? positionals : ['ordinance']);
  // An adoption interrupted part way is rolled back first: verify then sees the final as it stood, whole.
  for (const dir of found.flatMap((w) => w.ordinances)) {
    const recovered = await recoverAdoption(dir);
    if (recovered)
      process.stderr.write(`${recovered}
`);
  }
  // A lock that is there at all (a link that dangles, a folder) makes a final: verified, or told what is wrong with its lock.
  const workspaces = found
    .map((w): Workspace => ({ ...w, ordinances: w.ordinances.filter((dir) => lstatSync(path.join(dir, LOCK_FILE), { throwIfNoEntry: false }) !== undefined) }))
    .filter((w) => w.ordinances.length > 0);
  if (workspaces.length === 0) {
    process.stderr.write(`no adopted finals (no ${LOCK_FILE}) in ${positionals.join(', ') || 'ordinance/'}\n`);
    return 0;
  }
  checkTemplates(rules);
  const configOf = (w: Workspace) => loadConfig(findConfig(path.dirname(path.resolve(w.registryDir))), rules);
  const run = await compileRun(workspaces, { build: false, outDir: 'dist', cache: false, configOf });
  const files = filesOf(run.workspaces);
  const output = formatDiagnostics(files, values.format as Format);
  if (output) process.stdout.write(`${output}\n`);
  let failed = 0;
  for (const result of run.workspaces.flatMap((w) => w.ordinances)) {
    if (result.failure) {
      process.stderr.write(`ordinance: internal error while verifying ${result.dir}: ${result.failure.message}\n`);
      failed++;
      continue;
    }
    if (hasErrors(result.files)) {
      failed++;
      process.stderr.write(`not verified: ${result.dir} (see above)\n`);
      continue;
    }
    const locked = readLock(result.dir)!.lock;
    process.stderr.write(
      `verified ${result.dir}: No. ${locked.number}, ${Object.keys(locked.sources).length} sources and ${Object.keys(locked.outputs).length} outputs equal the lock\n`,
    );
  }
  const errors = collectDiagnostics(files).filter((d) => d.severity === 'error').length;
  if (errors > 0 && values.format === 'compact') process.stderr.write(`${errors} error${errors === 1 ? '' : 's'}\n`);
  return failed > 0 ? 1 : 0;
}
