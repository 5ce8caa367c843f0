/**
 * The editor's session over a workspace: the documents the editor holds
 * (unsaved text included) laid over the files on disk, each ordinance folder
 * checked in-process with the same stages, rules and configuration as
 * `ordinance check`, and the last check of each folder kept for hover,
 * navigation, the outline and completion. This is the shell's side: it
 * reads folders and files; what each feature answers is editor/ (pure).
 */
import { existsSync, lstatSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import type { ProjectConfig } from '../config/project-config.js';
import { amendedCodeRoot } from '../load/code-folder.js';
import { inAdoptedOrdinance } from '../history/final.js';
import { findConfig, loadConfig } from '../load/config-file.js';
import { loadOrdinanceSources, loadRegistrySources, readSourceFile, type ReadSource } from '../load/sources.js';
import { jurisdictionIds, templateOf } from '../load/templates.js';
import { CODE_FILE, ORDINANCE_FILE, REGISTRY_FOLDER, type OrdinanceSources } from '../model/workspace.js';
import { DirectiveRegistry } from '../registry/registry.js';
import { collectDiagnostics, type Diagnostic } from '../report/diagnostics.js';
import { FileProblemsError } from '../schema/problems.js';
import { compileOrdinance, type OrdinanceResult } from '../runner/pipeline.js';
import { type Memos, openMemos } from '../runner/memos.js';
import { defaultCacheLocation } from '../cache/analysis-cache.js';
import type { Vocabulary } from '../template/template-schema.js';
import type { Marks } from '../compare/diff-markdown.js';
import { vocabularyOf } from '../template/vocabulary.js';
import { rules } from '../validate/rules/index.js';
import type { DirectiveRelation } from '../xref/relations.js';

/** A checked ordinance folder: its findings by file, and its model for the features. */
export interface FolderCheck {
  folder: string;
  /** Every file of the folder, with the findings on it (none for a clean file). */
  findings: Map<string, Diagnostic[]>;
  result: OrdinanceResult | null;
  relations: readonly DirectiveRelation[];
  vocabulary: Vocabulary;
  /** How the ordinance's form marks struck words ("((" and "))", or none). */
  marks: Marks;
}

/** Where a file stands in a workspace: in an ordinance folder, in a registry, or in neither. */
export type FilePlace = { kind: 'ordinance'; folder: string } | { kind: 'registry'; dir: string } | null;

export class EditorSession {
  /** The editor's text of each open document, by absolute path. */
  private readonly open = new Map<string, string>();
  private readonly registries = new Map<string, DirectiveRegistry>();
  /** The registry whose findings were last given out, by its folder. */
  private readonly reported = new Map<string, DirectiveRegistry>();
  private readonly checks = new Map<string, FolderCheck>();
  private readonly configs = new Map<string, ProjectConfig>();
  /** Each folder's memos, open for the session: a keystroke's check reads the unchanged files' analyses from memory. */
  private readonly memos = new Map<string, Memos>();
  /** The text of each file of a folder as last read from disk, with the stamp it had then (`reader`). */
  private readonly texts = new Map<string, Map<string, { stamp: string; text: string }>>();
  /** The folders checked, the most recent last: only the last few keep their model and memos (`MODELS_KEPT`). */
  private readonly recent: string[] = [];

  /** The editor opened or changed a document. */
  setText(file: string, text: string): void {
    this.open.set(path.resolve(file), text);
    if (this.placeOf(file)?.kind === 'registry') this.registries.clear();
  }

  /** The editor closed a document: the file on disk stands again. */
  forget(file: string): void {
    this.open.delete(path.resolve(file));
    if (this.placeOf(file)?.kind === 'registry') this.registries.clear();
  }

  /** A file changed on disk (saved, created, removed): what was read of it is read again. */
  changedOnDisk(file: string): void {
    if (this.placeOf(file)?.kind === 'registry') this.registries.clear();
  }

  /**
   * `file` as the checks name it: relative to the server's working folder
   * when it lies below it (as `ordinance check` run there names it, so a
   * finding reads the same in the editor as in the terminal), else absolute.
   */
  modelPath(file: string): string {
    const relative = path.relative(process.cwd(), path.resolve(file));
    return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : path.resolve(file);
  }

  /** The editor's text of `file`, or the file's on disk. */
  textOf(file: string): string | undefined {
    return this.open.get(path.resolve(file));
  }

  /** Where `file` stands: the ordinance folder that holds it (the nearest folder up with ordinance.md or code.md), or the registry. */
  placeOf(file: string): FilePlace {
    let dir = path.dirname(path.resolve(file));
    if (path.basename(dir) === REGISTRY_FOLDER) return { kind: 'registry', dir };
    for (let up = dir; ; up = path.dirname(up)) {
      if (existsSync(path.join(up, ORDINANCE_FILE)) || existsSync(path.join(up, CODE_FILE))) return { kind: 'ordinance', folder: up };
      if (existsSync(path.join(up, REGISTRY_FOLDER)) || path.dirname(up) === up) break;
    }
    // A folder of sections without ordinance.md, beside the registry: an ordinance all the same.
    dir = path.dirname(path.resolve(file));
    return existsSync(path.join(path.dirname(dir), REGISTRY_FOLDER)) ? { kind: 'ordinance', folder: dir } : null;
  }

  /** The ordinance folders checked so far in the workspace of `registryDir`: those a registry edit may change. */
  foldersOf(registryDir: string): string[] {
    return [...this.checks.keys()].filter((folder) => registryOf(folder) === registryDir);
  }

  /**
   * The ordinance folders checked so far that amend the code `file` belongs
   * to: an edit of a code section changes what their instructions apply to
   * (the amend stage reads the code as saved).
   */
  amendersOf(file: string): string[] {
    const resolved = path.resolve(file);
    return [...this.checks.keys()].filter((folder) => {
      const root = amendedCodeRoot(folder);
      return root !== null && resolved.startsWith(`${path.resolve(root)}${path.sep}`);
    });
  }

  /** The last check of `folder`, if any. */
  lastCheck(folder: string): FolderCheck | undefined {
    return this.checks.get(folder);
  }

  /** The registry of the workspace `registryDir` heads, with the editor's text of its open entries. */
  registry(registryDir: string): DirectiveRegistry {
    let registry = this.registries.get(registryDir);
    if (!registry) {
      const dir = this.modelPath(registryDir);
      const files = existsSync(registryDir) ? loadRegistrySources(dir).map((file) => this.overlaid(file)) : [];
      registry = DirectiveRegistry.fromFiles(dir, files);
      this.registries.set(registryDir, registry);
    }
    return registry;
  }

  /**
   * The registry's own findings (a broken entry), by file, when it was read
   * anew since they were last asked for (an entry edited); else none: a
   * keystroke in a section does not publish the registry's thousands of files again.
   */
  registryFindings(registryDir: string): Map<string, Diagnostic[]> {
    const registry = this.registry(registryDir);
    if (this.reported.get(registryDir) === registry) return new Map();
    this.reported.set(registryDir, registry);
    return byFile(
      registry.files,
      registry.files.map((file) => file.path),
    );
  }

  /**
   * Check `folder` as `ordinance check` does, the editor's text in place of
   * the files it holds open. A mistake in the configuration or a template is
   * a finding at its place, never the end of the session.
   */
  async check(folder: string): Promise<FolderCheck> {
    const registryDir = registryOf(folder);
    let sources: OrdinanceSources;
    let result: OrdinanceResult | null = null;
    let problems: Diagnostic[] = [];
    let known: string[] = [];
    try {
      sources = loadOrdinanceSources(this.modelPath(folder), this.reader(folder));
      known = [sources.ordinanceFile, ...sources.groupFiles.values(), ...sources.sectionFiles].flatMap((f) => (f ? [f.path] : []));
      const config = this.configOf(registryDir);
      let memos = this.memos.get(folder);
      if (!memos) {
        memos = openMemos(sources.dir, defaultCacheLocation(), { warm: true });
        this.memos.set(folder, memos);
      }
      result = await compileOrdinance(sources, this.registry(registryDir), { build: false, outDir: '', memos, config });
    } catch (error) {
      if (!(error instanceof FileProblemsError)) throw error;
      problems = error.problems.map((p) => ({ file: path.resolve(p.file), line: p.line, column: p.column, severity: 'error', message: p.message, ruleId: 'configuration' }));
    }
    const findings = byFile(result?.files ?? [], known);
    for (const problem of problems) findings.set(problem.file, [...(findings.get(problem.file) ?? []), problem]);
    const ordinance = result?.ordinance ?? null;
    const template = ordinance ? safeTemplate(ordinance.meta) : undefined;
    const vocabulary = vocabularyOf(template?.jurisdiction);
    const marks = { deletionOpen: template?.layout.amendment.deletionOpen ?? '', deletionClose: template?.layout.amendment.deletionClose ?? '' };
    const check: FolderCheck = { folder, findings, result, relations: result?.relations ?? [], vocabulary, marks };
    this.checks.set(folder, check);
    this.keepRecent(folder);
    return check;
  }

  /**
   * Keep the model and the memos of the folders checked last, and only the
   * findings of the others: a workspace of 41 code titles would not fit in
   * memory whole. A folder whose model was let go is checked again when the
   * editor next asks about it (`hasModel`).
   */
  private keepRecent(folder: string): void {
    const at = this.recent.indexOf(folder);
    if (at >= 0) this.recent.splice(at, 1);
    this.recent.push(folder);
    while (this.recent.length > MODELS_KEPT) {
      const older = this.recent.shift()!;
      this.memos.delete(older);
      this.texts.delete(older);
      const check = this.checks.get(older);
      if (check) this.checks.set(older, { ...check, result: null, relations: [] });
    }
  }

  /** Whether the last check of `folder` still holds its model (hover, navigation, completion need it). */
  hasModel(folder: string): boolean {
    return Boolean(this.checks.get(folder)?.result?.ordinance);
  }

  /** Whether `file` belongs to an adopted ordinance, as `check --fix` decides it: its words are law, never edited by a fix or a rename. */
  isAdopted(file: string): boolean {
    return inAdoptedOrdinance(file);
  }

  /** The jurisdiction templates' ids, for completion. */
  jurisdictions(): string[] {
    return jurisdictionIds();
  }

  private configOf(registryDir: string): ProjectConfig {
    let config = this.configs.get(registryDir);
    if (!config) {
      config = loadConfig(findConfig(path.dirname(registryDir)), rules);
      this.configs.set(registryDir, config);
    }
    return config;
  }

  private overlaid(file: VFile): VFile {
    const text = this.open.get(path.resolve(file.path));
    return text === undefined ? file : new VFile({ path: file.path, value: text });
  }

  /**
   * How the files of `folder` are read for a check: the editor's text of an
   * open document; else the text read before, while the file's size, time
   * of change and inode are those it had then (a keystroke's check reads
   * none of the folder's thousands of files again); else the file.
   */
  private reader(folder: string): ReadSource {
    let texts = this.texts.get(folder);
    if (!texts) {
      texts = new Map();
      this.texts.set(folder, texts);
    }
    const known = texts;
    return (filePath, workspace) => {
      const text = this.open.get(path.resolve(filePath));
      if (text !== undefined) return new VFile({ path: filePath, value: text });
      const stat = lstatSync(filePath, { throwIfNoEntry: false });
      const stamp = stat?.isFile() ? `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}` : undefined;
      const before = known.get(filePath);
      if (stamp && before?.stamp === stamp) return new VFile({ path: filePath, value: before.text });
      const file = readSourceFile(filePath, workspace);
      if (stamp && file.messages.length === 0) known.set(filePath, { stamp, text: String(file.value) });
      else known.delete(filePath);
      return file;
    };
  }
}

/** How many folders keep their model and memos at once: the ones being edited, and a few beside them. */
const MODELS_KEPT = 4;

/** The registry of the workspace an ordinance folder belongs to: `directives/` beside it. */
export function registryOf(folder: string): string {
  return path.join(path.dirname(folder), REGISTRY_FOLDER);
}

/** The findings of `files` by absolute path, every one of `known` listed (empty when clean), so a finding fixed is cleared. */
function byFile(files: readonly VFile[], known: readonly string[]): Map<string, Diagnostic[]> {
  const found = new Map<string, Diagnostic[]>(known.map((file) => [path.resolve(file), []]));
  for (const diagnostic of collectDiagnostics(files)) {
    const file = path.resolve(diagnostic.file);
    found.set(file, [...(found.get(file) ?? []), diagnostic]);
  }
  return found;
}

/** The ordinance's template, or undefined where it has none (a jurisdiction without one is a finding already). */
function safeTemplate(meta: Parameters<typeof templateOf>[0]) {
  try {
    return templateOf(meta);
  } catch {
    return undefined;
  }
}
