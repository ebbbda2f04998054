import type { IndexState } from './artifact.js';
import type { VectorRecord, VectorStore } from './vector-store.js';

/**
 * Upsert the vectors of an index state into a store, in batches of
 * `store.maxBatch`. With `only`, just those chunk ids (e.g. a build's
 * `stats.chunkIdsAdded`); unknown ids are skipped.
 */
export async function fillVectorStore(store: VectorStore, state: IndexState, only?: Iterable<string>): Promise<void> {
  const dims = state.manifest.dimensions;
  const { chunks, vectors } = state;
  let batch: VectorRecord[] = [];
  const push = async (id: string, vector: Float32Array): Promise<void> => {
    batch.push({ id, vector });
    if (batch.length >= store.maxBatch) {
      await store.upsert(batch);
      batch = [];
    }
  };
  if (only !== undefined) {
    // just those rows, in row order (the order a full pass would upsert them in)
    const rows = new Set<number>();
    for (const id of only) {
      const row = chunks.rowOf(id);
      if (row !== undefined) rows.add(row);
    }
    for (const row of [...rows].sort((a, b) => a - b)) await push(chunks.idAt(row), vectors.read(row, 1));
  } else {
    // all rows: read a batch at a time (one read when they lie in storage)
    const step = Math.max(1, store.maxBatch);
    for (let first = 0; first < chunks.length; first += step) {
      const count = Math.min(step, chunks.length - first);
      const rows = vectors.read(first, count);
      for (let j = 0; j < count; j++) await push(chunks.idAt(first + j), rows.subarray(j * dims, (j + 1) * dims));
    }
  }
  if (batch.length > 0) await store.upsert(batch);
}

/**
 * Bring a store that holds a previous build's vectors up to date with a new
 * build: delete what the build removed or re-embedded, then upsert what it added.
 */
export async function syncVectorStore(
  store: VectorStore,
  state: IndexState,
  changes: { chunkIdsAdded: string[]; chunkIdsRemoved: string[] },
): Promise<void> {
  for (let i = 0; i < changes.chunkIdsRemoved.length; i += store.maxBatch) {
    await store.delete(changes.chunkIdsRemoved.slice(i, i + store.maxBatch));
  }
  await fillVectorStore(store, state, changes.chunkIdsAdded);
}
