import { HelpdeskError } from '../../errors.js';
import { checkBatch, checkDimensions, checkK, checkVector } from '../../index/vector-checks.js';
import type { VectorHit, VectorRecord, VectorStore } from '../../index/vector-store.js';
import type { VectorizeBinding, VectorizeMetadata } from './bindings.js';
import { isHashedVectorId, vectorIdOf } from './vector-ids.js';

/** Vectors per `upsert` call through the Workers binding. */
export const VECTORIZE_MAX_UPSERT = 1000;
/** Ids per `deleteByIds` / `getByIds` call. */
export const VECTORIZE_MAX_IDS = 1000;
/** Largest `topK` without returned values or full metadata. */
export const VECTORIZE_MAX_TOP_K = 100;
/** Largest metadata per vector, in bytes of its JSON. */
export const VECTORIZE_MAX_METADATA_BYTES = 10 * 1024;
/** Largest dimension count of a Vectorize index. */
export const VECTORIZE_MAX_DIMENSIONS = 1536;

export interface VectorizeVectorStoreOptions {
  index: VectorizeBinding;
  /** Must equal the index's configured dimensions (1024 for `@cf/baai/bge-m3`). */
  dimensions: number;
  /** Most records per `upsert` (default and maximum 1000). */
  maxBatch?: number;
  /** Extra metadata stored with a chunk's vector (e.g. its docId); the chunk id is always stored as `id`. */
  metadataOf?: (id: string) => VectorizeMetadata | undefined;
  /** Chunk ids whose Vectorize ids were hashed, resolved without a `getByIds` round trip (the bundled index's ids). */
  knownIds?: Iterable<string>;
  /** Namespace inside the index (default none). */
  namespace?: string;
}

/**
 * `VectorStore` over a Cloudflare Vectorize index with the cosine metric.
 * Chunk ids longer than Vectorize's 64-byte limit are stored under a hashed id
 * with the real id in the metadata; queries ask for no metadata (so `topK` may
 * be up to 100) and map hashed ids back through known ids, or `getByIds`.
 * Vectorize applies writes asynchronously: they become visible after seconds.
 */
export class VectorizeVectorStore implements VectorStore {
  readonly dimensions: number;
  readonly maxBatch: number;
  private readonly index: VectorizeBinding;
  private readonly options: VectorizeVectorStoreOptions;
  /** Hashed Vectorize id → chunk id, for ids seen here or given as known. */
  private readonly chunkIdOf = new Map<string, string>();
  private readonly pendingKnown: string[];

  constructor(options: VectorizeVectorStoreOptions) {
    checkDimensions(options.dimensions);
    if (options.dimensions > VECTORIZE_MAX_DIMENSIONS) {
      throw new HelpdeskError(
        'config_invalid',
        `Vectorize tager højst ${VECTORIZE_MAX_DIMENSIONS} dimensioner, ikke ${options.dimensions} — vælg en mindre embeddingsmodel.`,
      );
    }
    this.index = options.index;
    this.options = options;
    this.dimensions = options.dimensions;
    this.maxBatch = Math.min(options.maxBatch ?? VECTORIZE_MAX_UPSERT, VECTORIZE_MAX_UPSERT);
    this.pendingKnown = options.knownIds ? [...options.knownIds] : [];
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    checkBatch(records.length, this.maxBatch);
    for (const record of records) checkVector(record.vector, this.dimensions);
    if (records.length === 0) return;
    const vectors = await Promise.all(
      records.map(async ({ id, vector }) => {
        const vectorId = await this.remember(id);
        const metadata: VectorizeMetadata = { ...this.options.metadataOf?.(id), id };
        const size = new TextEncoder().encode(JSON.stringify(metadata)).length;
        if (size > VECTORIZE_MAX_METADATA_BYTES) {
          throw new HelpdeskError(
            'bad_request',
            `Metadata for vektoren ${id} fylder ${size} byte; Vectorize tager højst ${VECTORIZE_MAX_METADATA_BYTES} — gem mindre metadata.`,
          );
        }
        return {
          id: vectorId,
          values: Array.from(vector),
          metadata,
          ...(this.options.namespace ? { namespace: this.options.namespace } : {}),
        };
      }),
    );
    await this.index.upsert(vectors);
  }

  async delete(ids: string[]): Promise<void> {
    for (let start = 0; start < ids.length; start += VECTORIZE_MAX_IDS) {
      const slice = ids.slice(start, start + VECTORIZE_MAX_IDS);
      await this.index.deleteByIds(await Promise.all(slice.map((id) => this.remember(id))));
    }
  }

  async query(vector: number[] | Float32Array, k: number): Promise<VectorHit[]> {
    checkVector(vector, this.dimensions);
    checkK(k);
    if (k === 0) return [];
    const result = await this.index.query(Array.from(vector), {
      topK: Math.min(k, VECTORIZE_MAX_TOP_K),
      returnValues: false,
      returnMetadata: 'none',
      ...(this.options.namespace ? { namespace: this.options.namespace } : {}),
    });
    await this.learnKnownIds();
    const unknown = result.matches.filter((m) => isHashedVectorId(m.id) && !this.chunkIdOf.has(m.id)).map((m) => m.id);
    if (unknown.length > 0) await this.resolve(unknown);
    const hits: VectorHit[] = [];
    for (const match of result.matches) {
      const id = isHashedVectorId(match.id) ? this.chunkIdOf.get(match.id) : match.id;
      if (id !== undefined) hits.push({ id, score: match.score });
    }
    return hits.sort((a, b) => b.score - a.score);
  }

  async size(): Promise<number> {
    return (await this.index.describe()).vectorCount;
  }

  private async remember(id: string): Promise<string> {
    const vectorId = await vectorIdOf(id);
    if (vectorId !== id) this.chunkIdOf.set(vectorId, id);
    return vectorId;
  }

  private async learnKnownIds(): Promise<void> {
    if (this.pendingKnown.length === 0) return;
    const ids = this.pendingKnown.splice(0);
    await Promise.all(ids.map((id) => this.remember(id)));
  }

  /** Reads the chunk ids of hashed vectors from their metadata. */
  private async resolve(vectorIds: string[]): Promise<void> {
    for (let start = 0; start < vectorIds.length; start += VECTORIZE_MAX_IDS) {
      for (const vector of await this.index.getByIds(vectorIds.slice(start, start + VECTORIZE_MAX_IDS))) {
        const id = vector.metadata?.id;
        if (typeof id === 'string') this.chunkIdOf.set(vector.id, id);
      }
    }
  }
}
