#!/usr/bin/env node
/**
 * Bench, imported acts (issue 29 §1): every law of the amendments corpus
 * imported with `ordinance import dc-law`, as annotated (the Council's
 * codification markup as `::amend`) and as `--plain` prose, then checked in
 * one run each. Reports how many import, how many check with no error, and
 * every error by rule, so each class can be judged against the act itself.
 *
 *   node bench/imports.mjs [corpus-dir] [--json out.json]
 *
 * The corpus: /tmp/dc-amendments-23-24 (or AMENDMENTS_CORPUS), unpacked from
 * ../shared/corpora/dc-amendments-23-24.tar.xz. Run `npm run compile` first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const BIN = path.join(ROOT, 'bin', 'ordinance.js');

/** Import every law into one workspace and check it; the counts by act and by rule. */
export function measureImports(corpus, { plain }) {
  const laws = readdirSync(path.join(corpus, 'laws'))
    .filter((f) => f.endsWith('.xml'))
    .sort();
  const work = mkdtempSync(path.join(tmpdir(), 'imports-bench-'));
  try {
    mkdirSync(path.join(work, 'ordinance'));
    const failed = [];
    for (const law of laws) {
      const out = path.join(work, 'ordinance', `law-${law.replace(/\.xml$/, '').replace(/[^\w.-]/g, '-')}`);
      const run = spawnSync(process.execPath, [BIN, 'import', 'dc-law', path.join(corpus, 'laws', law), out, ...(plain ? ['--plain'] : [])], { encoding: 'utf8' });
      if (run.status !== 0) failed.push({ law, reason: run.stderr.trim().split('\n')[0] });
    }
    const started = performance.now();
    const check = spawnSync(process.execPath, [BIN, 'check', 'ordinance', '--format', 'json'], { cwd: work, encoding: 'utf8', maxBuffer: 1 << 30 });
    const seconds = (performance.now() - started) / 1000;
    const findings = JSON.parse(check.stdout);
    const byRule = {};
    const actsWithErrors = new Set();
    const actsWithOtherErrors = new Set();
    for (const finding of findings.filter((f) => f.severity === 'error')) {
      const act = String(finding.file).split(/[\\/]/)[1];
      byRule[finding.ruleId] = (byRule[finding.ruleId] ?? 0) + 1;
      actsWithErrors.add(act);
      if (finding.ruleId !== 'amendment-unparsed') actsWithOtherErrors.add(act);
    }
    const imported = laws.length - failed.length;
    return { laws: laws.length, imported, failed, clean: imported - actsWithErrors.size, cleanButUnparsed: imported - actsWithOtherErrors.size, byRule, seconds };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function main() {
  const args = process.argv.slice(2);
  const jsonAt = args.indexOf('--json');
  const corpus = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--json') ?? process.env.AMENDMENTS_CORPUS ?? '/tmp/dc-amendments-23-24';
  if (!existsSync(path.join(corpus, 'laws'))) {
    process.stderr.write(`imports bench: no corpus at ${corpus} (unpack dc-amendments-23-24.tar.xz there, or name its folder)\n`);
    process.exit(2);
  }
  const results = {};
  for (const plain of [false, true]) {
    const r = measureImports(corpus, { plain });
    results[plain ? 'plain' : 'annotated'] = r;
    process.stdout.write(
      `imports (${plain ? '--plain' : 'annotated'}): ${r.imported} of ${r.laws} acts imported; ${r.clean} check with no error, ${r.cleanButUnparsed} with none but unparsed sentences; check ${r.seconds.toFixed(1)} s\n`,
    );
    for (const [rule, count] of Object.entries(r.byRule).sort((a, b) => b[1] - a[1])) process.stdout.write(`  ${String(count).padStart(5)} ${rule}\n`);
    for (const f of r.failed) process.stdout.write(`  not imported: ${f.law}: ${f.reason}\n`);
  }
  if (jsonAt !== -1) writeFileSync(args[jsonAt + 1], `${JSON.stringify(results, null, 2)}\n`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
