/**
 * Turns text into vectors. Adapters: the offline local embedder (default),
 * OpenAI-compatible `/v1/embeddings`, Workers AI.
 */
export interface Embedder {
  /** Stable identity including model and settings; stored in the index manifest. */
  readonly id: string;
  readonly dimensions: number;
  /** Most texts one `embedDocuments` call sends at once; callers batch above it. */
  readonly maxBatch: number;
  embedDocuments(texts: string[]): Promise<number[][]>;
  embedQuery(text: string): Promise<number[]>;
}
