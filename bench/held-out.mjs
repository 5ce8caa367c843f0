#!/usr/bin/env node
// Citation-detection accuracy on D.C. Code titles the grammar was not tuned on.
//
// The citation grammar (templates/jurisdictions/district-of-columbia.json) was
// written against titles 1–38, the titles of the codification corpus that the
// tests and the benchmark use. The amendments corpus carries, beside its acts,
// the sections they amend as the Council published them, including sections of
// titles 39 and up that nothing here was tuned on. This script gathers those
// sections (the latest publication of each) into a tree of the codification's
// layout (index.xml, titles/N/index.xml, titles/N/sections/*.xml), imports it
// annotated and plain, and measures it exactly as bench/accuracy.mjs measures
// titles 1–38.
//
//   node bench/held-out.mjs [--amendments <archive-or-dir>] [--tuned <titles-archive-or-xml-dir>] [--examples]
//
// Part of `npm run bench:accuracy` (bench/run.mjs prints both tables).
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { accuracyTable, citationAccuracy } from './accuracy.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const WORK = path.join(ROOT, '.cache', 'bench', 'held-out');
const BIN = path.join(ROOT, 'bin', 'ordinance.js');
const CODE = ['us', 'dc', 'council', 'code'];

/** The titles of the tuning corpus (unpacked): the folders below titles/. */
export function tunedTitles(tunedXml) {
  return new Set(readdirSync(path.join(tunedXml, ...CODE, 'titles')));
}

/**
 * What the whole Code has, as bench/accuracy.mjs names targets: every section (`dc-code § 2-501`) and group
 * (`dc-code 2|5|I`) of the tuning corpus, and every section of the amendments corpus. The held-out titles cite
 * the others; a citation the gold leaves untagged is real when its target exists.
 */
export function codeTargets(tunedXml, amendments) {
  const known = new Set();
  const titles = path.join(tunedXml, ...CODE, 'titles');
  for (const title of readdirSync(titles)) {
    for (const file of readdirSync(path.join(titles, title, 'sections'))) known.add(`dc-code § ${file.replace(/\.xml$/, '').replaceAll('~', ':')}`);
    const index = readFileSync(path.join(titles, title, 'index.xml'), 'utf8');
    const stack = [];
    for (const m of index.matchAll(
      /<container>\s*<prefix>[^<]*<\/prefix>\s*<num>([^<]*)<\/num>|<\/container>|^<container[^>]*>\s*<prefix>[^<]*<\/prefix>\s*<num>([^<]*)<\/num>/gm,
    )) {
      if (m[0] === '</container>') stack.pop();
      else {
        stack.push(m[1] ?? m[2]);
        known.add(`dc-code ${stack.join('|')}`);
      }
    }
  }
  for (const commit of readdirSync(path.join(amendments, 'sections')))
    for (const file of readdirSync(path.join(amendments, 'sections', commit))) known.add(`dc-code § ${file.replace(/\.xml$/, '').replaceAll('~', ':')}`);
  return known;
}

/** Publication dates of the amendments corpus's commits, from its cases. */
function commitDates(amendments) {
  const dates = new Map();
  for (const file of ['cases.jsonl', 'unmatched.jsonl']) {
    const jsonl = path.join(amendments, file);
    if (!existsSync(jsonl)) continue;
    for (const line of readFileSync(jsonl, 'utf8').split('\n')) {
      if (!line.trim()) continue;
      const c = JSON.parse(line);
      for (const side of [c.before, c.after]) if (side?.commit && side.date) dates.set(side.commit, side.date);
    }
  }
  return dates;
}

/** "47-1801.04" → "18": the Code numbers a section by its chapter, then its place in it. */
const chapterOf = (section) => {
  const [, rest = ''] = section.split('-');
  const whole = rest.split('.')[0].replace(/[a-z]+$/, '');
  return String(Number(whole.length > 2 ? whole.slice(0, -2) : whole));
};

/** The Code's levels below a title, outermost first. */
const LEVELS = ['Chapter', 'Subchapter', 'Part', 'Subpart'];

/**
 * Where a section stands (its groups below the title), as the corpus itself says: its gold citations of its own
 * groups ("this subchapter" tagged `42|35|II`) name them; else its chapter by number. The amendments corpus has
 * the sections without the title's index.
 */
function placeOf(section, xml) {
  const title = section.split('-')[0];
  let best = null;
  for (const m of xml.matchAll(/<cite path="([^"§]+)">\s*[Tt]his\s+(chapter|subchapter|part|subpart)\s*<\/cite>/g)) {
    const path = m[1].split('|');
    if (path[0] !== title || path.length < 2) continue;
    const level = m[2][0].toUpperCase() + m[2].slice(1);
    const middle = LEVELS.slice(1, LEVELS.indexOf(level)).slice(0, path.length - 3);
    const prefixes = level === 'Chapter' ? ['Chapter'] : ['Chapter', ...middle, level];
    if (prefixes.length !== path.length - 1) continue;
    if (!best || path.length > best.length + 1) best = prefixes.map((prefix, i) => ({ prefix, num: path[i + 1] }));
  }
  return best ?? [{ prefix: 'Chapter', num: chapterOf(section) }];
}

/**
 * Write the held-out sections as a codification tree in `out`: every section of a title not in `tuned`,
 * at its latest publication in the amendments corpus. Returns the titles and section count.
 */
export function heldOutTree(amendments, tuned, out) {
  const dates = commitDates(amendments);
  const latest = new Map();
  const sectionsDir = path.join(amendments, 'sections');
  for (const commit of readdirSync(sectionsDir).sort()) {
    const date = dates.get(commit) ?? '';
    for (const file of readdirSync(path.join(sectionsDir, commit))) {
      const section = file.replace(/\.xml$/, '').replaceAll('~', ':');
      const title = section.split('-')[0];
      if (tuned.has(title) || !/^\d+[A-Z]?$/.test(title)) continue;
      const seen = latest.get(section);
      if (!seen || date > seen.date || (date === seen.date && commit > seen.commit)) latest.set(section, { date, commit, file: path.join(sectionsDir, commit, file) });
    }
  }
  rmSync(out, { recursive: true, force: true });
  const code = path.join(out, ...CODE);
  /** A group: its sections and subgroups, in order. */
  const group = () => ({ sections: [], groups: new Map() });
  const byTitle = new Map();
  for (const [section, where] of [...latest].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
    const title = section.split('-')[0];
    if (!byTitle.has(title)) byTitle.set(title, group());
    const xml = readFileSync(where.file, 'utf8');
    let at = byTitle.get(title);
    for (const { prefix, num } of placeOf(section, xml)) {
      const key = `${prefix}\u0000${num}`;
      if (!at.groups.has(key)) at.groups.set(key, group());
      at = at.groups.get(key);
    }
    at.sections.push(path.basename(where.file));
    mkdirSync(path.join(code, 'titles', title, 'sections'), { recursive: true });
    copyFileSync(where.file, path.join(code, 'titles', title, 'sections', path.basename(where.file)));
  }
  const ns =
    'xmlns="https://code.dccouncil.us/schemas/dc-library" xmlns:codified="https://code.dccouncil.us/schemas/codified" xmlns:codify="https://code.dccouncil.us/schemas/codify" xmlns:xi="http://www.w3.org/2001/XInclude"';
  const render = (g, indent) => {
    const lines = g.sections.map((f) => `${indent}<xi:include href="./sections/${f}"/>`);
    for (const [key, sub] of [...g.groups].sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }))) {
      const [prefix, num] = key.split('\u0000');
      lines.push(`${indent}<container>`, `${indent}  <prefix>${prefix}</prefix>`, `${indent}  <num>${num}</num>`, `${indent}  <heading>${prefix} ${num}.</heading>`);
      lines.push(...render(sub, `${indent}  `), `${indent}</container>`);
    }
    return lines;
  };
  const titles = [...byTitle.keys()].sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  for (const title of titles) {
    writeFileSync(
      path.join(code, 'titles', title, 'index.xml'),
      `<?xml version='1.0' encoding='utf-8'?>\n<container ${ns} containing-doc="D.C. Code">\n  <prefix>Title</prefix>\n  <num>${title}</num>\n  <heading>Title ${title}.</heading>\n${render(byTitle.get(title), '  ').join('\n')}\n</container>\n`,
    );
  }
  writeFileSync(
    path.join(code, 'index.xml'),
    `<?xml version='1.0' encoding='utf-8'?>\n<document ${ns} id="D.C. Code">\n  <heading>Code of the District of Columbia</heading>\n${titles.map((t) => `  <xi:include href="./titles/${t}/index.xml"/>`).join('\n')}\n</document>\n`,
  );
  return { titles, sections: latest.size };
}

/** An archive unpacked once below .cache/bench/<name> (as bench/run.mjs unpacks them), or a folder as it is. */
function unpacked(archiveOrDir, name) {
  if (!archiveOrDir.endsWith('.tar.xz')) return archiveOrDir;
  const dir = path.join(ROOT, '.cache', 'bench');
  const into = name === 'dc-xml' ? path.join(dir, name) : dir;
  if (!existsSync(path.join(dir, name, name === 'dc-xml' ? 'us' : 'cases.jsonl'))) {
    mkdirSync(into, { recursive: true });
    execFileSync('tar', ['-xJf', archiveOrDir, '-C', into]);
  }
  return path.join(dir, name);
}

/** Build, import (annotated and plain) and measure the held-out titles. */
export async function heldOutAccuracy(amendmentsArchive, tunedCorpus) {
  const amendments = unpacked(amendmentsArchive, 'dc-amendments-23-24');
  const tunedXml = unpacked(tunedCorpus, 'dc-xml');
  const tree = heldOutTree(amendments, tunedTitles(tunedXml), path.join(WORK, 'xml'));
  const annotated = path.join(WORK, 'annotated');
  const plain = path.join(WORK, 'plain');
  for (const [out, extra] of [
    [annotated, []],
    [plain, ['--plain-citations']],
  ]) {
    rmSync(out, { recursive: true, force: true });
    execFileSync('node', [BIN, 'import', 'dc-code', path.join(WORK, 'xml'), out, ...extra], { stdio: ['ignore', 'ignore', 'ignore'] });
  }
  // A section of a held-out title that the corpus does not have may exist all the same: the corpus has only the
  // sections the acts amended, not the title's list. Such an untagged detection is counted apart.
  const heldOut = new Set(tree.titles);
  const undecidable = (d) => d.target === 'dc-code' && d.pinpoint?.startsWith('§') && heldOut.has(d.pinpoint.slice(1).trim().split('-')[0]);
  return { ...tree, ...(await citationAccuracy(annotated, plain, codeTargets(tunedXml, amendments), undecidable)) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
  const amendments = option('--amendments', path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-amendments-23-24.tar.xz'));
  const tuned = option('--tuned', path.resolve(ROOT, '..', 'shared', 'corpora', 'dc-code-titles-1-38.tar.xz'));
  const result = await heldOutAccuracy(amendments, tuned);
  console.log(`held-out titles ${result.titles.join(', ')}: ${result.sections} sections`);
  console.log(accuracyTable(result));
  for (const [name, cat] of [
    ['code sections', 'code'],
    ['enactments', 'enactment'],
  ])
    console.log(`${name}: ${result.figures[cat].untaggedUndecided} untagged detections of a section the corpus lacks in a held-out title, left out of the adjusted precision`);
  console.log(`${result.files} section files (${result.misaligned} not comparable), ${result.seconds.toFixed(1)} s`);
  if (args.includes('--examples')) console.log(JSON.stringify(result.examples, null, 1));
}
