import type { RemoteAnswers } from '../answer/remote-answers.js';
import { createSnapshot, type Snapshot } from '../answer/snapshot.js';
import type { Embedder } from '../index/embedder.js';
import type { SearchIndex } from '../index/search-index.js';
import type { RetrievalIndex } from '../retrieval/retrieval-index.js';
import { Retriever, type RetrieverOptions } from '../retrieval/retriever.js';
import type { Analyzer } from '../text/types.js';
import { snapshotWithout, withoutDocuments } from './without-documents.js';

/** Builds the retriever over what a snapshot searches (Workers wrap it with a BM25-only fallback). */
export type RetrieverFactory = (
  index: RetrievalIndex,
  analyzer: Analyzer,
  embedder: Embedder,
  options: RetrieverOptions,
) => Retriever;

/**
 * Retrieval run elsewhere (worker threads) over an index's shared memory: each index served is a
 * new generation of the pool.
 */
export interface RetrievalPool {
  /**
   * Hand `index` to the pool as its next generation and return the retriever factory that serves
   * it from there, and the answers made there; undefined when the index cannot be shared yet (it is
   * then served on this thread).
   * @param synonyms the text of the corpus's synonyms file the query analyzer was made from, if any
   */
  serve(index: SearchIndex, synonyms: string | undefined): PooledServing | undefined;
}

/** How a pool serves one index: a retriever that retrieves there, and the answers made there. */
export interface PooledServing {
  retriever: RetrieverFactory;
  answers: RemoteAnswers;
}

/** What a snapshot is served with besides its index. */
export interface ServeIndexOptions {
  /** The analyzer queries use (the index's own, with the corpus's synonyms). */
  analyzer: Analyzer;
  /** The embedder that made the index's vectors: it embeds the questions. */
  embedder: Embedder;
  /** Stages, answerability model, word lists for the retriever. */
  retrieval?: RetrieverOptions;
  /** Public base URL for citation links ('' gives relative links). */
  baseUrl: string;
  /** Documents left out of every answer, list and count (files gone, index not yet updated). */
  hidden?: ReadonlySet<string>;
  /** A retriever other than the plain `Retriever`. */
  retriever?: RetrieverFactory;
  /** Answers made where the retriever retrieves (a pool's); kept only when no document is hidden. */
  answers?: RemoteAnswers;
}

const plainRetriever: RetrieverFactory = (index, analyzer, embedder, options) =>
  new Retriever(index, analyzer, embedder, options);

/**
 * The snapshot that answers from `index`: its retriever, its documents and counts. The one place
 * where a retriever and a snapshot are made, for every runtime.
 */
export function serveIndex(index: SearchIndex, options: ServeIndexOptions): Snapshot {
  const hidden = options.hidden ?? new Set<string>();
  const searched = hidden.size > 0 ? withoutDocuments(index, hidden) : index;
  const retriever = (options.retriever ?? plainRetriever)(
    searched,
    options.analyzer,
    options.embedder,
    options.retrieval ?? {},
  );
  const snapshot = createSnapshot(index, retriever, options.baseUrl);
  if (hidden.size > 0) return snapshotWithout(snapshot, hidden);
  return options.answers ? { ...snapshot, answers: options.answers } : snapshot;
}
