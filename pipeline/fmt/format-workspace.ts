/**
 * `fmt` over the sources a user names: every ordinance's files (metadata,
 * groups, sections) and the registry's entries, or the Markdown files named
 * one by one. An adopted or effective ordinance is the enacted record and is
 * left as it is (it changes by a new ordinance); an imported code title is
 * the living code and is formatted like a draft.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { parse as parseYaml } from 'yaml';
import { discoverWorkspaces, loadOrdinanceSources, loadRegistrySources, readSourceFile } from '../load/sources.js';
import { CODE_FILE, UNREADABLE } from '../model/workspace.js';
import { type FormattedSource, formatFileText } from './format-source.js';

/** What fmt found for one source file. */
export interface SourceFormatting {
  /** The file, relative to the working directory. */
  file: string;
  /** `formatted`: canonical text differs from the file; `canonical`: already canonical; `unreadable`: could not be read (check reports why); `enacted`: part of an adopted or effective ordinance, left as it is; `kept`: no canonical form keeps its meaning. */
  outcome: 'formatted' | 'canonical' | 'unreadable' | 'enacted' | 'kept';
  /** The canonical text, for `formatted`. */
  text?: string;
}

/** The statuses of an ordinance whose text is the enacted record. */
const ENACTED = new Set(['adopted', 'effective']);

/** Every source file below `paths` (default ordinance/), each with what formatting it would give. */
export function formatPaths(paths: string[]): SourceFormatting[] {
  const results: SourceFormatting[] = [];
  const seen = new Set<string>();
  const add = (file: VFile, enacted: boolean) => {
    const name = path.relative(process.cwd(), file.path);
    if (seen.has(path.resolve(file.path))) return;
    seen.add(path.resolve(file.path));
    if (file.messages.some((m) => UNREADABLE.has(String(m.ruleId)))) results.push({ file: name, outcome: 'unreadable' });
    else if (enacted) results.push({ file: name, outcome: 'enacted' });
    else {
      // Decoding drops a byte-order mark; the file keeps it.
      const bom = startsWithBom(file.path) ? '\uFEFF' : '';
      const formatted = formatFileText(String(file.value));
      results.push(outcomeOf(name, bom + String(file.value), { ...formatted, text: bom + formatted.text }));
    }
  };
  const given = paths.length ? paths : ['ordinance'];
  for (const file of given.filter((p) => statSync(p, { throwIfNoEntry: false })?.isFile() && p.endsWith('.md'))) {
    add(readSourceFile(file), enactedFolder(path.dirname(file)));
  }
  const folders = given.filter((p) => !(statSync(p, { throwIfNoEntry: false })?.isFile() && p.endsWith('.md')));
  for (const workspace of folders.length ? discoverWorkspaces(folders) : []) {
    for (const file of loadRegistrySources(workspace.registryDir)) add(file, false);
    for (const dir of workspace.ordinances) {
      const sources = loadOrdinanceSources(dir);
      const enacted = sources.ordinanceFile ? isEnacted(sources.ordinanceFile) : false;
      for (const file of [sources.ordinanceFile, ...sources.groupFiles.values(), ...sources.sectionFiles]) if (file) add(file, enacted);
    }
  }
  return results;
}

function outcomeOf(file: string, source: string, formatted: FormattedSource): SourceFormatting {
  if (formatted.how === 'unchanged') return { file, outcome: 'kept' };
  return formatted.text === source ? { file, outcome: 'canonical' } : { file, outcome: 'formatted', text: formatted.text };
}

/** Whether a file begins with the UTF-8 byte-order mark (EF BB BF). */
function startsWithBom(file: string): boolean {
  const head = Buffer.alloc(3);
  const fd = openSync(file, 'r');
  try {
    return readSync(fd, head, 0, 3, 0) === 3 && head.equals(Buffer.from([0xef, 0xbb, 0xbf]));
  } finally {
    closeSync(fd);
  }
}

/** Whether the ordinance folder holding a file (or a group folder in it) is enacted. */
function enactedFolder(dir: string): boolean {
  for (let at = path.resolve(dir); at !== path.dirname(at); at = path.dirname(at)) {
    for (const name of ['ordinance.md', CODE_FILE]) {
      if (statSync(path.join(at, name), { throwIfNoEntry: false })?.isFile()) return isEnacted(readSourceFile(path.join(at, name)));
    }
  }
  return false;
}

/** Whether an ordinance's metadata file says it is adopted or effective (a code title never is: it is the living code). */
function isEnacted(metadata: VFile): boolean {
  if (path.basename(metadata.path) === CODE_FILE) return false;
  const frontMatter = /^\uFEFF?---\r?\n([\s\S]*?)\r?\n---\r?$/m.exec(String(metadata.value));
  try {
    const data = frontMatter ? (parseYaml(frontMatter[1]!) as { status?: unknown } | null) : null;
    return ENACTED.has(String(data?.status));
  } catch {
    return false;
  }
}
