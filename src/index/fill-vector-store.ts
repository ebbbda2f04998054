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
  let batch: VectorRecord[] = [];
  for (let row = 0; row < state.chunks.length; row++) {
    const id = state.chunks[row]!.id;
    if (wanted && !wanted.has(id)) continue;
    batch.push({ id, vector: state.vectors.subarray(row * dims, (row + 1) * dims) });
    if (batch.length >= store.maxBatch) {
      await store.upsert(batch);
      batch = [];
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
