import type { VectorStoreFactory } from '../../core/index-ports.js';
import { HelpdeskError } from '../../errors.js';
import { startHnswBuild } from './hnsw-build-thread.js';
import { emptyStore, HnswVectorStore } from './hnsw-vector-store.js';

/**
 * New hnsw stores for full builds and forks of the live one for incremental builds. A full build
 * that streams its vectors (`grow`) builds the graph on a worker thread (`HnswBuildThread`), whose
 * graph file passes through `tempDir` (e.g. the index folder; default the system's temp folder).
 */
export function hnswVectorStoresIn(tempDir?: string): VectorStoreFactory {
  return {
    create: emptyStore,
    grow: (dimensions, expected) => startHnswBuild(dimensions, expected, tempDir === undefined ? {} : { tempDir }),
    fork: (live) => {
      if (!(live instanceof HnswVectorStore)) return undefined;
      try {
        return live.fork();
      } catch (err) {
        // a compact store whose saved graph file is gone or changed cannot be forked: the build fills a new store
        if (HelpdeskError.isInstance(err) && err.code === 'index_incompatible') return undefined;
        throw err;
      }
    },
  };
}

/** `hnswVectorStoresIn` the system's temp folder. */
export const hnswVectorStores: VectorStoreFactory = hnswVectorStoresIn();
