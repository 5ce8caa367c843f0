// The incremental build on the imported D.C. Code (every title), in one run:
// a full build with an empty build cache, a build with nothing changed, and a
// build after editing one section of one title; beside them, that title's own
// build (alone, without the cache). The figures are given as ratios to the
// full build of the same run, and the edit as that title's own build plus
// the rest. Each build runs in a working folder of its own, so its cache
// (.cache/ordinance/ there) starts empty.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { filesBelow } from './files.mjs';

/** The hash of every file below `dir`, by relative path: to tell that a reused build left the outputs as they were. */
function outputHashes(dir) {
  const hashes = {};
  for (const file of filesBelow(dir, () => true)) hashes[path.relative(dir, file)] = createHash('sha256').update(readFileSync(file)).digest('hex');
  return hashes;
}

/** Lines of a build's listing that say an ordinance was reused, and those that say it was built. */
function listing(stderr) {
  const lines = stderr.split('\n').filter((l) => l.startsWith('built ') && !/\/directives\.json$/.test(l));
  return { reused: lines.filter((l) => l.endsWith('(unchanged: reused)')).length, built: lines.filter((l) => !l.endsWith('(unchanged: reused)')).length };
}

/**
 * Measure on `workspace` (the imported titles) with `measure(command, argv, options)`
 * (wall seconds under GNU time) and the CLI at `bin`; `work` is a scratch folder.
 */
export function measureIncremental(workspace, { measure, bin, work }) {
  const cwd = path.join(work, 'incremental');
  rmSync(cwd, { recursive: true, force: true });
  mkdirSync(cwd, { recursive: true });
  const out = path.join(cwd, 'dist');
  const env = { SOURCE_DATE_EPOCH: '1700000000' };
  const build = (args, extra = {}) => {
    const run = measure('node', [bin, 'build', ...args], { cwd, env: { ...env, ...extra }, timeoutSeconds: 7200, wholeStderr: true });
    if (run.code !== 0 && run.code !== 1) throw new Error(`build failed (${run.code}): ${run.stderr}`);
    return run;
  };
  console.error('full build, empty cache...');
  const full = build([workspace, '--out', out]);
  const before = outputHashes(out);
  console.error('build with nothing changed...');
  const unchanged = build([workspace, '--out', out]);
  const same = JSON.stringify(outputHashes(out)) === JSON.stringify(before);
  // One section of the first title, edited (a sentence added), then put back.
  const section = filesBelow(workspace, (p) => p.endsWith('.md') && !/(code|group|ordinance|README)\.md$/.test(p) && !p.includes(`${path.sep}directives${path.sep}`))[0];
  const title = path.join(workspace, path.relative(workspace, section).split(path.sep)[0]);
  const original = readFileSync(section, 'utf8');
  let edited;
  let titleOwn;
  try {
    writeFileSync(section, `${original.trimEnd()}\n\nAn added sentence, to measure a build after one edit.\n`);
    console.error(`build after editing ${path.relative(workspace, section)}...`);
    edited = build([workspace, '--out', out]);
    console.error(`${path.basename(title)} alone, without the cache...`);
    titleOwn = build([title, '--out', path.join(cwd, 'title-alone')], { ORDINANCE_CACHE: '0' });
  } finally {
    writeFileSync(section, original);
  }
  const counts = { full: listing(full.stderr), unchanged: listing(unchanged.stderr), edited: listing(edited.stderr) };
  rmSync(cwd, { recursive: true, force: true });
  return {
    titles: counts.full.built + counts.full.reused,
    editedTitle: path.basename(title),
    fullSeconds: full.seconds,
    unchangedSeconds: unchanged.seconds,
    editedSeconds: edited.seconds,
    titleAloneSeconds: titleOwn.seconds,
    unchangedRatio: unchanged.seconds / full.seconds,
    editedRatio: edited.seconds / full.seconds,
    titleAloneRatio: titleOwn.seconds / full.seconds,
    editedOverTitleSeconds: edited.seconds - titleOwn.seconds,
    unchangedReused: counts.unchanged.reused,
    editedRebuilt: counts.edited.built,
    outputsUnchanged: same,
    peakRssMiB: { full: full.rssMiB, unchanged: unchanged.rssMiB, edited: edited.rssMiB },
  };
}

/** The figures as a table. */
export function incrementalTable(r) {
  const f = (n, d = 2) => (Number.isFinite(n) ? n.toFixed(d) : '–');
  return [
    `| build of ${r.titles} titles | seconds | ratio to the full build |`,
    '|---|---:|---:|',
    `| full (empty cache) | ${f(r.fullSeconds, 1)} | 1.00 |`,
    `| nothing changed (${r.unchangedReused} reused, outputs unchanged: ${r.outputsUnchanged}) | ${f(r.unchangedSeconds)} | ${f(r.unchangedRatio, 3)} |`,
    `| one section of ${r.editedTitle} edited (${r.editedRebuilt} built) | ${f(r.editedSeconds)} | ${f(r.editedRatio, 3)} |`,
    `| ${r.editedTitle} alone, no cache | ${f(r.titleAloneSeconds)} | ${f(r.titleAloneRatio, 3)} |`,
    `| edit build less ${r.editedTitle}'s own build | ${f(r.editedOverTitleSeconds)} | |`,
  ].join('\n');
}
