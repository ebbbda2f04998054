import type { Chunk } from '../corpus/types.js';

/** Row of each chunk id, by chunks array: an index state's chunks never change once it is made. */
const cache = new WeakMap<readonly Chunk[], ReadonlyMap<string, number>>();

/**
 * The row (position) of each chunk id in `chunks`, made once per array and kept while the array
 * lives: the search index over a state, and the next incremental build reusing that state, share it
 * instead of each making its own map of every chunk. `chunks` must not change afterwards.
 */
export function chunkRows(chunks: readonly Chunk[]): ReadonlyMap<string, number> {
  let rows = cache.get(chunks);
  if (!rows) {
    const made = new Map<string, number>();
    for (let row = 0; row < chunks.length; row++) made.set(chunks[row]!.id, row);
    rows = made;
    cache.set(chunks, rows);
  }
  return rows;
}
