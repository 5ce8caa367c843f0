/**
 * An ordinance at a version (a git revision, or the working tree), modelled
 * and resolved as `check` models it, and two versions compared: what
 * `ordinance diff` reports and the redline prints.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { VFile } from 'vfile';
import { loadRegistrySources } from '../load/sources.js';
import { REGISTRY_FOLDER } from '../model/workspace.js';
import type { Ordinance } from '../model/types.js';
import { modelSources } from '../analyze/parse-ordinance.js';
import { DirectiveRegistry } from '../registry/registry.js';
import { resolveOrdinance } from '../resolve/resolve-ordinance.js';
import { diffOrdinances, PLAIN_FORM, redlineForm, type ComparedOrdinances } from '../compare/diff.js';
import { sourcesAt } from './git.js';
import { jurisdictionContext, templateOf } from '../load/templates.js';
import { checkImages } from '../load/image-files.js';

/** The ordinance in `dir` at `commit` (null: the working tree), modelled; null when it did not exist then. Its source files, with what parsing found in them, go to `files` when given. */
export function ordinanceAt(dir: string, commit: string | null, files?: VFile[]): Ordinance | null {
  const sources = sourcesAt(dir, commit);
  if (!sources) return null;
  const ordinance = modelSources(sources);
  if (ordinance) checkImages(ordinance);
  files?.push(sources.folder, ...(sources.ordinanceFile ? [sources.ordinanceFile] : []), ...sources.sectionFiles, ...sources.groupFiles.values(), ...sources.problems);
  return ordinance;
}

/** The registry of the workspace an ordinance folder stands in (its `directives/` beside it; empty when there is none). */
export function registryBeside(dir: string): DirectiveRegistry {
  const registryDir = path.join(path.dirname(path.resolve(dir)), REGISTRY_FOLDER);
  return DirectiveRegistry.fromFiles(registryDir, existsSync(registryDir) ? loadRegistrySources(registryDir) : []);
}

/**
 * The ordinance in `dir` at two versions (a commit, or null for the working
 * tree), each resolved against the workspace's registry as it stands (so a
 * citation prints the same in both), and what changed between them.
 */
export function compareVersions(
  dir: string,
  from: string | null,
  to: string | null,
  registry = registryBeside(dir),
): ComparedOrdinances & { problems: { before: VFile[]; after: VFile[] } } {
  const problems = { before: [] as VFile[], after: [] as VFile[] };
  const before = ordinanceAt(dir, from, problems.before);
  const after = ordinanceAt(dir, to, problems.after);
  for (const ordinance of [before, after]) if (ordinance) resolveOrdinance(ordinance, registry, jurisdictionContext(ordinance.meta.jurisdiction));
  // Only the files a version could not read whole: the diff shows what of them reads.
  for (const side of [problems.before, problems.after]) side.splice(0, side.length, ...side.filter((f) => f.messages.some((m) => m.fatal)));
  const base = after ?? before;
  const form = base ? redlineForm(templateOf(base.meta)) : PLAIN_FORM;
  return { before, after, diff: diffOrdinances(before, after, form), problems };
}
