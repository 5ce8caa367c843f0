/**
 * Publish: put an ordinance's outputs in dist/<slug>/ so that no reader ever
 * sees a partial file (each is written beside its target under a name of its
 * own process and renamed into place), no stale output survives a failed
 * build, and nothing the tool did not write is ever removed: a manifest in
 * each folder (.ordinance-outputs.json) lists the files written there, and
 * retraction removes exactly those.
 */
import { lstat, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Type, type Static } from 'typebox';
import { EnvironmentError } from '../report/failure.js';
import { readJsonOutput } from '../load/read-json.js';
import { OUTPUT_MANIFEST as MANIFEST } from '../model/workspace.js';
import { makeFolder, temporaryName, untrack, track } from './temporary.js';

/** An output's name: a file name, or a path of them below the ordinance's folder ("amended/title-24/07-24-211.07.md"), none hidden, no backslash. */
const OUTPUT_NAME = '^[^./\\\\][^/\\\\]*(?:/[^./\\\\][^/\\\\]*)*$';

/** The output manifest (`.ordinance-outputs.json`): the files the tool wrote in the folder, in the order it wrote them. */
export const OutputManifestSchema = Type.Object(
  {
    tool: Type.Literal('ordinance'),
    files: Type.Array(
      Type.String({ pattern: OUTPUT_NAME, expected: 'a file name, or a path of them below the folder, none hidden', description: 'A file the tool wrote, relative to the folder' }),
      { description: 'The files written, in the order they were written' },
    ),
  },
  { additionalProperties: false, title: 'Output manifest', description: 'The files `ordinance` wrote in a folder of outputs: a later build removes exactly these.' },
);

export type OutputManifest = Static<typeof OutputManifestSchema>;

/** An output's bytes, or a function that makes them when it is its turn to be written (so a large set of outputs is never in memory at once). */
export type Output = string | Uint8Array | (() => Promise<string | Uint8Array>);

/** Write `outputs` (file name to bytes) into `outDir/slug/` atomically, in their order; remove what the last build wrote and this one no longer makes. */
export async function publishOutputs(outDir: string, slug: string, outputs: Record<string, Output>): Promise<string[]> {
  const dir = path.join(outDir, slug);
  await writing(dir, async () => makeFolder(dir));
  const before = readManifest(dir);
  const names = Object.keys(outputs);
  // Listed before they are written: a build killed midway leaves no file of its own that a later one cannot retract.
  await writeManifest(dir, [...new Set([...before, ...names])]);
  const written: string[] = [];
  for (const [name, bytes] of Object.entries(outputs)) written.push(await writeAtomically(dir, name, typeof bytes === 'function' ? await bytes() : bytes));
  for (const name of before) if (!names.includes(name)) await removeOutput(dir, name);
  await writeManifest(dir, names);
  return written;
}

/** Remove the outputs a build of `slug` wrote (as its manifest lists them) after a failed build, so nothing stale is mistaken for current. */
export async function retractOutputs(outDir: string, slug: string): Promise<void> {
  const dir = path.join(outDir, slug);
  for (const name of readManifest(dir)) await removeOutput(dir, name);
  await writing(path.join(dir, MANIFEST), () => rm(path.join(dir, MANIFEST), { force: true }));
}

/** Write one file at the top of `outDir` (an index across ordinances) atomically. */
export async function publishIndex(outDir: string, name: string, bytes: string): Promise<string> {
  await writing(outDir, async () => makeFolder(outDir));
  return writeAtomically(outDir, name, bytes);
}

/**
 * The names a folder's manifest lists, none when there is no manifest or it
 * is not one: a name with a leading dot (in any of its folders) or a backslash
 * was never written by a build, so a manifest that holds one is never followed.
 */
export function readManifest(dir: string): string[] {
  try {
    return readJsonOutput(path.join(dir, MANIFEST), OutputManifestSchema, 'the output manifest')?.files ?? [];
  } catch {
    return [];
  }
}

async function writeManifest(dir: string, names: string[]): Promise<void> {
  const manifest: OutputManifest = { tool: 'ordinance', files: names };
  await writeAtomically(dir, MANIFEST, `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Remove one output the tool wrote; a folder someone put in its place is left alone. */
async function removeOutput(dir: string, name: string): Promise<void> {
  const file = path.join(dir, name);
  const stat = await lstat(file).catch(() => null);
  if (!stat || stat.isDirectory()) return;
  await writing(file, () => unlink(file).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? undefined : Promise.reject(error))));
  // The folders an output in a sub-folder made go with it when they are left empty.
  for (let folder = path.dirname(file); folder.startsWith(`${dir}${path.sep}`); folder = path.dirname(folder)) {
    if (
      !(await rmdir(folder).then(
        () => true,
        () => false,
      ))
    )
      break;
  }
}

/** Write `dir/name` beside its target and rename it into place: a reader never sees part of it. */
export async function writeAtomically(dir: string, name: string, bytes: string | Uint8Array): Promise<string> {
  const target = path.join(dir, name);
  const temporary = path.join(path.dirname(target), temporaryName(path.basename(target)));
  track(temporary);
  try {
    await writing(target, async () => {
      if (name.includes('/')) makeFolder(path.dirname(target));
      await writeFile(temporary, bytes);
      await rename(temporary, target);
    });
  } catch (error) {
    // A temporary whose name is too long for the system was never made, and rm would throw on it, hiding why the write failed.
    await rm(temporary, { force: true }).catch(() => undefined);
    throw error;
  } finally {
    untrack(temporary);
  }
  return target;
}

/** Run a file operation on `target`; its failure is the environment's, one line naming the file. */
async function writing<T>(target: string, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    throw EnvironmentError.writing(target, error);
  }
}
