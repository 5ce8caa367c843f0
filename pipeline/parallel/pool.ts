/**
 * Compile a workspace's ordinances on worker threads, one ordinance folder per
 * task, handed out as workers come free (large titles and small ones balance
 * themselves). Used when there is more than one core and enough to share.
 */
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Workspace } from '../load/sources.js';
import type { OrdinanceResult, PipelineOptions } from '../pipeline.js';
import { deserializeFiles } from './messages.js';
import type { WorkerInput, WorkerReply } from './worker.js';

/** The worker script beside this module (the bundle ships it as worker.js). */
const WORKER = new URL('./worker.js', import.meta.url);

export function workerCount(ordinances: number): number {
  const env = Number(process.env.ORDINANCE_WORKERS);
  const cores = Number.isInteger(env) && env > 0 ? env : availableParallelism();
  return Math.max(1, Math.min(cores, ordinances));
}

/** Compile every ordinance of `workspace` on `count` workers; results come back in the workspace's order. */
export async function compileOnWorkers(workspace: Workspace, options: PipelineOptions, count: number): Promise<OrdinanceResult[]> {
  const queue = [...workspace.ordinances];
  const results = new Map<string, OrdinanceResult>();
  const input: WorkerInput = { registryDir: workspace.registryDir, options: { ...options, release: true } };
  await Promise.all(
    Array.from({ length: count }, () => {
      const worker = new Worker(fileURLToPath(WORKER), { workerData: input });
      return new Promise<void>((resolve, reject) => {
        const next = () => {
          const dir = queue.shift();
          if (dir === undefined) worker.postMessage({ done: true });
          else worker.postMessage({ dir });
        };
        worker.on('message', (reply: WorkerReply) => {
          if ('ready' in reply) {
            // Ready for its first folder.
          } else if ('error' in reply) {
            reject(new Error(`while compiling ${reply.dir}: ${reply.error}`));
            void worker.terminate();
            return;
          } else {
            results.set(reply.dir, { slug: reply.slug, dir: reply.dir, files: deserializeFiles(reply.files), ordinance: null, outputs: reply.outputs });
          }
          next();
        });
        worker.on('error', reject);
        worker.on('exit', () => resolve());
      });
    }),
  );
  return workspace.ordinances.map((dir) => results.get(dir)!);
}
