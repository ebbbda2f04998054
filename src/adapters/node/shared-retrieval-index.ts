import type { Chunk } from '../../corpus/types.js';
import { ChunkTable, type ChunkTableParts } from '../../index/chunk-table.js';
import { LexicalIndex, type LexicalIndexParts } from '../../index/lexical-index.js';
import type { LegHit, RetrievalIndex } from '../../retrieval/retrieval-index.js';
import type { WeightedTerm } from '../../text/types.js';
import { SharedVectorSearch, type SharedVectorParts } from './compact-vector-search.js';

/** One index generation as a search worker receives it: every array shared, nothing copied. */
export interface SharedIndexParts {
  chunks: ChunkTableParts;
  lexical: LexicalIndexParts;
  vectors: SharedVectorParts;
}

/**
 * What retrieval needs of an index (`RetrievalIndex`), read in place from another thread's shared
 * memory: the chunk table, the lexical index and the compact vector graph. Answers as the
 * `SearchIndex` the parts came from. Per thread it holds only scratch space, the chunk table's id
 * lookup (made at the first lookup) and what the retriever derives (its fuzzy vocabulary).
 */
export class SharedRetrievalIndex implements RetrievalIndex {
  private readonly chunks: ChunkTable;
  private readonly lexical: LexicalIndex;
  private readonly vectors: SharedVectorSearch;
  private english: boolean | undefined;

  constructor(parts: SharedIndexParts) {
    this.chunks = ChunkTable.fromParts(parts.chunks);
    this.lexical = LexicalIndex.fromParts(parts.lexical);
    const chunks = this.chunks;
    this.vectors = new SharedVectorSearch(parts.vectors, (row) => chunks.idAt(row));
  }

  chunksById(ids: readonly string[]): ReadonlyMap<string, Chunk> {
    const out = new Map<string, Chunk>();
    for (const id of ids) {
      const chunk = this.chunks.byId(id);
      if (chunk) out.set(id, chunk);
    }
    return out;
  }

  lexicalSearch(terms: WeightedTerm[], k: number): LegHit[] {
    return this.lexical.search(terms, k);
  }

  async vectorSearch(vector: number[], k: number): Promise<LegHit[]> {
    return this.vectors.query(vector, k);
  }

  idf(term: string): number {
    return this.lexical.idf(term);
  }

  documentFrequency(term: string): number {
    return this.lexical.documentFrequency(term);
  }

  stats(): { chunks: number } {
    return { chunks: this.chunks.length };
  }

  vocabulary(): Iterable<string> {
    return this.lexical.vocabulary();
  }

  /** Every chunk's text, for the `relations` stage (as the `SearchIndex` the parts came from). */
  chunkTexts(): Iterable<string> {
    return this.chunks.texts();
  }

  hasEnglishChunks(): boolean {
    this.english ??= this.chunks.hasLanguage('en');
    return this.english;
  }
}
