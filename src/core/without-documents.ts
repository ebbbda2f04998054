import type { Snapshot } from '../answer/snapshot.js';
import type { SearchIndex } from '../index/search-index.js';
import type { LegHit, RetrievalIndex } from '../retrieval/retrieval-index.js';

/**
 * `index` as retrieval sees it, without the chunks of the documents in `hidden` (documents whose
 * files are gone while the index that still holds them is being brought up to date): no search
 * leg returns them, so they are never cited.
 */
export function withoutDocuments(index: SearchIndex, hidden: ReadonlySet<string>): RetrievalIndex {
  const visible = <T extends LegHit>(hits: readonly T[]): T[] =>
    hits.filter((h) => {
      const docId = index.chunkById(h.id)?.docId;
      return docId === undefined || !hidden.has(docId);
    });
  return {
    chunksById: (ids) => new Map([...index.chunksById(ids)].filter(([, chunk]) => !hidden.has(chunk.docId))),
    lexicalSearch: (terms, k) => visible(index.lexicalSearch(terms, k)),
    vectorSearch: async (vector, k) => visible(await index.vectorSearch(vector, k)),
    idf: (term) => index.idf(term),
    documentFrequency: (term) => index.documentFrequency(term),
    stats: () => index.stats(),
    vocabulary: () => index.vocabulary(),
    hasEnglishChunks: () => index.hasEnglishChunks(),
  };
}

/** `snapshot` without the documents in `hidden`: not listed, not shown, not counted. */
export function snapshotWithout(snapshot: Snapshot, hidden: ReadonlySet<string>): Snapshot {
  const documents = new Map([...snapshot.documents].filter(([docId]) => !hidden.has(docId)));
  let chunks = 0;
  for (const doc of documents.values()) chunks += doc.meta.chunks;
  return { ...snapshot, documents, stats: { ...snapshot.stats, documents: documents.size, chunks } };
}
