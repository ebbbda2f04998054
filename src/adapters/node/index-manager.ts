import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { IndexLifecycle, type ReindexReport } from '../../core/index-lifecycle.js';
import type { Logger } from '../../logger.js';
import type { RetrievalPool } from '../../core/serve-index.js';
import type { Embedder } from '../../index/embedder.js';
import type { AnswerabilityModel } from '../../retrieval/answerability.js';
import type { RetrievalStages } from '../../retrieval/retriever.js';
import type { DanishAnalyzer } from '../../text/index.js';
import type { Thesaurus } from '../../text/thesaurus.js';
import type { WordList } from '../../text/word-list.js';
import { fileIndexStorage } from './file-index-storage.js';
import { folderCorpusSource } from './fs-corpus.js';
import { hnswVectorStoresIn } from './hnsw-vector-stores.js';
import { INDEX_FILES } from './index-files.js';
import { PARALLEL_FROM_DOCUMENTS, parallelPreparer } from './parallel-build.js';

/** File name of the index artifact inside the data directory. */
export const INDEX_FILE = INDEX_FILES.artifact;

export interface IndexManagerOptions {
  corpusDir: string;
  /** Where `index.bin` and the vector files live; `undefined` keeps everything in memory. */
  indexDir?: string;
  logger: Logger;
  baseUrl: string;
  /** Builds the embedder for an analyzer (the offline local embedder by default). */
  embedder: (analyzer: DanishAnalyzer) => Embedder;
  stages?: RetrievalStages;
  /** Real Danish words for spelling repair (the hunspell dictionary); the corpus alone without it. */
  words?: WordList;
  /** The Danish thesaurus for the retriever's `thesaurus` stage. */
  thesaurus?: Thesaurus;
  model?: AnswerabilityModel;
  /** `hnsw` (default) or an exact in-memory store. */
  vectorStore?: 'hnsw' | 'exact';
  /**
   * Chunk and embed on worker threads when a run has at least this many documents to (re)index and
   * the embedder is the offline local one; default `PARALLEL_FROM_DOCUMENTS` (400). `Infinity` keeps
   * everything on the main thread.
   */
  parallelFrom?: number;
  /** Worker threads that retrieve over the served index's shared memory (`SEARCH_WORKERS`). */
  pool?: RetrievalPool;
}

/**
 * The live index on Node: the core's `IndexLifecycle` over the corpus folder, the index folder
 * (`index.bin`, the hnsw graph, the known corpus files), hnswlib vector stores and worker threads,
 * plus watching the corpus folder.
 */
export class IndexManager extends IndexLifecycle {
  private readonly corpusDir: string;

  constructor(options: IndexManagerOptions) {
    const { logger, indexDir } = options;
    const hnsw = options.vectorStore !== 'exact';
    super({
      corpus: folderCorpusSource(options.corpusDir),
      ...(indexDir ? { storage: fileIndexStorage({ dir: indexDir, hnsw, logger }) } : {}),
      ...(hnsw ? { vectors: hnswVectorStoresIn(indexDir) } : {}),
      prepare: parallelPreparer(options.parallelFrom ?? PARALLEL_FROM_DOCUMENTS, logger),
      ...(options.pool ? { pool: options.pool } : {}),
      logger,
      baseUrl: options.baseUrl,
      embedder: options.embedder,
      retrieval: {
        ...(options.stages ? { stages: options.stages } : {}),
        ...(options.model ? { model: options.model } : {}),
        ...(options.words ? { words: options.words } : {}),
        ...(options.thesaurus ? { thesaurus: options.thesaurus } : {}),
      },
    });
    this.corpusDir = options.corpusDir;
  }

  /** Re-index when files under the corpus change (debounced). Returns a stop function. */
  watch(debounceMs = 250): () => void {
    const { logger } = this.ports;
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    try {
      watcher = fsWatch(this.corpusDir, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.reindex().then(
            (r) => logChanges(logger, r),
            (err: unknown) =>
              logger.error('Re-indexing failed; the previous index keeps serving', {
                event: 'index.reindex_failed',
                error: String(err),
              }),
          );
        }, debounceMs);
      });
      // an unhandled 'error' event would end the process; the index keeps serving without the watcher
      watcher.on('error', (err) => {
        logger.warn('Watching the corpus folder stopped; restart the server or use POST /api/admin/reindex', {
          event: 'corpus.watch_stopped',
          error: String(err),
        });
      });
    } catch (err) {
      logger.warn('The corpus folder cannot be watched', { event: 'corpus.watch_unavailable', error: String(err) });
    }
    return () => {
      clearTimeout(timer);
      watcher?.close();
    };
  }
}

function logChanges(logger: Logger, r: ReindexReport): void {
  logger.info('The corpus changed: index updated', {
    event: 'index.updated',
    added: r.added,
    changed: r.changed,
    removed: r.removed,
    chunks: r.chunks,
    ms: Math.round(r.ms),
  });
}
