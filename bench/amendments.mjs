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
 *   node bench/amendments.mjs [corpus-dir] [--details] [--json out.json] [--code <imported-dc-code>]
 *
 * With --code (a folder `ordinance import dc-code` wrote), the code's history
 * notes place the new sections an act adds by its own numbering ("a new
 * section 223a"), as `ordinance amend` does with the code it amends.
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

/**
 * The sentences of every law (clean cases or not) that read like instructions but do not parse, by what the reader
 * expected (its message up to the first colon or example), most first: each a class of real sentences.
 */
function unparsedClasses(sentences) {
  const counts = new Map();
  for (const { expected } of sentences) {
    const kind = expected
      .replace(/section [0-9]\S* of (?:D\.C\. (?:Law|Act) \d+-\d+|the act)/g, 'section N of an act')
      .replace(/new section \S+?(?=:|$)/, 'new section N')
      .replace(/\s*[:("“].*$/s, '');
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  }
  return Object.fromEntries([...counts].sort((a, b) => b[1] - a[1]));
}

/** Read every law's prose; returns per law its instructions read and unparsed sentences. */
export async function readCorpusInstructions(corpusDir, laws, codeDir) {
  const { importDcLaw } = await dist('pipeline/import/dc-law/import.js');
  const { loadOrdinanceSources } = await dist('pipeline/load/sources.js');
  const { parseOrdinance } = await dist('pipeline/analyze/parse-ordinance.js');
  const { modelOrdinance } = await dist('pipeline/analyze/build-ordinance.js');
  const { loadTemplate } = await dist('pipeline/load/templates.js');
  const { readInstructions } = await dist('pipeline/amend/read.js');
  const grammar = loadTemplate('district-of-columbia').jurisdiction.amendments;
  // With the D.C. Code imported (`--code`), its history notes place new act sections, as the amend stage does with the code an act amends.
  let options = {};
  if (codeDir) {
    const { actSectionsFromHistory } = await dist('pipeline/amend/code-index.js');
    const { loadCode } = await dist('pipeline/load/code-folder.js');
    options = { actSection: actSectionsFromHistory(loadCode(codeDir)) };
  }
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
      out.set(law, readInstructions(modelOrdinance(parsed), grammar, options));
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
/**
 * The codifier's editorial marks in the gold, which the act's prose never has: bracketed insertions and corrections
 * in the words ("under [§] 25-404", "deem [deemed] disapproved") are dropped, a bracketed designation ("[(c-2)]") unwrapped.
 */
const editorial = (s) => norm(String(s ?? '').replace(/\s?\[[^\]]*\]/g, ''));

function goldKeys(instruction) {
  const section = instruction.section;
  const p = instruction.subpath ? instruction.subpath.split('|').join('').replace(/\[|\]/g, '') : '';
  switch (instruction.op) {
    case 'find-replace':
      return [`strike|${section}|${p}|${editorial(instruction.find)}|${editorial(instruction.replace)}`];
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

/**
 * Measure reading on the corpus at `corpus` (a folder with cases.jsonl): precision, recall, and each miss and
 * extra with its reason. For `npm run bench` and the amendments part of the applier's bench.
 */
export async function measureReading(corpus, { code } = {}) {
  const cases = readFileSync(path.join(corpus, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line))
    .filter((c) => c.clean);
  const laws = [...new Set(cases.map((c) => c.law_xml))].sort();
  const started = performance.now();
  const read = await readCorpusInstructions(corpus, laws, code);
  const { withoutReferences, tools } = await import('./amendments-apply.mjs');
  const { importSection } = await tools();
  // An instruction on every section of a title where its words stand ("Strike "ABRA" wherever it appears" below "Title 25 of the D.C.
  // Official Code"): one for each section of the law's cases in that title whose text before the act holds them, as the amend stage
  // finds them in the code.
  const beforeText = new Map();
  const sectionText = (c) => {
    if (!c.before?.xml || !existsSync(path.join(corpus, c.before.xml))) return '';
    if (!beforeText.has(c.before.xml)) beforeText.set(c.before.xml, importSection(path.join(corpus, c.before.xml)).replace(/[“”]/g, '"').replace(/\s+/g, ' '));
    return beforeText.get(c.before.xml);
  };
  const perSection = (instruction, lawCases) => {
    const within = instruction.target.within;
    if (!within) return [instruction];
    const words = (instruction.op === 'strike' ? instruction.words : (instruction.at?.anchor ?? '')).replace(/[“”]/g, '"').replace(/\s+/g, ' ');
    return lawCases
      .filter((c) => (within.kind === 'title' ? c.section.startsWith(within.prefix) : within.sections.includes(c.section)) && words && sectionText(c).includes(words))
      .map((c) => ({ ...instruction, target: { section: c.section, path: [] } }));
  };
  let tp = 0;
  let fp = 0;
  let fn = 0;
  // Pairs of a gold instruction missed and one read for the same operation and place whose words differ only by the codifier's conforming edits.
  let conformed = 0;
  const misses = [];
  const extras = [];
  let unparsedCount = 0;
  let scopedMatches = 0;
  const unparsedSentences = [];
  for (const law of laws) {
    const lawCases = cases.filter((c) => c.law_xml === law);
    const sections = new Set(lawCases.map((c) => c.section));
    const gold = new Map();
    for (const c of lawCases) for (const i of c.instructions) for (const key of goldKeys(i)) if (!gold.has(key)) gold.set(key, i.prose);
    const found = new Map();
    const result = read.get(law);
    for (const i of result.instructions.flatMap((instruction) => perSection(instruction, lawCases))) {
      if (!sections.has(i.target.section)) continue;
      for (const key of readKeys(i)) if (!found.has(key)) found.set(key, i.prose);
    }
    unparsedCount += result.unparsed.length;
    for (const u of result.unparsed) unparsedSentences.push({ law, sentence: u.sentence, expected: u.expected });
    // The Council scopes a find-and-replace to a section or subdivision that holds the words, and often marks the
    // same words struck in several of its subdivisions once, for the whole: a strike read for a subdivision inside
    // the gold's scope, with the same words, is that instruction (and not an extra one).
    for (const key of [...found.keys()]) {
      const [op, section, where, ...rest] = key.split('|');
      if (op !== 'strike' || gold.has(key)) continue;
      for (let cut = where.length - 1; cut >= 0; cut--) {
        if (where[cut] !== '(') continue;
        const wider = [op, section, where.slice(0, cut), ...rest].join('|');
        if (!gold.has(wider)) continue;
        if (!found.has(wider)) found.set(wider, found.get(key));
        found.delete(key);
        scopedMatches++;
        break;
      }
    }
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
    // The codifier prints the act's references as the code's ("section 17(i)" as "§ 1-1001.17(i)", "this act" as "this chapter"):
    // a miss and an extra of one law that read the same once every reference is one token are one instruction, up to those edits.
    const conforming = (key) => {
      const [op, section, where, ...words] = key.split('|');
      return [op, section, where, ...words.map((w) => withoutReferences(w))].join('|');
    };
    const lawExtras = extras.filter((e) => e.law === law && !e.conformed);
    for (const miss of misses.filter((m) => m.law === law && !m.conformed)) {
      const pair = lawExtras.find((e) => !e.conformed && conforming(e.key) === conforming(miss.key));
      if (!pair) continue;
      pair.conformed = true;
      miss.conformed = true;
      conformed++;
    }
  }
  const precision = tp / Math.max(1, tp + fp);
  const recall = tp / Math.max(1, tp + fn);
  const precisionConforming = (tp + conformed) / Math.max(1, tp + fp);
  const recallConforming = (tp + conformed) / Math.max(1, tp + fn);
  const seconds = (performance.now() - started) / 1000;
  // Why each gold instruction was missed.
  const readProse = new Set(extras.map((e) => `${e.law}\u0000${e.prose}`));
  const unparsedProse = new Map(unparsedSentences.map((u) => [`${u.law}\u0000${u.sentence}`, u.expected]));
  for (const miss of misses) {
    const at = `${miss.law}\u0000${miss.prose}`;
    const [op, , where] = miss.key.split('|');
    if (miss.conformed) miss.reason = "read, and the same up to the codifier's conforming edits (the act's references as the code's)";
    else if (readProse.has(at)) miss.reason = 'read, but differs from the gold (the codifier corrected or rewrote the words, or resolved the target with the code in hand)';
    else if (unparsedProse.has(at))
      miss.reason = `unparsed: expected ${unparsedProse
        .get(at)
        .split(/["(0-9]/)[0]
        .trim()}`;
    else if (op === 'add' && where === '') miss.reason = "new section: its code designation is the codifier's, not in the prose";
    else if (!miss.prose) miss.reason = 'no sentence of its own (a section inside a quoted chapter)';
    else miss.reason = 'not read for this section (a title- or act-wide instruction, or a target the prose leaves to the code)';
  }
  const reasons = {};
  for (const miss of misses) reasons[miss.reason] = (reasons[miss.reason] ?? 0) + 1;
  // New sections the codifier numbered: the prose does not hold their designation, so no reader of it can name them.
  const unstated = misses.filter((m) => /^new section|^no sentence|code designation of new section/.test(m.reason)).length;
  const recallStated = tp / Math.max(1, tp + fn - unstated);
  const summary = {
    laws: laws.length,
    cases: cases.length,
    gold: tp + fn,
    read: tp + fp,
    matched: tp,
    scopedMatches,
    precision,
    recall,
    recallStated,
    conformed,
    precisionConforming,
    recallConforming,
    unstated,
    unparsed: unparsedCount,
    unparsedBy: unparsedClasses(unparsedSentences),
    seconds,
    missReasons: reasons,
  };
  return { summary, misses, extras, unparsed: unparsedSentences };
}

async function main() {
  const args = process.argv.slice(2);
  const details = args.includes('--details');
  const jsonAt = args.indexOf('--json');
  const jsonOut = jsonAt === -1 ? undefined : args[jsonAt + 1];
  const codeAt = args.indexOf('--code');
  const code = codeAt === -1 ? undefined : args[codeAt + 1];
  const corpus = args.find((a, i) => !a.startsWith('--') && args[i - 1] !== '--json' && args[i - 1] !== '--code') ?? process.env.AMENDMENTS_CORPUS ?? '/tmp/dc-amendments-23-24';
  if (!existsSync(path.join(corpus, 'cases.jsonl'))) {
    process.stderr.write(`amendments bench: no corpus at ${corpus} (unpack dc-amendments-23-24.tar.xz there, or name its folder)\n`);
    process.exit(2);
  }
  const { summary, misses, extras, unparsed } = await measureReading(corpus, { code });
  const { laws, cases, gold, read, precision, recall, scopedMatches, seconds } = summary;
  process.stdout.write(
    `amendments (read): ${laws} laws, ${cases} clean cases: ${gold} gold instructions, ${read} read; ` +
      `precision ${precision.toFixed(3)}, recall ${recall.toFixed(3)} (targets 0.98, 0.95), recall ${summary.recallStated.toFixed(3)} without the ${summary.unstated} new sections whose code designation the prose does not hold; precision ${summary.precisionConforming.toFixed(3)} and recall ${summary.recallConforming.toFixed(3)} up to the codifier's conforming edits (${summary.conformed} instructions); ${scopedMatches} strikes read within a gold instruction's wider scope; ${summary.unparsed} sentences unparsed; ${seconds.toFixed(1)} s\n`,
  );
  for (const [reason, count] of Object.entries(summary.missReasons).sort((a, b) => b[1] - a[1])) process.stdout.write(`  missed ${String(count).padStart(4)}: ${reason}\n`);
  for (const [expected, count] of Object.entries(summary.unparsedBy)) process.stdout.write(`  unparsed ${String(count).padStart(4)}: expected ${expected}\n`);
  if (details) {
    for (const m of misses) process.stdout.write(`MISS  ${m.law} ${m.key}\n      ${m.prose}\n`);
    for (const e of extras) process.stdout.write(`EXTRA ${e.law} ${e.key}\n      ${e.prose}\n`);
  }
  if (jsonOut) writeFileSync(jsonOut, `${JSON.stringify({ ...summary, misses, extras, unparsed }, null, 2)}\n`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
