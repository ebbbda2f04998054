import type { Chunk } from '../corpus/types.js';
import type { WeightedTerm } from '../text/types.js';

/** A scored chunk id from one retrieval leg. */
export interface LegHit {
  id: string;
  score: number;
}

/**
 * What retrieval needs of an index. `SearchIndex` (src/index) satisfies it;
 * the narrow shape keeps retrieval testable with small in-memory fakes.
 */
export interface RetrievalIndex {
  chunkById(id: string): Chunk | undefined;
  lexicalSearch(terms: WeightedTerm[], k: number): LegHit[];
  /**
   * `lexicalSearch`, then the same search with the terms `expand` picks from its hits added;
   * `expand` is not called when the first search finds nothing.
   */
  lexicalSearchExpanded(terms: WeightedTerm[], k: number, expand: (hits: LegHit[]) => WeightedTerm[]): LegHit[];
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
}
