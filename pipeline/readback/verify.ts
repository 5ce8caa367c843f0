/**
 * Both invariants on built documents: build a workspace's ordinances (or
 * code titles), read each PDF back and compare its words with the model
 * and check its geometry. Used by `npm run verify` (scripts/verify.mjs) and
 * the tests; development only (it reads PDFs with pdfjs-dist).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Workspace } from '../model/workspace.js';
import type { Ordinance } from '../model/types.js';
import type { PipelineOptions } from '../runner/pipeline.js';
import { compileFolder, RegistryHandle } from '../runner/folder.js';
import { prepareOutDir } from '../outputs/out-dir.js';
import { templateOf } from '../load/templates.js';
import { findConfig, loadConfig } from '../load/config-file.js';
import { rules } from '../validate/rules/index.js';
import { checkGeometry, type GeometryProblem } from './geometry.js';
import { printRules } from './print-rules.js';
import { readPages } from './read-pdf.js';
import type { Amendments } from '../amend/amend-ordinance.js';
import { printedComparison } from '../compare/marked-section.js';
import { comparedSections } from '../render/compared-sections.js';
import { COMPARATIVE_PRINT } from '../render/pdf/destinations.js';
import { attributionNote, omissionOf } from '../render/pdf/comparative-print.js';
import { vocabularyOf } from '../template/vocabulary.js';
import { printedReading } from '../template/printed-reading.js';
import { compareWords, expectedSections, printedSections, type WordMismatch } from './words.js';

/** What the invariants found in one PDF. */
export interface DocumentReport {
  slug: string;
  pdf: string;
  pages: number;
  sections: number;
  words: WordMismatch[];
  geometry: GeometryProblem[];
}

/** Check both invariants on the PDF bytes of `ordinance`. */
export async function verifyDocument(ordinance: Ordinance, pdf: string, bytes: Uint8Array = readFileSync(pdf)): Promise<DocumentReport> {
  const template = templateOf(ordinance.meta);
  const { layout } = template;
  const pages = await readPages(bytes);
  const expected = expectedSections(ordinance, printRules(template));
  return {
    slug: ordinance.slug,
    pdf,
    pages: pages.length,
    sections: expected.length,
    words: compareWords(expected, printedSections(pages)),
    geometry: checkGeometry(pages, layout.page.margins),
  };
}

/**
 * Check the words invariant on a comparative print: each section it prints
 * has the words of the law as amended and of the struck text, each with its
 * mark as the tags read it ("((struck))", "[inserted: …]"), from the amend
 * stage's sections, marked as the compare stage marks them; and its geometry.
 */
export async function verifyComparativePrint(ordinance: Ordinance, amendments: Amendments, pdf: string, bytes: Uint8Array = readFileSync(pdf)): Promise<DocumentReport> {
  const template = templateOf(ordinance.meta);
  const { layout } = template;
  const pages = await readPages(bytes);
  const input = comparedSections(ordinance, amendments.sections, amendments.outcomes);
  const vocabulary = vocabularyOf(template.jurisdiction);
  const sections = input.amended.map((amended) =>
    printedComparison(printedReading(template), omissionOf(ordinance, layout), amended, attributionNote(ordinance, amended, vocabulary)),
  );
  // The code's sections, each under its own heading: no enacting clause runs in to the first.
  const expected = expectedSections({ ...ordinance, sections }, { ...printRules(template), runIn: null });
  return {
    slug: `${ordinance.slug}/comparative-print`,
    pdf,
    pages: pages.length,
    sections: expected.length,
    words: compareWords(expected, printedSections(pages)),
    geometry: checkGeometry(pages, layout.page.margins),
  };
}

/** The outcome of building and verifying a workspace: a report per PDF built, and the ordinances that were not built. */
export interface WorkspaceReport {
  documents: DocumentReport[];
  /** Ordinances not built, each with the first of its errors (`path:line:col: message`). */
  notBuilt: string[];
}

/**
 * Build each ordinance of `workspace` into `outDir` (its configuration found
 * as the CLI finds it, its registry loaded once) and verify its PDF, one
 * ordinance at a time: only one model is held at once, however many titles.
 * `each` hears of each ordinance as it is done (with the seconds it took).
 */
export async function verifyWorkspace(workspace: Workspace, outDir: string, each?: (report: DocumentReport | string, seconds: number) => void): Promise<WorkspaceReport> {
  const config = loadConfig(findConfig(path.dirname(path.resolve(workspace.registryDir))), rules);
  const options: PipelineOptions = { build: true, outDir, config, release: false, parallel: false, cache: false };
  prepareOutDir(outDir, []);
  const handle = new RegistryHandle(workspace.registryDir, options);
  const documents: DocumentReport[] = [];
  const notBuilt: string[] = [];
  for (const dir of workspace.ordinances) {
    const started = performance.now();
    const result = await compileFolder(dir, handle, options);
    const pdf = result.outputs.find((file) => file.endsWith(`${path.sep}${result.slug}.pdf`));
    let report: DocumentReport | string;
    let printReport: DocumentReport | null = null;
    if (pdf && result.ordinance) {
      report = await verifyDocument(result.ordinance, pdf);
      documents.push(report);
      // Its comparative print, where it has one: a document of its own in the report, verified before either is heard of
      // (a listener may remove the outputs once it has a report).
      const print = result.outputs.find((file) => file.endsWith(`${path.sep}${COMPARATIVE_PRINT}`));
      if (print && result.amendments) printReport = await verifyComparativePrint(result.ordinance, result.amendments, print);
    } else {
      const errors = result.files.flatMap((file) => file.messages.filter((m) => m.fatal === true).map((m) => `${file.path}:${m.line ?? 1}:${m.column ?? 1}: ${m.reason}`));
      report = `${result.dir}: ${errors[0] ?? result.failure?.message ?? 'not built'}`;
      notBuilt.push(report);
    }
    each?.(report, (performance.now() - started) / 1000);
    if (printReport) {
      documents.push(printReport);
      each?.(printReport, 0);
    }
  }
  return { documents, notBuilt };
}

/** A report as lines: each difference with its document, section or page. */
export function describeReport(report: DocumentReport): string[] {
  return [...report.words.map((m) => `${report.slug} ${m.section}: ${m.message}`), ...report.geometry.map((p) => `${report.slug} p${p.page}: ${p.kind}: ${p.message}`)];
}
