/**
 * The lock of an adopted final (`<ordinance-dir>/ordinance.lock.json`),
 * written by `ordinance adopt` after its build and committed beside the
 * sources: the sha256 of every source file, of every output the build wrote
 * (the PDF, the digest…), of the fonts and of the tool that made them, and
 * the date and commit stamped on them. No PDF is committed: a rebuild that
 * gives the same bytes (`ordinance verify`, and `check`) is the proof. A
 * locked ordinance is always built with the lock's date and commit, so its
 * bytes never depend on when or from which commit it is rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Type, type Static } from 'typebox';
import { walkTree } from '../load/walk.js';
import type { Provenance } from '../model/provenance.js';
import { checkJson, displayPath, parseJsonSource, placeOf, type JsonSource } from '../schema/json-source.js';
import type { Node as JsonNode } from 'jsonc-parser';
import { inside, workspaceOf } from '../load/sources.js';
import { realPath } from '../load/walk.js';
import { MAX_COMMIT_LENGTH, MAX_LOCK_BYTES, MAX_LOCK_TEXT } from '../model/limits.js';
import { systemReason } from '../report/failure.js';
import { FileProblemsError, type FileProblem } from '../schema/problems.js';
import type { Template } from '../template/template-schema.js';
import { LOCK_FILE } from '../model/workspace.js';

const SHA256 = Type.String({ pattern: '^[0-9a-f]{64}$', expected: 'a sha256 in 64 lowercase hex digits' });
const Digests = () => Type.Record(Type.String({ minLength: 1 }), SHA256);

export const lockSchema = Type.Object(
  {
    lock: Type.Literal(1, { description: 'The version of this format' }),
    slug: Type.String({ minLength: 1 }),
    number: Type.String({ minLength: 1, description: 'The ordinance number the Clerk assigned' }),
    adopted: Type.String({ format: 'date', description: 'The date it passed' }),
    tool: Type.Object({ name: Type.String(), version: Type.String(), sha256: SHA256 }, { additionalProperties: false }),
    build: Type.Object(
      {
        date: Type.String({ format: 'date-time', description: 'The date stamped on the outputs' }),
        commit: Type.Union([Type.String({ maxLength: MAX_COMMIT_LENGTH, expected: `a commit of at most ${MAX_COMMIT_LENGTH} characters (or \`null\`)` }), Type.Null()], {
          description: 'The source commit stamped on the outputs',
        }),
      },
      { additionalProperties: false },
    ),
    fonts: Digests(),
    sources: Digests(),
    outputs: Digests(),
  },
  { additionalProperties: false, title: 'Ordinance lock', description: 'The record of an adopted final: the sha256 of its sources, outputs, fonts and tool.' },
);

export type OrdinanceLock = Static<typeof lockSchema>;

/** The sha256 of `bytes`, in hex. */
export function sha256(bytes: string | Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** A lock read from its file, with its places for findings. */
export interface LockFile {
  lock: OrdinanceLock;
  source: JsonSource;
  path: string;
}

/**
 * The lock of the ordinance in `dir`, or null when it has none; its mistakes
 * are a FileProblemsError, each at its place. Only a regular file inside the
 * workspace (links followed), of at most MAX_LOCK_BYTES, is read: a link out
 * of the workspace is refused without quoting what it leads to, and a device
 * or a named pipe (which would never end, or never answer) is never opened.
 */
export function readLock(dir: string): LockFile | null {
  const file = path.join(dir, LOCK_FILE);
  const shown = displayPath(file);
  const refused = (message: string) => new FileProblemsError([{ file: shown, line: 1, column: 1, message }]);
  let stat: Stats | undefined = lstatSync(file, { throwIfNoEntry: false });
  if (!stat) return null;
  if (stat.isSymbolicLink()) {
    const target = realPath(file);
    if (target === null) throw refused(`Unexpected dangling link \`${LOCK_FILE}\`, expected the lock \`ordinance adopt\` wrote`);
    const workspace = workspaceOf(dir);
    if (!inside(target, workspace))
      throw refused(`Unexpected link \`${LOCK_FILE}\` to a file outside the workspace \`${displayPath(workspace)}\`, expected the lock \`ordinance adopt\` wrote, inside it`);
    stat = statSync(file);
  }
  if (!stat.isFile()) {
    const kind = stat.isDirectory() ? 'folder' : stat.isFIFO() ? 'named pipe' : stat.isSocket() ? 'socket' : 'device';
    throw refused(`Unexpected ${kind} \`${LOCK_FILE}\`, expected the lock \`ordinance adopt\` wrote, a file`);
  }
  if (stat.size > MAX_LOCK_BYTES) throw refused(`Unexpected lock of ${stat.size} bytes, expected at most ${MAX_LOCK_BYTES} (16 MiB)`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw refused(`Unexpected lock that cannot be read (${systemReason(error)}), expected a file this tool may read`);
  }
  const source = parseJsonSource(text, shown);
  const long = longText(source.tree);
  if (long)
    throw new FileProblemsError([
      { file: shown, ...placeOf(source, long.offset), message: `Unexpected text of ${String(long.value).length} characters, expected at most ${MAX_LOCK_TEXT}` },
    ]);
  const problems: FileProblem[] = checkJson(source, lockSchema, 'ordinance lock');
  if (problems.length) throw new FileProblemsError(problems);
  return { lock: source.value as OrdinanceLock, source, path: file };
}

/** The first key or text value of the tree longer than MAX_LOCK_TEXT (the tree is at most MAX_JSON_NESTING deep). */
function longText(node: JsonNode | undefined): JsonNode | undefined {
  if (!node) return undefined;
  if (node.type === 'string' && String(node.value).length > MAX_LOCK_TEXT) return node;
  for (const child of node.children ?? []) {
    const found = longText(child);
    if (found) return found;
  }
  return undefined;
}

/** The date and commit a locked ordinance is always built with: the lock's. */
export function lockedProvenance(lock: OrdinanceLock): Provenance {
  return { date: new Date(lock.build.date), commit: lock.build.commit };
}

/** Every file of the ordinance folder but the lock (hidden names left out), by path relative to the folder, with its sha256. */
export function sourceDigests(dir: string): Record<string, string> {
  const digests: Record<string, string> = {};
  const entries = [...walkTree(dir, { skipHidden: true, skipUnreadable: true })].filter((e) => e.isFile);
  for (const entry of entries) {
    const relative = path.relative(dir, entry.path).split(path.sep).join('/');
    if (relative === LOCK_FILE) continue;
    digests[relative] = sha256(readFileSync(entry.path));
  }
  return digests;
}

/** The template's fonts (faces and fallbacks), by file name, with their sha256. */
export function fontDigests(template: Template): Record<string, string> {
  const files = [...new Set([...Object.values(template.fontFiles), ...template.fallbackFontFiles])];
  return Object.fromEntries(files.map((file) => [path.basename(file), sha256(readFileSync(file))]).sort(([a], [b]) => (a! < b! ? -1 : a! > b! ? 1 : 0)));
}

/** The package's folder: two levels above this module, bundled (lib/bin/) or not (pipeline/history/, lib/history/). */
function packageRoot(): string {
  return path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
}

let toolMemo: OrdinanceLock['tool'] | undefined;

/** The tool that builds: its name and version, and the sha256 of its bundled code (lib/bin/*.js, in name order). */
export function toolDigest(): OrdinanceLock['tool'] {
  if (toolMemo) return toolMemo;
  const root = packageRoot();
  const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { name: string; version: string };
  const bin = path.join(root, 'lib', 'bin');
  const hash = createHash('sha256');
  if (existsSync(bin))
    for (const name of readdirSync(bin)
      .filter((n) => n.endsWith('.js'))
      .sort())
      hash
        .update(name)
        .update('\0')
        .update(readFileSync(path.join(bin, name)));
  toolMemo = { name: pkg.name, version: pkg.version, sha256: hash.digest('hex') };
  return toolMemo;
}

/** What a lock records that differs from what is: each kind of difference, by file. */
export interface LockDifferences {
  /** Source files whose bytes differ, and those added or removed since. */
  sources: { file: string; change: 'changed' | 'added' | 'removed' }[];
  /** Outputs whose bytes differ from the lock's, or that one side lacks. */
  outputs: { file: string; change: 'changed' | 'added' | 'removed' }[];
  /** The tool differs from the one that made the final (a different version or code). */
  tool: boolean;
  /** Fonts that differ. */
  fonts: string[];
}

/** The files of `now` that differ from `then`, and those only one side has, in name order. */
export function digestChanges(then: Record<string, string>, now: Record<string, string>): { file: string; change: 'changed' | 'added' | 'removed' }[] {
  const names = [...new Set([...Object.keys(then), ...Object.keys(now)])].sort();
  return names.flatMap((file) => {
    if (then[file] === now[file]) return [];
    return [{ file, change: !Object.hasOwn(then, file) ? ('added' as const) : !Object.hasOwn(now, file) ? ('removed' as const) : ('changed' as const) }];
  });
}

/** The lock as it would be for a build of `dir` whose outputs are `outputs`. */
export function lockFor(
  dir: string,
  fields: { slug: string; number: string; adopted: string },
  template: Template,
  provenance: Provenance,
  outputs: Record<string, string | Uint8Array>,
): OrdinanceLock {
  return {
    lock: 1,
    ...fields,
    tool: toolDigest(),
    build: { date: provenance.date.toISOString(), commit: provenance.commit },
    fonts: fontDigests(template),
    sources: sourceDigests(dir),
    outputs: Object.fromEntries(
      Object.entries(outputs)
        .map(([name, bytes]) => [name, sha256(bytes)] as const)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    ),
  };
}

/** The lock as its file holds it: two-space JSON, keys in the format's order, a newline at the end. */
export function lockJson(lock: OrdinanceLock): string {
  return `${JSON.stringify(lock, null, 2)}\n`;
}
