/**
 * Publish: put an ordinance's outputs in dist/<slug>/ so that no reader ever
 * sees a partial file (each is written beside its target and renamed into
 * place) and no stale output survives a failed build.
 */
import { mkdir, readdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Folders inside dist/<slug>/ that publishing never touches (frozen versions live there). */
const KEPT = new Set(['versions']);

/** Write `outputs` (file name to bytes) into `outDir/slug/` atomically; remove what the build no longer makes. */
export async function publishOutputs(outDir: string, slug: string, outputs: Record<string, string | Uint8Array>): Promise<string[]> {
  const dir = path.join(outDir, slug);
  await mkdir(dir, { recursive: true });
  const written: string[] = [];
  for (const [name, bytes] of Object.entries(outputs)) written.push(await writeAtomically(dir, name, bytes));
  for (const entry of await readdir(dir)) {
    if (!(entry in outputs) && !KEPT.has(entry)) await rm(path.join(dir, entry), { recursive: true, force: true });
  }
  return written;
}

/** Remove an ordinance's outputs after a failed build, so nothing stale is mistaken for current. */
export async function retractOutputs(outDir: string, slug: string): Promise<void> {
  const dir = path.join(outDir, slug);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return;
  }
  for (const entry of entries) if (!KEPT.has(entry)) await rm(path.join(dir, entry), { recursive: true, force: true });
}

/** Write one file at the top of `outDir` (an index across ordinances) atomically. */
export async function publishIndex(outDir: string, name: string, bytes: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  return writeAtomically(outDir, name, bytes);
}

/** Write `dir/name` beside its target and rename it into place: a reader never sees part of it. */
async function writeAtomically(dir: string, name: string, bytes: string | Uint8Array): Promise<string> {
  const target = path.join(dir, name);
  const temporary = path.join(dir, `.${name}.${process.pid}.tmp`);
  try {
    await writeFile(temporary, bytes);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return target;
}
