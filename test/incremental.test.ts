/**
 * The incremental build: an unchanged ordinance's outputs are reused byte for
 * byte; a change to any of its inputs (its sources, a registry entry it cites,
 * the registry's forms, its template, the configuration, the tool) builds it
 * again, and only it; a cached output that is missing or corrupt is never
 * published.
 */
import { appendFileSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { discoverWorkspaces } from '../pipeline/load/sources.js';
import type { OrdinanceResult } from '../pipeline/runner/pipeline.js';
import { compileRun } from '../pipeline/runner/run.js';
import { loadConfig } from '../pipeline/load/config-file.js';
import { rules } from '../pipeline/validate/rules/index.js';
import { filesBelow, runCli, tempDir, threeOrdinances } from './helpers.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1700000000' };

/** Build through the API with a cache of the test's own; the results by slug. */
async function build(dir: string, out: string, cache: { dir: string; key: string } | false): Promise<Map<string, OrdinanceResult>> {
  const workspaces = discoverWorkspaces([path.join(dir, 'ordinance')]);
  const config = loadConfig(path.join(dir, 'ordinance.config.json'), rules);
  const previous = process.env.SOURCE_DATE_EPOCH;
  process.env.SOURCE_DATE_EPOCH = EPOCH.SOURCE_DATE_EPOCH;
  try {
    const run = await compileRun(workspaces, { build: true, outDir: out, config, cache, release: true });
    return new Map(run.workspaces.flatMap((w) => w.ordinances).map((o) => [o.slug, o]));
  } finally {
    if (previous === undefined) delete process.env.SOURCE_DATE_EPOCH;
    else process.env.SOURCE_DATE_EPOCH = previous;
  }
}

/** Which ordinances a build reused, and why each of the others was built. */
function verdicts(results: Map<string, OrdinanceResult>): Record<string, string> {
  return Object.fromEntries([...results].map(([slug, r]) => [slug, r.reused ? 'reused' : r.outputs.length === 0 ? 'not built' : (r.rebuilt ?? 'built')]));
}

/** The outputs a build without any cache gives for the same sources. */
async function fresh(dir: string): Promise<Map<string, Buffer>> {
  const out = tempDir('incr-fresh-');
  await build(dir, out, false);
  return filesBelow(out);
}

describe('the incremental build', () => {
  it('reuses an unchanged build byte for byte, into the same output folder or a new one', () => {
    const dir = threeOrdinances();
    const first = runCli(['build', 'ordinance', '--out', 'out'], dir, EPOCH);
    expect(first.code, first.stderr).toBe(0);
    const lines = (stderr: string, out: string) => stderr.split('\n').filter((line) => line.startsWith(`built ${out}/`) && !line.startsWith(`built ${out}/directives.json`));
    expect(lines(first.stderr, 'out')).toHaveLength(3);
    expect(lines(first.stderr, 'out').filter((line) => line.endsWith('(unchanged: reused)'))).toEqual([]);
    const built = filesBelow(path.join(dir, 'out'));

    const again = runCli(['build', 'ordinance', '--out', 'out'], dir, EPOCH);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toBe(first.stdout);
    expect(lines(again.stderr, 'out').filter((line) => line.endsWith('(unchanged: reused)'))).toHaveLength(3);
    expect(filesBelow(path.join(dir, 'out'))).toEqual(built);

    // Into an empty folder, every output comes from the cache: the same bytes, and the same as a build without the cache.
    const elsewhere = runCli(['build', 'ordinance', '--out', 'elsewhere'], dir, EPOCH);
    expect(lines(elsewhere.stderr, 'elsewhere').filter((line) => line.endsWith('(unchanged: reused)'))).toHaveLength(3);
    expect(filesBelow(path.join(dir, 'elsewhere'))).toEqual(built);
    const uncached = runCli(['build', 'ordinance', '--out', 'uncached', '--quiet'], dir, { ...EPOCH, ORDINANCE_CACHE: '0' });
    expect(uncached.code).toBe(0);
    expect(filesBelow(path.join(dir, 'uncached'))).toEqual(built);
  });

  it('builds again exactly the ordinances whose inputs changed: sources, a registry entry they cite, the configuration', async () => {
    const dir = threeOrdinances();
    const cache = { dir: tempDir('incr-cache-'), key: 'tool-1' };
    const out = tempDir('incr-out-');
    expect(verdicts(await build(dir, out, cache))).toEqual({ 'la-sanctuary-city': 'not built before', sample: 'not built before', 'title-97': 'not built before' });
    expect(verdicts(await build(dir, out, cache))).toEqual({ 'la-sanctuary-city': 'reused', sample: 'reused', 'title-97': 'reused' });

    // A section edited: that ordinance only, and its new outputs are those of a fresh build.
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(records, readFileSync(records, 'utf8').replace('Records', 'The records'));
    expect(verdicts(await build(dir, out, cache))).toEqual({ 'la-sanctuary-city': 'reused', sample: 'its sources changed', 'title-97': 'reused' });
    expect(filesBelow(out)).toEqual(await fresh(dir));

    // A registry entry's text: the ordinances that cite it, no other.
    appendFileSync(path.join(dir, 'ordinance', 'directives', 'example-order.md'), '\nA further sentence of its digest.\n');
    expect(verdicts(await build(dir, out, cache))).toEqual({ 'la-sanctuary-city': 'reused', sample: 'registry entry `example-order` changed', 'title-97': 'reused' });
    const order = path.join(dir, 'ordinance', 'directives', 'lapd-special-order-40.md');
    writeFileSync(order, readFileSync(order, 'utf8').replace(/\n---\n/, '\n---\n\nA note added to the digest.\n\n'));
    expect(verdicts(await build(dir, out, cache))).toEqual({
      'la-sanctuary-city': 'registry entry `lapd-special-order-40` changed',
      sample: 'reused',
      'title-97': 'reused',
    });
    expect(filesBelow(out)).toEqual(await fresh(dir));

    // A new entry, with a citation form that may be found in any ordinance's prose: all are built.
    writeFileSync(
      path.join(dir, 'ordinance', 'directives', 'other-order.md'),
      '---\nid: other-order\ncited-as:\n  - "Other Order 9"\ntitle: "Other Order No. 9"\nkind: special-order\nissuer: "Chief of Police"\ndates:\n  issued: "1991-01-02"\nstatus: in-force\n---\nOther Order 9 says officers file reports.\n',
    );
    expect(Object.values(verdicts(await build(dir, out, cache)))).toEqual(Array(3).fill("the registry's ids, forms or titles changed"));

    // The configuration.
    const configFile = path.join(dir, 'ordinance.config.json');
    const config = JSON.parse(readFileSync(configFile, 'utf8')) as { rules: Record<string, unknown> };
    config.rules['vague-terms'] = { options: { allow: ['reasonable suspicion'] } };
    writeFileSync(configFile, JSON.stringify(config));
    expect(Object.values(verdicts(await build(dir, out, cache)))).toEqual(Array(3).fill('the configuration changed'));

    // Another tool (its code's hash is the cache's key): everything.
    expect(Object.values(verdicts(await build(dir, out, { ...cache, key: 'tool-2' })))).toEqual(Array(3).fill('not built before'));
    expect(filesBelow(out)).toEqual(await fresh(dir));
  });

  it('never publishes a missing or corrupt cached output: it restores what it can check and builds the rest again', async () => {
    const dir = threeOrdinances();
    const cache = { dir: tempDir('incr-cache-'), key: 'tool-1' };
    const out = tempDir('incr-out-');
    await build(dir, out, cache);
    const expected = filesBelow(out);
    const pdf = path.join(out, 'sample', 'sample.pdf');

    // An output in the output folder changed by hand (same size) or removed: put back from the cache, checked.
    const bytes = readFileSync(pdf);
    bytes[bytes.length - 10]! ^= 0xff;
    writeFileSync(pdf, bytes);
    writeFileSync(path.join(out, 'title-97', 'summary.md'), 'edited\n');
    let results = await build(dir, out, cache);
    expect(verdicts(results)).toEqual({ 'la-sanctuary-city': 'reused', sample: 'reused', 'title-97': 'reused' });
    expect(filesBelow(out)).toEqual(expected);

    // The cached copies corrupted (and the output folder new): never published, built again.
    const stored = readdirSync(cache.dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && /^[0-9a-f]{64}$/.test(e.name));
    expect(stored.length).toBeGreaterThan(0);
    for (const entry of stored) {
      const file = path.join(entry.parentPath, entry.name);
      const blob = readFileSync(file);
      blob[0]! ^= 0x01;
      writeFileSync(file, blob);
    }
    const out2 = tempDir('incr-out-');
    results = await build(dir, out2, cache);
    expect(Object.values(verdicts(results))).toEqual(Array(3).fill('a cached output is missing or corrupt'));
    expect(filesBelow(out2)).toEqual(expected);

    // A record cut short is no record.
    for (const name of readdirSync(cache.dir).filter((n) => n.startsWith('build-') && n.endsWith('.json'))) {
      const file = path.join(cache.dir, name);
      writeFileSync(file, readFileSync(file, 'utf8').slice(0, -20));
    }
    expect(Object.values(verdicts(await build(dir, tempDir('incr-out-'), cache)))).toEqual(Array(3).fill('not built before'));
  });
});
