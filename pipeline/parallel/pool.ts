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
import { FolderFailure } from '../failure.js';
import type { Workspace } from '../load/sources.js';
import { walkTree } from '../load/walk.js';
import type { OrdinanceResult, PipelineOptions } from '../pipeline.js';
import { deserializeFiles } from './messages.js';
import type { WorkerInput, WorkerReply } from './worker.js';
import { progressed } from '../progress.js';

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
 * limit and at 320 MiB with 200 MiB of old space, its live set. Build workers
 * get a cap, so that peak memory stays within a gigabyte on two workers.
 */
const BUILD_OLD_SPACE_MIB = 256;

/** Markdown bytes under `dir`: how much work a folder is. */
function sourceBytes(dir: string): number {
  let bytes = 0;
  for (const entry of walkTree(dir, { skipUnreadable: true })) if (entry.isFile && entry.name.endsWith('.md')) bytes += statSync(entry.path).size;
  return bytes;
}

/** What the workers compiled. */
export interface WorkersResult {
  /** In the workspace's order; undefined for a folder whose worker ran out of its heap. */
  ordinances: (OrdinanceResult | undefined)[];
  /** The registry's findings, from the first worker that finished (undefined when none could give them). */
  registryFiles: VFile[] | undefined;
}

/**
 * Compile every ordinance of `workspace` on `count` workers; results come back
 * in the workspace's order. A folder whose worker ran out of its heap comes
 * back as undefined, for the caller to compile on the main thread. Any other
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
  const oldSpace = Number(process.env.ORDINANCE_WORKER_HEAP_MIB) || BUILD_OLD_SPACE_MIB;
  const workers: Worker[] = [];
  let registryFiles: VFile[] | undefined;
  let registryAsked = false;
  await new Promise<void>((resolve, reject) => {
    let running = count;
    let failed = false;
    const fail = (failure: FolderFailure) => {
      if (failed) return;
      failed = true;
      // The run is over: the other workers' results would never be reported.
      for (const worker of workers) void worker.terminate();
      reject(failure);
    };
    for (let i = 0; i < count; i++) {
      const worker = new Worker(fileURLToPath(WORKER), { workerData: input, ...(options.build ? { resourceLimits: { maxOldGenerationSizeMb: oldSpace } } : {}) });
      workers.push(worker);
      let current: string | undefined;
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
        // Out of its capped heap: this folder is left to the main thread; the others go on.
        if (error.code === 'ERR_WORKER_OUT_OF_MEMORY') return;
        fail(new FolderFailure(current ?? workspace.registryDir, { message: error.message, stack: error.stack }));
      });
      worker.on('exit', () => {
        if (--running === 0 && !failed) resolve();
      });
    }
  });
  return { ordinances: workspace.ordinances.map((dir) => results.get(dir)), registryFiles };
}
