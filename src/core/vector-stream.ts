import type { PreparedDocument } from '../index/build.js';
import type { VectorStore } from '../index/vector-store.js';
import type { GrowingVectorStore, PreparedSink } from './index-ports.js';

/**
 * The vector store of a full build, filled while the build's documents are still being prepared
 * (on other threads): `sink` upserts each prepared document's vectors as it arrives, in order.
 * Afterwards `take` hands the store over when it holds exactly the built index's chunks in row
 * order — the store a fill from the built state would have made — and gives it up otherwise.
 */
export class VectorStream {
  /** Chunk ids upserted so far, in order. */
  private readonly ids: string[] = [];
  /** False once an upsert failed or a document came with the wrong number of vector values. */
  private intact = true;
  private taken = false;

  /**
   * @param store An empty store that grows as vectors arrive.
   * @param onSettleFailed Told why, when the store held the right vectors but could not be settled.
   */
  constructor(
    private readonly store: GrowingVectorStore,
    private readonly onSettleFailed?: (error: unknown) => void,
  ) {}

  /** Give to the preparer: upserts the vectors of each document it finishes. */
  readonly sink: PreparedSink = async (documents) => {
    if (this.taken || !this.intact) return;
    try {
      for (const [, prepared] of documents) {
        // the build may have ended (failed) while documents were still on their way
        if (this.taken || !this.intact) return;
        await this.upsert(prepared);
      }
    } catch (err) {
      this.intact = false;
      throw err;
    }
  };

  /**
   * The store, settled, when it holds exactly `chunkIds` (a full build's chunks, row order) and
   * nothing else; otherwise `undefined`, and the store is given up. `undefined` too when the store
   * could not be settled (e.g. the thread building it stopped). Call once.
   */
  async take(chunkIds: readonly string[]): Promise<VectorStore | undefined> {
    this.taken = true;
    const ids = this.ids;
    if (this.intact && ids.length === chunkIds.length && ids.every((id, i) => id === chunkIds[i])) {
      try {
        return await this.store.settle();
      } catch (error) {
        // the build fills a new store from its rows instead
        this.onSettleFailed?.(error);
        this.store.abandon();
        return undefined;
      }
    }
    this.store.abandon();
    return undefined;
  }

  /** Give the store up (the build failed); no-op after `take`. */
  abandon(): void {
    if (this.taken) return;
    this.taken = true;
    this.store.abandon();
  }

  private async upsert({ chunks, vectors }: PreparedDocument): Promise<void> {
    const dims = this.store.dimensions;
    if (vectors.length !== chunks.length * dims) {
      // the build does not take such a document's vectors either: the store is filled after it instead
      this.intact = false;
      return;
    }
    const step = Math.max(1, this.store.maxBatch);
    for (let first = 0; first < chunks.length; first += step) {
      const slice = chunks.slice(first, first + step);
      await this.store.upsert(
        slice.map((chunk, j) => ({
          id: chunk.id,
          vector: vectors.subarray((first + j) * dims, (first + j + 1) * dims),
        })),
      );
      for (const chunk of slice) this.ids.push(chunk.id);
    }
  }
}
