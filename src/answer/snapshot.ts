import type { Chunk } from '../corpus/types.js';
import type { IndexedDocument } from '../index/artifact.js';
import type { SearchIndex } from '../index/search-index.js';
import type { Retriever } from '../retrieval/retriever.js';
import { sourceUrl } from './citations.js';
import type { RemoteAnswers } from './remote-answers.js';
import type { DocumentMeta, IndexStats } from './helpdesk.js';

/**
 * One immutable view of the index the help desk answers from. Re-indexing builds
 * a new snapshot and swaps it in whole, so a query never sees a mixed index.
 */
export interface Snapshot {
  retriever: Retriever;
  /** Every document's metadata, with its chunks when they are held in memory. */
  documents: ReadonlyMap<string, { meta: DocumentMeta; chunks?: Chunk[] }>;
  /** A document's chunks in order, for documents whose `chunks` are not held (the index in D1). */
  chunksOf?: (docId: string) => Promise<Chunk[]>;
  stats: IndexStats;
  /** Answers made where the retrieval runs, when it runs in other threads (the search pool). */
  answers?: RemoteAnswers;
}

/** What the document list shows of an indexed document with `chunks` chunks. */
export function documentMeta(doc: IndexedDocument, chunks: number, baseUrl: string): DocumentMeta {
  return {
    docId: doc.docId,
    path: doc.path,
    title: doc.meta.title,
    kind: doc.meta.kind,
    summary: doc.meta.summary,
    tags: doc.meta.tags,
    source: doc.meta.source,
    updated: doc.meta.updated,
    language: doc.meta.language,
    chunks,
    url: sourceUrl(baseUrl, doc.docId, '').replace(/#$/, ''),
  };
}

/**
 * The snapshot of a search index: its retriever, documents with their chunks (made from the
 * index's chunk table when read, not held), and counts.
 */
export function createSnapshot(index: SearchIndex, retriever: Retriever, baseUrl: string): Snapshot {
  const documents = new Map<string, { meta: DocumentMeta; readonly chunks: Chunk[] }>();
  for (const doc of index.documents) {
    const meta = documentMeta(doc, index.chunkCount(doc.docId), baseUrl);
    documents.set(doc.docId, {
      meta,
      get chunks() {
        return index.chunksOf(doc.docId);
      },
    });
  }
  const stats = index.stats();
  return {
    retriever,
    documents,
    stats: { documents: stats.documents, chunks: stats.chunks, indexBuiltAt: stats.indexBuiltAt },
  };
}
