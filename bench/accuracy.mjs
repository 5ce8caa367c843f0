#!/usr/bin/env node
// Citation-detection accuracy on the D.C. Code (`npm run bench:accuracy`, and part of `npm run bench`).
//
// Gold: the Code's own <cite> elements, as the annotated import writes them
// (`:cite[§ 1-204.46]{to="dc-code" pin="§ 1-204.46"}`). Test text: the same
// titles imported with `--plain-citations`, so every citation is plain prose.
// Detections: what the pipeline itself finds there (compileFolder, and the
// cross-references its resolve stage computes), with file, line and column.
//
// A detection matches a gold cite when their spans overlap and their targets
// (registry id and pinpoint, or the group path) are equal. Precision and
// recall are reported for code-section citations (target `dc-code`) and for
// enactment citations (D.C. Law, D.C. Act, Pub. L.).
//
// A detection that overlaps no gold cite is a false positive unless it is one
// of the citations the gold leaves untagged by design, decided by rule, not by
// eye, and reported separately:
//   - in a note whose own `doc` attribute names the same enactment (the
//     Code's history notes carry their law as an attribute, not a <cite>);
//   - of a document outside the gold's vocabulary: the U.S. Code, prior
//     editions of the D.C. Code ("1981 Ed., § 2-927").
// Both figures are printed: strict (every untagged detection counts against
// precision) and adjusted.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { filesBelow } from './files.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

const CITE = /:cite\[((?:[^\]\\]|\\.)*)\]\{([^}]*)\}/g;
const attr = (attrs, name) => new RegExp(`${name}="([^"]*)"`).exec(attrs)?.[1] ?? new RegExp(`${name}=([^\\s}"]+)`).exec(attrs)?.[1];

/**
 * The annotated file with its :cite wrappers removed, and the gold spans in that text. With `unescapeBrackets`, a "]"
 * escaped in the annotated text ("\\[:cite[§ 30-201.04]{…}\\]": the import escapes a bracket that closes
 * around a citation) is read as the plain import writes it, unescaped.
 */
function goldOf(annotated, unescapeBrackets = false) {
  const gold = [];
  const text = unescapeBrackets ? (t) => t.replaceAll('\\]', ']') : (t) => t;
  let plain = '';
  let last = 0;
  for (const m of annotated.matchAll(CITE)) {
    plain += text(annotated.slice(last, m.index));
    const start = plain.length;
    plain += text(m[1]);
    gold.push({ start, end: plain.length, target: attr(m[2], 'to'), pinpoint: attr(m[2], 'pin') ?? null, text: m[1] });
    last = m.index + m[0].length;
  }
  plain += text(annotated.slice(last));
  return { plain, gold };
}

/**
 * The gold moved onto `target` when the two texts differ only in whitespace (the annotated import writes
 * "under:cite[§ 47-850]" where the Code has "under<cite> § 47-850</cite>" and the plain import "under § 47-850");
 * else the text and gold unchanged.
 */
function alignWhitespace(plain, gold, target) {
  const map = new Array(plain.length + 1);
  let i = 0;
  let j = 0;
  while (i < plain.length || j < target.length) {
    if (i < plain.length && j < target.length && plain[i] === target[j]) {
      map[i++] = j++;
    } else if (j < target.length && /\s/.test(target[j])) j++;
    else if (i < plain.length && /\s/.test(plain[i])) map[i++] = j;
    else return { plain, gold };
  }
  map[plain.length] = target.length;
  return { plain: target, gold: gold.map((g) => ({ ...g, start: map[g.start], end: map[g.end] })) };
}

/** Spans of notes with a `doc` attribute: their citations of that enactment are tagged on the note itself. */
function notesWithDoc(plain) {
  const notes = [];
  for (const m of plain.matchAll(/^:::annotation\{([^}]*)\}\n([\s\S]*?)^:::$/gm)) {
    const doc = attr(m[1], 'doc');
    if (doc) notes.push({ start: m.index, end: m.index + m[0].length, doc });
  }
  return notes;
}

/**
 * What the corpus itself says exists: every section of the Code (by number,
 * repealed ones included) and every enactment its notes name in a \`doc\`
 * attribute. An untagged detection of one of these is a real citation.
 */
/** "3|12|III" for the folder of Title 3, Chapter 12, Subchapter III. */
function groupPath(root, dir) {
  const parts = [];
  for (let d = dir; path.relative(root, d).includes(path.sep); d = path.dirname(d)) {
    parts.unshift(/^num: "?([^"\n]+)"?$/m.exec(readFileSync(path.join(d, 'group.md'), 'utf8'))?.[1]);
  }
  const titleDir = path.join(root, path.relative(root, dir).split(path.sep)[0]);
  parts.unshift(/^designation: "?([^"\n]+)"?$/m.exec(readFileSync(path.join(titleDir, 'code.md'), 'utf8'))?.[1]);
  return parts.join('|');
}

function knownTargets(annotatedDir, documentId) {
  const known = new Set();
  for (const file of filesBelow(annotatedDir, (p) => p.endsWith('.md') && !p.includes(`${path.sep}directives${path.sep}`))) {
    const text = readFileSync(file, 'utf8');
    const number = /^number: "?([^"\n]+)"?$/m.exec(text)?.[1];
    if (number) known.add(`dc-code § ${number}`);
    if (path.basename(file) === 'group.md') known.add(`dc-code ${groupPath(annotatedDir, path.dirname(file))}`);
    const title = path.basename(file) === 'code.md' && /^designation: "?([^"\n]+)"?$/m.exec(text)?.[1];
    if (title) known.add(`dc-code ${title}`);
    for (const m of text.matchAll(/\bdoc="([^"]+)"/g)) known.add(documentId(m[1]));
    for (const m of text.matchAll(/to="([^"]+)"/g)) known.add(m[1]);
  }
  return known;
}

/** Whether an untagged detection names something the corpus has: a section or group of the Code, or a named enactment. */
function isKnown(known, d, cat, text) {
  // An enactment named in the corpus's notes, or cited with its D.C. Register publication ("(D.C. Act 20-566, January 9, 2015, 62 DCR 88)").
  if (cat === 'enactment') return known.has(d.target) || /^[^)]{0,600}?\b\d{2} DCR \d+/.test(text.slice(d.end, d.end + 620));
  // A prior codification ("1981 Ed., §§ 2-201 to 2-231"): the gold tags it only when the current Code has a section of that number.
  if (/\b\d{4} Ed\.,[^.\n]*$/.test(text.slice(Math.max(0, d.start - 120), d.start))) return true;
  const pin = d.pinpoint ?? '';
  return pin.startsWith('§') ? known.has(`dc-code § ${pin.slice(1).trim().replace(/\(.*$/, '')}`) : known.has(`dc-code ${pin}`);
}

function lineStarts(text) {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

const category = (target) => (target === 'dc-code' ? 'code' : /^(dc-law|dc-act)-/.test(target) ? 'enactment' : 'other');
/** "this chapter", "this subchapter"…: the gold tags 12% of them (1,567 of 13,316 in titles 1–38). */
const RELATIVE_GROUP = /^this\s+(title|subtitle|chapter|subchapter|part|subpart|article)$/;
/** The gold tags "§ 4 of D.C. Law 18-127" whole for some laws and only "D.C. Law 18-127" for others (mostly before the 20th Council period). */
const pinpointOutsideGold = (d, g) => !g.pinpoint && g.target === d.target && d.pinpoint && d.start < g.start && d.end <= g.end + 1;

/**
 * Compare detections in the plain import with the gold of the annotated one.
 * `annotatedDir` and `plainDir` are workspaces written by `ordinance import dc-code` (without and with --plain-citations);
 * `alsoKnown`: targets that exist in the Code outside these workspaces; `undecidable(detection)`: whether an untagged
 * detection's target cannot be looked up (a section of a title whose section list the corpus lacks): counted apart
 * (`untaggedUndecided`) and left out of the adjusted precision.
 */
export async function citationAccuracy(annotatedDir, plainDir, alsoKnown = [], undecidable = () => false) {
  const { compileFolder, RegistryHandle } = await import(pathToFileURL(path.join(ROOT, 'lib', 'runner', 'folder.js')).href);
  const { documentId } = await import(pathToFileURL(path.join(ROOT, 'lib', 'dc-xml', 'cite-targets.js')).href);
  const options = { build: false, outDir: path.join(ROOT, '.cache', 'bench', 'unused-dist'), cache: false };
  const handle = new RegistryHandle(path.join(plainDir, 'directives'), options);
  const tally = {};
  const count = (cat, key, n = 1) => {
    tally[cat] ??= {
      gold: 0,
      found: 0,
      foundPinpointUntagged: 0,
      detections: 0,
      correct: 0,
      correctPinpointUntagged: 0,
      wrongTarget: 0,
      untaggedReal: 0,
      untaggedOther: 0,
      untaggedUndecided: 0,
    };
    tally[cat][key] += n;
  };
  const examples = { missed: [], wrongTarget: [], untaggedOther: [] };
  const limit = Number(process.env.ACCURACY_EXAMPLES ?? 40);
  const keep = (list, item) => list.length < limit && list.push(item);
  const known = knownTargets(annotatedDir, documentId);
  // Targets the Code has beyond the measured titles (held-out titles cite the others): `dc-code § 2-501`, `dc-code 2|5|I`.
  for (const target of alsoKnown) known.add(target);
  let misaligned = 0;
  let files = 0;
  const started = performance.now();
  const titles = readdirSync(plainDir)
    .filter((n) => n.startsWith('dc-code-title-'))
    .sort();
  for (const title of titles) {
    const result = await compileFolder(path.join(plainDir, title), handle, options);
    if (!result.xref) continue;
    const detected = new Map();
    // The cross-references the resolve stage computed.
    for (const c of result.xref.citations) {
      if (!detected.has(c.file)) detected.set(c.file, []);
      detected.get(c.file).push(c);
    }
    for (const file of result.files) {
      if (!file.path.endsWith('.md') || /(code|group)\.md$/.test(file.path)) continue;
      const annotatedFile = path.join(annotatedDir, path.relative(plainDir, file.path));
      if (!existsSync(annotatedFile)) continue;
      files++;
      const plainText = String(file.value);
      const annotatedText = readFileSync(annotatedFile, 'utf8');
      let { plain, gold } = goldOf(annotatedText);
      if (plain !== plainText) ({ plain, gold } = goldOf(annotatedText, true));
      if (plain !== plainText) ({ plain, gold } = alignWhitespace(plain, gold, plainText));
      if (plain !== plainText) {
        misaligned++;
        for (const g of gold) count(category(g.target), 'gold');
        continue;
      }
      const starts = lineStarts(plainText);
      const offset = (line, column) => starts[line - 1] + column - 1;
      const detections = (detected.get(file.path) ?? []).map((c) => ({
        start: offset(c.line, c.column),
        end: offset(c.endLine, c.endColumn),
        target: c.target,
        pinpoint: c.pinpoint,
        text: c.text,
      }));
      const notes = notesWithDoc(plainText);
      const matched = new Set();
      for (const d of detections) {
        const cat = category(d.target);
        count(cat, 'detections');
        const overlapping = gold.filter((g) => g.start < d.end && d.start < g.end);
        const right = overlapping.find((g) => g.target === d.target && (g.pinpoint ?? null) === (d.pinpoint ?? null));
        const sameLawPinpointUntagged = overlapping.find((g) => pinpointOutsideGold(d, g));
        if (right) {
          count(cat, 'correct');
          matched.add(right);
        } else if (sameLawPinpointUntagged) {
          count(cat, 'correctPinpointUntagged');
          matched.add(sameLawPinpointUntagged);
        } else if (overlapping.length) {
          count(cat, 'wrongTarget');
          keep(examples.wrongTarget, {
            file: path.relative(plainDir, file.path),
            text: d.text,
            detected: `${d.target} ${d.pinpoint ?? ''}`,
            gold: overlapping.map((g) => `${g.target} ${g.pinpoint ?? ''}`),
          });
        } else if (
          cat === 'other' ||
          RELATIVE_GROUP.test(d.text) ||
          notes.some((n) => n.start <= d.start && d.end <= n.end && documentId(n.doc) === d.target) ||
          isKnown(known, d, cat, plainText)
        ) {
          count(cat, 'untaggedReal');
        } else if (undecidable(d)) {
          count(cat, 'untaggedUndecided');
        } else {
          count(cat, 'untaggedOther');
          keep(examples.untaggedOther, {
            file: path.relative(plainDir, file.path),
            text: d.text,
            detected: `${d.target} ${d.pinpoint ?? ''}`,
            context: plainText.slice(Math.max(0, d.start - 60), d.end + 40),
          });
        }
      }
      for (const g of gold) {
        const cat = category(g.target);
        count(cat, 'gold');
        if (detections.some((d) => g.start < d.end && d.start < g.end && d.target === g.target && (d.pinpoint ?? null) === (g.pinpoint ?? null))) count(cat, 'found');
        else if (matched.has(g)) count(cat, 'foundPinpointUntagged');
        else
          keep(examples.missed, {
            file: path.relative(plainDir, file.path),
            text: g.text,
            gold: `${g.target} ${g.pinpoint ?? ''}`,
            context: plainText.slice(Math.max(0, g.start - 60), g.end + 40),
          });
      }
    }
  }
  const figures = {};
  for (const cat of ['code', 'enactment']) {
    const t = tally[cat] ?? {
      gold: 0,
      found: 0,
      foundPinpointUntagged: 0,
      detections: 0,
      correct: 0,
      correctPinpointUntagged: 0,
      wrongTarget: 0,
      untaggedReal: 0,
      untaggedOther: 0,
      untaggedUndecided: 0,
    };
    figures[cat] = {
      ...t,
      // Strict: the rule as written (equal targets, pinpoints included; every untagged detection is wrong).
      precisionStrict: t.correct / t.detections,
      recallStrict: t.found / t.gold,
      // Adjusted: untagged real citations set aside, and a pinpoint the gold leaves outside its span accepted.
      precision: (t.correct + t.correctPinpointUntagged) / (t.correct + t.correctPinpointUntagged + t.wrongTarget + t.untaggedOther),
      recall: (t.found + t.foundPinpointUntagged) / t.gold,
    };
  }
  figures.other = tally.other ?? null;
  return { files, misaligned, seconds: (performance.now() - started) / 1000, figures, examples };
}

function table(result) {
  const pct = (x) => (Number.isFinite(x) ? x.toFixed(4) : '–');
  const lines = [
    '| citations | gold | detected | correct | correct, pinpoint untagged by gold | wrong target | untagged, real | untagged, other | precision | recall | precision (strict) | recall (strict) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const [name, cat] of [
    ['code sections', 'code'],
    ['enactments', 'enactment'],
  ]) {
    const f = result.figures[cat];
    lines.push(
      `| ${name} | ${f.gold} | ${f.detections} | ${f.correct} | ${f.correctPinpointUntagged} | ${f.wrongTarget} | ${f.untaggedReal} | ${f.untaggedOther} | ${pct(f.precision)} | ${pct(f.recall)} | ${pct(f.precisionStrict)} | ${pct(f.recallStrict)} |`,
    );
  }
  return lines.join('\n');
}

export { table as accuracyTable };

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [annotated, plain] = process.argv.slice(2);
  if (!annotated || !plain) {
    console.error('usage: node bench/accuracy.mjs <annotated-import> <plain-import>   (npm run bench does both imports)');
    process.exit(2);
  }
  const result = await citationAccuracy(annotated, plain);
  console.log(table(result));
  console.log(`${result.files} section files (${result.misaligned} not comparable), ${result.seconds.toFixed(1)} s`);
  if (process.argv.includes('--examples')) console.log(JSON.stringify(result.examples, null, 1));
}
