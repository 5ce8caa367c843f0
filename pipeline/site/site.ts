/**
 * The publication site, `dist/site/`, assembled from what builds left in
 * dist/: the catalog (index.html, catalog.json, search-index.js), a page per
 * ordinance with its files beside it, a page per registry directive, and
 * manifest.json and SHA256SUMS with the checksum of every file. Static files
 * only, with relative links: it works from disk and from any static host.
 * Written through the publish helpers (each file renamed into place; what the
 * last publish wrote and this one does not is removed). The same dist/ and
 * sources give the same bytes: nothing in it depends on the time it was made.
 */
import { SITE_FOLDER } from '../model/workspace.js';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { EnvironmentError, systemReason } from '../report/failure.js';
import { loadRegistrySources } from '../load/sources.js';
import type { Workspace } from '../model/workspace.js';
import type { Directive } from '../model/types.js';
import { publishOutputs, readManifest, type Output } from '../outputs/dist.js';
import { DirectiveRegistry } from '../registry/registry.js';
import { readJsonOutput } from '../load/read-json.js';
import { FileProblemsError } from '../schema/problems.js';
import { TEMPLATES_DIR } from '../load/templates.js';
import { XrefSchema, type Xref } from '../xref/xref.js';
import { catalogJson, catalogPage, searchIndexScript, type CatalogEntry } from './catalog.js';
import { directivePage, directivesIndexPage, type DirectiveCitation } from './directive-page.js';
import { pageName } from './links.js';
import { readLock } from './lock-status.js';
import { readLock as readLockFile, type LockFile } from '../history/lock.js';
import { finalMismatches } from '../history/final.js';
import { displayPath } from '../schema/json-source.js';
import { isFinal } from './page.js';
import { ordinancePage, type CitingOrdinance, type PublishedFile, type RedlineLink } from './ordinance-page.js';
import { OrdinanceRecordSchema, SITE_RECORD, SITE_TEXT, type OrdinanceRecord } from './record.js';
import { versionRedlines } from './redlines.js';
import { ordinanceVersions } from './version-list.js';

/** The site's folder in the output folder. */
export const SITE_DIR = SITE_FOLDER;

export interface SiteOptions {
  /** Where a version's redline is, when there is one (see ordinance-page.ts). */
  redlineOf?: RedlineLink | undefined;
}

export interface SiteResult {
  /** Every file written, relative to the site's folder. */
  files: string[];
  /** Ordinance folders left out, with why (not built, or another of the same name was published). */
  skipped: { dir: string; reason: string }[];
  /** Ordinances whose lock does not read, with why and where in it when a place says it (shown on their page too). */
  lockProblems: { dir: string; reason: string; line?: number; column?: number }[];
  /**
   * Finals whose built files are not the bytes their lock records, each at its
   * entry in the lock: when there is one, nothing is published (the site that
   * stands stays as it was).
   */
  refused: { lock: string; line: number; column: number; message: string }[];
}

/** One built ordinance, as dist/ holds it. */
interface Built {
  dir: string;
  record: OrdinanceRecord;
  /** Its files in dist/<slug>/ that go on the site, by name. */
  files: string[];
  xref: Pick<Xref, 'directives' | 'references'> | null;
  /** For an adopted final, the sha256 its lock records of each output, by name. */
  locked: Record<string, string> | null;
}

/** The files of a build that the site publishes beside the page: its outputs at the top of its folder but the site's own parts. */
function publishedNames(distDir: string): string[] {
  return readManifest(distDir).filter((f) => !f.includes('/') && f !== SITE_TEXT && f !== SITE_RECORD);
}

/** A build's record.json, or why it cannot be published: not built, or a record that is not what a build writes (its first mistake at its place). */
function readRecord(file: string): OrdinanceRecord | { reason: string } {
  const notBuilt = { reason: 'not built: run `ordinance build` first, and fix its errors' };
  try {
    return readJsonOutput(file, OrdinanceRecordSchema, 'the site record') ?? notBuilt;
  } catch (error) {
    const first = error instanceof FileProblemsError ? error.problems[0] : undefined;
    if (!first) return notBuilt;
    return { reason: `not built by this version: ${first.file}:${first.line}:${first.column}: ${first.message}; run \`ordinance build\` again` };
  }
}

/** A build's xref.json, or null when it has none that reads (the page then shows no cross-references). */
function readXref(file: string): Xref | null {
  try {
    return readJsonOutput(file, XrefSchema, 'the cross-references') ?? null;
  } catch {
    return null;
  }
}

/** Read a file of dist/; its failure is the environment's, one line naming it. */
async function readOutput(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw new EnvironmentError(`cannot read ${file} (${systemReason(error)})`);
  }
}

function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Whether a registry entry names this ordinance: its id is the ordinance's folder, or it is an ordinance cited by the same number. */
function namesOrdinance(directive: Directive, record: OrdinanceRecord): boolean {
  if (directive.meta.id === record.slug) return true;
  if (directive.meta.kind !== 'ordinance' || !record.number) return false;
  const number = record.number.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return directive.meta['cited-as'].some((form) => new RegExp(`(?:^|[^\\w-])${number}(?:$|[^\\w-])`).test(form));
}

/**
 * Assemble `outDir/site/` from the builds in `outDir` of the ordinances of
 * `workspaces`. An ordinance that has not been built (no record.json) is
 * left out and listed in the result; when none has been built, nothing is
 * written.
 */
export async function publishSite(outDir: string, workspaces: Workspace[], options: SiteOptions = {}): Promise<SiteResult> {
  const skipped: SiteResult['skipped'] = [];
  const built: Built[] = [];
  const slugs = new Set<string>();
  for (const dir of workspaces.flatMap((w) => w.ordinances)) {
    const slug = path.basename(path.resolve(dir));
    const distDir = path.join(outDir, slug);
    const record = readRecord(path.join(distDir, SITE_RECORD));
    if ('reason' in record) {
      skipped.push({ dir, reason: record.reason });
      continue;
    }
    if (record.slug !== slug || !existsSync(path.join(distDir, SITE_TEXT))) {
      skipped.push({ dir, reason: 'not built: run `ordinance build` first, and fix its errors' });
      continue;
    }
    if (slugs.has(slug)) {
      skipped.push({ dir, reason: `another ordinance folder named \`${slug}\` is published` });
      continue;
    }
    slugs.add(slug);
    built.push({ dir, record, files: publishedNames(distDir), xref: readXref(path.join(distDir, 'xref.json')), locked: null });
  }
  // Nothing built: no site is written (an empty catalog would take the place of one that was published before).
  if (built.length === 0) return { files: [], skipped, lockProblems: [], refused: [] };
  // An adopted final is published only as its lock records it, byte for byte: one that differs (rebuilt by another tool, or altered) stops the publish.
  const refused: SiteResult['refused'] = [];
  for (const b of built) {
    let locked: LockFile | null = null;
    try {
      locked = readLockFile(b.dir);
    } catch {
      continue; // A lock that does not read is said on the page and as a warning (below).
    }
    if (!locked) continue;
    const distDir = path.join(outDir, b.record.slug);
    const digests: Record<string, string> = {};
    for (const name of readManifest(distDir)) digests[name] = sha256(await readOutput(path.join(distDir, name)));
    for (const mismatch of finalMismatches(locked, digests))
      refused.push({ lock: displayPath(locked.path), line: mismatch.line, column: mismatch.column, message: mismatch.message });
    b.locked = locked.lock.outputs;
  }
  if (refused.length > 0) return { files: [], skipped, lockProblems: [], refused };
  const directives = new Map<string, Directive>();
  for (const workspace of workspaces) {
    if (!existsSync(workspace.registryDir)) continue;
    for (const directive of DirectiveRegistry.fromFiles(workspace.registryDir, loadRegistrySources(workspace.registryDir)).all()) {
      if (!directives.has(directive.meta.id)) directives.set(directive.meta.id, directive);
    }
  }
  const hrefOf = (record: OrdinanceRecord) => `ordinances/${pageName(record.slug)}/index.html`;
  const entries: CatalogEntry[] = built.map((b) => ({ record: b.record, href: hrefOf(b.record) }));

  // What cites each directive, from the builds' cross-references.
  const citedBy = new Map<string, DirectiveCitation[]>();
  for (const b of built) {
    for (const d of b.xref?.directives ?? []) {
      let list = citedBy.get(d.id);
      if (!list) {
        list = [];
        citedBy.set(d.id, list);
      }
      list.push({ slug: b.record.slug, shortTitle: b.record.shortTitle, final: isFinal(b.record.status), href: hrefOf(b.record), relations: d.relations, sections: d.sections });
    }
  }

  const published: Record<string, PublishedFile & { path: string }> = {};
  const outputs: Record<string, Output> = {};
  /** Add a file to the site; its checksum is taken as it is written. */
  const add = (name: string, make: () => Promise<string | Uint8Array> | string | Uint8Array) => {
    outputs[name] = async () => {
      const bytes = await make();
      published[name] = { path: name, name: path.posix.basename(name), sha256: sha256(bytes), size: typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength };
      return bytes;
    };
  };
  const lockProblems: SiteResult['lockProblems'] = [];
  const directivePages = new Set(directives.keys());
  const nameOf = (id: string) => directives.get(id)?.meta['cited-as'][0] ?? id;
  for (const b of built) {
    const folder = `ordinances/${pageName(b.record.slug)}`;
    const distDir = path.join(outDir, b.record.slug);
    for (const name of b.files)
      add(`${folder}/${name}`, async () => {
        const bytes = await readOutput(path.join(distDir, name));
        // What SHA256SUMS lists of a final is its lock's record: a file altered since it was checked above is not published in its place.
        const recorded = b.locked?.[name];
        if (recorded !== undefined && sha256(bytes) !== recorded)
          throw new EnvironmentError(`${path.join(distDir, name)} changed while it was published: its sha256 is no longer ${recorded}, the one its lock records`);
        return bytes;
      });
    // Each version's redline against the version before it, beside the page that links it.
    const versions = ordinanceVersions(b.dir);
    const redlines = new Map<string, string>();
    for (const redline of versionRedlines(b.dir, versions)) {
      add(`${folder}/${redline.file}`, redline.render);
      redlines.set(redline.commit, redline.file);
    }
    const redlineOf: RedlineLink = (slug, version) => options.redlineOf?.(slug, version) ?? redlines.get(version.commit);
    add(`${folder}/index.html`, async () => {
      const lock = readLock(b.dir);
      if (lock.state === 'unreadable') lockProblems.push({ dir: b.dir, reason: lock.reason, ...(lock.line ? { line: lock.line, column: lock.column } : {}) });
      const citing: CitingOrdinance[] = [...directives.values()]
        .filter((d) => namesOrdinance(d, b.record))
        .flatMap((d) => citedBy.get(d.meta.id) ?? [])
        .filter((c) => c.slug !== b.record.slug)
        .map((c) => ({ slug: c.slug, shortTitle: c.shortTitle, href: `../../${c.href}`, sections: c.sections }));
      const digest = b.files.includes('summary.md') ? (await readOutput(path.join(distDir, 'summary.md'))).toString('utf8') : null;
      return ordinancePage({
        record: b.record,
        textHtml: (await readOutput(path.join(distDir, SITE_TEXT))).toString('utf8').trimEnd(),
        xref: b.xref,
        digest,
        files: b.files.flatMap((name) => {
          const file = published[`${folder}/${name}`];
          return file ? [file] : [];
        }),
        lock,
        versions,
        citedBy: citing,
        directivePages,
        nameOf,
        redlineOf,
        lang: b.record.language ?? undefined,
      });
    });
  }
  const sortedDirectives = [...directives.values()].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  for (const directive of sortedDirectives) add(`directives/${pageName(directive.meta.id)}.html`, () => directivePage(directive, citedBy.get(directive.meta.id) ?? []));
  add('directives/index.html', () => directivesIndexPage(sortedDirectives, (id) => citedBy.get(id)?.length ?? 0));
  add('index.html', () => catalogPage(entries, nameOf));
  add('catalog.json', () => catalogJson(entries));
  add('search-index.js', () => searchIndexScript(entries));
  add('assets/site.css', () => readOutput(path.join(TEMPLATES_DIR, 'site', 'site.css')));
  add('assets/catalog.js', () => readOutput(path.join(TEMPLATES_DIR, 'site', 'catalog.js')));
  add('assets/favicon.svg', () => readOutput(path.join(TEMPLATES_DIR, 'site', 'favicon.svg')));
  // Last, over everything written before them.
  add('manifest.json', () => manifestJson(Object.values(published)));
  outputs.SHA256SUMS = async () => sha256Sums(Object.values(published));
  const written = await publishOutputs(outDir, SITE_DIR, outputs);
  const siteDir = path.join(outDir, SITE_DIR);
  return { files: written.map((file) => path.relative(siteDir, file).split(path.sep).join('/')), skipped, lockProblems, refused: [] };
}

/** The site's manifest.json. */
export const SiteManifestSchema = Type.Object(
  {
    manifest: Type.Literal(1, { description: 'The version of this format' }),
    algorithm: Type.Literal('sha256'),
    files: Type.Array(
      Type.Object(
        {
          path: Type.String({ description: "The file's path from the site's top, with forward slashes" }),
          size: Type.Integer({ minimum: 0, description: 'Its size in bytes' }),
          sha256: Type.String({ pattern: '^[0-9a-f]{64}$', expected: 'a sha256 in 64 lowercase hex digits' }),
        },
        { additionalProperties: false },
      ),
      { description: 'Sorted by path' },
    ),
  },
  { additionalProperties: false, title: 'Site manifest', description: "Every file of the site but itself and SHA256SUMS, with its size and SHA-256 (the site's manifest.json)." },
);

export type SiteManifest = Static<typeof SiteManifestSchema>;

/** manifest.json: every file of the site (but itself and SHA256SUMS) with its size and SHA-256, sorted by path. */
function manifestJson(files: { path: string; sha256: string; size: number }[]): string {
  const sorted = [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)).map(({ path: file, size, sha256 }) => ({ path: file, size, sha256 }));
  const manifest: SiteManifest = { manifest: 1, algorithm: 'sha256', files: sorted };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** SHA256SUMS, as `sha256sum -c` reads it: every file of the site but itself, manifest.json included. */
function sha256Sums(files: { path: string; sha256: string }[]): string {
  return [...files]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => `${f.sha256}  ${f.path}\n`)
    .join('');
}
