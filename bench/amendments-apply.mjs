#!/usr/bin/env node
// Amendments, part 2: applying instructions to the code. For each clean case of
// the amendments corpus (dc-amendments-23-24), import the section before and
// after the act with the D.C. importer (plain citations), apply the case's
// instructions to the before section and compare with the after section: the
// law's text (front matter and body; the annotations, which the codifier writes
// and an instruction does not, are left out), white space normalized.
//
// Instructions: the Council's own codify markup of each case (`instructions` in
// cases.jsonl) converted to the Instruction model (`goldInstructions` below), or
// the instructions another reader gives (`exactMatch(corpus, { instructionsOf })`).
//
// Usage: node bench/amendments-apply.mjs [<corpus-dir>] [--read] [--code <imported-dc-code> [--codify]] [--verbose] [--json <file>]
// (compile first: npm run compile). Exported for bench/amendments.mjs.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const lib = (file) => import(pathToFileURL(path.join(ROOT, 'lib', file)).href);

/** The D.C. importer, applier and Markdown writer, from the compiled pipeline (also for test/amend-corpus.test.ts). */
export async function tools() {
  const { sectionTree } = await lib('dc-xml/section.js');
  const { elements, local, child, attribute } = await lib('dc-xml/xml.js');
  const { readXml } = await lib('import/xml-file.js');
  const { markdown } = await lib('dc-xml/markdown.js');
  const { applyToSection, newSectionSource, addsSection } = await lib('amend/apply.js');
  /** A section XML file as the importer writes it (plain citations). */
  const importSection = (file) => {
    const ctx = { plainCitations: true, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
    return markdown.stringify(sectionTree(readXml(file), ctx).tree);
  };
  /** The paths of the paras a section's XML marks undesignated (`<num undesignated="true">(a)</num>`): the corpus's flattened lines print their "(a)"; the law does not. */
  const undesignatedOf = (file) => {
    const out = new Set();
    const walk = (el, at) => {
      for (const para of elements(el)) {
        if (local(para) !== 'para') continue;
        const num = child(para, 'num');
        const here = `${at}${
          num
            ? elements(num).length === 0 &&
              num.children
                .map((c) => c.value ?? '')
                .join('')
                .trim()
            : ''
        }`;
        if (num && attribute(num, 'undesignated') === 'true') out.add(here);
        walk(para, here);
      }
    };
    if (file && existsSync(file)) walk(readXml(file), '');
    return out;
  };
  /** Flattened lines of new text as the format's Markdown (escaped by the writer). */
  const paragraphs = (lines, around, section, undesignated) => markdown.stringify({ type: 'root', children: subdivisionBlocks(lines, around, section, undesignated) });
  return { importSection, applyToSection, newSectionSource, addsSection, paragraphs, undesignatedOf };
}

const MARKERS = /^((?:\((?:[a-z]{1,5}|[A-Z]{1,5}|\d{1,3})(?:-?[A-Za-z0-9]{1,4})*\))+)\s*/;

/**
 * The corpus's flattened new text ("(b)(2)(A) Text", one subdivision a line,
 * with its full designation) as blocks of the format below the subdivisions
 * `around`: each subdivision opened once, at the depth its designation gives
 * (explicit `::subdivision` depths, relative to `around`), lines without a
 * designation as more text of the open one.
 */
export function subdivisionBlocks(lines, aroundPath, section = '', undesignated = new Set()) {
  // An undesignated para prints no number: its paras are those of what holds it (as the importer writes the code).
  const designated = (labels) => labels.filter((_, i) => !undesignated.has(labels.slice(0, i + 1).join('')));
  const around = designated(aroundPath);
  const out = [];
  let open = [...around];
  for (let line of lines) {
    // Some lines carry the section's number before their designation ("1-610.59(a) Text").
    if (section && line.startsWith(section) && /^[\s(]/.test(line.slice(section.length))) line = line.slice(section.length).trimStart();
    const match = MARKERS.exec(line);
    const text = (value) => (value ? [{ type: 'text', value }] : []);
    if (!match) {
      out.push({ type: 'leafDirective', name: 'subdivision', attributes: { depth: String(Math.max(0, open.length - around.length)) }, children: text(line) });
      continue;
    }
    const labels = designated(match[1].match(/\([^)]+\)/g));
    const rest = line.slice(match[0].length);
    if (labels.length <= around.length) {
      // The words of an undesignated para: those of what holds it.
      open = labels;
      out.push({ type: 'leafDirective', name: 'subdivision', attributes: { depth: '0' }, children: text(rest) });
      continue;
    }
    let common = 0;
    while (common < labels.length - 1 && common < open.length && open[common] === labels[common]) common++;
    if (common < around.length && labels.slice(0, around.length).join('') === around.join('')) common = around.length;
    for (let i = Math.max(common, around.length); i < labels.length; i++) {
      const last = i === labels.length - 1;
      out.push({ type: 'leafDirective', name: 'subdivision', attributes: { num: labels[i], depth: String(i + 1 - around.length) }, children: last ? text(rest) : [] });
    }
    open = labels;
  }
  return out;
}

/** The case's codify instructions as the Instruction model (null for those that change no text: annotations). */
export function goldInstructions(kase, paragraphs, undesignated = new Set()) {
  const out = [];
  for (const gold of kase.instructions) {
    const subpath = gold.subpath ? gold.subpath.split('|') : [];
    const base = { prose: gold.prose, source: { file: null, position: undefined }, form: 'annotation', sectionId: `section-${gold.law_section}` };
    // "The section heading is amended …": the markup names no part, the act's words do.
    const part = gold.target_part ?? (subpath.length === 0 && /^The section heading is amended\b/i.test(gold.prose ?? '') ? 'heading' : undefined);
    const target = { section: gold.section, path: subpath, ...(part ? { part } : {}) };
    switch (gold.op) {
      case 'find-replace': {
        // The Council redesignates by finding a subdivision's designation and replacing it ("(14C)" → "(14D)", "[(f)]" → "(f)").
        const designation = /^\[?\([^()]+\)\]?$/;
        if (designation.test(gold.find.trim()) && designation.test(gold.replace.trim()) && subpath.length > 0) {
          out.push({ ...base, op: 'redesignate', from: [gold.find.trim()], to: [gold.replace.trim()], target: { section: gold.section, path: subpath.slice(0, -1) } });
          break;
        }
        // "wherever it appears" is every place, whatever count the markup gives.
        const everywhere = /\b(?:wherever|each place|each time|every place|both times)\b[^.]*\bappears?\b/i.test(gold.prose ?? '');
        const occurrence =
          gold.position === 'last'
            ? { kind: 'last' }
            : gold.position === 'first'
              ? { kind: 'nth', n: 1 }
              : everywhere || (gold.count ?? 1) > 1
                ? { kind: 'every' }
                : { kind: 'only' };
        out.push({ ...base, op: 'strike', words: gold.find, occurrence, ...(gold.replace ? { insert: gold.replace } : {}), target });
        break;
      }
      case 'replace': {
        const lines = [...gold.new_text];
        // A whole section's new text opens with its heading: "§ N. Heading" is how the applier takes it.
        const heading = subpath.length === 0 ? new RegExp(`^(?:§\\s*)?${escapeRegExp(gold.section)}\\.?\\s+(.*)$`).exec(lines[0] ?? '') : null;
        if (heading) lines[0] = `§ ${gold.section}. ${heading[1]}`;
        out.push({ ...base, op: 'rewrite', text: paragraphs(lines, subpath.slice(0, -1), gold.section, undesignated), target });
        break;
      }
      case 'insert': {
        if (gold.new_section) {
          const lines = [...gold.new_text];
          const heading = new RegExp(`^(?:§\\s*)?${escapeRegExp(gold.section)}\\.?\\s+(.*)$`).exec(lines[0] ?? '');
          if (heading) lines.shift();
          out.push({
            ...base,
            op: 'add',
            text: paragraphs(lines, [], gold.section, undesignated),
            designations: [],
            heading: heading?.[1],
            target: { section: gold.section, path: [] },
          });
          break;
        }
        // Some insertions name only the section: what they add is what their new text designates.
        const first = /^\([^)]+\)/.exec((gold.new_text[0] ?? '').replace(gold.section, '').trim())?.[0];
        const path = subpath.length > 0 ? subpath : first ? [first] : [];
        const parent = path.slice(0, -1);
        out.push({
          ...base,
          op: 'add',
          text: paragraphs(gold.new_text, parent, gold.section, undesignated),
          designations: path.slice(-1),
          ...(gold.after && !gold.after.startsWith('§') ? { after: gold.after } : {}),
          target: { section: gold.section, path: parent },
        });
        break;
      }
      case 'repeal':
        out.push({ ...base, op: 'repeal', target });
        break;
      case 'redesignate-para':
        out.push({ ...base, op: 'redesignate', from: [], to: [gold.num_value], target });
        break;
      default:
        break;
    }
  }
  return out;
}

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A section file's law text for comparison: front matter and body, without annotations, white space collapsed. */
export function lawText(source) {
  const cut = source.search(/^:::annotation/m);
  // Escapes are read (the writer escapes "6:00" or not by how the text nodes fall); emphasis (`*`, `**`, `_`) is left out: the corpus's flattened new text does not carry the subdivision headings' bold or the italics of "et seq.".
  return (cut === -1 ? source : source.slice(0, cut))
    .replace(/(?<!\\)\*+/g, '')
    .replace(/\\([!-/:-@[-`{-~])/g, '$1')
    .replace(/(?<![\w\\])_|_(?!\w)/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** An instruction with the words it puts into the code conformed by the District's codify rules against the imported code at `code` (its history notes). */
async function codifier(code) {
  const { loadCode } = await lib('load/code-folder.js');
  const { loadTemplate } = await lib('load/templates.js');
  const { codifyInstruction, compileCodify } = await lib('amend/codify.js');
  const { codifyWorld } = await lib('amend/amend-ordinance.js');
  const { grammarOf } = await lib('amend/read.js');
  const { jurisdiction } = loadTemplate('district-of-columbia');
  const compiled = compileCodify(jurisdiction.codify, grammarOf(jurisdiction.amendments));
  const world = codifyWorld(loadCode(code));
  return (instruction) => codifyInstruction(instruction, compiled, world).codified;
}

/**
 * The exact-match rate on the corpus's clean cases. `instructionsOf(kase)`
 * gives a case's instructions (default: the gold, converted).
 */
export async function exactMatch(corpus, options = {}) {
  const { importSection, applyToSection, newSectionSource, addsSection, paragraphs, undesignatedOf } = await tools();
  // The gold's new text is the corpus's flattened lines; the section's XML says which of their numbers the law does not print.
  const instructionsOf = options.instructionsOf ?? ((kase) => goldInstructions(kase, paragraphs, undesignatedOf(path.join(corpus, kase.after.xml))));
  const cases = readFileSync(path.join(corpus, 'cases.jsonl'), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l));
  const results = [];
  // --codify: the words each instruction puts into the code conformed as the codifier publishes them (pipeline/amend/codify.ts), by the District's rules and the code's history notes.
  const conform = options.codify ? await codifier(options.codify) : (i) => i;
  for (const kase of cases) {
    const before = kase.before?.xml && existsSync(path.join(corpus, kase.before.xml)) ? importSection(path.join(corpus, kase.before.xml)) : '';
    const loose = (text) => text.replace(/[“”]/g, '"').replace(/\s+/g, ' ');
    // An instruction on every section of a title where its words stand: this section's, when it holds them (as the amend stage finds them).
    const here = (i) => {
      const within = i.target.within;
      if (!within) return i.target.section === kase.section ? [i] : [];
      const words = i.op === 'strike' ? i.words : (i.at?.anchor ?? '');
      const inScope = within.kind === 'title' ? kase.section.startsWith(within.prefix) : within.sections.includes(kase.section);
      return inScope && words && loose(before).includes(loose(words)) ? [{ ...i, target: { section: kase.section, path: [] } }] : [];
    };
    const instructions = instructionsOf(kase).flatMap(here).map(conform);
    const after = lawText(importSection(path.join(corpus, kase.after.xml)));
    let amended;
    let outcomes = [];
    const adds = instructions.filter(addsSection);
    if (kase.kind === 'add_section' && adds.length > 0) {
      amended = newSectionSource(adds[0], kase.section);
      const rest = applyToSection(
        amended,
        instructions.filter((i) => !adds.includes(i)),
      );
      amended = rest.source;
      outcomes = rest.outcomes;
    } else if (kase.before?.xml && existsSync(path.join(corpus, kase.before.xml))) {
      const result = applyToSection(importSection(path.join(corpus, kase.before.xml)), instructions);
      amended = result.source;
      outcomes = result.outcomes;
    } else {
      amended = '';
    }
    const failures = outcomes.filter((o) => !o.applied);
    const match = lawText(amended) === after;
    results.push({
      law: kase.law,
      section: kase.section,
      kind: kase.kind,
      ops: kase.ops,
      match,
      failures: failures.map((f) => `${f.failure}: ${f.reason}`),
      // Each instruction that does not apply: the act's words, and the finding `ordinance check` gives it (rule amendment-applies), quoting what the law held.
      errors: failures.map((f) => ({ instruction: f.instruction.prose, finding: `Instruction does not apply: ${f.reason}` })),
      amended: lawText(amended),
      after,
    });
  }
  const matched = results.filter((r) => r.match).length;
  // Why each section differs, counted.
  const reasons = {};
  for (const r of results) {
    if (r.match) continue;
    r.reason = missReason(r);
    reasons[r.reason] = (reasons[r.reason] ?? 0) + 1;
  }
  return { cases: results.length, matched, rate: results.length ? matched / results.length : 0, results, reasons };
}

/** The kinds of instruction that does not apply to the law as it stood, by the words of its finding. */
const ERROR_KINDS = [
  [/ does not occur in /, 'words struck or replaced that the law does not hold'],
  [/ does not exist: /, 'a unit the law does not have'],
  [/ already exists: /, 'a section added that the law already has'],
  [/ does not fit its place: /, 'a new designation out of sequence'],
];

/**
 * Errors in enacted law: each instruction of the Council's own markup that
 * does not apply to the section as codified before the act (a phrase struck
 * that is not there, a paragraph that does not exist), with the act's words
 * and the finding `check` gives, by law and section; and their count by kind.
 */
export function enactedErrors(run) {
  const errors = run.results.flatMap((r) =>
    r.errors.map((e) => ({ law: r.law, section: r.section, ...e, kind: ERROR_KINDS.find(([pattern]) => pattern.test(e.finding))?.[1] ?? 'other' })),
  );
  const byKind = {};
  for (const e of errors) byKind[e.kind] = (byKind[e.kind] ?? 0) + 1;
  return { instructions: errors.length, sections: new Set(errors.map((e) => `${e.law} ${e.section}`)).size, laws: new Set(errors.map((e) => e.law)).size, byKind, errors };
}

/** `exactMatch`'s options for the instructions read from each act's prose (imported with --plain, bench/amendments.mjs), in place of the Council's markup. */
export async function proseInstructions(corpus, code) {
  const { readCorpusInstructions } = await import('./amendments.mjs');
  const laws = [
    ...new Set(
      readFileSync(path.join(corpus, 'cases.jsonl'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l).law_xml),
    ),
  ];
  const read = await readCorpusInstructions(corpus, laws, code);
  return { instructionsOf: (kase) => read.get(kase.law_xml)?.instructions ?? [] };
}

/** An act's own references and the code's, each as one token: what codifying an act rewrites without any instruction. */
const REFERENCE = '\u27e8ref\u27e9';
const REFERENCES = [
  // An act's citation in parentheses: (82 Stat. 1204; D.C. Official Code § 2-501 et seq.), (D.C. Law 6-99; …)
  /\s*\((?:[^()]|\([^()]*\))*(?:Stat\.|D\.C\. [Ll]aw|Official Code|DCR|Bill \d)(?:[^()]|\([^()]*\))*\)/g,
  // "this act" and the code's "this chapter"
  /\bthis (?:act|subtitle|title|part|chapter|subchapter|unit|article)\b/gi,
  // A part of an act by its name: "section 101(1C) of the District of Columbia Health Occupations Revision Act of 1985, effective March 25, 1986"
  /\b(?:[Ss]ections?|[Tt]itle|[Ss]ubtitle|[Pp]art)\s+[\w.()-]+\s+of\s+(?:the\s+|An\s+)?(?:[\w'’.,-]+\s+){0,24}?(?:Act|Code|Initiative)(?:\s+of\s+\d{4})?(?:,\s*(?:approved|effective|passed)[^;.()]*?\d{4})?/g,
  /\b(?:the\s+)?(?:[A-Z][\w'’.-]*\s+(?:(?:of|for|and|to|the|in|on)\s+)*){1,24}(?:Act|Initiative)(?:\s+of\s+\d{4})?(?:,\s*(?:approved|effective|passed)[^;.()]*?\d{4})?/g,
  /\bD\.C\. Official Code\s*/g,
  /\b[Ss]ections? \d+[a-z]?(?:\([\w-]+\))*/g,
  // The code's sections and groups: § 2-1217.02(a), §§ 497, subchapter I of Chapter 5 of Title 2
  /§§?\s*(?:[\d:]+-)?\d+(?:\.\d+)*[a-z]*(?:\[?\([\w-]+\)\]?)*/g,
  /\b(?:[Uu]nit [A-Z] of )?(?:[Ss]ub)?(?:[Cc]hapter|[Pp]art|[Tt]itle|[Ss]ubtitle) (?:[IVXLC]+|\d+[A-Z]?|[A-Z])\b(?: of (?:(?:[Ss]ub)?[Cc]hapter|[Tt]itle) (?:[IVXLC]+|\d+[A-Z]?|[A-Z])\b)*(?: of this title)?/g,
];

/** A law's text with references as tokens, repeals and the codifier's brackets alike: what is left to compare once codifying is set aside. */
export function withoutReferences(text) {
  let t = text.replace(/\[?Repealed\]?\./g, 'Repealed.').replace(/[[\]]/g, '');
  for (const pattern of REFERENCES) t = t.replace(pattern, ` ${REFERENCE} `);
  return t
    .replace(new RegExp(`\\(\\s*["“]\\s*${REFERENCE}\\s*["”]\\s*\\)`, 'g'), '')
    .replace(new RegExp(`(?:\\s*${REFERENCE}(?:\\s*(?:[,;]|and|or|of|et seq\\.))*\\s*)+`, 'g'), ` ${REFERENCE} `)
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Why an applied section differs from the codified one: an instruction that
 * did not apply; a table in the codified section; the codifier's conforming
 * edits, when the two read the same once every reference is one token, both
 * ways of marking a repeal are one and the codifier's brackets are set
 * aside (an act's "this act" or "section 3 of the … Act of 2020 (D.C. Law
 * 23-1; D.C. Official Code § 1-101)" is the code's "this chapter" or
 * "§ 1-101"); else `other`.
 */
export function missReason(result) {
  if (result.failures.length > 0) return 'an instruction did not apply to the section as codified before';
  if (!result.amended) return result.kind === 'add_section' ? 'no instruction adding this section was read' : 'no section before the act to apply it to';
  if (/(?:^|\s)\|\s/.test(result.after) && !/(?:^|\s)\|\s/.test(result.amended)) return "a table in the codified section (the act's words are not a table)";
  if (withoutReferences(result.amended) === withoutReferences(result.after)) return "the codifier's conforming edits (the act's own references as the code's)";
  return 'other';
}

/** A short account of where two texts first differ. */
export function firstDifference(a, b) {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return { at: i, ours: a.slice(Math.max(0, i - 60), i + 100), theirs: b.slice(Math.max(0, i - 60), i + 100) };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const corpus = args.find((a) => !a.startsWith('--') && !['--json', '--code'].includes(args[args.indexOf(a) - 1])) ?? '/tmp/dc-amendments-23-24';
  // --code <imported D.C. Code>: its history notes place the new sections an act adds by its own numbering.
  const code = args.includes('--code') ? args[args.indexOf('--code') + 1] : undefined;
  const verbose = args.includes('--verbose');
  // --read: the instructions read from each act's prose (imported with --plain, bench/amendments.mjs) in place of the Council's markup.
  const fromProse = args.includes('--read');
  let options = {};
  if (fromProse) {
    options = await proseInstructions(corpus, code);
  }
  // --codify (with --code): the codifier's conforming edits made on the words put into the code.
  if (args.includes('--codify')) {
    if (!code) throw new Error('--codify needs --code <imported D.C. Code>: the code history notes say what the act is codified as');
    options = { ...options, codify: code };
  }
  const { cases, matched, rate, results, reasons } = await exactMatch(corpus, options);
  const byKind = {};
  for (const r of results) {
    byKind[r.kind] ??= { cases: 0, matched: 0 };
    const k = byKind[r.kind];
    k.cases++;
    if (r.match) k.matched++;
  }
  console.log(
    `amendments, applied (${fromProse ? 'instructions read from the prose' : 'gold instructions'}): ${matched}/${cases} sections equal the codified text (${(rate * 100).toFixed(1)}%)`,
  );
  for (const [kind, k] of Object.entries(byKind)) console.log(`  ${kind}: ${k.matched}/${k.cases}`);
  const misses = results.filter((r) => !r.match);
  console.log(`  misses: ${misses.length} (${misses.filter((m) => m.failures.length).length} with an instruction that did not apply)`);
  for (const [reason, count] of Object.entries(reasons).sort((a, b) => b[1] - a[1])) console.log(`    ${count}: ${reason}`);
  if (!fromProse) {
    // What the tool exists to catch before enactment: the Council's own instructions that do not apply to the law they amend.
    const enacted = enactedErrors({ results });
    console.log(
      `\nthe Council's instructions that do not apply to the section as codified before (each a candidate error in enacted law, to be read): ${enacted.instructions} instructions in ${enacted.sections} sections of ${enacted.laws} laws`,
    );
    for (const [kind, count] of Object.entries(enacted.byKind).sort((a, b) => b[1] - a[1])) console.log(`  ${count}: ${kind}`);
    for (const e of enacted.errors) console.log(`\n- ${e.law}, § ${e.section}\n  the act: ${e.instruction}\n  check:   ${e.finding}`);
  }
  if (verbose) {
    for (const m of misses) {
      console.log(`\n- ${m.law} § ${m.section} (${m.kind}; ${m.ops.join(', ')}): ${m.reason}`);
      for (const f of m.failures) console.log(`  failed: ${f.slice(0, 300)}`);
      const d = firstDifference(m.amended, m.after);
      console.log(`  ours:   …${d.ours}…\n  theirs: …${d.theirs}…`);
    }
  }
  const json = args[args.indexOf('--json') + 1];
  if (args.includes('--json') && json)
    writeFileSync(
      json,
      `${JSON.stringify({ cases, matched, rate, byKind, reasons, ...(fromProse ? {} : { enactedErrors: enactedErrors({ results }) }), misses: misses.map(({ amended, after, ...m }) => m) }, null, 2)}\n`,
    );
}
