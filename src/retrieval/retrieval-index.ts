import type { Chunk } from '../corpus/types.js';
import type { WeightedTerm } from '../text/types.js';

/** A scored chunk id from one retrieval leg. */
export interface LegHit {
  id: string;
  score: number;
}

/** A value, or a promise of it: in-memory indexes answer at once, a database-backed one (D1) per round trip. */
export type Awaitable<T> = T | Promise<T>;

/**
 * What retrieval needs of an index. `SearchIndex` (src/index) satisfies it in memory; on Workers the
 * D1-backed index (`adapters/cloudflare/d1-lexical-index.ts`) keeps postings and chunk texts in D1
 * and answers `lexicalSearch` and `chunksById` with a promise. Everything query analysis needs (`idf`,
 * `documentFrequency`, `vocabulary`, `stats`) is synchronous: it stays in memory in both.
 * The narrow shape keeps retrieval testable with small in-memory fakes.
 */
export interface RetrievalIndex {
  /** The chunks with these ids (ids the index does not hold are left out): one round trip for all. */
  chunksById(ids: readonly string[]): Awaitable<ReadonlyMap<string, Chunk>>;
  /**
   * BM25F: the `k` best chunks for weighted, analyzed terms, best first (ties: the chunk indexed
   * first). A repeated term counts once, with its highest weight; unknown terms add nothing.
   */
  lexicalSearch(terms: WeightedTerm[], k: number): Awaitable<LegHit[]>;
  vectorSearch(vector: number[], k: number): Promise<LegHit[]>;
  /** Inverse document frequency of an analyzed term (0 when unknown is fine). */
  idf(term: string): number;
  /** Number of chunks that contain the term. */
  documentFrequency(term: string): number;
  /** Counts of the index (`chunks` sets the idf an unseen word would have). */
  stats(): { chunks: number };
  /** Every analyzed term of the index (for typo tolerance). */
  vocabulary(): Iterable<string>;
  /** Whether some chunk is English, so questions are also matched by English terms (absent: none is). */
  hasEnglishChunks?(): boolean;
  /** Every chunk's text, for relations mined from the corpus (the `relations` stage; absent: the stage does nothing). */
  chunkTexts?(): Iterable<string>;
}
