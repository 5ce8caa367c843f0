/**
 * The plain-language digest: its parts and generated facts on the shipped
 * sample, readability scores against values computed by hand, findings at
 * their places in a hard-to-read summary, stable Markdown, and the tagged
 * summary.pdf.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { toString as mdastText } from 'mdast-util-to-string';
import readability from 'text-readability';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import { plainLanguageFindings, score } from '../pipeline/prose/readability.js';
import { ROOT, sampleCopy, tempDir, workspace } from './helpers.js';
import { runMain } from './in-process.js';
import { readPdf } from './pdf.js';
import { preflight } from './preflight.js';

const EPOCH = { SOURCE_DATE_EPOCH: '1733702400' };
const SLUG = 'la-sanctuary-city';

describe('readability scores', () => {
  // By hand: 9 words (6 + 3), 2 sentences, 9 syllables (every word has one).
  // Reading ease = 206.835 − 1.015 × 9/2 − 84.6 × 9/9 = 117.67; grade = 0.39 × 4.5 + 11.8 × 1 − 15.59 = −2.035.
  it('scores a text of one-syllable words', () => {
    const scores = score('The cat sat on the mat. The dog ran.')!;
    expect([scores.words, scores.sentences, scores.syllables]).toEqual([9, 2, 9]);
    expect(scores.readingEase).toBeCloseTo(117.67, 1);
    expect(scores.grade).toBeCloseTo(-2.035, 1);
  });

  // By hand: 7 words, 1 sentence; syllables ci-ty 2, work-ers 2, may 1, not 1, help 1, fed-er-al 3, a-gents 2 = 12.
  // Reading ease = 206.835 − 1.015 × 7 − 84.6 × 12/7 = 54.70; grade = 0.39 × 7 + 11.8 × 12/7 − 15.59 = 7.37.
  it('scores a sentence of longer words', () => {
    const scores = score('City workers may not help federal agents.')!;
    expect([scores.words, scores.sentences, scores.syllables]).toEqual([7, 1, 12]);
    expect(scores.readingEase).toBeCloseTo(54.7, 1);
    expect(scores.grade).toBeCloseTo(7.37, 1);
  });

  // "1979", "§" and "1325" are not words a reader sounds out: 4 words (It, began, in, under), 1 sentence.
  it('counts numbers and symbols as no words', () => {
    expect(score('It began in 1979 under § 1325.')).toMatchObject({ words: 4, sentences: 1 });
  });

  it('gives nothing for an empty text', () => {
    expect(score('')).toBeNull();
  });

  it('finds hard sentences, plainer words and the passive voice, with offsets', () => {
    const text = 'Prior to any stop, officers utilize a form. The form is kept by the City.';
    const findings = plainLanguageFindings(text, { kinds: ['hard-sentence', 'plain-word', 'passive'] });
    const at = (kind: string) => findings.filter((f) => f.kind === kind).map((f) => text.slice(f.start, f.end));
    expect(at('plain-word')).toEqual(expect.arrayContaining(['Prior to', 'utilize']));
    expect(at('passive')).toEqual(['kept']);
  });

  it('leaves "effect" the noun alone ("took effect", "in effect") and flags the verb (issue 29)', () => {
    const words = (text: string) =>
      plainLanguageFindings(text, { kinds: ['plain-word'] })
        .map((f) => text.slice(f.start, f.end))
        .filter((w) => /effect/i.test(w));
    expect(words('The law took effect in May. It stays in effect. The rules take effect now.')).toEqual([]);
    expect(words('The Mayor may effect a transfer.')).toEqual(['effect']);
  });
});

describe('the digest of the shipped sample', () => {
  let out: string;
  let digest: string;
  beforeAll(async () => {
    out = tempDir();
    expect((await runMain(['build', 'ordinance/', '--out', out, '--quiet'], ROOT, EPOCH)).code).toBe(0);
    digest = readFileSync(path.join(out, SLUG, 'summary.md'), 'utf8');
  });

  it("reads like a Legislative Counsel's Digest: existing law, what it does, why, who, dates, relations, Digest Key", () => {
    const headings = [...digest.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    expect(headings).toEqual([
      'What the law said before',
      'What this ordinance does',
      'Why',
      'Who is affected',
      'Key dates',
      'What it codifies, amends or repeals',
      'Digest Key',
      'How readable this digest is',
    ]);
    expect(digest).toMatch(/^# Sanctuary City Ordinance: Legislative Digest\n/);
    expect(digest).toContain('_Ordinance No. 188441. An ordinance adding');
  });

  it('takes existing law from the registry, with dates (each once) and sources', () => {
    const before = digest.slice(digest.indexOf('## What the law said before'), digest.indexOf('## What this ordinance does'));
    expect(before).toContain("- **Special Order 40**. A police policy. Officers may not start police action just to find out a person's immigration status.");
    expect(before.match(/November 27, 1979/g)).toHaveLength(1);
    // The date once: the entry's own words give it, so the bullet does not repeat it after the name (issue 29).
    expect(before).toContain('- **Executive Directive No. 20**. A rule of the Mayor. Mayor Eric Garcetti gave it on March 21, 2017.');
    expect(before.match(/March 21, 2017/g)).toHaveLength(1);
  });

  it('lists what each operative section does, in order, linked to the section in the PDF', () => {
    const does = digest.slice(digest.indexOf('## What this ordinance does'), digest.indexOf('## Why'));
    const links = [...does.matchAll(/\[(Section \d+)\. [^\]]+\]\(la-sanctuary-city\.pdf#section-([a-z-]+)\)/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(links).toEqual(['Section 3 definitions', 'Section 4 prohibitions', 'Section 5 codification', 'Section 6 exceptions', 'Section 7 notice']);
  });

  it('says a placeholder plainly, never as the drafter wrote it (issue 29 §3)', () => {
    expect(digest).not.toMatch(/TBD/);
    expect(digest).toContain('An ordinance adding Los Angeles Administrative Code chapter and section numbers (not yet assigned) to the Los Angeles Administrative Code');
    expect(digest).toContain('- **Adds:** Los Angeles Administrative Code chapter and sections added (not yet assigned).');
  });

  it('says an urgency ordinance takes effect when the Mayor signs it, with no wait the template does not give (issue 29)', () => {
    expect(digest).toContain('- **Urgency:** it takes effect as soon as the Mayor signs it.\n');
    expect(digest).not.toContain('30 days later');
  });

  it('states the Digest Key from the jurisdiction and the metadata', () => {
    expect(digest).toContain('- **Vote required:** three-fourths of the Council (12 of 15 members), as an urgency ordinance.');
    expect(digest).toContain('- **Urgency:** yes.');
    expect(digest).toContain('- **Fiscal effect:** not stated in the ordinance.');
    expect(digest).toContain('- **Codifies:** Special Order 40 (Sections 1, 2 and 5).');
    expect(digest).toContain('- **Takes effect:** December 9, 2024');
  });

  it('meets the readability targets, and says so in summary.json', () => {
    const scores = JSON.parse(readFileSync(path.join(out, SLUG, 'summary.json'), 'utf8'));
    expect(scores.targets).toEqual({ readingEase: 60, grade: 8, minWords: 100 });
    expect(scores.whole.scored).toBe(true);
    expect(scores.whole.readingEase).toBeGreaterThanOrEqual(60);
    expect(scores.whole.grade).toBeLessThanOrEqual(8);
    expect(scores.whole.meetsTargets).toBe(true);
    expect(scores.sections).toHaveLength(10);
    expect(digest).toContain(`score ${scores.whole.readingEase.toFixed(1)} on the Flesch Reading Ease scale`);
  });

  it('meets the reading-ease target over all the prose a resident reads, existing law included, by an independent count', () => {
    // The prose as summary.md prints it: each quoted entry whole (name, date, digest), each summary after its link.
    const tree = unified().use(remarkParse).parse(digest);
    const parts: string[] = [];
    let part = '';
    for (const node of tree.children) {
      if (node.type === 'heading') part = mdastText(node);
      else if (node.type === 'list' && ['What the law said before', 'What this ordinance does', 'Why'].includes(part)) {
        for (const item of node.children) {
          const words = mdastText(item);
          parts.push(part === 'What the law said before' ? words.replace(/ \(source\)$/, '') : words.slice(words.indexOf(': ') + 2));
        }
      }
    }
    expect(parts).toHaveLength(2 + 7);
    const prose = parts.join('\n\n');
    // A second implementation (text-readability: its own sentence and word counts) against the digest's own score.
    const independent = readability.fleschReadingEase(prose);
    const scores = JSON.parse(readFileSync(path.join(out, SLUG, 'summary.json'), 'utf8'));
    expect(independent).toBeGreaterThanOrEqual(60);
    expect(scores.whole.readingEase).toBeGreaterThanOrEqual(60);
    expect(Math.abs(independent - scores.whole.readingEase)).toBeLessThan(5);
    // The digest scores the existing law it quotes, not the summaries alone.
    expect(scores.existingLaw.map((e: { id: string }) => e.id)).toEqual(['lapd-special-order-40', 'la-executive-directive-20']);
    const summaryWords = scores.sections.reduce((n: number, s: { scores: { words: number } | null }) => n + (s.scores?.words ?? 0), 0);
    const quotedWords = scores.existingLaw.reduce((n: number, e: { scores: { words: number } }) => n + e.scores.words, 0);
    expect(scores.whole.words).toBe(summaryWords + quotedWords);
    expect(digest).toContain('The existing law quoted and the section summaries score');
  });

  it('is stable Markdown: remark-stringify gives the same bytes again', () => {
    const processor = unified().use(remarkParse).use(remarkGfm).use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', listItemIndent: 'one' });
    expect(String(processor.processSync(digest))).toBe(digest);
  });

  it('is a tagged PDF too, archival for an adopted ordinance', async () => {
    const file = path.join(out, SLUG, 'summary.pdf');
    const pdf = await readPdf(readFileSync(file));
    expect(pdf.info.Title).toBe('Sanctuary City Ordinance: Legislative Digest');
    expect(pdf.content.join('\n')).toContain('What this ordinance does');
    expect(pdf.roles.get('H1')).toBe(1);
    expect(pdf.roles.get('H2')).toBeGreaterThanOrEqual(8);
    expect(pdf.links.some((l) => l.url === 'la-sanctuary-city.pdf#section-prohibitions')).toBe(true);
    expect(execFileSync('pdfinfo', [file], { encoding: 'utf8' })).toMatch(/^Tagged: +yes$/m);
    expect(preflight(file).valid).toBe(true);
    expect(execFileSync('qpdf', ['--check', file], { encoding: 'utf8' })).toContain('No syntax or stream encoding errors found');
  });
});

describe('a hard-to-read summary', () => {
  it('gets findings at their places in the section file', async () => {
    const dir = workspace();
    const file = path.join(dir, 'ordinance', 'sample', '02-records.md');
    const source = readFileSync(file, 'utf8').replace(
      /^summary: .*$/m,
      'summary: "Prior to the commencement of any detention, departmental personnel shall utilize a standardized documentation instrument, which is kept by the Department notwithstanding any other provision of municipal law."',
    );
    writeFileSync(file, source);
    const result = await runMain(['check', 'ordinance'], dir);
    const line = source.split('\n').findIndex((l) => l.startsWith('summary:')) + 1;
    const column = (phrase: string) => source.split('\n')[line - 1]!.indexOf(phrase) + 1;
    expect(result.stdout).toContain(`ordinance/sample/02-records.md:${line}:${column('Prior to')}: warning`);
    expect(result.stdout).toContain(`ordinance/sample/02-records.md:${line}:${column('utilize')}: warning`);
    expect(result.stdout).toContain(`ordinance/sample/02-records.md:${line}:${column('kept')}: warning § 2: Unexpected use of the passive voice`);
    expect(result.stdout).toMatch(
      new RegExp(`02-records\\.md:${line}:${column('Prior to')}: warning § 2: Unexpected hard sentence in the summary of Section 2 \\(grade \\d+\\.\\d\\)`),
    );
  });

  it('reports a hard registry digest the digest quotes where the ordinance names the entry, with the digest beside', async () => {
    const dir = workspace();
    const entry = path.join(dir, 'ordinance', 'directives', 'example-order.md');
    const hard =
      'Notwithstanding any inconsistent provision of departmental regulations, the aforementioned directive institutionalizes comprehensive documentation requirements applicable to investigative detentions, necessitating contemporaneous memorialization of circumstantial particulars, including geographical coordinates, chronological information, demographic characteristics, and justificatory rationales articulated by participating personnel.';
    const source = readFileSync(entry, 'utf8').replace('Existing Example Order 7 says officers keep records of every stop.', [hard, hard, hard].join(' '));
    writeFileSync(entry, source);
    const bodyLine = source.split('\n').indexOf([hard, hard, hard].join(' ')) + 1;
    const ordinance = readFileSync(path.join(dir, 'ordinance', 'sample', 'ordinance.md'), 'utf8').split('\n');
    const codifies = ordinance.indexOf('  - example-order') + 1;
    expect((await runMain(['check', 'ordinance'], dir)).stdout).toMatch(
      new RegExp(
        `^ordinance/sample/ordinance\\.md:${codifies}:5: warning Unexpected reading level of the digest's prose \\(the existing law it quotes and the summaries\\): Flesch Reading Ease -?\\d+\\.\\d and grade \\d+\\.\\d, expected at least 60 and at most grade 8; the hardest is the digest of registry entry \`example-order\` \\(ease -?\\d+\\.\\d, grade \\d+\\.\\d\\), which the digest quotes under existing law: write it in plainer words \\(digest registered at ordinance/directives/example-order\\.md:${bodyLine}:1\\) \\[summary-readability\\]$`,
        'm',
      ),
    );
  });
});

describe('positions in summaries written other ways', () => {
  it('points at the words in a folded block and past escaped quotes', async () => {
    const dir = workspace();
    const records = path.join(dir, 'ordinance', 'sample', '02-records.md');
    writeFileSync(
      records,
      readFileSync(records, 'utf8').replace(/^summary: .*$/m, 'summary: >\n  Police keep a record of each stop.\n  Prior to any stop, officers utilize a form.'),
    );
    const purpose = path.join(dir, 'ordinance', 'sample', '01-purpose.md');
    writeFileSync(purpose, readFileSync(purpose, 'utf8').replace(/^summary: .*$/m, 'summary: "Officers say \\"stop\\", then utilize forms."'));
    const result = await runMain(['check', 'ordinance'], dir);
    expect(result.stdout).toBe(
      [
        'ordinance/sample/01-purpose.md:5:39: warning § 1: Unexpected `utilize`, use `use` instead in the summary of Section 1 [summary-plain-words]',
        'ordinance/sample/02-records.md:7:3: warning § 2: Unexpected `Prior to`, use `before` instead in the summary of Section 2 [summary-plain-words]',
        'ordinance/sample/02-records.md:7:31: warning § 2: Unexpected `utilize`, use `use` instead in the summary of Section 2 [summary-plain-words]',
        '',
      ].join('\n'),
    );
  });
});

describe('a digest states only what the sources state (issue 29 §3)', () => {
  const flat = (text: string) => text.replace(/\s+/g, ' ');
  async function digestWith(edit: (meta: string) => string): Promise<{ markdown: string; subject: string }> {
    const dir = sampleCopy(['dc-wmata-board', 'dc-code']);
    const meta = path.join(dir, 'ordinance', 'dc-wmata-board', 'ordinance.md');
    writeFileSync(meta, edit(readFileSync(meta, 'utf8')));
    const out = path.join(dir, 'dist');
    const built = await runMain(['build', 'ordinance/dc-wmata-board', '--out', out], dir, EPOCH);
    expect(built.stdout + built.stderr).not.toMatch(/error/);
    const pdf = await readPdf(readFileSync(path.join(out, 'dc-wmata-board', 'summary.pdf')));
    return { markdown: readFileSync(path.join(out, 'dc-wmata-board', 'summary.md'), 'utf8'), subject: String(pdf.info.Subject) };
  }

  it("gives the act's own review period, never a calendar date for legislative days, and the fiscal effect from the section that adopts it", async () => {
    const { markdown, subject } = await digestWith((meta) =>
      meta.replace('language: "en-US"', 'language: "en-US"\nreview-days: 60').replace('effective: "2023-03-10"', 'effective: "2023-04-20"'),
    );
    expect(flat(markdown)).toContain(
      '**Congressional review:** 60 legislative days from approval by the Mayor (January 10, 2023); legislative days count only the days in session, so the period ends no sooner than 60 calendar days would (March 11, 2023), on a date known only when it ends.',
    );
    expect(markdown).not.toContain('no sooner than February 9, 2023');
    expect(markdown).toContain('- **Fiscal effect:** as stated in Sec. 3 (Fiscal impact statement).');
    expect(subject).toBe('Plain-language summary of D.C. Act 24-726');
  });

  it('ends a stated fiscal effect with one period', async () => {
    const { markdown } = await digestWith((meta) => meta.replace('language: "en-US"', 'language: "en-US"\nfiscal-effect: "No cost, as the committee report says."'));
    expect(markdown).toContain('- **Fiscal effect:** No cost, as the committee report says.\n');
    expect(markdown).not.toContain('says..');
  });

  it('holds the effective date to the act’s own review period (rule effective-after-review)', async () => {
    const dir = sampleCopy(['dc-wmata-board', 'dc-code']);
    const meta = path.join(dir, 'ordinance', 'dc-wmata-board', 'ordinance.md');
    writeFileSync(meta, readFileSync(meta, 'utf8').replace('language: "en-US"', 'language: "en-US"\nreview-days: 60'));
    const checked = await runMain(['check', 'ordinance/dc-wmata-board'], dir);
    expect(checked.stdout).toContain(
      'Unexpected effective date 2023-03-10 before the end of Congressional review (60 legislative days from the `approved` date, 2023-01-10), expected 2023-03-11 or later [effective-after-review]',
    );
  });
});
