/**
 * A worker thread of the pipeline: it loads the registry when first needed, then compiles
 * the ordinance folders the main thread hands it, one at a time, and answers
 * with their findings and outputs; last, one worker answers with the
 * registry's own findings.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { failureOf, FolderFailure, type Failure } from '../report/failure.js';
import type { PipelineOptions } from './pipeline.js';
import { compileFolder, RegistryHandle } from './folder.js';
import type { Xref } from '../xref/xref.js';
import { serializeFiles, type SerializedFile } from '../report/messages.js';

export interface WorkerInput {
  registryDir: string;
  options: PipelineOptions;
}

export type WorkerRequest = { dir: string } | { registryFiles: true } | { done: true };
export type WorkerReply =
  | { ready: true }
  | { registryFiles: SerializedFile[] }
  | { dir: string; slug: string; files: SerializedFile[]; xref: Xref | null; outputs: string[]; failure: Failure | undefined }
  | { dir: string; error: Failure };

const port = parentPort;
if (port) {
  const { registryDir, options } = workerData as WorkerInput;
  // Loaded on first need: folders whose summaries still hold need no registry.
  const handle = new RegistryHandle(registryDir, options);
  port.postMessage({ ready: true } satisfies WorkerReply);
  port.on('message', async (request: WorkerRequest) => {
    if ('done' in request) {
      port.close();
      return;
    }
    try {
      if ('registryFiles' in request) {
        // The registry's findings, from the registry this worker already loaded: the main thread need not parse it again.
        port.postMessage({ registryFiles: serializeFiles(handle.files()) } satisfies WorkerReply);
        return;
      }
      const result = await compileFolder(request.dir, handle, options);
      const reply: WorkerReply = { dir: request.dir, slug: result.slug, files: serializeFiles(result.files), xref: result.xref, outputs: result.outputs, failure: result.failure };
      port.postMessage(reply);
    } catch (error) {
      // Reported by the main thread as one line (the stack only with --debug); it stops the run.
      const dir = 'dir' in request ? request.dir : registryDir;
      port.postMessage({ dir, error: error instanceof FolderFailure ? error.failure : failureOf(error) } satisfies WorkerReply);
    }
  });
}
