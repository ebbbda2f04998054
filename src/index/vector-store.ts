/** A stored vector with the chunk id it belongs to. */
export interface VectorRecord {
  id: string;
  vector: number[] | Float32Array;
}

export interface VectorHit {
  id: string;
  /** Cosine similarity in [-1, 1]; higher is closer. */
  score: number;
}

/**
 * Approximate nearest-neighbour search over chunk vectors (cosine).
 * Adapters: hnswlib-node (Node default), Cloudflare Vectorize, an exact in-memory store.
 */
export interface VectorStore {
  readonly dimensions: number;
  /** Most records one `upsert` call accepts; callers batch above it. */
  readonly maxBatch: number;
  /** Insert or replace vectors by id. */
  upsert(records: VectorRecord[]): Promise<void>;
  /** Remove vectors by id; unknown ids are ignored. */
  delete(ids: string[]): Promise<void>;
  /** The `k` nearest vectors, best first. */
  query(vector: number[] | Float32Array, k: number): Promise<VectorHit[]>;
  /** Number of live vectors. */
  size(): Promise<number>;
}
