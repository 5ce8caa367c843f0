/**
 * Properties of applying amendments, over real law (both D.C. corpora in
 * ../shared/corpora; skipped, saying why, when they are absent):
 *
 * - every instruction of the Council's own markup for the 695 clean cases of
 *   D.C. Council periods 23-24 that applies, and that adds or rewrites text,
 *   leaves a section that re-parses with the subdivisions of its new text, in
 *   order, with no trace of the act (a quotation mark, an act heading, a lone
 *   mark); and `fmt` leaves every amended file as the applier wrote it;
 * - every section of D.C. Code titles, quoted as an enrolled act quotes new
 *   text ("§ N. Heading." first, an opening quotation mark on every
 *   paragraph, `".` after the last) and rewritten with it, reads as it did.
 *
 * The first tier takes every tenth case and the sections of title 24;
 * the second (`npm run test:full`, run by .ci/run) every case and titles 1, 9,
 * 24 and 38.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyToSection } from '../pipeline/amend/apply.js';
import { parseText, plain, readSection, sectionHeading, type Unit } from '../pipeline/amend/apply-units.js';
import type { Instruction, InstructionOutcome } from '../pipeline/amend/instruction.js';
import { unquoteLaw } from '../pipeline/amend/quoted.js';
import { illFormed } from '../pipeline/amend/well-formed.js';
import { formatSource } from '../pipeline/fmt/format-source.js';
import { DC_AMENDMENTS, DC_CODE } from './corpora.js';
import { importedSection } from './dc-sections.js';
import { ROOT, tempDir } from './helpers.js';

const FULL = process.env.ORDINANCE_TEST_TIER === 'full';

/** What the test takes from the bench's reading of the corpus (bench/amendments-apply.mjs). */
interface Bench {
  tools(): Promise<{ paragraphs: unknown; undesignatedOf(file: string): Set<string> }>;
  goldInstructions(kase: unknown, paragraphs: unknown, undesignated: Set<string>): Instruction[];
  lawText(source: string): string;
}

interface Case {
  law: string;
  section: string;
  kind: string;
  before: { xml: string } | null;
  after: { xml: string };
}

const nums = (units: readonly Unit[]) => units.filter((u) => u.kind === 'open').map((u) => u.num);

/** Where `part` stands in `whole` as one run, or -1. */
function runAt(whole: readonly string[], part: readonly string[]): number {
  for (let i = 0; i + part.length <= whole.length; i++) if (part.every((p, j) => whole[i + j] === p)) return i;
  return -1;
}

describe.skipIf(!DC_AMENDMENTS.present)(`applied amendments on real D.C. acts (${DC_AMENDMENTS.needed})`, () => {
  let corpus: string;
  let bench: Bench;
  beforeAll(async () => {
    const dir = tempDir('dc-amendments-');
    execFileSync('tar', ['-xJf', DC_AMENDMENTS.file, '-C', dir]);
    corpus = path.join(dir, 'dc-amendments-23-24');
    bench = (await import(pathToFileURL(path.join(ROOT, 'bench', 'amendments-apply.mjs')).href)) as Bench;
  }, 120_000);

  it('leaves each added or rewritten text as subdivisions of the section, in order, with no trace of the act, in files fmt keeps', async () => {
    const { paragraphs, undesignatedOf } = await bench.tools();
    const cases = readFileSync(path.join(corpus, 'cases.jsonl'), 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Case)
      .filter((_, i) => FULL || i % 10 === 0);
    const problems: string[] = [];
    let checked = 0;
    for (const kase of cases) {
      if (!kase.before?.xml || !existsSync(path.join(corpus, kase.before.xml))) continue;
      const instructions = bench.goldInstructions(kase, paragraphs, undesignatedOf(path.join(corpus, kase.after.xml))).filter((i) => i.target.section === kase.section);
      const result = applyToSection(importedSection(path.join(corpus, kase.before.xml)), instructions);
      const amended = readSection(result.source).units;
      const where = `${kase.law} § ${kase.section}`;
      for (const outcome of result.outcomes as InstructionOutcome[]) {
        const i = outcome.instruction;
        if (!outcome.applied || (i.op !== 'add' && i.op !== 'rewrite')) continue;
        checked++;
        // The designations the new text gives, as the section now holds them: one run, in order.
        // A whole section's text opens with its heading line, which becomes the section's heading.
        let units = parseText(i.text, []);
        if (i.target.path.length === 0 && units[0]?.kind === 'text' && sectionHeading(plain(units[0].children)) !== null) units = units.slice(1);
        const own = nums(units);
        const at = runAt(nums(amended), own);
        if (own.length > 0 && at === -1) problems.push(`${where}: ${own.join('')} not in ${nums(amended).join('')}`);
        const wrong = illFormed(units);
        if (wrong) problems.push(`${where}: ${wrong}`);
      }
      if (result.changed && formatSource(result.source).text !== result.source) problems.push(`${where}: fmt changes the amended file`);
    }
    expect(checked).toBeGreaterThan(FULL ? 300 : 25);
    expect(problems).toEqual([]);
  }, 300_000);
});

describe.skipIf(!DC_CODE.present)(`sections of the D.C. Code quoted as an enrolled act quotes them (${DC_CODE.needed})`, () => {
  it('read as they did once rewritten with their own quoted text', () => {
    const xml = tempDir('dc-xml-');
    const titles = FULL ? ['1', '9', '24', '38'] : ['24'];
    execFileSync('tar', ['-xJf', DC_CODE.file, '-C', xml, ...titles.map((t) => `us/dc/council/code/titles/${t}`)]);
    const problems: string[] = [];
    let checked = 0;
    for (const title of titles) {
      const folder = path.join(xml, 'us/dc/council/code/titles', title, 'sections');
      for (const name of readdirSync(folder)
        .filter((n) => n.endsWith('.xml'))
        .sort()) {
        const source = importedSection(path.join(folder, name));
        const section = readSection(source);
        const number = String(section.front.number ?? '');
        const heading = typeof section.front.heading === 'string' ? section.front.heading : '';
        // Repealed and reserved sections, tables and sections without a heading are not what an act rewrites in words.
        if (!heading || section.front.status || section.units.some((u) => u.kind === 'block') || section.units.length === 0) continue;
        const body = source
          .split('---\n')
          .slice(2)
          .join('---\n')
          .replace(/\n:::annotation[\s\S]*$/, '')
          .trim();
        const paragraphsOf = [`§ ${number}. ${heading}`, ...body.split(/\n\n+/)];
        if (paragraphsOf.some((p) => p.includes('\n') || /^[>|:]/.test(p))) continue;
        const quoted = paragraphsOf.map((p, k) => `"${p}${k === paragraphsOf.length - 1 ? '".' : ''}`).join('\n\n');
        const instruction = {
          op: 'rewrite',
          text: quoted,
          target: { section: number, path: [] },
          prose: `Section ${number} is amended to read as follows:`,
          source: { file: null, position: undefined },
          form: 'prose',
          sectionId: 'property',
        } as unknown as Instruction;
        // The quote marks come off as the reader takes them off (read-words.ts quoteText).
        const result = applyToSection(source, [{ ...instruction, text: unquoteLaw(quoted).text } as Instruction]);
        checked++;
        const before = plainUnits(section.units);
        const after = plainUnits(readSection(result.source).units);
        if (!result.outcomes[0]?.applied) problems.push(`§ ${number}: ${result.outcomes[0]?.reason}`);
        else if (after !== before || readSection(result.source).front.heading !== heading) problems.push(`§ ${number}: reads otherwise once rewritten`);
      }
    }
    expect(checked).toBeGreaterThan(FULL ? 1500 : 150);
    expect(problems.slice(0, 20)).toEqual([]);
  }, 300_000);
});

function plainUnits(units: readonly Unit[]): string {
  return units.map((u) => `${u.kind === 'open' ? u.num : ''}|${u.depth}|${plain(u.children).replace(/\s+/g, ' ').trim()}`).join('\n');
}
