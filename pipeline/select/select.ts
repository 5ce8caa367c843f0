/**
 * Which ordinance folders a run takes: its part of the workspace with
 * `--shard i/n`, and of those only the ones changed since a revision with
 * `--changed-since <rev>` (each one skipped is said on stderr).
 */
import path from 'node:path';
import type { Workspace } from '../model/workspace.js';
import type { PipelineOptions } from '../runner/pipeline.js';
import { changedSince } from './changed-since.js';
import { folderSize, partition, type Shard } from './shard.js';

export interface Selection {
  shard?: Shard | undefined;
  changedSince?: string | undefined;
}

/** A folder as a user reads it: relative to the working folder. */
function shown(dir: string): string {
  return path.relative(process.cwd(), path.resolve(dir)) || '.';
}

/** `workspaces` with only the selected ordinance folders (each workspace kept, for its registry's findings); what was left out is told to `say`. */
export async function selectWorkspaces(
  workspaces: Workspace[],
  selection: Selection,
  options: (workspace: Workspace) => PipelineOptions,
  say: (line: string) => void,
): Promise<Workspace[]> {
  let selected = workspaces;
  const { shard, changedSince: rev } = selection;
  if (shard) {
    const folders = workspaces.flatMap((w) => w.ordinances).map((dir) => ({ dir, size: folderSize(dir) }));
    const parts = partition(folders, shard.count);
    const mine = folders.filter((f) => parts.get(f.dir) === shard.index);
    const weight = (list: { size: number }[]) => list.reduce((sum, f) => sum + f.size, 0);
    say(`shard ${shard.index}/${shard.count}: ${mine.length} of ${folders.length} ordinance folders (${weight(mine)} of ${weight(folders)} bytes)`);
    selected = selected.map((w) => ({ ...w, ordinances: w.ordinances.filter((dir) => parts.get(dir) === shard.index) }));
  }
  if (rev !== undefined) {
    const { selected: changed, skipped } = await changedSince(rev, selected, options);
    for (const [dir, why] of changed) say(`changed ${shown(dir)}: ${why}`);
    for (const dir of skipped) say(`skipped ${shown(dir)}: unchanged since ${rev}`);
    selected = selected.map((w) => ({ ...w, ordinances: w.ordinances.filter((dir) => changed.has(dir)) }));
  }
  return selected;
}
