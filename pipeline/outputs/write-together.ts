/**
 * Files written together or not at all (`amend --write`: the sections an
 * ordinance amends, in the code's own folder). First every file is written
 * beside its target under a temporary name, and each target is checked to be
 * a regular file or absent: a failure there leaves the code as it was. Then
 * each target is kept under a backup name (a hard link, so its bytes stay on
 * disk) and the new file renamed into its place; should a rename fail, the
 * files already replaced are put back from their backups. Killed part way,
 * the code holds each file old or new, whole, and every old one survives in
 * its backup until the last rename is done.
 */
import { existsSync, lstatSync } from 'node:fs';
import { link, rename, rm, rmdir, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EnvironmentError } from '../report/failure.js';
import { makeFolder, temporaryName, track, untrack } from './temporary.js';

/** One file to write: its path relative to the folder, and its bytes. */
export interface FileToWrite {
  name: string;
  bytes: string | Uint8Array;
}

/** Write `files` into `dir` together: all of them, or none (the folder as it was). Returns the paths written. */
export async function writeTogether(dir: string, files: readonly FileToWrite[]): Promise<string[]> {
  const staged: { target: string; temporary: string }[] = [];
  const madeFolders: string[] = [];
  const cleanUp = async () => {
    for (const { temporary } of staged) {
      await rm(temporary, { force: true });
      untrack(temporary);
    }
    for (const folder of madeFolders.reverse()) await rmdir(folder).catch(() => undefined);
  };
  // 1. Every new file beside its target; nothing in the code has changed yet.
  for (const file of files) {
    const target = path.join(dir, file.name);
    try {
      const stat = existsSync(target) ? lstatSync(target) : null;
      if (stat && !stat.isFile()) throw new Error('it is not a regular file');
      for (let folder = path.dirname(target); !existsSync(folder); folder = path.dirname(folder)) madeFolders.unshift(folder);
      makeFolder(path.dirname(target));
      const temporary = path.join(path.dirname(target), temporaryName(path.basename(target)));
      track(temporary);
      staged.push({ target, temporary });
      await writeFile(temporary, file.bytes);
    } catch (error) {
      await cleanUp();
      throw EnvironmentError.writing(target, error);
    }
  }
  // 2. Each into place, the old file kept until all are.
  const backups: { target: string; backup: string | null }[] = [];
  for (const { target, temporary } of staged) {
    try {
      const backup = existsSync(target) ? path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.bak`) : null;
      if (backup) await link(target, backup);
      backups.push({ target, backup });
      await rename(temporary, target);
      untrack(temporary);
    } catch (error) {
      // Put back what was replaced; remove what was added.
      for (const done of backups.reverse()) {
        if (done.backup) await rename(done.backup, done.target).catch(() => undefined);
        else await unlink(done.target).catch(() => undefined);
      }
      await cleanUp();
      throw EnvironmentError.writing(target, error);
    }
  }
  for (const { backup } of backups) if (backup) await unlink(backup).catch(() => undefined);
  return staged.map((s) => s.target);
}
