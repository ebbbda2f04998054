import type { Chunk } from '../corpus/types.js';
import type { IndexedDocument, IndexManifest, IndexState } from './artifact.js';
import type { ChunkTable } from './chunk-table.js';
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
  private readonly documentMap: Map<string, IndexedDocument>;
  /** First row and number of chunks of each document (a document's chunks are adjacent, in manifest order). */
  private readonly docRows: Map<string, { first: number; count: number }>;

  /** `vectorStore` must already hold the state's vectors (see `SearchIndex.create`). */
  constructor(state: IndexState, vectorStore: VectorStore) {
    this.state = state;
    this.vectorStore = vectorStore;
    this.documentMap = new Map();
    for (const doc of state.documents) this.documentMap.set(doc.docId, doc);
    this.docRows = new Map();
    let first = 0;
    for (const { docId, chunkIds } of state.manifest.documents) {
      if (chunkIds.length > 0) this.docRows.set(docId, { first, count: chunkIds.length });
      first += chunkIds.length;
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
  get chunks(): ChunkTable {
    return this.state.chunks;
  }

  /** Metadata of every indexed document. */
  get documents(): readonly IndexedDocument[] {
    return this.state.documents;
  }

  /** The chunk with this id (the same object while it is held anywhere, see `ChunkTable.at`), or undefined. */
  chunkById(id: string): Chunk | undefined {
    return this.state.chunks.byId(id);
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
  chunksOf(docId: string): Chunk[] {
    const rows = this.docRows.get(docId);
    const out: Chunk[] = [];
    if (rows) for (let row = rows.first; row < rows.first + rows.count; row++) out.push(this.state.chunks.at(row)!);
    return out;
  }

  /** How many chunks a document has (0 for an unknown docId). */
  chunkCount(docId: string): number {
    return this.docRows.get(docId)?.count ?? 0;
  }

  /** The stored embedding of a chunk (may be a view: do not modify), or undefined. */
  vectorOf(chunkId: string): Float32Array | undefined {
    const row = this.state.chunks.rowOf(chunkId);
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
    this.hasEnglish ??= this.state.chunks.hasLanguage('en');
    return this.hasEnglish;
  }

  /** Every chunk's text, in table order. */
  chunkTexts(): Iterable<string> {
    return this.state.chunks.texts();
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
