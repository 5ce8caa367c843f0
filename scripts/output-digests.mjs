// The sha256 of every byte the pipeline writes for a fixed set of inputs, to
// prove a refactoring changes no output: run it before and after, and compare.
//
//   node scripts/output-digests.mjs > before.txt   (… change the code, npm run compile …)
//   node scripts/output-digests.mjs > after.txt && diff before.txt after.txt
//
// The inputs: the shipped ordinances (the Los Angeles sample and the three
// jurisdictions' examples) built and published as a site; a redline of the
// sample between two commits (PDF, Markdown, JSON); the comparative print of an
// amending ordinance (test/fixtures/amend-cli over test/fixtures/base); and, when ../shared/corpora is
// beside the repository, four titles of the D.C. Code imported and built.
// Everything runs in a temporary folder, with git's dates and names and
// SOURCE_DATE_EPOCH fixed, so that two runs of the same code print the same lines.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'bin', 'ordinance.js');
const CORPUS = path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-code-titles-1-38.tar.xz');
const TITLES = (process.env.DIGEST_TITLES ?? '12,17,24,28A').split(',');

const env = {
  ...process.env,
  SOURCE_DATE_EPOCH: '1700000000',
  GIT_AUTHOR_NAME: 'Digest',
  GIT_AUTHOR_EMAIL: 'digest@example.org',
  GIT_COMMITTER_NAME: 'Digest',
  GIT_COMMITTER_EMAIL: 'digest@example.org',
  GIT_AUTHOR_DATE: '2023-11-14T22:13:20Z',
  GIT_COMMITTER_DATE: '2023-11-14T22:13:20Z',
  ORDINANCE_CACHE: '0',
};

const run = (cwd, ...args) => execFileSync(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 }).toString();
const git = (cwd, ...args) => execFileSync('git', args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] }).toString();

/** Every file below `dir`, relative, in a stable order. */
function filesBelow(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...filesBelow(full, `${prefix}${name}/`));
    else out.push(`${prefix}${name}`);
  }
  return out;
}

function print(label, dir) {
  for (const file of filesBelow(dir)) {
    const hash = createHash('sha256')
      .update(readFileSync(path.join(dir, file)))
      .digest('hex');
    process.stdout.write(`${hash}  ${label}/${file}\n`);
  }
}

function repository(from) {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'digest-'));
  // The guide (ordinance/README.md) is documentation, not a source: left out, so that editing it changes no commit hash stamped in the outputs.
  cpSync(from, path.join(ws, 'ordinance'), { recursive: true, filter: (file) => path.relative(from, file) !== 'README.md' });
  if (existsSync(path.join(ROOT, 'ordinance.config.json')) && from === path.join(ROOT, 'ordinance')) {
    writeFileSync(
      path.join(ws, 'ordinance.config.json'),
      readFileSync(path.join(ROOT, 'ordinance.config.json'), 'utf8').replace('./ordinance.config.schema.json', '../ordinance.config.schema.json'),
    );
  }
  git(ws, 'init', '-q', '-b', 'main');
  git(ws, 'add', '-A');
  git(ws, 'commit', '-q', '-m', 'sources');
  return ws;
}

// 1. The shipped ordinances, built, and the site published from them.
const shipped = repository(path.join(ROOT, 'ordinance'));
run(shipped, 'build', 'ordinance', '--out', 'dist', '--quiet');
run(shipped, 'publish', 'ordinance', '--out', 'dist', '--quiet');
print('shipped', path.join(shipped, 'dist'));

// 2. A redline of the sample between two commits.
const sample = path.join(shipped, 'ordinance', 'la-sanctuary-city', '04-prohibitions.md');
writeFileSync(
  sample,
  readFileSync(sample, 'utf8')
    .replace(/shall not/, 'may not')
    .replace(/\n\n([^\n]+)\n*$/, '\n\n$1\n\nA new closing paragraph of the redline digest.\n'),
);
git(shipped, 'commit', '-q', '-am', 'edit');
run(shipped, 'diff', 'HEAD~1..HEAD', 'ordinance', '--out', 'redline');
print('redline', path.join(shipped, 'redline'));
for (const format of ['md', 'json']) {
  const text = run(shipped, 'diff', 'HEAD~1..HEAD', 'ordinance', '--format', format);
  process.stdout.write(`${createHash('sha256').update(text).digest('hex')}  redline/stdout.${format}\n`);
}

// 3. An amending ordinance's comparative print.
const amendingSources = mkdtempSync(path.join(os.tmpdir(), 'digest-sources-'));
cpSync(path.join(ROOT, 'test', 'fixtures', 'base', 'ordinance'), amendingSources, { recursive: true });
cpSync(path.join(ROOT, 'test', 'fixtures', 'amend-cli', 'ordinance'), amendingSources, { recursive: true });
const amending = repository(amendingSources);
rmSync(amendingSources, { recursive: true, force: true });
run(amending, 'build', 'ordinance', '--out', 'dist', '--quiet');
print('amending', path.join(amending, 'dist'));

// 4. Four titles of the D.C. Code.
if (existsSync(CORPUS)) {
  const xml = mkdtempSync(path.join(os.tmpdir(), 'digest-xml-'));
  const members = TITLES.map((t) => `us/dc/council/code/titles/${t}`);
  execFileSync('tar', ['-xJf', CORPUS, '-C', xml, '--wildcards', '*us/dc/council/code/index.xml', ...members.map((m) => `*${m}/*`)], { stdio: 'ignore' });
  const code = mkdtempSync(path.join(os.tmpdir(), 'digest-code-'));
  mkdirSync(path.join(code, 'ordinance'));
  const root = execFileSync('find', [xml, '-type', 'd', '-path', '*us/dc/council/code', '-prune'], { encoding: 'utf8' }).trim().split('\n')[0];
  run(code, 'import', 'dc-code', root, 'ordinance', '--titles', TITLES.join(','), '--quiet');
  git(code, 'init', '-q', '-b', 'main');
  // The import's marker names the temporary folder it came from: kept out of the commit (whose hash the PDFs print) and printed without it.
  const marker = path.join(code, 'ordinance', '.ordinance-import');
  writeFileSync(path.join(code, '.git', 'info', 'exclude'), 'ordinance/.ordinance-import\n');
  writeFileSync(marker, readFileSync(marker, 'utf8').replaceAll(xml, '<xml>'));
  git(code, 'add', '-A');
  git(code, 'commit', '-q', '-m', 'code');
  print('dc-code-import', path.join(code, 'ordinance'));
  try {
    run(code, 'build', 'ordinance', '--out', 'dist', '--quiet');
  } catch (error) {
    process.stdout.write(`build exit ${error.status}\n`);
  }
  print('dc-code', path.join(code, 'dist'));
  rmSync(xml, { recursive: true, force: true });
  rmSync(code, { recursive: true, force: true });
} else {
  process.stderr.write(`output-digests: ${CORPUS} is missing: the D.C. Code titles are left out\n`);
}
rmSync(shipped, { recursive: true, force: true });
rmSync(amending, { recursive: true, force: true });
