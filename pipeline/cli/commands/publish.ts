/**
 * `ordinance publish [paths...] [--out dist]`: assemble the publication site,
 * dist/site/, from what `ordinance build` wrote for the ordinances of the
 * paths (the catalog, a page per ordinance and per directive, manifest.json
 * and SHA256SUMS). It never builds: an ordinance that is not built is left
 * out and named (exit 1).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { discoverWorkspaces } from '../../load/sources.js';
import { UsageError } from '../../report/failure.js';
import { prepareOutDir } from '../../outputs/out-dir.js';
import { exitAfterWrites } from '../../outputs/temporary.js';
import { COMMON_USAGE, parseCommand } from '../options.js';
import { publishSite, SITE_DIR } from '../../site/site.js';

export const PUBLISH_USAGE = `Usage: ordinance publish [paths...] [--out <dir>] [--quiet]

Assemble the publication site <dir>/site/ (default dist/site/) from what
\`ordinance build\` wrote to <dir> for the ordinances of the paths (default
ordinance/): index.html (the catalog: sort, filter, search by words), a page
per ordinance with its PDFs, digest, text, cross-references, versions from git
and, for adopted finals, its lock's checksums; a page per registry directive;
manifest.json and SHA256SUMS (check a download with \`sha256sum -c SHA256SUMS\`).
Open index.html from disk or put the folder on any static host.

Options:
  --out <dir>   the build's output folder (default: dist)
  --quiet       do not list what was written
${COMMON_USAGE}

An adopted final is published only as its lock records it: when a file of
its build is not the bytes ordinance.lock.json records (or one is missing or
extra), nothing is published, and each is named at its entry in the lock.

Exit codes: 0 published, 1 an ordinance was not built (the others are
published) or a final's build differs from its lock (nothing is published),
2 usage or environment (an output folder that cannot be written).
`;

/** Run `ordinance publish`; returns the exit code. */
export async function runPublish(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'publish', usage: PUBLISH_USAGE, options: { out: { type: 'string' }, quiet: { type: 'boolean' } }, positionals: true }, argv);
  if (!parsed) return 0;
  const { values, positionals } = parsed;
  const paths = positionals.length ? positionals : ['ordinance'];
  const workspaces = discoverWorkspaces(paths);
  if (workspaces.every((w) => w.ordinances.length === 0)) throw new UsageError(`no ordinances found in ${paths.join(', ')}`);
  const clash = workspaces.flatMap((w) => w.ordinances).find((dir) => path.basename(path.resolve(dir)) === SITE_DIR);
  if (clash) throw new UsageError(`the ordinance folder \`${clash}\` is named \`${SITE_DIR}\`, the site's own folder in the output folder; rename it`);
  const outDir = values.out ?? 'dist';
  // Before anything is written: an output folder among the sources, or one that cannot be written, stops the run.
  prepareOutDir(
    outDir,
    workspaces.flatMap((w) => [...(existsSync(w.registryDir) ? [path.dirname(path.resolve(w.registryDir)), w.registryDir] : []), ...w.ordinances]),
  );
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)
    process.once(signal, () => exitAfterWrites(code));
  const result = await publishSite(outDir, workspaces);
  if (result.refused.length > 0) {
    for (const { lock, line, column, message } of result.refused) process.stderr.write(`${lock}:${line}:${column}: error ${message} [final-outputs]\n`);
    process.stderr.write(`nothing published: an adopted final's build is not the bytes its lock records; the site in ${path.join(outDir, SITE_DIR)} is as it was\n`);
    return 1;
  }
  for (const { dir, reason } of result.skipped) process.stderr.write(`not published: ${dir} (${reason})\n`);
  if (result.files.length === 0) {
    process.stderr.write(`nothing published: no ordinance of ${paths.join(', ')} is built in ${outDir}; run \`ordinance build\` first (with the same --out)\n`);
    return 1;
  }
  for (const { dir, reason, line, column } of result.lockProblems) {
    const place = line ? `:${line}:${column}` : '';
    process.stderr.write(`${path.join(dir, 'ordinance.lock.json')}${place}: warning: the lock does not read: ${reason}\n`);
  }
  if (!values.quiet) {
    const pages = result.files.filter((f) => f.endsWith('.html')).length;
    process.stderr.write(`published ${path.join(outDir, SITE_DIR, 'index.html')}: ${result.files.length} files, ${pages} pages\n`);
  }
  return result.skipped.length > 0 ? 1 : 0;
}
