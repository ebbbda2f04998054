import type { Chunk } from '../corpus/types.js';
import type { IndexedDocument, IndexManifest, IndexState } from './artifact.js';
import { chunkRows } from './chunk-rows.js';
import { ExactVectorStore } from './exact-vector-store.js';
import { fillVectorStore } from './fill-vector-store.js';
import type { LexicalHit, LexicalQueryTerm } from './lexical-index.js';
import type { VectorHit, VectorStore } from './vector-store.js';

/** Counts and identity of a loaded index. */
export interface SearchIndexStats {
  documents: number;
  chunks: number;
  terms: number;
  indexBuiltAt: string;
  analyzerId: string;
  embedderId: string;
  dimensions: number;
}

/**
 * A built index ready for queries: chunks and documents by id, the lexical
 * index and a vector store holding every chunk's vector. Treat it as
 * immutable; on re-index build a new instance and swap it in whole.
 */
export class SearchIndex {
  readonly state: IndexState;
  readonly vectorStore: VectorStore;
  /** Row of each chunk id (shared with the next incremental build over this state: `chunkRows`). */
  private readonly rows: ReadonlyMap<string, number>;
  private readonly documentMap: Map<string, IndexedDocument>;
  private readonly chunksByDoc: Map<string, Chunk[]>;

  /** `vectorStore` must already hold the state's vectors (see `SearchIndex.create`). */
  constructor(state: IndexState, vectorStore: VectorStore) {
    this.state = state;
    this.vectorStore = vectorStore;
    this.rows = chunkRows(state.chunks);
    this.documentMap = new Map();
    for (const doc of state.documents) this.documentMap.set(doc.docId, doc);
    this.chunksByDoc = new Map();
    const chunks = state.chunks;
    for (let row = 0; row < chunks.length; row++) {
      const chunk = chunks[row]!;
      const list = this.chunksByDoc.get(chunk.docId);
      if (list) list.push(chunk);
      else this.chunksByDoc.set(chunk.docId, [chunk]);
    }
  }

  /**
   * A search index over `state`. Without a store, an exact in-memory store is
   * filled from the state's vectors (small corpora, tests, Workers).
   */
  static async create(state: IndexState, vectorStore?: VectorStore): Promise<SearchIndex> {
    let store = vectorStore;
    if (!store) {
      store = new ExactVectorStore({ dimensions: state.manifest.dimensions });
      await fillVectorStore(store, state);
    }
    return new SearchIndex(state, store);
  }

  get manifest(): IndexManifest {
    return this.state.manifest;
  }

  /** Every chunk, documents in corpus order, chunks in document order. */
  get chunks(): readonly Chunk[] {
    return this.state.chunks;
  }

  /** Metadata of every indexed document. */
  get documents(): readonly IndexedDocument[] {
    return this.state.documents;
  }

  chunkById(id: string): Chunk | undefined {
    const row = this.rows.get(id);
    return row === undefined ? undefined : this.state.chunks[row];
  }

  /** The chunks with these ids (unknown ids left out). */
  chunksById(ids: readonly string[]): Map<string, Chunk> {
    const out = new Map<string, Chunk>();
    for (const id of ids) {
      const chunk = this.chunkById(id);
      if (chunk) out.set(id, chunk);
    }
    return out;
  }

  document(docId: string): IndexedDocument | undefined {
    return this.documentMap.get(docId);
  }

  /** A document's chunks in order (empty for an unknown docId). */
  chunksOf(docId: string): readonly Chunk[] {
    return this.chunksByDoc.get(docId) ?? [];
  }

  /** The stored embedding of a chunk (may be a view: do not modify), or undefined. */
  vectorOf(chunkId: string): Float32Array | undefined {
    const row = this.rows.get(chunkId);
    if (row === undefined) return undefined;
    return this.state.vectors.read(row, 1);
  }

  /** BM25F search with weighted, analyzed query terms; best first. */
  lexicalSearch(terms: readonly LexicalQueryTerm[], k: number): LexicalHit[] {
    return this.state.lexical.search(terms, k);
  }

  /** The `k` chunks nearest to a query vector (cosine), best first. */
  vectorSearch(vector: number[] | Float32Array, k: number): Promise<VectorHit[]> {
    return this.vectorStore.query(vector, k);
  }

  /** Inverse document frequency of an analyzed term; 0 when unknown. */
  idf(term: string): number {
    return this.state.lexical.idf(term);
  }

  /** Number of chunks containing the analyzed term. */
  documentFrequency(term: string): number {
    return this.state.lexical.documentFrequency(term);
  }

  private hasEnglish: boolean | undefined;

  /** Whether some chunk is written in English (analyzed with English rules). */
  hasEnglishChunks(): boolean {
    this.hasEnglish ??= this.state.chunks.some((c) => c.language === 'en');
    return this.hasEnglish;
  }

  /** Every analyzed term in the index. */
  vocabulary(): Iterable<string> {
    return this.state.lexical.vocabulary();
  }

  stats(): SearchIndexStats {
    const m = this.state.manifest;
    return {
      documents: this.state.documents.length,
      chunks: this.state.chunks.length,
      terms: m.counts.terms,
      indexBuiltAt: m.builtAt,
      analyzerId: m.analyzerId,
      embedderId: m.embedderId,
      dimensions: m.dimensions,
    };
  }
}
