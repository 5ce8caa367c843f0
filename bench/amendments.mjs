#!/usr/bin/env node
/**
 * Bench, amendments part 1: reading amending sentences. Every law of the
 * amendments corpus that has clean cases is imported with `--plain` (the
 * Council's codification markup dropped), its prose read by the District's
 * amendment grammar, and the instructions read compared with the gold
 * `instructions` of cases.jsonl, as (operation, section, subdivision path,
 * struck words, inserted words). Precision counts only instructions read for
 * the sections the clean cases cover (the gold says nothing of the others).
 *
 *   node bench/amendments.mjs [corpus-dir] [--details] [--json out.json]
 *
 * The corpus: /tmp/dc-amendments-23-24 (or AMENDMENTS_CORPUS), unpacked from
 * ../shared/corpora/dc-amendments-23-24.tar.xz. Run `npm run compile` first.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = (m) => import(pathToFileURL(path.join(root, 'lib', m.replace('pipeline/', ''))).href);

const args = process.argv.slice(2);
const details = args.includes('--details');
const jsonAt = args.indexOf('--json');
const jsonOut = jsonAt === -1 ? undefined : args[jsonAt + 1];
const corpus = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--json') ?? process.env.AMENDMENTS_CORPUS ?? '/tmp/dc-amendments-23-24';
if (!existsSync(path.join(corpus, 'cases.jsonl'))) {
  process.stderr.write(`amendments bench: no corpus at ${corpus} (unpack dc-amendments-23-24.tar.xz there, or name its folder)\n`);
  process.exit(2);
}

export { readCorpusInstructions };

/** Read every law's prose; returns per law its instructions read and unparsed sentences. */
async function readCorpusInstructions(corpusDir, laws) {
  const { importDcLaw } = await dist('pipeline/import/dc-law/import.js');
  const { loadOrdinanceSources } = await dist('pipeline/load/sources.js');
  const { parseOrdinance } = await dist('pipeline/parse/parse-ordinance.js');
  const { modelOrdinance } = await dist('pipeline/model/build-ordinance.js');
  const { loadTemplate } = await dist('pipeline/template/load.js');
  const { readInstructions } = await dist('pipeline/amend/read.js');
  const grammar = loadTemplate('district-of-columbia').jurisdiction.amendments;
  const work = mkdtempSync(path.join(tmpdir(), 'amendments-bench-'));
  const out = new Map();
  try {
    for (const law of laws) {
      const dir = path.join(work, law.replace(/[^\w.-]/g, '_'));
      importDcLaw(path.join(corpusDir, law), dir, { plain: true });
      const parsed = parseOrdinance(loadOrdinanceSources(dir));
      if (!parsed) {
        out.set(law, { instructions: [], unparsed: [], failed: true });
        continue;
      }
      out.set(law, readInstructions(modelOrdinance(parsed), grammar));
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return out;
}

const norm = (s) =>
  String(s ?? '')
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\\([\\`*_{}[\]()#+\-.!<>|~])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();

/** The gold's instructions of one case, as comparable keys. */
function goldKeys(instruction) {
  const section = instruction.section;
  const p = instruction.subpath ? instruction.subpath.split('|').join('') : '';
  switch (instruction.op) {
    case 'find-replace':
      return [`strike|${section}|${p}|${norm(instruction.find)}|${norm(instruction.replace)}`];
    case 'insert':
      return [`add|${section}|${p}`];
    case 'replace':
      return [`rewrite|${section}|${p}`];
    case 'repeal':
      return [`repeal|${section}|${p}`];
    case 'redesignate-para':
      return [`designate|${section}|${p}|${norm(instruction.num_value)}`];
    default:
      return [];
  }
}

/** An instruction read from prose, as comparable keys (an addition of several subdivisions is one key each). */
function readKeys(instruction) {
  const { section, path: where } = instruction.target;
  const p = where.join('');
  switch (instruction.op) {
    case 'strike':
      return [`strike|${section}|${p}|${norm(instruction.words)}|${norm(instruction.insert ?? '')}`];
    case 'insert':
      return [`insert|${section}|${p}|${norm(instruction.words)}`];
    case 'add':
      return instruction.designations.map((d) => (d === section ? `add|${section}|` : `add|${section}|${p}${d}`));
    case 'rewrite':
      return [`rewrite|${section}|${p}`];
    case 'repeal':
      return [`repeal|${section}|${p}`];
    case 'redesignate':
      // The Council marks "Paragraph (27B) is redesignated as paragraph (27C)" as find-and-replace of the designation.
      return instruction.from.map((from, i) =>
        from === '' ? `designate|${section}|${p}|${instruction.to[i]}` : `strike|${section}|${p}${instruction.to[i]}|${from}|${instruction.to[i]}`,
      );
    default:
      return [];
  }
}

async function main() {
  const cases = readFileSync(path.join(corpus, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((c) => c.clean);
  const laws = [...new Set(cases.map((c) => c.law_xml))].sort();
  const started = performance.now();
  const read = await readCorpusInstructions(corpus, laws);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  const misses = [];
  const extras = [];
  let unparsedCount = 0;
  for (const law of laws) {
    const lawCases = cases.filter((c) => c.law_xml === law);
    const sections = new Set(lawCases.map((c) => c.section));
    const gold = new Map();
    for (const c of lawCases) for (const i of c.instructions) for (const key of goldKeys(i)) if (!gold.has(key)) gold.set(key, i.prose);
    const found = new Map();
    const result = read.get(law);
    for (const i of result.instructions) {
      if (!sections.has(i.target.section)) continue;
      for (const key of readKeys(i)) if (!found.has(key)) found.set(key, i.prose);
    }
    unparsedCount += result.unparsed.length;
    for (const [key, prose] of gold) {
      if (found.has(key)) tp++;
      else {
        fn++;
        misses.push({ law, key, prose });
      }
    }
    for (const [key, prose] of found) {
      if (!gold.has(key)) {
        fp++;
        extras.push({ law, key, prose });
      }
    }
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const seconds = (performance.now() - started) / 1000;
  const summary = { laws: laws.length, cases: cases.length, gold: tp + fn, read: tp + fp, matched: tp, precision, recall, unparsed: unparsedCount, seconds };
  process.stdout.write(
    `amendments (read): ${laws.length} laws, ${cases.length} clean cases: ${tp + fn} gold instructions, ${tp + fp} read; ` +
      `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (targets 0.98, 0.95); ${unparsedCount} sentences unparsed; ${seconds.toFixed(1)} s\n`,
  );
  if (details) {
    for (const m of misses) process.stdout.write(`MISS  ${m.law} ${m.key}\n      ${m.prose}\n`);
    for (const e of extras) process.stdout.write(`EXTRA ${e.law} ${e.key}\n      ${e.prose}\n`);
  }
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ ...summary, misses, extras }, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
