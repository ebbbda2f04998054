import type { IndexState } from './artifact.js';
import type { VectorRecord, VectorStore } from './vector-store.js';

/**
 * Upsert the vectors of an index state into a store, in batches of
 * `store.maxBatch`. With `only`, just those chunk ids (e.g. a build's
 * `stats.chunkIdsAdded`); unknown ids are skipped.
 */
export async function fillVectorStore(store: VectorStore, state: IndexState, only?: Iterable<string>): Promise<void> {
  const dims = state.manifest.dimensions;
  const wanted = only === undefined ? undefined : new Set(only);
  const { chunks, vectors } = state;
  // all rows: read a batch at a time (one read when they lie in storage); some: just those
  const step = wanted ? 1 : Math.max(1, store.maxBatch);
  let batch: VectorRecord[] = [];
  for (let first = 0; first < chunks.length; first += step) {
    const count = Math.min(step, chunks.length - first);
    let rows: Float32Array | undefined;
    for (let j = 0; j < count; j++) {
      const id = chunks[first + j]!.id;
      if (wanted && !wanted.has(id)) continue;
      rows ??= vectors.read(first, count);
      batch.push({ id, vector: rows.subarray(j * dims, (j + 1) * dims) });
      if (batch.length >= store.maxBatch) {
        await store.upsert(batch);
        batch = [];
      }
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
