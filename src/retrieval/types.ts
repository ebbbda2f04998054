import type { Chunk } from '../corpus/types.js';

/** Scores a passage collected on its way through retrieval. */
export interface PassageScores {
  /** BM25 score, if the lexical leg found it. */
  bm25?: number;
  /** 1-based rank in the lexical leg. */
  bm25Rank?: number;
  /** Cosine similarity, if the vector leg found it. */
  vector?: number;
  /** 1-based rank in the vector leg. */
  vectorRank?: number;
  /** Reciprocal-rank-fusion score. */
  fused: number;
  /** Reranker score, when the rerank stage ran. */
  rerank?: number;
}

/** A chunk retrieved for a question, with its final relevance in [0, 1]. */
export interface Passage {
  chunk: Chunk;
  /** Final relevance in [0, 1], comparable across questions (used for answerability). */
  score: number;
  scores: PassageScores;
  /** Named reranker features, shown by `/api/search?debug=1`. */
  features?: Record<string, number>;
}
