/**
 * Load: find the ordinances and the registry below the paths a user names,
 * and read their files as vfiles. Nothing here interprets Markdown.
 */
import { closeSync, existsSync, lstatSync, openSync, readdirSync, readFileSync, readlinkSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import { VFile } from 'vfile';
import { report } from '../report/diagnostics.js';
import { BUILD_INDEX, CODE_FILE, GROUP_FILE, ORDINANCE_FILE, OUTPUT_MANIFEST, REGISTRY_FOLDER, type OrdinanceSources, type Workspace } from '../model/workspace.js';
import { decodeUtf8 } from './utf8.js';
import { realPath, walkTree, type WalkEntry } from './walk.js';
import { UsageError } from '../report/failure.js';

const METADATA_FILES = [ORDINANCE_FILE, CODE_FILE];

/**
 * Resolve the user's paths into ordinance folders, grouped by registry.
 * A path is an ordinance folder (it holds ordinance.md or Markdown files), a
 * file inside one, a registry, or a collection: a folder whose sub-folders
 * are ordinances, with its registry in `directives/`. A collection inside a
 * collection (a code beside the ordinances: its titles and its own registry)
 * is one of its own, never an ordinance. A folder that holds collections
 * without being one (a workspace's root holding `ordinance/`) stands for
 * them; its other folders (notes, `dist/`) are not sources.
 */
export function discoverWorkspaces(paths: string[], cwd = process.cwd()): Workspace[] {
  const byRegistry = new Map<string, Set<string>>();
  const stray = new Map<string, Set<string>>();
  const add = (registryDir: string, dir: string) => {
    const set = byRegistry.get(registryDir) ?? new Set<string>();
    set.add(dir);
    byRegistry.set(registryDir, set);
  };
  const addCollection = (dir: string) => {
    const registryDir = path.join(dir, REGISTRY_FOLDER);
    const children = subFolders(dir);
    for (const child of children) {
      if (isCollection(child)) addCollection(child);
      else add(registryDir, child);
    }
    const strays = markdownFiles(dir).filter(hasFrontMatter);
    if (strays.length > 0) stray.set(registryDir, new Set([...(stray.get(registryDir) ?? []), ...strays]));
    if (children.length === 0) add(registryDir, '');
  };
  for (const given of paths) {
    const abs = path.resolve(cwd, given);
    if (!existsSync(abs)) throw new UsageError(`no such file or folder: ${given}`);
    const stat = statSync(abs);
    const dir = stat.isDirectory() ? abs : path.dirname(abs);
    if (path.basename(dir) === REGISTRY_FOLDER) {
      add(dir, '');
      continue;
    }
    if (isOrdinanceFolder(dir)) {
      add(path.join(path.dirname(dir), REGISTRY_FOLDER), dir);
      continue;
    }
    const children = subFolders(dir);
    if (children.length === 0 && !existsSync(path.join(dir, REGISTRY_FOLDER))) {
      // An empty folder named directly is an empty ordinance: reported, not skipped.
      if (!isBuildOutput(dir)) add(path.join(path.dirname(dir), REGISTRY_FOLDER), dir);
      continue;
    }
    const collections = isCollection(dir) ? [] : children.filter(isCollection);
    if (collections.length > 0) for (const collection of collections) addCollection(collection);
    else addCollection(dir);
  }
  return [...byRegistry].map(([registryDir, dirs]) => ({
    registryDir: path.relative(cwd, registryDir) || '.',
    ordinances: [...dirs]
      .filter(Boolean)
      .map((d) => path.relative(cwd, d) || '.')
      .sort(),
    ...(stray.has(registryDir) ? { stray: [...stray.get(registryDir)!].map((f) => path.relative(cwd, f)).sort() } : {}),
  }));
}

/** The sub-folders of `dir` that may hold sources, in name order: not hidden, not the registry, not installed packages, not a build's output. */
function subFolders(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && !e.name.startsWith('.') && e.name !== REGISTRY_FOLDER && e.name !== 'node_modules')
    .map((e) => path.join(dir, e.name))
    .filter((folder) => !isBuildOutput(folder))
    .sort();
}

/** Whether `dir` holds the metadata file of an ordinance or a code title. */
function hasMetadata(dir: string): boolean {
  return METADATA_FILES.some((n) => existsSync(path.join(dir, n)));
}

/**
 * Whether `dir` is a collection: not an ordinance, and it holds a registry or
 * folders with ordinance.md or code.md (an imported code holds both: its
 * `directives/` and its titles).
 */
function isCollection(dir: string): boolean {
  if (hasMetadata(dir)) return false;
  if (existsSync(path.join(dir, REGISTRY_FOLDER))) return true;
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && !e.name.startsWith('.') && hasMetadata(path.join(dir, e.name)));
}

/**
 * Whether `dir` is a build's output (`dist/`, or what `--out` named): it
 * holds the index or an output manifest, or its folders hold manifests.
 * Its `summary.md` files are outputs, never sections.
 */
function isBuildOutput(dir: string): boolean {
  if (hasMetadata(dir)) return false;
  if (existsSync(path.join(dir, BUILD_INDEX)) || existsSync(path.join(dir, OUTPUT_MANIFEST))) return true;
  return readdirSync(dir, { withFileTypes: true }).some((e) => e.isDirectory() && existsSync(path.join(dir, e.name, OUTPUT_MANIFEST)));
}

/** Whether a Markdown file opens with front matter: a source (a section, an ordinance.md), not notes. */
function hasFrontMatter(file: string): boolean {
  try {
    const fd = openSync(file, 'r');
    try {
      const head = Buffer.alloc(8);
      const length = readSync(fd, head, 0, head.length, 0);
      return /^(\uFEFF)?---\r?\n/.test(head.subarray(0, length).toString('utf8'));
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
}

/** A source file that lies beside the ordinance folders, in none: a warning on it, so it is not silently left out. */
export function strayFile(file: string): VFile {
  const vfile = new VFile({ path: file, value: '' });
  report(
    vfile,
    'source-file',
    `Unexpected section or ordinance file \`${path.basename(file)}\` beside the ordinance folders, expected it inside an ordinance folder (it belongs to no ordinance, so it is neither checked nor built)`,
    { place: { line: 1, column: 1 }, severity: 'warning' },
  );
  return vfile;
}

/**
 * Whether `dir` is one ordinance: it holds ordinance.md (or code.md); or,
 * lacking it, Markdown files, and it neither is nor holds a collection. A
 * folder of ordinances, or a workspace's root holding one, stays what it is
 * whatever Markdown lies beside (a README, notes): such files belong to no
 * ordinance.
 */
function isOrdinanceFolder(dir: string): boolean {
  if (hasMetadata(dir)) return true;
  if (!readdirSync(dir, { withFileTypes: true }).some((e) => e.name.endsWith('.md') && e.name !== 'README.md')) return false;
  return !isCollection(dir) && !subFolders(dir).some(isCollection);
}

/**
 * Read one file as a vfile. A file that is not UTF-8, or that cannot be read
 * as a source at all (a folder or a pipe where a file must be, a link that
 * dangles or leaves `workspace`), comes back empty with an error on it.
 */
export function readSourceFile(filePath: string, workspace?: string): VFile {
  const problem = sourceProblem(filePath, workspace);
  if (problem) return unreadable(filePath, problem.ruleId, problem.reason);
  let bytes: Buffer;
  try {
    bytes = readFileSync(filePath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    return unreadable(filePath, 'source-file', `Unexpected unreadable file (${code}), expected a Markdown file the build can read`);
  }
  const decoded = decodeUtf8(bytes);
  if (decoded.ok) return new VFile({ path: filePath, value: decoded.text });
  const file = new VFile({ path: filePath, value: '' });
  report(file, 'source-encoding', `Unexpected byte 0x${decoded.byte.toString(16).padStart(2, '0')}, expected UTF-8 text (save the file as UTF-8)`, {
    place: { line: decoded.line, column: decoded.column },
  });
  return file;
}

function unreadable(filePath: string, ruleId: string, reason: string): VFile {
  const file = new VFile({ path: filePath, value: '' });
  report(file, ruleId, reason, { place: { line: 1, column: 1 } });
  return file;
}

/** Why `filePath` cannot be read as a source file, or null when it can. Never reads it (a pipe would block). */
function sourceProblem(filePath: string, workspace: string | undefined): { ruleId: string; reason: string } | null {
  let stat = lstatSync(filePath, { throwIfNoEntry: false });
  if (!stat) return { ruleId: 'source-file', reason: 'Unexpected missing file, expected a Markdown file' };
  if (stat.isSymbolicLink()) {
    const problem = linkProblem(filePath, realPath(filePath), workspace);
    if (problem) return { ruleId: 'source-link', reason: problem };
    stat = statSync(filePath);
  }
  if (stat.isFile()) return null;
  const kind = stat.isDirectory() ? 'folder' : stat.isFIFO() ? 'named pipe' : stat.isSocket() ? 'socket' : 'device';
  return { ruleId: 'source-file', reason: `Unexpected ${kind} \`${path.basename(filePath)}\`, expected a Markdown file` };
}

/** Why a link cannot be followed (it dangles, or leads out of the workspace), or null when it can. */
function linkProblem(linkPath: string, target: string | null, workspace: string | undefined): string | null {
  const written = readlinkSync(linkPath);
  if (target === null) return `Unexpected dangling link to \`${written}\`, expected a link to a file or folder that exists`;
  if (workspace && !inside(target, workspace)) {
    return `Unexpected link to \`${written}\` outside the workspace \`${path.relative(process.cwd(), workspace) || '.'}\`, expected a link to a file or folder inside it`;
  }
  return null;
}

/** Whether `target` is `folder` or lies below it (both real paths). */
export function inside(target: string, folder: string): boolean {
  return target === folder || target.startsWith(folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`);
}

/** The workspace a folder of ordinances or the registry belongs to: its parent, links resolved. */
export function workspaceOf(dir: string): string {
  const parent = path.dirname(path.resolve(dir));
  return realPath(parent) ?? parent;
}

/** Markdown entries of a folder in name order, README.md excluded. */
export function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return (
    readdirSync(dir, { withFileTypes: true })
      // Links, pipes and folders too: reading them reports what is wrong with them, never skips them.
      .filter((e) => e.name.endsWith('.md') && e.name !== 'README.md')
      .map((e) => e.name)
      .sort()
      .map((name) => path.join(dir, name))
  );
}

/** Section files, group folders and problems (links that dangle or leave `workspace`) below `root`, in document order. */
function walkSections(root: string, workspace: string, sections: string[], groups: Map<string, string>, problems: VFile[]): void {
  const usable = (entry: WalkEntry) => !entry.isSymlink || (entry.target !== null && entry.target !== undefined && inside(entry.target, workspace) && !entry.loops);
  // A folder where the metadata file should be is reported when it is read, not walked as a group.
  const descend = (folder: WalkEntry) => usable(folder) && !(folder.depth === 1 && METADATA_FILES.includes(folder.name));
  // A folder that cannot be read is an error at its place; the sections around it are still read.
  const onUnreadable = (folder: string, error: NodeJS.ErrnoException) =>
    problems.push(unreadable(folder, 'source-file', `Unexpected unreadable folder (${error.code ?? error.message}), expected a folder the build can read`));
  for (const entry of walkTree(root, { skipHidden: true, descend, onUnreadable })) {
    const markdown = entry.name.endsWith('.md') && entry.name !== 'README.md';
    if (!usable(entry) && !(markdown && !entry.isDirectory)) {
      problems.push(linkProblemFile(entry, workspace));
    } else if (entry.isDirectory) {
      const group = path.join(entry.path, GROUP_FILE);
      if (exists(group)) groups.set(path.relative(root, entry.path), group);
    } else if (markdown) {
      // Any entry named as a section is one, whatever it is: reading it reports a pipe or a dangling link, never skips it.
      const atRoot = entry.depth === 1;
      if (atRoot && METADATA_FILES.includes(entry.name)) continue;
      if (!atRoot && entry.name === GROUP_FILE) continue;
      sections.push(entry.path);
    }
  }
}

/** Whether `file` exists (links not followed); false when its folder cannot be read, which the walk reports. */
function exists(file: string): boolean {
  try {
    return lstatSync(file, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** A link the walk does not follow, with its error. */
function linkProblemFile(entry: WalkEntry, workspace: string): VFile {
  const reason = entry.loops
    ? `Unexpected link to \`${readlinkSync(entry.path)}\`, a folder that holds it, expected a link to a folder beside or below it`
    : (linkProblem(entry.path, entry.target ?? null, workspace) ?? 'Unexpected link, expected a file or folder');
  return unreadable(entry.path, 'source-link', reason);
}

/** How a source file is read: `readSourceFile`, or a caller's that knows better (the language server's: the editor's text, or what it read before of a file unchanged on disk). */
export type ReadSource = (filePath: string, workspace: string) => VFile;

/** Read an ordinance folder. */
export function loadOrdinanceSources(dir: string, read: ReadSource = readSourceFile): OrdinanceSources {
  const folder = new VFile({ path: dir, value: '' });
  const workspace = workspaceOf(dir);
  const metadataPath = METADATA_FILES.map((n) => path.join(dir, n)).find((p) => lstatSync(p, { throwIfNoEntry: false }));
  const ordinanceFile = metadataPath ? read(metadataPath, workspace) : null;
  const sectionPaths: string[] = [];
  const groupPaths = new Map<string, string>();
  const problems: VFile[] = [];
  if (existsSync(dir)) walkSections(dir, workspace, sectionPaths, groupPaths, problems);
  const sectionFiles = sectionPaths.map((p) => read(p, workspace));
  const groupFiles = new Map([...groupPaths].map(([key, file]) => [key, read(file, workspace)]));
  if (!ordinanceFile && sectionFiles.length === 0) {
    report(folder, 'empty-ordinance', `Unexpected empty ordinance folder, expected \`${ORDINANCE_FILE}\` and one Markdown file per section`, {
      place: { line: 1, column: 1 },
    });
  } else if (!ordinanceFile) {
    report(folder, 'empty-ordinance', `Missing \`${ORDINANCE_FILE}\`, expected the ordinance's metadata (title, status, jurisdiction...) in it`, {
      place: { line: 1, column: 1 },
    });
  } else if (sectionFiles.length === 0) {
    report(ordinanceFile, 'empty-ordinance', 'Unexpected ordinance without sections, expected one Markdown file per section beside `ordinance.md`', {
      place: { line: 1, column: 1 },
    });
  }
  return { slug: path.basename(path.resolve(dir)), dir, ordinanceFile, sectionFiles, groupFiles, folder, problems };
}

/** Read the registry folder's entries. */
export function loadRegistrySources(registryDir: string): VFile[] {
  const workspace = workspaceOf(registryDir);
  return markdownFiles(registryDir).map((file) => readSourceFile(file, workspace));
}
