/**
 * Compile a workspace's ordinances on worker threads, one ordinance folder per
 * task, handed out as workers come free (large titles and small ones balance
 * themselves). Used when there is more than one core and enough to share.
 */
import { statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VFile } from 'vfile';
import { FolderFailure } from '../report/failure.js';
import type { Workspace } from '../model/workspace.js';
import { walkTree } from '../load/walk.js';
import type { OrdinanceResult, PipelineOptions } from './pipeline.js';
import { deserializeFiles } from '../report/messages.js';
import type { WorkerInput, WorkerReply } from './worker.js';
import { progressed } from '../report/progress.js';
import { removeTemporariesOfThread } from '../outputs/temporary.js';

/** The worker script beside this module (the bundle ships it as worker.js). */
const WORKER = new URL('./worker.js', import.meta.url);

export function workerCount(ordinances: number): number {
  const env = Number(process.env.ORDINANCE_WORKERS);
  const cores = Number.isInteger(env) && env > 0 ? env : availableParallelism();
  return Math.max(1, Math.min(cores, ordinances));
}

/**
 * V8 grows a worker's heap lazily, far past what it keeps alive: building
 * title 1 of the D.C. Code (1,477 pages) peaks at 620 MiB with the default
 * limit and at 320 MiB with 200 MiB of old space, its live set. Workers get a
 * cap, so that peak memory stays within a gigabyte on two workers for a
 * build, and within 700 MiB for a cold check of the 41 titles (986 MiB
 * uncapped, 597 MiB capped, 2026-12-07: a check's worker keeps a title's
 * findings and the cache records it writes, far less than it allocates).
 */
const WORKER_OLD_SPACE_MIB = 256;

/** Markdown bytes under `dir`: how much work a folder is. */
function sourceBytes(dir: string): number {
  let bytes = 0;
  for (const entry of walkTree(dir, { skipUnreadable: true })) if (entry.isFile && entry.name.endsWith('.md')) bytes += statSync(entry.path).size;
  return bytes;
}

/** What the workers compiled. */
export interface WorkersResult {
  /** In the workspace's order; undefined for a folder that ran out of a worker's heap twice. */
  ordinances: (OrdinanceResult | undefined)[];
  /** The registry's findings, from the first worker that finished (undefined when none could give them). */
  registryFiles: VFile[] | undefined;
}

/**
 * Compile every ordinance of `workspace` on `count` workers; results come back
 * in the workspace's order. A worker that runs out of its heap is replaced
 * (the run stays parallel) and its folder is tried again on a worker with
 * twice the heap; a folder that runs out of it twice comes back as undefined,
 * for the caller to compile on the main thread. Any other
 * failure in a worker stops every worker and rejects with a `FolderFailure`
 * naming the folder.
 */
export async function compileOnWorkers(workspace: Workspace, options: PipelineOptions, count: number): Promise<WorkersResult> {
  // Largest first: the big titles start early and the small ones fill in around them.
  const queue = workspace.ordinances
    .map((dir) => ({ dir, bytes: sourceBytes(dir) }))
    .sort((a, b) => b.bytes - a.bytes || a.dir.localeCompare(b.dir))
    .map((task) => task.dir);
  const results = new Map<string, OrdinanceResult>();
  const input: WorkerInput = { registryDir: workspace.registryDir, options: { ...options, release: true } };
  const oldSpace = Number(process.env.ORDINANCE_WORKER_HEAP_MIB) || WORKER_OLD_SPACE_MIB;
  const workers: Worker[] = [];
  /** How often each folder ran its worker out of its heap. */
  const outOfHeap = new Map<string, number>();
  let registryFiles: VFile[] | undefined;
  let registryAsked = false;
  await new Promise<void>((resolve, reject) => {
    let running = 0;
    let failed = false;
    const fail = (failure: FolderFailure) => {
      if (failed) return;
      failed = true;
      // The run is over: the other workers' results would never be reported.
      for (const worker of workers) void worker.terminate();
      reject(failure);
    };
    /** A worker taking folders from the queue, its heap capped at `heapMib`. */
    const start = (heapMib: number) => {
      running++;
      const worker = new Worker(fileURLToPath(WORKER), { workerData: input, resourceLimits: { maxOldGenerationSizeMb: heapMib } });
      workers.push(worker);
      let current: string | undefined;
      let exhausted = false;
      const next = () => {
        current = queue.shift();
        if (current !== undefined) worker.postMessage({ dir: current });
        else if (!registryAsked) {
          // The first worker out of work gives the registry's findings from the registry it holds.
          registryAsked = true;
          worker.postMessage({ registryFiles: true });
        } else worker.postMessage({ done: true });
      };
      worker.on('message', (reply: WorkerReply) => {
        if ('error' in reply) return fail(new FolderFailure(reply.dir, reply.error));
        if ('registryFiles' in reply) registryFiles = deserializeFiles(reply.registryFiles);
        else if (!('ready' in reply)) {
          results.set(reply.dir, {
            slug: reply.slug,
            dir: reply.dir,
            files: deserializeFiles(reply.files),
            ordinance: null,
            xref: reply.xref,
            outputs: reply.outputs,
            failure: reply.failure,
          });
          progressed('folder');
        }
        next();
      });
      worker.on('error', (error: Error & { code?: string }) => {
        if (error.code !== 'ERR_WORKER_OUT_OF_MEMORY') return fail(new FolderFailure(current ?? workspace.registryDir, { message: error.message, stack: error.stack }));
        // Out of its capped heap: the folder is tried once more first, on a worker with twice the heap; after that it is left to the main thread.
        exhausted = true;
        // It died without its exit handlers, perhaps in the middle of a write: what it was writing is removed.
        if (options.build) removeTemporariesOfThread(options.outDir, worker.threadId);
        if (current === undefined) return;
        const times = (outOfHeap.get(current) ?? 0) + 1;
        outOfHeap.set(current, times);
        if (times < 2) queue.unshift(current);
      });
      worker.on('exit', () => {
        running--;
        if (failed) return;
        // Another worker takes the place of one that ran out of its heap, while there is work left.
        if (exhausted && queue.length > 0) start(heapMib * 2);
        else if (running === 0) resolve();
      });
    };
    for (let i = 0; i < count; i++) start(oldSpace);
  });
  return { ordinances: workspace.ordinances.map((dir) => results.get(dir)), registryFiles };
}
