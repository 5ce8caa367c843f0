/**
 * A worker thread of the pipeline: it loads the registry once, then compiles
 * the ordinance folders the main thread hands it, one at a time, and answers
 * with their findings and outputs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadOrdinanceSources, loadRegistrySources } from '../load/sources.js';
import { compileOrdinance, type PipelineOptions } from '../pipeline.js';
import { DirectiveRegistry } from '../registry/registry.js';
import { serializeFiles, type SerializedFile } from './messages.js';

export interface WorkerInput {
  registryDir: string;
  options: PipelineOptions;
}

export type WorkerRequest = { dir: string } | { done: true };
export type WorkerReply =
  | { ready: true; registryFiles: SerializedFile[] }
  | { dir: string; slug: string; files: SerializedFile[]; outputs: string[] }
  | { dir: string; error: string };

const port = parentPort;
if (port) {
  const { registryDir, options } = workerData as WorkerInput;
  const registry = DirectiveRegistry.fromFiles(registryDir, loadRegistrySources(registryDir), !options.build && options.cache !== false);
  port.postMessage({ ready: true, registryFiles: serializeFiles(registry.files) } satisfies WorkerReply);
  port.on('message', async (request: WorkerRequest) => {
    if ('done' in request) {
      port.close();
      return;
    }
    try {
      const result = await compileOrdinance(loadOrdinanceSources(request.dir), registry, options);
      port.postMessage({ dir: request.dir, slug: result.slug, files: serializeFiles(result.files), outputs: result.outputs } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ dir: request.dir, error: (error as Error)?.stack ?? String(error) } satisfies WorkerReply);
    }
  });
}
