import type { Logger } from '../../logger.js';
import type { Embedder } from '../../index/embedder.js';
import type { VectorStore } from '../../index/vector-store.js';
import type { Analyzer } from '../../text/types.js';
import { type Retrieval, Retriever, type RetrieverOptions } from '../../retrieval/retriever.js';
import type { RetrievalIndex } from '../../retrieval/retrieval-index.js';

/** Why the vector leg is off: Workers AI or Vectorize failed, or the index has other dimensions than the embeddings. */
export type VectorFallbackReason = 'embeddings_failed' | 'vectorize_failed' | 'dimensions_mismatch';

/** What `/healthz` says while answers come from the lexical index alone. */
export interface VectorFallback {
  reason: VectorFallbackReason;
  /** For the operator, in Danish: what failed and what to do. */
  message: string;
  /** When the vector leg last failed (ISO 8601). */
  since: string;
}

/**
 * Whether the vector leg (Workers AI embeddings + Vectorize) works, as the last query found it.
 * A dimension mismatch found at start switches it off for the isolate's life; a failed query
 * marks it failed until the next query that succeeds.
 */
export class VectorLegHealth {
  private state: VectorFallback | undefined;
  private disabled = false;

  constructor(private readonly now: () => Date = () => new Date()) {}

  /** The current fallback, or undefined while the vector leg works. */
  get fallback(): VectorFallback | undefined {
    return this.state;
  }

  /** True when the vector leg must not be used at all (wrong dimensions: its results would be wrong). */
  get off(): boolean {
    return this.disabled;
  }

  /** Switches the vector leg off for good (a configuration error found at start). */
  disable(reason: VectorFallbackReason, message: string): void {
    this.disabled = true;
    this.state = { reason, message, since: this.now().toISOString() };
  }

  /** Records a failed query; returns true when this starts a fallback (so it is logged once). */
  failed(reason: VectorFallbackReason, message: string): boolean {
    const starts = this.state === undefined;
    this.state = { reason, message, since: starts ? this.now().toISOString() : this.state!.since };
    return starts;
  }

  /** Records a query that used the vector leg again. */
  recovered(): boolean {
    if (this.disabled || this.state === undefined) return false;
    this.state = undefined;
    return true;
  }
}

/** An error of the vector leg, told apart from every other error of retrieval. */
class VectorLegFailure extends Error {
  constructor(
    readonly reason: VectorFallbackReason,
    cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause), { cause });
    this.name = 'VectorLegFailure';
  }
}

/** The embedder with its query failures marked as failures of the vector leg. */
export function markEmbedderFailures(embedder: Embedder): Embedder {
  return {
    ...embedder,
    embedDocuments: (texts) => embedder.embedDocuments(texts),
    async embedQuery(text) {
      try {
        return await embedder.embedQuery(text);
      } catch (error) {
        throw new VectorLegFailure('embeddings_failed', error);
      }
    },
  };
}

/** The vector store with its query failures marked as failures of the vector leg. */
export function markVectorStoreFailures(store: VectorStore): VectorStore {
  return {
    dimensions: store.dimensions,
    maxBatch: store.maxBatch,
    upsert: (records) => store.upsert(records),
    delete: (ids) => store.delete(ids),
    size: () => store.size(),
    async query(vector, k) {
      try {
        return await store.query(vector, k);
      } catch (error) {
        throw new VectorLegFailure('vectorize_failed', error);
      }
    },
  };
}

export interface FallbackRetrieverOptions extends RetrieverOptions {
  /** The same index searched by the lexical (BM25) leg alone. */
  lexical: Retriever;
  health: VectorLegHealth;
  logger: Logger;
}

const FALLBACK_MESSAGES: Record<Exclude<VectorFallbackReason, 'dimensions_mismatch'>, string> = {
  embeddings_failed: 'Workers AI kunne ikke lave embeddings; svarene kommer fra det leksikale indeks (BM25) alene.',
  vectorize_failed: 'Vectorize kunne ikke søge; svarene kommer fra det leksikale indeks (BM25) alene.',
};

/**
 * Hybrid retrieval that falls back to the lexical leg alone when the vector leg fails
 * (Workers AI or Vectorize down, over quota, slow) or is switched off (wrong dimensions),
 * instead of failing the question. Embedder and vector store must be wrapped with
 * `markEmbedderFailures` / `markVectorStoreFailures`, so other errors still surface.
 */
export class FallbackRetriever extends Retriever {
  private readonly fallback: FallbackRetrieverOptions;

  constructor(index: RetrievalIndex, analyzer: Analyzer, embedder: Embedder, options: FallbackRetrieverOptions) {
    const { lexical: _lexical, health: _health, logger: _logger, ...retrieverOptions } = options;
    super(index, analyzer, embedder, retrieverOptions);
    this.fallback = options;
  }

  override async retrieve(asked: string, options: { context?: string; k?: number } = {}): Promise<Retrieval> {
    const { lexical, health, logger } = this.fallback;
    if (health.off) return lexical.retrieve(asked, options);
    try {
      const retrieval = await super.retrieve(asked, options);
      if (health.recovered()) logger.info('Vector search works again', { event: 'vector.fallback_ended' });
      return retrieval;
    } catch (error) {
      if (!(error instanceof VectorLegFailure)) throw error;
      const message = FALLBACK_MESSAGES[error.reason as keyof typeof FALLBACK_MESSAGES];
      // Logged on every failure: each is a question answered without the vector leg.
      logger.warn('Vector search failed; the answer comes from BM25 alone', {
        event: 'vector.fallback',
        reason: error.reason,
        error: error.message,
        started: health.failed(error.reason, message),
      });
      return lexical.retrieve(asked, options);
    }
  }
}

/**
 * Compares the embeddings' vector size with the Vectorize index's (`describe()`). Returns the
 * operator's message naming both numbers and what to do when they differ, undefined when they
 * match or the index cannot be described now (a failed query then falls back on its own).
 */
export async function vectorizeDimensionsProblem(
  index: { describe(): Promise<{ dimensions: number }> },
  embedder: { dimensions: number; id: string },
  model: string,
  logger: Logger,
): Promise<string | undefined> {
  let dimensions: number;
  try {
    ({ dimensions } = await index.describe());
  } catch (error) {
    logger.warn('The Vectorize index could not be described at start', {
      event: 'vector.describe_failed',
      error: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
  if (dimensions === embedder.dimensions) return undefined;
  return (
    `Vectorize-indekset har ${dimensions} dimensioner, men embeddingsmodellen ${model} giver ${embedder.dimensions}. ` +
    `Svarene kommer fra det leksikale indeks (BM25) alene, til det er rettet: ` +
    `opret indekset med ${embedder.dimensions} dimensioner og kør \`npm run deploy:index\` igen, ` +
    `eller sæt WORKERS_AI_EMBEDDING_MODEL til den model, indekset blev fyldt med.`
  );
}
