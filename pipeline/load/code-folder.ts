/**
 * The code an amending ordinance amends, found and indexed: a folder of the
 * workspace holding a code's titles as `ordinance import dc-code` writes them
 * (each title a folder with code.md, chapters as nested folders, each section
 * a file named `NN-<id>.md`), or one such title. An ordinance names it in its
 * front matter: `amends-code: dc-code`, relative to the folder that holds the
 * ordinance folders (the workspace). The amend stage gets the index, and reads
 * a section's file through it.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import path from 'node:path';
import { SECTION_FILE, type CodeIndex } from '../amend/code-index.js';
import type { CodeToAmend } from '../amend/amend-ordinance.js';
import { CODE_FILE, REGISTRY_FOLDER } from '../model/workspace.js';
import type { Ordinance } from '../model/types.js';

/**
 * Where an ordinance's `amends-code` points, or why it cannot be used. A code
 * a source names must lie inside the workspace, its symbolic links followed:
 * `amends-code: ../../elsewhere` or `/` is refused before anything there is
 * read (a code named on the command line, `--code`, is the user's own choice).
 */
export function resolveCodeFolder(workspace: string, named: string, confined = true): { root: string } | { error: string } {
  const root = path.resolve(workspace, named);
  if (!existsSync(root) || !statSync(root).isDirectory()) return { error: `no folder \`${named}\` in the workspace (${path.relative(process.cwd(), root) || '.'})` };
  if (confined && !inside(realpathSync(workspace), realpathSync(root)))
    return { error: `the folder \`${named}\` lies outside the workspace (${path.relative(process.cwd(), root) || '.'}): a code an ordinance amends is kept beside it` };
  return { root };
}

/** Whether `file` is `folder` or lies below it. */
function inside(folder: string, file: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

/** The largest section file read from a code (a larger one is not the code's text). */
export const MAX_CODE_FILE_BYTES = 16 * 1024 * 1024;

/** A code's section file, read as text: a regular file inside the code, of a sane size, or an error saying which it is not. */
function readCodeFile(root: string, file: string): string {
  const full = path.join(root, file);
  const stat = lstatSync(full);
  if (!stat.isFile()) throw new Error(`${file} in the code is not a regular file`);
  if (stat.size > MAX_CODE_FILE_BYTES) throw new Error(`${file} in the code is ${stat.size} bytes, more than the ${MAX_CODE_FILE_BYTES} a section file may hold`);
  return readFileSync(full, 'utf8');
}

/** Index a code's section files (names only: the files are read when an instruction targets them). */
export function loadCode(root: string): CodeIndex {
  const sections = new Map<string, string>();
  const walk = (dir: string, rel: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name.startsWith('.') || entry.name === REGISTRY_FOLDER || entry.name === 'node_modules') continue;
      const relative = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(path.join(dir, entry.name), relative);
      // Only regular files are sections: a link is never followed out of the code.
      else if (entry.isFile()) {
        const match = SECTION_FILE.exec(entry.name);
        if (match && !sections.has(match[2]!)) sections.set(match[2]!, relative);
      }
    }
  };
  // Only titles hold sections: the root when it is one, else the titles in it (an ordinance's own section files beside them are not the code's).
  if (existsSync(path.join(root, CODE_FILE))) walk(root, '');
  else
    for (const entry of readdirSync(root, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)))
      if (entry.isDirectory() && existsSync(path.join(root, entry.name, CODE_FILE))) walk(path.join(root, entry.name), entry.name);
  return { root, sections, read: (file) => readCodeFile(root, file) };
}

/** The code `ordinance` amends (`code`, relative to the working directory, in place of its `amends-code`): indexed, or why it cannot be; nothing for a code title or an ordinance that names none. */
export function codeToAmend(ordinance: Ordinance, code?: string): CodeToAmend {
  const named = ordinance.meta.type === 'code-title' ? undefined : (code ?? ordinance.meta['amends-code']);
  if (!named) return { named: false, index: null };
  const found = resolveCodeFolder(code !== undefined ? process.cwd() : path.dirname(path.resolve(ordinance.dir)), named, code === undefined);
  return 'error' in found ? { named: true, index: null, error: found.error } : { named: true, index: loadCode(found.root) };
}

/** The folder of the code an ordinance names in `amends-code:` (read from its ordinance.md without parsing it), or null when it names none. */
export function amendedCodeRoot(ordinanceDir: string): string | null {
  const file = path.join(ordinanceDir, 'ordinance.md');
  if (!existsSync(file)) return null;
  const named = /^amends-code:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(readFileSync(file, 'utf8'))?.[1];
  if (!named) return null;
  const found = resolveCodeFolder(path.dirname(path.resolve(ordinanceDir)), named);
  return 'root' in found ? found.root : null;
}

/**
 * What the findings of an ordinance folder depend on beyond its own files:
 * the code it names (`amends-code:`), as the sizes and times of the code's
 * files. Part of the check cache's key, so a changed code is checked again.
 */
export function codeSignature(ordinanceDir: string): string {
  const root = amendedCodeRoot(ordinanceDir);
  if (!root) return '';
  const hash = createHash('sha256').update(root);
  const walk = (dir: string) => {
    const entries = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) {
        const stat = statSync(full);
        hash.update(`${path.relative(root, full)}\0${stat.size}\0${stat.mtimeMs}\n`);
      }
    }
  };
  if (existsSync(root) && statSync(root).isDirectory()) walk(root);
  return `|code:${hash.digest('hex')}`;
}
