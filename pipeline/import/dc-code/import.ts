/**
 * `ordinance import dc-code <xml-dir> <out-dir>`: the D.C. Code's XML as the
 * project's source format. Each title becomes a document folder (code.md),
 * its chapters, subchapters and parts nested folders (group.md), each section
 * a section file; every cited enactment a registry entry. The output is
 * written beside the target and renamed into place, so a failed import never
 * leaves half a corpus.
 */
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify as yamlStringify } from 'yaml';
import { slugify } from '../../text/slug.js';
import { importInto } from '../staging.js';
import { CODE_ID } from '../../dc-xml/cite-targets.js';
import { markdown } from '../../dc-xml/markdown.js';
import { sectionTree, type SectionContext } from '../../dc-xml/section.js';
import { attribute, child, elements, local, textOf, type Element } from '../../dc-xml/xml.js';
import { readXml } from '../xml-file.js';
import { progressed } from '../../report/progress.js';

export interface ImportOptions {
  /** Leave citations as plain text (for citation-detection tests). */
  plainCitations: boolean;
  /** Only these titles ("24", "27A"); all when empty. */
  titles?: string[];
}

export interface ImportReport {
  titles: number;
  groups: number;
  sections: number;
  /** Sections with a <reason> (repealed, expired...). */
  notInForce: number;
  explicitSections: number;
  annotations: number;
  citations: number;
  registryEntries: number;
  images: number;
  /** xi:include targets that do not exist, as written. */
  missing: string[];
  /** Files that could not be converted, with why. */
  failures: { file: string; message: string }[];
}

/** Find the code's root (the folder with index.xml) at or below `dir`. */
export function findCodeRoot(dir: string): string | null {
  for (const candidate of [dir, path.join(dir, 'us', 'dc', 'council', 'code')]) {
    if (existsSync(path.join(candidate, 'index.xml')) && existsSync(path.join(candidate, 'titles'))) return candidate;
  }
  return null;
}

function includes(element: Element): string[] {
  return elements(element)
    .filter((e) => local(e) === 'include')
    .map((e) => attribute(e, 'href') ?? '');
}

/** The title an include of the code's index names by its folder (`./titles/24/index.xml`: "24"), or null when its path does not say. */
function includedTitle(href: string): string | null {
  return /(?:^|\/)titles\/([^/]+)\/index\.xml$/.exec(href)?.[1] ?? null;
}

/** Whether title `num` is to be imported: every title when none is asked for; a title whose number is unknown (null) counts as asked. */
function wanted(num: string | null, titles: string[] | undefined): boolean {
  if (!titles?.length || num === null) return true;
  return titles.some((t) => t.toLowerCase() === num.toLowerCase());
}

function pad(n: number, count: number): string {
  return String(n).padStart(Math.max(2, String(count).length), '0');
}

/** Import the code at `xmlDir` into `outDir`. */
export function importDcCode(xmlDir: string, outDir: string, options: ImportOptions): ImportReport {
  const root = findCodeRoot(xmlDir);
  if (!root) throw new Error(`no D.C. Code XML at ${xmlDir} (expected index.xml and titles/, or us/dc/council/code/ below it)`);
  const report: ImportReport = {
    titles: 0,
    groups: 0,
    sections: 0,
    notInForce: 0,
    explicitSections: 0,
    annotations: 0,
    citations: 0,
    registryEntries: 0,
    images: 0,
    missing: [],
    failures: [],
  };
  const ctx: SectionContext = { plainCitations: options.plainCitations, cited: new Map(), images: [], counts: { citations: 0, annotations: 0, explicit: 0 } };
  importInto(outDir, `D.C. Code imported from ${root}`, (staging) => {
    const index = readXml(path.join(root, 'index.xml'));
    for (const href of includes(index)) {
      const titleIndex = path.join(root, href);
      if (!existsSync(titleIndex)) {
        // A title not asked for is not imported whether it is there or not: only an asked one's absence is news.
        if (wanted(includedTitle(href), options.titles)) report.missing.push(href);
        continue;
      }
      const title = readXml(titleIndex);
      const num = textOf(child(title, 'num'));
      if (!wanted(num, options.titles)) continue;
      importTitle(title, path.dirname(titleIndex), path.join(staging, `dc-code-title-${slugify(num)}`), ctx, report);
      report.titles++;
    }
    writeRegistry(path.join(staging, 'directives'), ctx, options);
    report.registryEntries = options.plainCitations ? 1 : ctx.cited.size + 1;
    report.citations = ctx.counts.citations;
    report.annotations = ctx.counts.annotations;
    report.explicitSections = ctx.counts.explicit;
    writeFileSync(path.join(staging, 'README.md'), readme(report));
  });
  return report;
}

function importTitle(title: Element, titleDir: string, outDir: string, ctx: SectionContext, report: ImportReport): void {
  mkdirSync(outDir, { recursive: true });
  const num = textOf(child(title, 'num'));
  const heading = textOf(child(title, 'heading'));
  const meta = {
    type: 'code-title',
    title: `Title ${num}. ${heading}`,
    'short-title': `D.C. Code Title ${num}`,
    designation: num,
    jurisdiction: 'district-of-columbia',
    status: 'effective',
    version: 1,
    language: 'en-US',
  };
  writeFileSync(path.join(outDir, 'code.md'), `---\n${yamlStringify(meta, { lineWidth: 0 })}---\n`);
  importContainer(title, titleDir, outDir, ctx, report);
}

/** Write a container's groups and sections into `outDir`, in order. */
function importContainer(container: Element, titleDir: string, outDir: string, ctx: SectionContext, report: ImportReport): void {
  const entries = elements(container).filter((e) => local(e) === 'container' || local(e) === 'include');
  entries.forEach((entry, i) => {
    const ordinal = pad(i + 1, entries.length);
    if (local(entry) === 'container') {
      const prefix = textOf(child(entry, 'prefix'));
      const num = textOf(child(entry, 'num'));
      const heading = textOf(child(entry, 'heading'));
      const dir = path.join(outDir, `${ordinal}-${slugify(`${prefix} ${num}`) || 'group'}`);
      mkdirSync(dir, { recursive: true });
      const group = { prefix: prefix || 'Part', num: num || String(i + 1), ...(heading ? { heading } : {}) };
      writeFileSync(path.join(dir, 'group.md'), `---\n${yamlStringify(group, { lineWidth: 0 })}---\n`);
      report.groups++;
      importContainer(entry, titleDir, dir, ctx, report);
      return;
    }
    const href = attribute(entry, 'href') ?? '';
    const file = path.join(titleDir, href);
    if (!existsSync(file)) {
      report.missing.push(path.relative(path.dirname(titleDir), file));
      return;
    }
    try {
      const section = readXml(file);
      ctx.images = [];
      const { id, tree } = sectionTree(section, ctx);
      const target = path.join(outDir, `${ordinal}-${id || 'section'}.md`);
      writeFileSync(target, markdown.stringify(tree));
      for (const image of ctx.images) {
        const source = path.join(path.dirname(file), image);
        if (existsSync(source)) {
          copyFileSync(source, path.join(outDir, image));
          report.images++;
        }
      }
      report.sections++;
      progressed('section');
      if (child(section, 'reason')) report.notInForce++;
    } catch (error) {
      report.failures.push({ file: path.relative(path.dirname(titleDir), file), message: (error as Error).message });
    }
  });
}

function writeRegistry(dir: string, ctx: SectionContext, options: ImportOptions): void {
  mkdirSync(dir, { recursive: true });
  const code = {
    id: CODE_ID,
    'cited-as': ['D.C. Code', 'D.C. Official Code'],
    title: 'Code of the District of Columbia',
    kind: 'code',
    issuer: 'Council of the District of Columbia',
    status: 'in-force',
    source: 'https://code.dccouncil.gov/us/dc/council/code/',
    // The Council's site shows each section at an address of its number.
    'section-source': 'https://code.dccouncil.gov/us/dc/council/code/sections/{section}',
  };
  writeFileSync(
    path.join(dir, `${CODE_ID}.md`),
    `---\n${yamlStringify(code, { lineWidth: 0 })}---\nThe Code of the District of Columbia, as imported from the D.C. Council's codified XML. Citations of its sections pinpoint them ("§ 24-211.02a(c)(6)").\n`,
  );
  if (options.plainCitations) return;
  for (const [id, { doc, count }] of ctx.cited) {
    if (id === CODE_ID) continue;
    const entry = { id, 'cited-as': [doc], title: doc, kind: 'session-law', status: 'unknown' };
    writeFileSync(
      path.join(dir, `${id}.md`),
      `---\n${yamlStringify(entry, { lineWidth: 0 })}---\n${doc}, cited ${count} time${count === 1 ? '' : 's'} in the imported titles. Its title and status are not in the import.\n`,
    );
  }
}

function readme(report: ImportReport): string {
  return `# D.C. Code, imported

Generated by \`ordinance import dc-code\`; do not edit by hand and do not commit.

- titles: ${report.titles}
- groups (chapters, subchapters, parts): ${report.groups}
- sections: ${report.sections} (${report.notInForce} repealed, expired or otherwise not in force)
- registry entries: ${report.registryEntries}
- missing includes: ${report.missing.length}
`;
}
