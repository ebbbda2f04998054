import { parentPort, workerData } from 'node:worker_threads';
import { HelpdeskError } from '../../errors.js';
import { readHnswGraphFileHashed } from './hnsw-graph-file.js';

/**
 * Worker thread of `readHnswGraphOffThread`: reads the graph file `workerData.path` into a
 * `CompactHnswGraph` and posts its buffers with the file's size and sha256 (shared memory: the main thread gets the same bytes, not a
 * copy), or `{ error }` with the code and message of what went wrong.
 */
const { path, dimensions } = workerData as { path: string; dimensions?: number };
try {
  const { graph, bytes, sha256 } = readHnswGraphFileHashed(path, dimensions);
  parentPort!.postMessage({ buffers: graph.buffers, bytes, sha256 });
} catch (err) {
  const code = HelpdeskError.isInstance(err) ? err.code : undefined;
  parentPort!.postMessage({ error: { code, message: err instanceof Error ? err.message : String(err) } });
}
