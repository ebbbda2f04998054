import { parentPort, workerData } from 'node:worker_threads';
import type { HnswBuildReply, HnswBuildRequest, HnswBuildSetup } from './hnsw-build-thread.js';
import { emptyStore } from './hnsw-vector-store.js';

/**
 * Worker thread of `HnswBuildThread`: adds the vectors it is sent, in order, to an `emptyStore`
 * (`workerData`: `HnswBuildSetup`) and answers each batch with `added`; on `settle` gives back the
 * reserved room and writes the graph to the path it is given, answering `settled`. After an error
 * it answers `error` once and takes nothing more.
 */
const { dimensions, capacity } = workerData as HnswBuildSetup;
const store = emptyStore(dimensions, capacity);
const port = parentPort!;
let queue = Promise.resolve();
let failed = false;

async function handle(request: HnswBuildRequest): Promise<HnswBuildReply> {
  if (request.kind === 'add') {
    const { ids, vectors } = request;
    await store.upsert(ids.map((id, i) => ({ id, vector: vectors.subarray(i * dimensions, (i + 1) * dimensions) })));
    return { kind: 'added', values: vectors.length };
  }
  await store.settle();
  await store.writeGraph(request.path);
  return { kind: 'settled' };
}

port.on('message', (request: HnswBuildRequest) => {
  queue = queue.then(async () => {
    if (failed) return;
    try {
      port.postMessage(await handle(request));
    } catch (err) {
      failed = true;
      port.postMessage({
        kind: 'error',
        message: err instanceof Error ? err.message : String(err),
      } satisfies HnswBuildReply);
    }
  });
});
