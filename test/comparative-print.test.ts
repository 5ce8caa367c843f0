/**
 * The comparative print, read back: made from sections before and after two
 * real amendments of the D.C. Code (D.C. Law 24-127 on § 25-822, D.C. Law
 * 24-167 on § 7-1407, from the amendments corpus, imported with the D.C.
 * importer), it opens with the summary of changes, then shows each section
 * with its struck words in ((double parentheses)) and its inserted words
 * tagged as inserted; it is tagged like the ordinance, the same input gives
 * the same bytes, and an adopted version is valid PDF/A-1b.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import remarkDirective from 'remark-directive';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AmendmentOperation, Instruction, InstructionOutcome } from '../pipeline/amend/instruction.js';
import { sectionTree } from '../pipeline/dc-xml/section.js';
import { readXml } from '../pipeline/import/xml-file.js';
import { loadOrdinanceSources, loadRegistrySources } from '../pipeline/load/sources.js';
import { modelOrdinance } from '../pipeline/analyze/build-ordinance.js';
import type { Block, Inline, Ordinance, Section, Subdivision } from '../pipeline/model/types.js';
import { parseOrdinance } from '../pipeline/analyze/parse-ordinance.js';
import { DirectiveRegistry } from '../pipeline/registry/registry.js';
import { resolveOrdinance } from '../pipeline/resolve/resolve-ordinance.js';
import { summarizeOrdinance } from '../pipeline/summarize/summarize-ordinance.js';
import { comparativeSection, readableDiff } from '../pipeline/render/pdf/comparative-print.js';
import type { PdfContext } from '../pipeline/render/pdf/context.js';
import { toRuns } from '../pipeline/render/pdf/inline.js';
import { modelSection } from '../pipeline/analyze/parse-ordinance.js';
import { renderComparativePrint, renderComparativePrintOf } from '../pipeline/render/render-ordinance.js';
import { layoutById, loadTemplate } from '../pipeline/load/templates.js';
import type { Template } from '../pipeline/template/template-schema.js';
import { FIXTURES, tempDir } from './helpers.js';
import { readPdf, readTags, type PdfReadBack, type TagsReadBack } from './pdf.js';
import { preflight } from './preflight.js';
import { jurisdictionContext } from '../pipeline/load/templates.js';
import { imageProblem } from '../pipeline/load/image-files.js';

const CASES = path.join(FIXTURES, 'comparative-print');
const PROVENANCE = { date: new Date(1_700_000_000_000), commit: null };
const WORLD = { imageProblem };
// The District's act in the council layout's marks (struck words in ((double parentheses))), which these tests read most
// plainly from the page; the District's own marks (struck and underlined, no parentheses) have a test of their own.
const template = { ...loadTemplate('district-of-columbia'), layout: layoutById('council') };

const markdown = unified()
  .use(remarkFrontmatter, ['yaml'])
  .use(remarkDirective)
  .use(remarkGfm)
  .use(remarkStringify, { bullet: '-', emphasis: '_', strong: '*', fences: true, listItemIndent: 'one', rule: '-' });

/** A section of the code as the D.C. importer writes it (its source file's text). */
function importedSource(xml: string): string {
  const ctx = { plainCitations: false, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
  return markdown.stringify(sectionTree(readXml(path.join(CASES, xml)), ctx).tree);
}

/** A section of the code as the D.C. importer writes it and the pipeline models it. */
function importedSection(xml: string): Section {
  const section = modelSection(importedSource(xml), `dc-code-title-1/01-${xml.replace(/\.xml$/, '')}.md`, 'district-of-columbia');
  expect(section).not.toBeNull();
  expect(section!.designation).toBe(xml.replace(/\.(before|after)\.xml$/, ''));
  return section!;
}

/** The amending ordinance (its sentences as the act has them), modelled. */
function amendingOrdinance(status: 'draft' | 'adopted'): Ordinance {
  const dir = path.join(tempDir(), 'ordinance', 'amendments');
  mkdirSync(path.join(dir, '..', 'directives'), { recursive: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'ordinance.md'),
    `---\ntitle: "An act to amend Title 25 and Title 7 of the District of Columbia Official Code."\nshort-title: "Test Amendments Act of 2022"\njurisdiction: district-of-columbia\nstatus: ${status}\nversion: 1\nnumber: "24-999"\n---\n`,
  );
  writeFileSync(
    path.join(dir, '01-amendments.md'),
    [
      '---\nid: amendments\nheading: Amendments\nkind: operative\n---',
      'Section 25-822(a) of the District of Columbia Official Code is amended as follows:',
      '(1) Paragraph (2) is amended by striking the phrase "; or" and inserting a semicolon in its place.',
    ].join('\n\n'),
  );
  const parsed = parseOrdinance(loadOrdinanceSources(dir));
  expect(parsed).not.toBeNull();
  return modelOrdinance(parsed!);
}

/** An outcome of an instruction as the applier reports it (the gold instructions of the corpus's cases). */
function outcome(
  ordinance: Ordinance,
  prose: string,
  target: Instruction['target'],
  operation: AmendmentOperation,
  applied: InstructionOutcome['applied'],
  reason?: string,
): InstructionOutcome {
  const section = ordinance.sections[0]!;
  const instruction = { ...operation, target, prose, source: { file: section.file, position: undefined }, form: 'prose', sectionId: section.id } as Instruction;
  const struck = instruction.op === 'strike' ? [instruction.words] : [];
  const inserted = instruction.op === 'strike' && instruction.insert ? [instruction.insert] : instruction.op === 'add' ? [instruction.text] : [];
  return { instruction, applied, reason, struck, inserted };
}

/** An outcome of an instruction written as an annotation (`::amend{…}`) at `line`. */
function annotated(result: InstructionOutcome, line: number): InstructionOutcome {
  const position = { start: { line, column: 1 }, end: { line, column: 40 } };
  return { ...result, instruction: { ...result.instruction, form: 'annotation', source: { ...result.instruction.source, position } } };
}

function input(ordinance: Ordinance) {
  const every = { kind: 'only' } as const;
  return {
    ordinance,
    amended: [
      {
        before: importedSection('25-822.before.xml'),
        after: importedSection('25-822.after.xml'),
        outcomes: [
          outcome(
            ordinance,
            'Paragraph (2) is amended by striking the phrase "; or" and inserting a semicolon in its place.',
            { section: '25-822', path: ['(a)', '(2)'] },
            { op: 'strike', words: '; or', occurrence: every, insert: ';' },
            true,
          ),
          outcome(
            ordinance,
            'Paragraph (3) is amended by striking the period and inserting the phrase "; or" in its place.',
            { section: '25-822', path: ['(a)', '(3)'] },
            { op: 'strike', words: '.', occurrence: every, insert: '; or' },
            true,
          ),
          outcome(
            ordinance,
            'A new paragraph (4) is added to read as follows:',
            { section: '25-822', path: ['(a)'] },
            {
              op: 'add',
              text: '(4) The licensee has been convicted of assaulting an ABRA investigator or a member of the Metropolitan Police Department during the commission of an ABRA investigation.',
              designations: ['(4)'],
            },
            true,
          ),
        ],
      },
      {
        before: importedSection('7-1407.before.xml'),
        after: importedSection('7-1407.after.xml'),
        outcomes: [
          outcome(
            ordinance,
            'Subsection (b) is amended by striking the phrase "; except, that the Mayor may require enrollees to complete one in-person certification each year in Fiscal Years 2023, 2024, and 2025." and inserting a period in its place.',
            { section: '7-1407', path: ['(b)'] },
            {
              op: 'strike',
              words: '; except, that the Mayor may require enrollees to complete one in-person certification each year in Fiscal Years 2023, 2024, and 2025.',
              occurrence: every,
              insert: '.',
            },
            true,
          ),
          // As the District's importer writes them: one annotation for each subsection, each at its own line, after the sentence.
          annotated(outcome(ordinance, 'Subsections (c) and (d) are repealed.', { section: '7-1407', path: ['(c)'] }, { op: 'repeal' }, true), 7),
          annotated(outcome(ordinance, 'Subsections (c) and (d) are repealed.', { section: '7-1407', path: ['(d)'] }, { op: 'repeal' }, true), 9),
          outcome(
            ordinance,
            'A new subsection (e) is added to read as follows:',
            { section: '7-1407', path: [] },
            { op: 'add', text: '(e) Enrollees in the Alliance shall be required to recertify their enrollment on an annual basis.', designations: ['(e)'] },
            true,
          ),
        ],
      },
    ],
    unplaced: [
      outcome(
        ordinance,
        'Section 25-9999 is amended by striking the word "Board".',
        { section: '25-9999', path: [] },
        { op: 'strike', words: 'Board', occurrence: every },
        false,
        'the code has no § 25-9999',
      ),
    ],
  };
}

/** The print from what the amend stage gives: each section's source before and after, with its outcomes, and every outcome in order. */
async function render(status: 'draft' | 'adopted', print?: 'whole', form: Template = template): Promise<Buffer> {
  const modelled = amendingOrdinance(status);
  if (print) modelled.meta['comparative-print'] = print;
  const { ordinance, amended, unplaced } = input(modelled);
  const sources = ['25-822', '7-1407'].map((designation, i) => ({
    file: `dc-code-title/01-${designation}.md`,
    before: importedSource(`${designation}.before.xml`),
    after: importedSource(`${designation}.after.xml`),
    outcomes: amended[i]!.outcomes,
  }));
  // A section an instruction targets that does not change is not printed.
  const unchanged = { file: 'dc-code-title/01-6-501.md', before: importedSource('6-501.before.xml'), after: importedSource('6-501.before.xml'), outcomes: [] };
  const outcomes = [...amended.flatMap((a) => a.outcomes), ...unplaced];
  const { files, sections } = await renderComparativePrintOf(ordinance, { sections: [...sources, unchanged], outcomes }, form, PROVENANCE, WORLD);
  // What the digest names: the sections printed.
  expect(sections).toEqual([
    { designation: '25-822', heading: 'Mandatory revocation.' },
    { designation: '7-1407', heading: 'DC HealthCare Alliance recertification.' },
  ]);
  expect(Object.keys(files)).toEqual(['comparative-print.pdf']);
  return files['comparative-print.pdf']!;
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('the comparative print of two D.C. amendments', () => {
  let bytes: Buffer;
  let pdf: PdfReadBack;
  let tags: TagsReadBack;
  let text: string;
  beforeAll(async () => {
    bytes = await render('draft');
    pdf = await readPdf(bytes);
    tags = await readTags(bytes);
    text = flat(pdf.content.join(' '));
    if (process.env.PRINT_DUMP) writeFileSync(process.env.PRINT_DUMP, bytes);
  }, 60_000);

  it('opens with the summary of changes: each instruction, its target, applied or not', () => {
    const summary = text.indexOf('Summary of changes');
    expect(summary).toBeGreaterThan(-1);
    expect(summary).toBeLessThan(text.indexOf('§ 25-822. Mandatory revocation.'));
    // Each sentence once, its targets, the act's section that makes the change, what became of it, then the sentence as written.
    expect(text).toContain('1. § 25-822(a)(2) (Sec. 1): Applied. Paragraph (2) is amended by striking the phrase “; or” and inserting a semicolon in its place.');
    expect(text).toContain('5. § 7-1407(c), (d) (Sec. 1): Applied. Subsections (c) and (d) are repealed.');
    expect(text).toContain('7. § 25-9999 (Sec. 1): Not applied: the code has no § 25-9999. Section 25-9999 is amended by striking the word “Board”.');
    expect(text).not.toContain('6. § 7-1407(d)');
    expect(pdf.outline).toEqual(['Summary of changes', '§ 25-822. Mandatory revocation.', '§ 7-1407. DC HealthCare Alliance recertification.']);
  });

  it('strikes and brackets the words an amendment strikes, and prints the words it inserts', () => {
    // (a)(2) loses "or"; (a)(3) its period, for "; or"; (a)(4) is new.
    expect(text).toContain('shall be deemed evidence of knowing permission; ((or))');
    // The period replaced by "; or": the marks stand against each other, as the law prints them, with no space that is in neither text.
    expect(text).toContain('convicted of a felony((.)); or');
    expect(text).toContain('(4) The licensee has been convicted of assaulting an ABRA investigator');
    // § 7-1407: the proviso struck, (c) and (d) repealed, (e) added; the unchanged text as it was.
    expect(text).toContain(
      'recertify their enrollment in person((; except, that the Mayor may require enrollees to complete one in-person certification each year in Fiscal Years 2023, 2024, and 2025))',
    );
    expect(text).toMatch(/\(c\) \(\(Enrollees in the Alliance before April 1, 2025, shall be required to recertify their enrollment every 6 months\)\) ?Repealed\./);
    expect(text).toContain('(e) Enrollees in the Alliance shall be required to recertify their enrollment on an annual basis');
    // Unchanged text is left out, "* * *" in its place: (a)'s lead-in stays, for (b) after it, its unchanged paragraphs do not.
    expect(text).toContain('program to complete an application for recertification with the Department of Human Services: * * * (b) Applicants');
    expect(text).not.toContain('(3) Through electronic means, including through a web-based portal.');
    // § 25-822: (a)(1), beside the changed (a)(2), and (b), beside the changed (a), are shown as context.
    expect(text).toContain('(1) The licensee has been convicted of multiple violations');
    expect(text).toContain('the term “personal use” means');
  });

  it('marks inserted words in the text layer too: a copy or text extraction reads each insertion in its marks, in order (issue 28)', () => {
    const file = path.join(tempDir(), 'comparative-print.pdf');
    writeFileSync(file, bytes);
    // As a viewer lays the text out (pdftotext's layout order) and as it is drawn (-raw): the same words, each insertion once, in place.
    for (const mode of [[], ['-raw']]) {
      const extracted = execFileSync('pdftotext', [...mode, file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
      expect(extracted, mode.join(' ')).toContain(
        '[inserted: (4)] [inserted: The licensee has been convicted of assaulting an ABRA investigator or a member of the Metropolitan Police Department during the commission of an ABRA investigation.]',
      );
      expect(extracted).toContain('felony((.))[inserted: ; or]');
      expect(extracted).toContain('[inserted: Enrollees in the Alliance shall be required to recertify their enrollment on an annual basis.]');
      expect(extracted.match(/\[inserted: /g)?.length).toBe(tags.elements.filter((e) => e.role === 'Span' && e.text.startsWith('[inserted: ')).length);
    }
  });

  it('prints every word of each section when the ordinance asks for it whole (`comparative-print: whole`)', async () => {
    const whole = flat((await readPdf(await render('draft', 'whole'))).content.join(' '));
    expect(whole).toContain('(3) Through electronic means, including through a web-based portal.');
    expect(whole).not.toContain('* * *');
    // The changes are marked the same.
    expect(whole).toContain('convicted of a felony((.)); or');
  });

  it("says beside each section which of the act's sections change it, and which units (issue 28)", () => {
    expect(text).toContain('§ 25-822. Mandatory revocation. Changed by Sec. 1: (a)(2), (a)(3), (a)(4). (a)');
    expect(text).toContain('Changed by Sec. 1: (b), (c), (d), (e).');
  });

  it('tags each inserted stretch as a Span read as inserted, inside a tagged document', () => {
    const inserted = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text);
    expect(inserted).toContain('[inserted: ; or]');
    expect(inserted).toContain(
      '[inserted: The licensee has been convicted of assaulting an ABRA investigator or a member of the Metropolitan Police Department during the commission of an ABRA investigation.]',
    );
    expect(inserted).toContain('[inserted: Enrollees in the Alliance shall be required to recertify their enrollment on an annual basis.]');
    // A new subdivision's designation reads as inserted too.
    expect(inserted).toContain('[inserted: (4)]');
    expect(inserted).toContain('[inserted: (e)]');
    for (const role of ['Document', 'H1', 'H2', 'Sect', 'L', 'LI', 'Lbl', 'LBody', 'P', 'Span', 'Link']) expect(pdf.roles.get(role), role).toBeGreaterThan(0);
    // Struck words are text like any other: read, in their double parentheses, never hidden.
    expect(
      flat(
        tags.elements
          .filter((e) => e.role === 'P')
          .map((e) => e.text)
          .join(' '),
      ),
    ).toContain('((or))');
  });

  it('links each target in the summary to its section, and keeps furniture out of the reading text', () => {
    const targets = tags.annotations.map((a) => a.contents);
    expect(targets.filter((t) => t === '§ 25-822. Mandatory revocation.').length).toBe(3);
    // "Subsections (c) and (d) are repealed" is one entry, one link.
    expect(targets.filter((t) => t === '§ 7-1407. DC HealthCare Alliance recertification.').length).toBe(3);
    // The unplaced instruction's target is in no section here: it is not a link.
    expect(pdf.links.length).toBe(6);
    expect(text).not.toContain('Page 1 of');
    expect(pdf.artifacts.join(' ')).toContain('Page 1 of');
    expect(String(pdf.info.Title)).toBe('D.C. Act 24-999: Test Amendments Act of 2022: Comparative Print');
  });

  it('is not made when no section of the code changes', async () => {
    const unchanged = { file: 'dc-code-title/01-6-501.md', before: importedSource('6-501.before.xml'), after: importedSource('6-501.before.xml'), outcomes: [] };
    expect(await renderComparativePrintOf(amendingOrdinance('draft'), { sections: [unchanged], outcomes: [] }, template, PROVENANCE, WORLD)).toEqual({ files: {}, sections: [] });
  });

  it('gives the same bytes for the same input', async () => {
    expect((await render('draft')).equals(bytes)).toBe(true);
  }, 60_000);
});

describe('the comparative print of an adopted ordinance', () => {
  it('is valid PDF/A-1b by Apache PDFBox Preflight, without the draft watermark', async () => {
    const bytes = await render('adopted');
    const file = path.join(tempDir(), 'comparative-print.pdf');
    writeFileSync(file, bytes);
    const { valid, output } = preflight(file);
    expect(output).toContain('is a valid PDF/A-1b file');
    expect(valid).toBe(true);
    const pdf = await readPdf(bytes);
    expect(pdf.artifacts.join(' ')).not.toContain('DRAFT');
    expect(flat(pdf.content.join(' '))).toContain('knowing permission; ((or))');
  }, 120_000);
});

describe('the digest of an amending ordinance', () => {
  it('names the sections it amends under what it would do, each linked to its place in the comparative print', async () => {
    const ordinance = amendingOrdinance('draft');
    const registryDir = path.join(ordinance.dir, '..', 'directives');
    const resolved = resolveOrdinance(ordinance, DirectiveRegistry.fromFiles(registryDir, loadRegistrySources(registryDir)), jurisdictionContext(ordinance.meta.jurisdiction));
    const amended = input(ordinance).amended.map(({ after }) => ({ designation: after.designation!, heading: after.heading }));
    const files = await summarizeOrdinance(resolved, new Map(), template, PROVENANCE, amended);
    const markdown = String(files['summary.md']);
    const does = markdown.slice(markdown.indexOf('## What this act would do'), markdown.indexOf('## Digest Key'));
    expect(flat(does)).toContain(
      'It would amend these sections of the Code of the District of Columbia. The comparative print (comparative-print.pdf) shows each as it stands, with the changes marked:',
    );
    expect(does).toContain('- [§ 25-822. Mandatory revocation](comparative-print.pdf#section-amended-25-822).');
    expect(does).toContain('- [§ 7-1407. DC HealthCare Alliance recertification](comparative-print.pdf#section-amended-7-1407).');
    // In summary.pdf, each opens the comparative print at the section the print names so.
    const pdf = await readPdf(files['summary.pdf'] as Buffer);
    if (process.env.PRINT_DUMP) writeFileSync(process.env.PRINT_DUMP.replace(/\.pdf$/, '-summary.pdf'), files['summary.pdf'] as Buffer);
    expect(pdf.links.map((l) => l.url)).toEqual(['comparative-print.pdf#section-amended-25-822', 'comparative-print.pdf#section-amended-7-1407']);
    const print = await readTags(await render('draft'));
    expect(print.annotations.some((a) => a.dest === 'section-amended-25-822')).toBe(true);
  }, 60_000);
});

describe('a subdivision struck whole, and a section added', () => {
  it('strikes and brackets the designation and the text of a subdivision the section loses', async () => {
    const ordinance = amendingOrdinance('draft');
    // § 7-1407 as amended, taken back to what it was: (e) goes.
    const amended = [{ before: importedSection('7-1407.after.xml'), after: importedSection('7-1407.before.xml'), outcomes: [] }];
    const pdf = await readPdf((await renderComparativePrint({ ordinance, amended }, template, PROVENANCE, WORLD))['comparative-print.pdf']!);
    const text = flat(pdf.content.join(' '));
    // The designation "(e)" struck, in its double parentheses: "(((e)))".
    expect(text).toContain('(((e))) ((Enrollees in the Alliance shall be required to recertify their enrollment on an annual basis.))');
    expect(text).toContain('(c) ((Repealed)) Enrollees in the Alliance before April 1, 2025');
    expect(text).toContain('This ordinance holds no amending instructions.');
  }, 60_000);

  it('prints a section the ordinance adds with all its text inserted', async () => {
    const ordinance = amendingOrdinance('draft');
    const amended = [{ before: null, after: importedSection('25-822.after.xml'), outcomes: [] }];
    const tags = await readTags((await renderComparativePrint({ ordinance, amended }, template, PROVENANCE, WORLD))['comparative-print.pdf']!);
    const inserted = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text);
    expect(inserted).toEqual(expect.arrayContaining(['[inserted: (a)]', '[inserted: (4)]', '[inserted: (b)]', '[inserted: The licensee has been convicted of a felony; or]']));
    // Nothing is struck: past the legend, no double parentheses.
    const paragraphs = tags.elements.filter((e) => e.role === 'P').map((e) => e.text);
    expect(paragraphs.filter((p) => p.includes('((')).length).toBe(1);
  }, 60_000);
});

describe('text designated anew', () => {
  it('marks the designation the existing text gains, and takes its paragraphs along (D.C. Law 24-151 on § 6-501)', async () => {
    const ordinance = amendingOrdinance('draft');
    const amended = [{ before: importedSection('6-501.before.xml'), after: importedSection('6-501.after.xml'), outcomes: [] }];
    const bytes = (await renderComparativePrint({ ordinance, amended }, template, PROVENANCE, WORLD))['comparative-print.pdf']!;
    if (process.env.PRINT_DUMP) writeFileSync(process.env.PRINT_DUMP.replace(/\.pdf$/, '-6-501.pdf'), bytes);
    const tags = await readTags(bytes);
    const inserted = tags.elements.filter((e) => e.role === 'Span').map((e) => e.text);
    // "(a)" is new; the text it designates, and its paragraphs (1) to (3), are the same words: none struck.
    expect(inserted.slice(0, 2)).toEqual(['[inserted: (a)]', '[inserted: (b)]']);
    const text = flat((await readPdf(bytes)).content.join(' '));
    expect(text.slice(text.indexOf('§ 6-501.'))).not.toContain('((');
    expect(text).toContain('(a) The Mayor shall review all building permit applications');
    expect(text).toContain('(3) Use construction methods and practices that will minimize flood damage. (b) (1) The Mayor, pursuant to subchapter I');
  }, 60_000);
});

/** The words of blocks, designations included, with the changes of one kind taken out (`drop`), or none. */
function wordsOf(ctx: PdfContext, blocks: Block[], drop: 'insertion' | 'deletion' | null): string {
  // What is kept of a change reads as plain words.
  const kept = (inlines: Inline[]): Inline[] =>
    inlines.filter((i) => i.type !== drop).map((i): Inline => (i.type === 'insertion' || i.type === 'deletion' ? { type: 'strong', children: i.children } : i));
  const text = (inlines: Inline[]) =>
    toRuns(ctx, kept(inlines))
      .map((r) => r.text)
      .join('');
  return blocks
    .map((block): string => {
      switch (block.type) {
        case 'paragraph':
          return text(block.children);
        case 'subdivision': {
          const designation = block.marker || `(${block.label})`;
          const shown =
            drop === 'insertion' ? (block.formerly ?? (block.change === 'insertion' ? '' : designation)) : block.change === 'deletion' && drop === 'deletion' ? '' : designation;
          return `${shown} ${text(block.children)} ${wordsOf(ctx, block.blocks, drop)}`;
        }
        case 'blockquote':
          return wordsOf(ctx, block.children, drop);
        case 'list':
          return block.items.map((item) => wordsOf(ctx, item, drop)).join(' ');
        default:
          return [block.header, ...block.rows].map((row) => row.map(text).join(' ')).join(' ');
      }
    })
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the marks, taken at their word', () => {
  // Only what toRuns reads: the template's marks and (no) citations of the code's own sections.
  const ctx = { layout: template.layout, template, ordinance: { sections: [], references: [], citations: [] } } as unknown as PdfContext;
  it.each(['25-822', '7-1407', '6-501'])('§ %s: taking every change gives the section after; leaving every change out, the section before', (designation) => {
    const before = importedSection(`${designation}.before.xml`);
    const after = importedSection(`${designation}.after.xml`);
    const merged = comparativeSection(ctx, { before, after, outcomes: [] });
    expect(wordsOf(ctx, merged.blocks, 'deletion')).toBe(wordsOf(ctx, after.blocks, null));
    expect(wordsOf(ctx, merged.blocks, 'insertion')).toBe(wordsOf(ctx, before.blocks, null));
    expect(wordsOf(ctx, merged.blocks, 'insertion')).not.toBe(wordsOf(ctx, merged.blocks, 'deletion'));
  });
});

describe('a unit rewritten whole', () => {
  const ctx = { layout: template.layout, template, ordinance: { sections: [], references: [], citations: [] } } as unknown as PdfContext;
  const rewrite = (path: string[], part?: 'text') =>
    outcome(amendingOrdinance('draft'), 'is amended to read as follows:', { section: '25-822', path, ...(part ? { part } : {}) }, { op: 'rewrite', text: '' }, true);
  /** Each top-level block's words, with its marks as the print shows them. */
  const shown = (blocks: Block[]) => blocks.map((b) => markedWords(ctx, b));

  it('prints a section rewritten whole as all it said struck, then all it will say inserted, never a diff of its words', () => {
    const before = importedSection('25-822.before.xml');
    const after = importedSection('25-822.after.xml');
    const merged = comparativeSection(ctx, { before, after, outcomes: [rewrite([])] });
    expect(merged.blocks).toHaveLength(before.blocks.length + after.blocks.length);
    expect(wordsOf(ctx, merged.blocks.slice(0, before.blocks.length), null)).toBe(wordsOf(ctx, before.blocks, null));
    expect(shown(merged.blocks.slice(0, before.blocks.length)).every((w) => /^deletion: \(\(.*\)\)$/s.test(w))).toBe(true);
    expect(shown(merged.blocks.slice(before.blocks.length)).every((w) => /^insertion: \[.*\]$/s.test(w))).toBe(true);
  });

  it('prints a paragraph rewritten whole struck, then inserted; its neighbours as a word diff', () => {
    const before = importedSection('25-822.before.xml');
    const after = importedSection('25-822.after.xml');
    const merged = comparativeSection(ctx, { before, after, outcomes: [rewrite(['(a)', '(3)'])] });
    const a = merged.blocks.find((b) => b.type === 'subdivision' && b.path === '(a)') as Subdivision;
    const three = a.blocks.filter((b) => b.type === 'subdivision' && b.path === '(a)(3)');
    expect(three.map((b) => (b as Subdivision).change)).toEqual(['deletion', 'insertion']);
    // (a)(2), not rewritten, keeps its word diff: only "or" struck.
    const two = a.blocks.find((b) => b.type === 'subdivision' && b.path === '(a)(2)') as Subdivision;
    expect(markedWords(ctx, { ...two, blocks: [] })).toMatch(/knowing permission; \(\(or\)\)$/);
  });
});

/** A block's words as printed, struck words in ((…)) as the print writes them and inserted ones in […]; a subdivision struck or inserted whole is led by its change. */
function markedWords(ctx: PdfContext, block: Block): string {
  const inline = (children: Inline[]) =>
    toRuns(ctx, children)
      .map((r) => (r.inserted ? `[${r.text}]` : r.text))
      .join('');
  if (block.type === 'subdivision') {
    const words = [inline(block.children), ...block.blocks.map((b) => markedWords(ctx, b))].join(' ');
    return block.change ? `${block.change}: ${words}` : words;
  }
  return block.type === 'paragraph' ? inline(block.children) : '';
}

describe("the District's own marks", () => {
  it("strikes and underlines as the Council's committee prints do, with no parentheses, each change read as deleted or inserted from the tags and the text layer (issue 28)", async () => {
    const bytes = await render('draft', undefined, loadTemplate('district-of-columbia'));
    const words = flat((await readPdf(bytes)).content.join(' '));
    expect(words).toContain('In this text, words added are underlined, and words deleted are struck through.');
    expect(words).not.toContain('((');
    const spans = (await readTags(bytes)).elements.filter((e) => e.role === 'Span').map((e) => e.text);
    expect(spans).toEqual(expect.arrayContaining(['[deleted: or]', '[deleted: .]', '[inserted: ; or]', '[inserted: (4)]']));
    const file = path.join(tempDir(), 'district.pdf');
    writeFileSync(file, bytes);
    const extracted = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
    expect(extracted).toContain('convicted of a felony[deleted: .][inserted: ; or]');
  });
});

describe('the House style, a form any template may choose', () => {
  it('prints omitted law in black brackets, new matter in italic, unchanged law in roman, and says so in its legend (issue 28)', async () => {
    const bytes = await render('draft', undefined, { ...template, layout: layoutById('house') });
    if (process.env.HOUSE_DUMP) (await import('node:fs')).writeFileSync(process.env.HOUSE_DUMP, bytes);
    const words = flat((await readPdf(bytes)).content.join(' '));
    expect(words).toContain('existing law proposed to be omitted is enclosed in black brackets, new matter is printed in italic');
    expect(words).toContain('knowing permission; [or]');
    expect(words).not.toContain('((');
    const tags = await readTags(bytes, { fonts: true });
    const fontOf = (text: string) => tags.lines.find((l) => l.text.includes(text))?.font ?? '';
    expect(fontOf('licensee has been convicted of assaulting')).toMatch(/italic/i);
  });
});

describe('a heading the ordinance changes', () => {
  it('is shown with its change above the text, the section keeping its heading as it stands', () => {
    const ctx = { layout: template.layout, template, ordinance: { sections: [], references: [], citations: [] } } as unknown as PdfContext;
    const before = importedSection('25-822.before.xml');
    const after = { ...importedSection('25-822.after.xml'), heading: 'Mandatory revocation of licenses.' };
    const merged = comparativeSection(ctx, { before, after, outcomes: [] });
    expect(merged.heading).toBe('Mandatory revocation.');
    const first = merged.blocks[0]!;
    expect(first.type).toBe('paragraph');
    const runs = toRuns(ctx, first.type === 'paragraph' ? first.children : []);
    // The period stays: only " of licenses" is new, its space with it (the heading before has none there).
    expect(runs.map((r) => r.text).join('')).toBe('Heading: Mandatory revocation of licenses.');
    expect(runs.filter((r) => r.inserted).map((r) => r.text)).toEqual([' of licenses']);
    expect(runs.some((r) => r.strike)).toBe(false);
  });
});

describe('the word diff', () => {
  const marked = (old: string, now: string) =>
    readableDiff(old, now)
      .map((p) => (p.removed ? `((${p.value}))` : p.added ? `[${p.value}]` : p.value))
      .join('');
  it('joins replaced stretches across a word or two they share, struck words first', () => {
    // The renaming of the Department of Consumer and Regulatory Affairs, as the Council's acts of 2022 wrote it into the code.
    expect(marked('the Department of Consumer and Regulatory Affairs shall', 'the Department of Licensing and Consumer Protection shall')).toBe(
      'the Department of ((Consumer and Regulatory Affairs))[Licensing and Consumer Protection] shall',
    );
  });
  it('keeps what both share when only words are struck or only inserted, and every space of both', () => {
    expect(marked('permission; or', 'permission;')).toBe('permission;(( or))');
    expect(marked('shall not be required to file', 'shall be required to file annually')).toBe('shall ((not ))be required to file[ annually]');
    const parts = readableDiff('a medical examiner or a medicolegal', 'a medical examiner, a coroner, or a medicolegal');
    expect(
      parts
        .filter((p) => !p.added)
        .map((p) => p.value)
        .join(''),
    ).toBe('a medical examiner or a medicolegal');
    expect(
      parts
        .filter((p) => !p.removed)
        .map((p) => p.value)
        .join(''),
    ).toBe('a medical examiner, a coroner, or a medicolegal');
  });
});
