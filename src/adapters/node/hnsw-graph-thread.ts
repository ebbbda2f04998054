import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { type ErrorCode, HelpdeskError } from '../../errors.js';
import { type CompactHnswBuffers, CompactHnswGraph } from '../../index/compact-hnsw.js';
import { readHnswGraphFileHashed } from './hnsw-graph-file.js';
import { workerEntryUrl } from './worker-url.js';

/** A graph read from its file, with the file's size and sha256 (hex). */
export interface ReadGraph {
  graph: CompactHnswGraph;
  bytes: number;
  sha256: string;
}

/**
 * Graph files from this size are read on a worker thread: 8 MiB (~3,600 vectors of 512 dimensions)
 * take ~25 ms here, about what starting the thread costs. A 100k graph (220 MB) takes ~0.7 s.
 */
export const OFF_THREAD_FROM_BYTES = 8 << 20;

/**
 * `readHnswGraphFileHashed` on a worker thread (`hnsw-graph-file-worker`): the graph is read and its
 * vectors quantised there, into shared memory this thread then views, while this thread goes on
 * (e.g. parsing index.bin, or answering queries after a save). Files under `offThreadFromBytes`
 * (default `OFF_THREAD_FROM_BYTES`) are read here. Throws what the reader throws; when no thread can
 * be started, reads here.
 */
export async function readHnswGraphOffThread(
  path: string,
  dimensions?: number,
  offThreadFromBytes = OFF_THREAD_FROM_BYTES,
): Promise<ReadGraph> {
  if (statSync(path).size < offThreadFromBytes) return readHnswGraphFileHashed(path, dimensions);
  const url = workerEntryUrl('hnsw-graph-file-worker', import.meta.url);
  // running from TypeScript source: the worker registers the tsx loader before importing itself
  const fromSource = url.pathname.endsWith('.ts');
  const entry = fromSource
    ? `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`
    : url;
  return new Promise<ReadGraph>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(entry, { eval: fromSource, workerData: { path, dimensions } });
    } catch {
      resolve(readHnswGraphFileHashed(path, dimensions));
      return;
    }
    let answered = false;
    worker.once(
      'message',
      (
        message:
          | { buffers: CompactHnswBuffers; bytes: number; sha256: string }
          | { error: { code?: ErrorCode; message: string } },
      ) => {
        answered = true;
        void worker.terminate();
        if ('error' in message) reject(new HelpdeskError(message.error.code ?? 'internal', message.error.message));
        else resolve({ ...message, graph: CompactHnswGraph.fromBuffers(message.buffers) });
      },
    );
    // a thread that could not run (e.g. its file is missing from a build): read here instead
    const fallBack = () => {
      if (answered) return;
      answered = true;
      try {
        resolve(readHnswGraphFileHashed(path, dimensions));
      } catch (err) {
        reject(err);
      }
    };
    worker.once('error', fallBack);
    worker.once('exit', fallBack);
  });
}
