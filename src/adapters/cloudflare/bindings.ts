/**
 * The parts of Cloudflare's binding interfaces the adapters use, typed
 * structurally so the adapters compile without the Workers global types and
 * tests can pass small in-memory implementations. Shapes follow
 * `@cloudflare/workers-types` (`Ai`, `Vectorize`, `D1Database`, `Fetcher`, `RateLimit`).
 */

/** Workers AI (`env.AI`): runs a model by name. */
export interface AiBinding {
  run(model: string, inputs: Record<string, unknown>, options?: Record<string, unknown>): Promise<unknown>;
}

/** Metadata values Vectorize stores beside a vector (at most 10 KiB per vector). */
export type VectorizeMetadata = Record<string, string | number | boolean | string[]>;

/** One vector as Vectorize stores it. Ids are at most 64 bytes. */
export interface VectorizeVectorLike {
  id: string;
  values: number[] | Float32Array | Float64Array;
  namespace?: string;
  metadata?: VectorizeMetadata;
}

/** One query match; `score` is the cosine similarity for a cosine index. */
export interface VectorizeMatchLike {
  id: string;
  score: number;
  values?: number[] | Float32Array | Float64Array;
  metadata?: VectorizeMetadata;
}

/** Options of `Vectorize.query`. `topK` is at most 100, or 20 with values or all metadata. */
export interface VectorizeQueryOptionsLike {
  topK?: number;
  namespace?: string;
  returnValues?: boolean;
  returnMetadata?: boolean | 'all' | 'indexed' | 'none';
}

/** A Vectorize index (`env.VECTORIZE`, the V2 binding: mutations return a mutation id). */
export interface VectorizeBinding {
  describe(): Promise<{ vectorCount: number; dimensions: number }>;
  query(
    vector: number[] | Float32Array | Float64Array,
    options?: VectorizeQueryOptionsLike,
  ): Promise<{ matches: VectorizeMatchLike[]; count: number }>;
  upsert(vectors: VectorizeVectorLike[]): Promise<{ mutationId: string }>;
  deleteByIds(ids: string[]): Promise<{ mutationId: string }>;
  getByIds(ids: string[]): Promise<VectorizeVectorLike[]>;
}

/** A prepared D1 statement. */
export interface D1PreparedStatementLike {
  bind(...values: unknown[]): D1PreparedStatementLike;
  run(): Promise<{ meta: { changes?: number } }>;
  all<T = Record<string, unknown>>(): Promise<{ results: T[] }>;
  first<T = Record<string, unknown>>(): Promise<T | null>;
}

/** A D1 database (`env.DB`). `batch` runs its statements in one transaction. */
export interface D1DatabaseLike {
  prepare(sql: string): D1PreparedStatementLike;
  batch(statements: D1PreparedStatementLike[]): Promise<{ results?: unknown[]; meta: { changes?: number } }[]>;
}

/** The static-assets binding (`env.ASSETS`): fetches a file of the assets directory by URL path. */
export interface AssetsBinding {
  fetch(input: Request | string): Promise<Response>;
}

/** Cloudflare's rate-limiting binding (`env.RATE_LIMITER`, `[[ratelimits]]` in wrangler.toml): `RateLimit` in workers-types. */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/** What the Worker receives as `env`: its bindings, and `[vars]`/secrets as strings. */
export interface WorkerEnv {
  AI?: AiBinding;
  VECTORIZE?: VectorizeBinding;
  DB?: D1DatabaseLike;
  ASSETS?: AssetsBinding;
  RATE_LIMITER?: RateLimitBinding;
  [name: string]: unknown;
}

/** The Worker's execution context: work scheduled after the response. */
export interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException?(): void;
}
