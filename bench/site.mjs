#!/usr/bin/env node
// `npm run bench:site`: what publishing the site costs against the build, on
// the whole D.C. Code (titles 1-38, imported), in one run: whole-process wall
// time and peak RSS (GNU time) of `ordinance build` and then of
// `ordinance publish` over the same output folder, the site's size, and the
// ratio publish/build (issue 16's target: at most 1.25 build + publish over
// build, that is publish/build <= 0.25). Results print as a table and go to
// bench/results/ as JSON. Run it alone: it takes the machine for minutes.
//
// Options: --corpus <dc-code-titles archive>   --titles 1,24 (default: all)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.cache', 'bench-site');
const RESULTS = path.join(ROOT, 'bench', 'results');
const BIN = path.join(ROOT, 'bin', 'ordinance.js');
const TIME = '/usr/bin/time';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const corpus = option('--corpus', path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-code-titles-1-38.tar.xz'));
const titles = option('--titles', '');

if (!existsSync(TIME)) {
  console.error('GNU time is needed to measure peak memory: apt-get install time');
  process.exit(2);
}

/** Run a command under GNU time; returns wall seconds, peak RSS in MiB and exit code. */
function measure(argv, env = {}) {
  const result = spawnSync(TIME, ['-f', '%e %M', ...argv], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 30, env: { ...process.env, ...env } });
  const last = result.stderr.trim().split('\n').at(-1) ?? '';
  const [seconds, kib] = last.split(' ').map(Number);
  return { seconds, mib: Math.round(kib / 1024), code: result.status, stderr: result.stderr };
}

execFileSync('npm', ['run', 'compile', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const xml = path.join(WORK, 'dc-xml');
if (!existsSync(path.join(xml, 'us'))) {
  mkdirSync(xml, { recursive: true });
  execFileSync('tar', ['-xJf', corpus, '-C', xml]);
}
const code = path.join(WORK, 'dc');
rmSync(code, { recursive: true, force: true });
execFileSync('node', [BIN, 'import', 'dc-code', xml, code, ...(titles ? ['--titles', titles] : [])], { cwd: ROOT, stdio: ['ignore', 'ignore', 'ignore'] });
const out = path.join(WORK, 'dist');
rmSync(out, { recursive: true, force: true });

const build = measure(['node', BIN, 'build', code, '--out', out, '--quiet'], { SOURCE_DATE_EPOCH: '1700000000' });
if (build.code !== 0) console.error(`build exited ${build.code}:\n${build.stderr.slice(-2000)}`);
const publish = measure(['node', BIN, 'publish', code, '--out', out, '--quiet']);
if (publish.code !== 0) console.error(`publish exited ${publish.code}:\n${publish.stderr.slice(-2000)}`);
const manifest = JSON.parse(readFileSync(path.join(out, 'site', 'manifest.json'), 'utf8'));
const files = manifest.files.length;
const pages = manifest.files.filter((f) => f.path.endsWith('.html')).length;
const bytes = manifest.files.reduce((sum, f) => sum + f.size, 0);
const catalog = JSON.parse(readFileSync(path.join(out, 'site', 'catalog.json'), 'utf8'));

const result = {
  date: new Date().toISOString(),
  machine: { cpus: os.cpus().length, model: os.cpus()[0]?.model, memoryGiB: Math.round(os.totalmem() / 2 ** 30), node: process.version },
  titles: catalog.ordinances.length,
  build: { seconds: build.seconds, mib: build.mib },
  publish: { seconds: publish.seconds, mib: publish.mib, files, pages, mib_written: Math.round(bytes / 2 ** 20) },
  ratio: Number((publish.seconds / build.seconds).toFixed(3)),
};
console.log('| titles | build s | build MiB | publish s | publish MiB | site files | pages | site MiB | publish/build |');
console.log('|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
console.log(
  `| ${result.titles} | ${build.seconds.toFixed(2)} | ${build.mib} | ${publish.seconds.toFixed(2)} | ${publish.mib} | ${files} | ${pages} | ${result.publish.mib_written} | ${result.ratio.toFixed(3)} |`,
);
mkdirSync(RESULTS, { recursive: true });
writeFileSync(path.join(RESULTS, `site-${result.date.replace(/[:.]/g, '-')}.json`), `${JSON.stringify(result, null, 2)}\n`);
process.exit(build.code === 0 && publish.code === 0 ? 0 : 1);
