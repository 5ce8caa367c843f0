/**
 * `ordinance import dc-code <xml-dir> <out-dir>` and `ordinance import dc-law
 * <law-xml> <out-dir>`: convert the D.C. Code's XML (or one D.C. act's) into
 * the source format. Each source takes its own options.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { UsageError } from '../../report/failure.js';
import { progressBar } from '../progress-bar.js';
import { COMMON_USAGE, parseCommand } from '../options.js';

const USAGE = `Usage:
  ordinance import dc-code <xml-dir> <out-dir> [--plain-citations] [--titles 1,24]
  ordinance import dc-law <law-xml> <out-dir> [--plain]

Import the D.C. Code's XML (a checkout of its XML repository) as one code-title
folder per title, or one D.C. act's XML as an ordinance folder.

Options:
  --plain-citations   dc-code: leave citations as plain text (for citation-detection tests)
  --titles <list>     dc-code: only these titles, comma-separated (1,24)
  --plain             dc-law: only the act's prose, without the Council's
                      codification markup (otherwise it becomes ::amend annotations)
  --quiet             dc-code: no progress bar (there is none when the output is not a terminal)
${COMMON_USAGE}
`;

const DC_CODE_OPTIONS = {
  'plain-citations': { type: 'boolean' },
  titles: { type: 'string' },
  quiet: { type: 'boolean' },
} as const;

const DC_LAW_OPTIONS = {
  plain: { type: 'boolean' },
} as const;

/** Run `ordinance import`; returns the exit code. */
export async function runImport(argv: string[]): Promise<number> {
  const [source, ...rest] = argv;
  if (source === '--help' || source === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  if (source === 'dc-law') return importDcLaw(rest);
  if (source !== 'dc-code') throw new UsageError(`unknown import source \`${source ?? ''}\`, expected \`dc-code\` or \`dc-law\``);
  const parsed = parseCommand({ name: 'import dc-code', usage: USAGE, options: DC_CODE_OPTIONS, positionals: true }, rest);
  if (!parsed) return 0;
  const [xmlDir, outDir, ...extra] = parsed.positionals;
  if (!xmlDir || !outDir || extra.length > 0) throw new UsageError('usage: ordinance import dc-code <xml-dir> <out-dir>');
  const titles = (parsed.values.titles ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  const { importDcCode } = await import('../../import/dc-code/import.js');
  const started = performance.now();
  let report: ReturnType<typeof importDcCode>;
  const bar = progressBar('importing', () => sectionFiles(xmlDir, titles), 'section', { quiet: parsed.values.quiet ?? false, noun: 'sections' });
  try {
    report = importDcCode(xmlDir, outDir, { plainCitations: parsed.values['plain-citations'] ?? false, titles });
  } catch (error) {
    throw new UsageError((error as Error).message);
  } finally {
    bar.stop();
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  process.stderr.write(
    `imported ${report.titles} titles, ${report.groups} groups, ${report.sections} sections (${report.notInForce} not in force, ${report.explicitSections} with explicit subdivisions), ` +
      `${report.annotations} annotations, ${report.citations} citations, ${report.registryEntries} registry entries, ${report.images} images into ${outDir} in ${seconds} s\n`,
  );
  for (const missing of report.missing) process.stderr.write(`skipped missing include: ${missing}\n`);
  for (const failure of report.failures) process.stderr.write(`failed: ${failure.file}: ${failure.message}\n`);
  return report.failures.length > 0 ? 1 : 0;
}

async function importDcLaw(argv: string[]): Promise<number> {
  const parsed = parseCommand({ name: 'import dc-law', usage: USAGE, options: DC_LAW_OPTIONS, positionals: true }, argv);
  if (!parsed) return 0;
  const [lawXml, outDir, ...extra] = parsed.positionals;
  if (!lawXml || !outDir || extra.length > 0) throw new UsageError('usage: ordinance import dc-law <law-xml> <out-dir> [--plain]');
  const plain = parsed.values.plain ?? false;
  const { importDcLaw } = await import('../../import/dc-law/import.js');
  let report: ReturnType<typeof importDcLaw>;
  try {
    report = importDcLaw(lawXml, outDir, { plain });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const undesignated = report.undesignated
    ? `; ${report.undesignated} ${report.undesignated === 1 ? 'container' : 'containers'} with no prefix and number left out, ${report.undesignated === 1 ? 'its' : 'their'} sections kept`
    : '';
  const left = report.codifiers ? `, ${report.codifiers} ${report.codifiers === 1 ? 'paragraph' : 'paragraphs'} of the codifier's (not the act's words) left out` : '';
  const groups = report.groups ? ` in ${report.groups} titles and subtitles` : '';
  process.stderr.write(
    `imported ${report.law}: ${report.sections} ${report.sections === 1 ? 'section' : 'sections'}${groups}${plain ? '' : `, ${report.annotations} instructions as annotations`}${left}${undesignated} into ${outDir}\n`,
  );
  return 0;
}

/** How many section files the titles to import hold (`titles/<n>/sections/*.xml` below `xmlDir`): the progress bar's total. */
function sectionFiles(xmlDir: string, titles: string[]): number {
  let count = 0;
  const wanted = new Set(titles.map((t) => t.toLowerCase()));
  for (const entry of readdirSync(xmlDir, { recursive: true, encoding: 'utf8' })) {
    const parts = entry.split(path.sep);
    const at = parts.lastIndexOf('sections');
    if (at >= 2 && parts[at - 2] === 'titles' && at === parts.length - 2 && entry.endsWith('.xml') && (wanted.size === 0 || wanted.has(parts[at - 1]!.toLowerCase()))) count++;
  }
  return count;
}
