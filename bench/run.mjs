#!/usr/bin/env node
// `npm run bench`: ours against the peers on the same content, in one run.
//
// Corpora: the D.C. Code imported into the source format (all titles), and
// samples of its first 10, 100 and 1,000 sections as one document each. For
// each: whole-process wall time and peak RSS (GNU time) of `ordinance check`
// (cold: no cache; warm: nothing changed; after editing one section) and of
// `ordinance build`, pages/s, time per section; and the peers:
//   check: markdownlint-cli2; remark-cli with remark-preset-lint-recommended
//   build: pandoc to PDF via pdflatex and via wkhtmltopdf; pandoc to HTML
// A peer that is not installed is reported as skipped with the command that
// installs it. Results print as a table and go to bench/results/ as JSON.
//
// With the full corpus it also measures citation-detection accuracy (bench/accuracy.mjs) on the titles the
// grammar was tuned on and, from the amendments corpus, on held-out titles (bench/held-out.mjs); and how well amending instructions are read from the acts' prose (bench/amendments.mjs).
//
// With the full corpus it also measures the incremental build (bench/incremental.mjs): nothing changed, and
// one section edited, as ratios to the full build of the same run.
//
// The language server (bench/lsp.mjs): a keystroke to its findings, hover, completion and the server's memory, on
// the sample and, with the full corpus, on D.C. Code title 1, against `ordinance check` of the same folder as a process.
//
// Options: --sizes 10,100,1000,all   --skip-peers   --accuracy-only   --incremental-only   --lsp-only   --corpus <xml-dir>   --amendments <archive-or-dir>
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { filesBelow } from './files.mjs';
import { fileURLToPath } from 'node:url';
import { accuracyTable, citationAccuracy } from './accuracy.mjs';
import { enactedErrors, exactMatch, proseInstructions } from './amendments-apply.mjs';
import { measureReading } from './amendments.mjs';
import { heldOutAccuracy } from './held-out.mjs';
import { incrementalTable, measureIncremental } from './incremental.mjs';
import { languageServerTable, measureLanguageServer, measureWorkspaceMemory } from './lsp.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.cache', 'bench');
const RESULTS = path.join(ROOT, 'bench', 'results');
const BIN = path.join(ROOT, 'bin', 'ordinance.js');
const PEERS = path.join(ROOT, '.cache', 'bench-peers', 'node_modules', '.bin');
const TIME = '/usr/bin/time';
const INSTALL = 'bash bench/install-peers.sh';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : args[i + 1];
};
const sizes = option('--sizes', '10,100,1000,all').split(',');
const skipPeers = args.includes('--skip-peers');
const accuracyOnly = args.includes('--accuracy-only');
const incrementalOnly = args.includes('--incremental-only');
const lspOnly = args.includes('--lsp-only');
const corpusXml = option('--corpus', path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-code-titles-1-38.tar.xz'));
const amendmentsArchive = option('--amendments', path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-amendments-23-24.tar.xz'));

if (!existsSync(TIME)) {
  console.error(`GNU time is needed to measure peak memory: apt-get install time (or ${INSTALL})`);
  process.exit(2);
}

/** Run a command under GNU time; returns wall seconds, peak RSS in MiB, exit code and output. */
function measure(command, argv, options = {}) {
  const result = spawnSync(TIME, ['-f', '%e %M', command, ...argv], {
    cwd: options.cwd ?? ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
    timeout: (options.timeoutSeconds ?? 3600) * 1000,
    env: { ...process.env, ...(options.env ?? {}) },
  });
  const lines = (result.stderr ?? '').trim().split('\n');
  const [seconds, kb] = (lines[lines.length - 1] ?? '').split(' ').map(Number);
  // Only the end of what a peer prints is kept (markdownlint-cli2 reports every finding on stderr), unless the whole is asked for.
  const stderr = lines.slice(0, -1).join('\n');
  return { seconds: seconds ?? NaN, rssMiB: (kb ?? NaN) / 1024, code: result.status, stdout: result.stdout, stderr: options.wholeStderr ? stderr : stderr.slice(-1500) };
}

function have(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`]).status === 0;
}

function pdfPages(file) {
  try {
    return Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? 0);
  } catch {
    return 0;
  }
}

/** The full import, made once per tool version and reused. */
function fullCorpus() {
  const out = path.join(WORK, 'dc-all');
  const stamp = path.join(WORK, 'dc-all.stamp');
  // The import is redone when the tool's code or the corpus changes.
  const hash = createHash('sha1').update(String(statSync(corpusXml).size));
  for (const name of readdirSync(path.join(ROOT, 'lib', 'bin'))
    .filter((n) => n.endsWith('.js'))
    .sort())
    hash.update(readFileSync(path.join(ROOT, 'lib', 'bin', name)));
  const version = hash.digest('hex');
  if (existsSync(out) && existsSync(stamp) && readFileSync(stamp, 'utf8') === version) return out;
  const xml = path.join(WORK, 'dc-xml');
  if (!existsSync(path.join(xml, 'us'))) {
    mkdirSync(xml, { recursive: true });
    execFileSync('tar', ['-xJf', corpusXml, '-C', xml]);
  }
  console.error('importing the D.C. Code...');
  const run = measure('node', [BIN, 'import', 'dc-code', xml, out]);
  if (run.code !== 0) throw new Error(`import failed: ${run.stderr}`);
  console.error(run.stderr.split('\n')[0]);
  writeFileSync(stamp, version);
  return out;
}

/** The amendments corpus (acts with the Council's markup, cases.jsonl), unpacked once; null when it is not there. */
function amendmentsCorpus() {
  if (existsSync(path.join(amendmentsArchive, 'cases.jsonl'))) return amendmentsArchive;
  if (!existsSync(amendmentsArchive)) return null;
  const dir = path.join(WORK, 'dc-amendments-23-24');
  if (!existsSync(path.join(dir, 'cases.jsonl'))) {
    console.error('unpacking the amendments corpus...');
    execFileSync('tar', ['-xJf', amendmentsArchive, '-C', WORK]);
  }
  return dir;
}

/** The same titles with every citation left as plain prose, for the accuracy measure; remade with the full import. */
function plainCorpus() {
  const out = path.join(WORK, 'dc-plain');
  const stamp = readFileSync(path.join(WORK, 'dc-all.stamp'), 'utf8');
  if (existsSync(out) && existsSync(`${out}.stamp`) && readFileSync(`${out}.stamp`, 'utf8') === stamp) return out;
  rmSync(out, { recursive: true, force: true });
  console.error('importing the D.C. Code with citations as plain text...');
  const run = measure('node', [BIN, 'import', 'dc-code', path.join(WORK, 'dc-xml'), out, '--plain-citations']);
  if (run.code !== 0) throw new Error(`plain import failed: ${run.stderr}`);
  writeFileSync(`${out}.stamp`, stamp);
  return out;
}

/** A workspace of the first `n` sections of the full import, as one document, with the registry entries they cite. */
function sampleCorpus(full, n) {
  const out = path.join(WORK, `dc-${n}`);
  rmSync(out, { recursive: true, force: true });
  const doc = path.join(out, `dc-sample-${n}`);
  mkdirSync(doc, { recursive: true });
  mkdirSync(path.join(out, 'directives'));
  const sections = filesBelow(full, (p) => p.endsWith('.md') && !p.includes(`${path.sep}directives${path.sep}`) && !/(code|group|README)\.md$/.test(p)).slice(0, n);
  writeFileSync(
    path.join(doc, 'code.md'),
    `---\ntype: code-title\ntitle: "D.C. Code: first ${n} sections"\nshort-title: "D.C. Code sample (${n})"\njurisdiction: district-of-columbia\nstatus: effective\nversion: 1\n---\n`,
  );
  const cited = new Set(['dc-code']);
  sections.forEach((file, i) => {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/to="?([a-z0-9.-]+)"?/g)) cited.add(m[1]);
    writeFileSync(path.join(doc, `${String(i + 1).padStart(5, '0')}-${path.basename(file).replace(/^\d+-/, '')}`), text);
    for (const m of text.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
      const image = path.join(path.dirname(file), m[1]);
      if (existsSync(image)) cpSync(image, path.join(doc, m[1]));
    }
  });
  for (const id of cited) {
    const entry = path.join(full, 'directives', `${id}.md`);
    if (existsSync(entry)) cpSync(entry, path.join(out, 'directives', `${id}.md`));
  }
  return out;
}

/** Markdown for pandoc: each document's section files, front matter stripped, as one file. */
function pandocInputs(workspace) {
  const dir = path.join(WORK, 'pandoc', path.basename(workspace));
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const docs = readdirSync(workspace, { withFileTypes: true }).filter((e) => e.isDirectory() && e.name !== 'directives');
  return docs.map((d) => {
    const files = filesBelow(path.join(workspace, d.name), (p) => p.endsWith('.md') && !/(code|ordinance)\.md$/.test(p));
    const body = files
      .map((f) => {
        const text = readFileSync(f, 'utf8');
        const heading = /^heading: (.*)$/m.exec(text)?.[1] ?? '';
        const number = /^number: (.*)$/m.exec(text)?.[1] ?? '';
        const content = text.replace(/^---\n[\s\S]*?\n---\n/, '');
        return /group\.md$/.test(f) ? `# ${heading}\n` : `## § ${number} ${heading}\n\n${content}`;
      })
      .join('\n');
    const file = path.join(dir, `${d.name}.md`);
    writeFileSync(file, body);
    return file;
  });
}

function countSections(workspace) {
  return filesBelow(workspace, (p) => p.endsWith('.md') && !p.includes(`${path.sep}directives${path.sep}`) && !/(code|group|ordinance|README)\.md$/.test(p)).length;
}

function markdownFiles(workspace) {
  return filesBelow(workspace, (p) => p.endsWith('.md') && !/README\.md$/.test(p));
}

function peerCheck(name, workspace) {
  const files = markdownFiles(workspace);
  if (name === 'markdownlint-cli2') {
    const bin = path.join(PEERS, 'markdownlint-cli2');
    if (!existsSync(bin)) return { skipped: `not installed: ${INSTALL}` };
    // A glob over the folder, as its users run it; findings are expected (it knows nothing of directives).
    return measure(bin, [`${path.relative(ROOT, workspace)}/**/*.md`, '#**/README.md']);
  }
  const bin = path.join(PEERS, 'remark');
  if (!existsSync(bin)) return { skipped: `not installed: ${INSTALL}` };
  void files;
  // Run from the peers' folder, where remark-cli resolves the plugins it is told to use.
  return measure(
    bin,
    [
      workspace,
      '--ext',
      'md',
      '--quiet',
      '--no-stdout',
      '--ignore-pattern',
      'README.md',
      '--use',
      'remark-frontmatter',
      '--use',
      'remark-directive',
      '--use',
      'remark-gfm',
      '--use',
      'remark-preset-lint-recommended',
    ],
    { cwd: path.join(ROOT, '.cache', 'bench-peers') },
  );
}

function peerBuild(name, inputs) {
  if (!have('pandoc')) return { skipped: `not installed: ${INSTALL}` };
  const out = path.join(WORK, 'pandoc-out', name);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let seconds = 0;
  let okSeconds = 0;
  let rssMiB = 0;
  let pages = 0;
  const failures = [];
  for (const input of inputs) {
    const base = path.join(out, path.basename(input, '.md'));
    let run;
    if (name === 'pandoc-pdflatex') {
      if (!have('pdflatex')) return { skipped: `not installed: ${INSTALL}` };
      run = measure('pandoc', [input, '-f', 'markdown', '-o', `${base}.pdf`, '--pdf-engine=pdflatex', '-V', 'geometry:margin=1in'], { timeoutSeconds: 1800 });
    } else if (name === 'pandoc-wkhtmltopdf') {
      if (!have('wkhtmltopdf')) return { skipped: `not installed: ${INSTALL}` };
      // pandoc leaves its intermediate html2pdf*.html in the working folder: keep it out of the repository.
      run = measure('pandoc', [input, '-f', 'markdown', '-o', `${base}.pdf`, '--pdf-engine=wkhtmltopdf', '--metadata', `title=${path.basename(input, '.md')}`], {
        timeoutSeconds: 1800,
        cwd: path.dirname(base),
      });
    } else {
      run = measure('pandoc', [input, '-f', 'markdown', '-t', 'html', '-s', '--metadata', `title=${path.basename(input, '.md')}`, '-o', `${base}.html`]);
    }
    seconds += run.seconds;
    rssMiB = Math.max(rssMiB, run.rssMiB);
    if (run.code !== 0) {
      const why = /! (.*)/.exec(run.stderr)?.[1] ?? run.stderr.split('\n').slice(-2).join(' ');
      failures.push(`${path.basename(input)}: ${why.slice(0, 160)}`);
    } else {
      okSeconds += run.seconds;
      if (name !== 'pandoc-html') pages += pdfPages(`${base}.pdf`);
    }
  }
  // Pages per second over the documents the peer could make (pdflatex stops at characters it has no glyph for).
  return { seconds, okSeconds, rssMiB, pages, documents: inputs.length, code: failures.length ? 1 : 0, failures };
}

function oursBuild(workspace) {
  const out = path.join(WORK, 'ours-out', path.basename(workspace));
  rmSync(out, { recursive: true, force: true });
  const run = measure('node', [BIN, 'build', path.relative(ROOT, workspace), '--out', out, '--quiet'], { env: { SOURCE_DATE_EPOCH: '1700000000' } });
  const pdfs = existsSync(out) ? filesBelow(out, (p) => p.endsWith('.pdf')) : [];
  return { ...run, pages: pdfs.reduce((n, f) => n + pdfPages(f), 0) };
}

function oursCheck(workspace) {
  const cacheDir = path.join(ROOT, '.cache', 'ordinance');
  rmSync(cacheDir, { recursive: true, force: true });
  const cold = measure('node', [BIN, 'check', path.relative(ROOT, workspace)]);
  const warm = measure('node', [BIN, 'check', path.relative(ROOT, workspace)]);
  // Edit one section (append a sentence to its last paragraph), check, and put it back.
  const section = filesBelow(workspace, (p) => p.endsWith('.md') && !/(code|group|ordinance|README)\.md$/.test(p) && !p.includes(`${path.sep}directives${path.sep}`))[0];
  const original = readFileSync(section, 'utf8');
  writeFileSync(section, `${original.trimEnd()}\n\nAn added sentence, to measure a check after one edit.\n`);
  const edited = measure('node', [BIN, 'check', path.relative(ROOT, workspace)]);
  writeFileSync(section, original);
  // What the rules add over parsing alone: cold, uncached, with every rule off.
  const ids = execFileSync('node', [BIN, 'rules'], { encoding: 'utf8' })
    .split('\n\n')[0]
    .split('\n')
    .map((l) => l.split(/\s+/)[0])
    .filter(Boolean);
  const off = path.join(WORK, 'rules-off.json');
  writeFileSync(off, JSON.stringify({ rules: Object.fromEntries(ids.map((id) => [id, 'off'])) }));
  const parsingOnly = measure('node', [BIN, 'check', path.relative(ROOT, workspace), '--config', off], { env: { ORDINANCE_CACHE: '0' } });
  const allRules = measure('node', [BIN, 'check', path.relative(ROOT, workspace)], { env: { ORDINANCE_CACHE: '0' } });
  return { cold, warm, edited, parsingOnly, allRules };
}

const ratio = (ours, peer) => (peer && Number.isFinite(peer) && peer > 0 ? ours / peer : NaN);
const fmt = (n, digits = 2) => (Number.isFinite(n) ? n.toFixed(digits) : '–');

async function main() {
  mkdirSync(WORK, { recursive: true });
  mkdirSync(RESULTS, { recursive: true });
  execFileSync('npm', ['run', 'compile', '--silent'], { cwd: ROOT, stdio: 'inherit' });
  const corpus = existsSync(corpusXml);
  const full = corpus ? fullCorpus() : null;
  const machine = {
    cpus: os.cpus().length,
    model: os.cpus()[0]?.model,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  const results = [];
  let accuracy = null;
  let incremental = null;
  let languageServer = null;
  if (!accuracyOnly && !incrementalOnly) {
    console.error('\n== the language server: a keystroke to its findings (bench/lsp.mjs)');
    const sample = path.join(ROOT, 'ordinance', 'la-sanctuary-city');
    languageServer = [await measureLanguageServer(sample, path.join(sample, '04-prohibitions.md'))];
    const title = full && (lspOnly || sizes.includes('all')) ? readdirSync(full).find((name) => /title-1$/.test(name)) : undefined;
    if (title) {
      const folder = path.join(full, title);
      const section = markdownFiles(folder)
        .filter((f) => !/(code|ordinance)\.md$/.test(f))
        .sort()[4];
      languageServer.push(await measureLanguageServer(folder, section, 10));
      // Every title open at once: the server's memory.
      const titles = readdirSync(full, { withFileTypes: true })
        .filter((e) => e.isDirectory() && e.name !== 'directives')
        .map((e) => path.join(full, e.name));
      languageServer.workspace = await measureWorkspaceMemory(titles);
      console.error(`every title open (${titles.length}): ${fmt(languageServer.workspace.seconds, 0)} s to open, server peak ${fmt(languageServer.workspace.peakMiB, 0)} MiB`);
    }
    console.error(languageServerTable(languageServer));
  }
  if (lspOnly) {
    writeFileSync(
      path.join(RESULTS, `${new Date().toISOString().replace(/[:.]/g, '-')}-lsp.json`),
      JSON.stringify({ date: new Date().toISOString(), machine, languageServer }, null, 2),
    );
    console.log(languageServerTable(languageServer));
    return;
  }
  if (!full) throw new Error(`the D.C. Code corpus is not at ${corpusXml}: pass --corpus <archive>, or --lsp-only`);
  if (!accuracyOnly && (incrementalOnly || sizes.includes('all'))) {
    console.error('\n== incremental build: every imported title');
    incremental = measureIncremental(full, { measure, bin: BIN, work: WORK });
    console.error(incrementalTable(incremental));
  }
  if (!incrementalOnly && (accuracyOnly || sizes.includes('all'))) {
    console.error("\n== citation detection accuracy (gold: the Code's <cite> elements)");
    accuracy = await citationAccuracy(full, plainCorpus());
    console.error(accuracyTable(accuracy));
    if (existsSync(amendmentsArchive)) {
      console.error('\n== citation detection accuracy on held-out titles (bench/held-out.mjs)');
      accuracy = { tuned: accuracy, heldOut: await heldOutAccuracy(amendmentsArchive, corpusXml) };
      console.error(accuracyTable(accuracy.heldOut));
    }
  }
  let amendments = null;
  const amendmentsDir = incrementalOnly ? null : amendmentsCorpus();
  if (amendmentsDir) {
    console.error("\n== amendments: instructions read from the acts' prose (gold: the Council's codification markup)");
    amendments = (await measureReading(amendmentsDir, { code: full })).summary;
    console.error("\n== amendments: sections amended by the tool against the Council's codified text");
    const gold = await exactMatch(amendmentsDir);
    const read = await proseInstructions(amendmentsDir, full);
    const prose = await exactMatch(amendmentsDir, read);
    // With the codifier's step (`amend --codify`): the words put into the code conformed as the Code publishes them.
    const codified = full ? await exactMatch(amendmentsDir, { ...read, codify: full }) : null;
    const enacted = enactedErrors(gold);
    amendments.applied = {
      cases: gold.cases,
      gold: gold.matched,
      prose: prose.matched,
      proseCodified: codified?.matched,
      goldMisses: gold.reasons,
      proseMisses: prose.reasons,
      proseCodifiedMisses: codified?.reasons,
      enactedErrors: enacted,
    };
    for (const [label, run] of [
      ["the Council's instructions", gold],
      ['instructions read from the prose', prose],
      ...(codified ? [['instructions read from the prose, codified (--codify)', codified]] : []),
    ]) {
      console.error(`  ${label}: ${run.matched}/${run.cases} equal the codified text; the others:`);
      for (const [reason, count] of Object.entries(run.reasons).sort((a, b) => b[1] - a[1])) console.error(`    ${count}: ${reason}`);
    }
    // Candidate errors in enacted law: the Council's own instructions that do not apply to the law they amend, each with the finding check gives (the list: bench/amendments-apply.mjs).
    console.error(
      `  the Council's instructions that do not apply to the section as codified before: ${enacted.instructions} in ${enacted.sections} sections of ${enacted.laws} laws`,
    );
    for (const [kind, count] of Object.entries(enacted.byKind).sort((a, b) => b[1] - a[1])) console.error(`    ${count}: ${kind}`);
  }
  for (const size of accuracyOnly || incrementalOnly ? [] : sizes) {
    const workspace = size === 'all' ? full : sampleCorpus(full, Number(size));
    const sections = countSections(workspace);
    const bytes = markdownFiles(workspace).reduce((n, f) => n + statSync(f).size, 0);
    console.error(`\n== ${size}: ${sections} sections, ${(bytes / 2 ** 20).toFixed(1)} MiB of Markdown`);
    const check = oursCheck(workspace);
    console.error(
      `check: cold ${fmt(check.cold.seconds)} s, warm ${fmt(check.warm.seconds)} s, after one edit ${fmt(check.edited.seconds)} s, peak ${fmt(check.cold.rssMiB, 0)} MiB`,
    );
    console.error(
      `rules: ${fmt(check.allRules.seconds)} s with every rule, ${fmt(check.parsingOnly.seconds)} s parsing alone (+${fmt((100 * (check.allRules.seconds - check.parsingOnly.seconds)) / check.parsingOnly.seconds, 0)}%)`,
    );
    const build = oursBuild(workspace);
    console.error(`build: ${fmt(build.seconds)} s, ${build.pages} pages, ${fmt(build.pages / build.seconds, 1)} pages/s, peak ${fmt(build.rssMiB, 0)} MiB`);
    const peers = {};
    if (!skipPeers) {
      for (const name of ['markdownlint-cli2', 'remark-lint']) {
        peers[name] = peerCheck(name, workspace);
        console.error(`${name}: ${peers[name].skipped ?? `${fmt(peers[name].seconds)} s, peak ${fmt(peers[name].rssMiB, 0)} MiB`}`);
      }
      const inputs = pandocInputs(workspace);
      for (const name of ['pandoc-pdflatex', 'pandoc-wkhtmltopdf', 'pandoc-html']) {
        peers[name] = peerBuild(name, inputs);
        const p = peers[name];
        console.error(`${name}: ${p.skipped ?? `${fmt(p.seconds)} s, ${p.pages} pages, peak ${fmt(p.rssMiB, 0)} MiB${p.failures?.length ? `, ${p.failures.length} failed` : ''}`}`);
      }
    }
    results.push({
      size,
      sections,
      bytes,
      check,
      build: { seconds: build.seconds, rssMiB: build.rssMiB, pages: build.pages, code: build.code },
      peers: Object.fromEntries(Object.entries(peers).map(([k, v]) => [k, { ...v, stdout: undefined }])),
    });
  }
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const withoutExamples = (a) => a && { ...a, examples: undefined };
  const report = {
    date: new Date().toISOString(),
    machine,
    results,
    accuracy: accuracy?.tuned ? { tuned: withoutExamples(accuracy.tuned), heldOut: withoutExamples(accuracy.heldOut) } : withoutExamples(accuracy),
    amendments,
    incremental,
    languageServer,
  };
  writeFileSync(path.join(RESULTS, `${stamp}.json`), JSON.stringify(report, null, 2));
  if (!accuracyOnly && !incrementalOnly) writeFileSync(path.join(RESULTS, 'latest.json'), JSON.stringify(report, null, 2));
  if (results.length) console.log(table(report));
  if (accuracy) console.log(`\n${accuracyTable(accuracy.tuned ?? accuracy)}`);
  if (accuracy?.heldOut) console.log(`\nHeld-out titles ${accuracy.heldOut.titles.join(', ')}:\n${accuracyTable(accuracy.heldOut)}`);
  if (incremental) console.log(`\n${incrementalTable(incremental)}`);
  if (languageServer) console.log(`\n${languageServerTable(languageServer)}`);
  if (amendments)
    console.log(
      `\nAmendments read from prose: precision ${fmt(amendments.precision, 3)}, recall ${fmt(amendments.recall, 3)} ` +
        `(${fmt(amendments.recallStated, 3)} without the ${amendments.unstated} new sections the codifier numbered), on ${amendments.gold} instructions of ${amendments.cases} clean cases; ` +
        `sections equal to the codified text: ${amendments.applied.gold}/${amendments.applied.cases} (${fmt((100 * amendments.applied.gold) / amendments.applied.cases, 1)}%) with the Council's instructions, ` +
        `${amendments.applied.prose}/${amendments.applied.cases} (${fmt((100 * amendments.applied.prose) / amendments.applied.cases, 1)}%) with those read from the prose` +
        (amendments.applied.proseCodified === undefined
          ? ''
          : `, ${amendments.applied.proseCodified}/${amendments.applied.cases} (${fmt((100 * amendments.applied.proseCodified) / amendments.applied.cases, 1)}%) with those codified (--codify)`),
    );
}

/** The results as a Markdown table (also what bench/RESULTS.md records). */
export function table(report) {
  const rows = [
    '| corpus | sections | check cold s | warm s | 1 edit s | check MiB | markdownlint-cli2 s (ours/peer) | remark-lint s (ours/peer) | build s | pages | pages/s | build MiB | pandoc+pdflatex pages/s (ours/peer) | pandoc+wkhtmltopdf pages/s (ours/peer) | pandoc html s | ms/section check | ms/section build |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const r of report.results) {
    const ml = r.peers['markdownlint-cli2'];
    const rl = r.peers['remark-lint'];
    const pl = r.peers['pandoc-pdflatex'];
    const wk = r.peers['pandoc-wkhtmltopdf'];
    const html = r.peers['pandoc-html'];
    const oursRate = r.build.pages / r.build.seconds;
    const peer = (p) => (p ? (p.skipped ? 'skipped' : `${fmt(p.seconds)} (${fmt(ratio(r.check.cold.seconds, p.seconds))}×)`) : '–');
    const rate = (p) =>
      p
        ? p.skipped
          ? 'skipped'
          : `${fmt(p.pages / p.okSeconds, 1)} (${fmt(ratio(oursRate, p.pages / p.okSeconds))}×)${p.failures?.length ? ` [${p.failures.length}/${p.documents} failed]` : ''}`
        : '–';
    rows.push(
      `| ${r.size} | ${r.sections} | ${fmt(r.check.cold.seconds)} | ${fmt(r.check.warm.seconds)} | ${fmt(r.check.edited.seconds)} | ${fmt(r.check.cold.rssMiB, 0)} | ${peer(ml)} | ${peer(rl)} | ${fmt(r.build.seconds)} | ${r.build.pages} | ${fmt(oursRate, 1)} | ${fmt(r.build.rssMiB, 0)} | ${rate(pl)} | ${rate(wk)} | ${html?.skipped ? 'skipped' : fmt(html?.seconds)} | ${fmt((r.check.cold.seconds * 1000) / r.sections, 1)} | ${fmt((r.build.seconds * 1000) / r.sections, 1)} |`,
    );
  }
  return rows.join('\n');
}

await main();
