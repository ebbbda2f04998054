import { chunkDocument, isDocumentPath, parseDocument } from '../corpus/index.js';
import type { Document, LoadIssue } from '../corpus/types.js';
import type { Snapshot } from '../answer/snapshot.js';
import { HelpdeskError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { IndexState } from '../index/artifact.js';
import { type BuildStats, buildIndex, documentsToIndex, type PreparedDocument, reusesNothing } from '../index/build.js';
import type { Embedder } from '../index/embedder.js';
import { fillVectorStore, syncVectorStore } from '../index/fill-vector-store.js';
import { SearchIndex } from '../index/search-index.js';
import type { VectorStore } from '../index/vector-store.js';
import type { RetrieverOptions } from '../retrieval/retriever.js';
import { createDanishAnalyzer, type DanishAnalyzer, parseSynonyms } from '../text/index.js';
import { keepLastGood, scanCorpus } from './corpus-scan.js';
import type { CorpusSource, IndexStorage, Preparer, SavedIndex, VectorStoreFactory } from './index-ports.js';
import type { KnownFile } from './known-files.js';
import { type RetrievalPool, serveIndex } from './serve-index.js';
import { VectorStream } from './vector-stream.js';

/** What one (re)index did. */
export interface ReindexReport extends BuildStats {
  documents: number;
  issues: LoadIssue[];
  loadedFromDisk: boolean;
  /** Milliseconds from the start of the run until the new snapshot answered queries (the run's end when nothing changed). */
  liveMs: number;
  /** Milliseconds of the whole run, saving included. */
  totalMs: number;
  /** Corpus files read in this run (the others were unchanged since the last run). */
  filesRead: number;
  /**
   * Set when the new index serves but could not be saved (a full disk, a read-only `DATA_DIR`, a
   * file where the index folder should be): what went wrong, naming the place, in Danish.
   */
  saveError?: string;
  /**
   * Only from `open({ catchUp: 'background' })` after a load from storage: the catch-up re-index
   * running behind the loaded snapshot.
   */
  catchUp?: Promise<ReindexReport>;
}

/** What `POST /api/admin/reindex` answers about a run: counts of documents added, changed and removed. */
export function reindexSummary(r: ReindexReport): {
  added: number;
  changed: number;
  removed: number;
  chunks: number;
  ms: number;
} {
  return { added: r.added.length, changed: r.changed.length, removed: r.removed.length, chunks: r.chunks, ms: r.ms };
}

/** How `IndexLifecycle.open` brings a loaded index up to date. */
export interface OpenOptions {
  /**
   * `wait` (default): resolve after the loaded index has been brought up to date with the corpus.
   * `background`: once an index is loaded from storage, serve it at once and run the catch-up
   * re-index behind it (`report.catchUp`); without a saved index this waits as `wait` does.
   */
  catchUp?: 'wait' | 'background';
}

/** The ports and settings of an index lifecycle. */
export interface IndexLifecycleOptions {
  corpus: CorpusSource;
  /** Where the index is kept between runs; `undefined` keeps everything in memory. */
  storage?: IndexStorage;
  /** Makes the vector stores of new builds; `undefined` keeps an exact store in memory. */
  vectors?: VectorStoreFactory;
  /** Prepares chunks and vectors elsewhere (worker threads) when it pays. */
  prepare?: Preparer;
  logger: Logger;
  /** Public base URL for citation links ('' gives relative links). */
  baseUrl: string;
  /** Builds the embedder for the index analyzer. */
  embedder: (analyzer: DanishAnalyzer) => Embedder;
  /** Stages, answerability model, word lists of the retrievers. */
  retrieval?: RetrieverOptions;
  /** The clock, in ms since the epoch (tells a file edited just before it was read). */
  now?: () => number;
  /** Worker threads that retrieve over each served index's shared memory; without it, this thread retrieves. */
  pool?: RetrievalPool;
}

/**
 * The life of the live index: load the saved one (refusing one built differently), bring it up
 * to date with the corpus incrementally — scan, diff, keep the last good version of a document that
 * broke, build, swap a complete new snapshot in — and save it. Queries never see a half-built index;
 * runs are serialised. Files, watching and threads belong to the runtime's ports.
 */
export class IndexLifecycle {
  private snapshot: Snapshot | undefined;
  private index: SearchIndex | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Promise<ReindexReport> | undefined;
  /** The background catch-up started by `open({ catchUp: 'background' })`, while it runs. */
  private catchUp: Promise<ReindexReport> | undefined;
  /** The id of the artifact in storage that the live index was saved as (or loaded from). */
  private savedArtifact: string | undefined;
  /**
   * What the last run knew about each corpus file (size, mtime, content hash, parse outcome):
   * a file whose size and mtime are unchanged is not read again, one whose text hashes the same
   * is not parsed again. Saved with the index so a restart can use it.
   */
  private known = new Map<string, KnownFile>();
  /** The analyzer used for queries (with synonyms); indexing uses the same analyzer without them. */
  queryAnalyzer: DanishAnalyzer = createDanishAnalyzer();
  /** The synonyms file's text `queryAnalyzer` was made from (a pool's workers make the same analyzer). */
  private synonyms: string | undefined;
  protected readonly indexAnalyzer: DanishAnalyzer = createDanishAnalyzer();
  readonly embedder: Embedder;

  constructor(protected readonly ports: IndexLifecycleOptions) {
    this.embedder = ports.embedder(this.indexAnalyzer);
  }

  /** The search index queries use now (`undefined` before the first load). */
  searchIndex(): SearchIndex | undefined {
    return this.index;
  }

  /** The snapshot queries use now (`undefined` before the first load). */
  current(): Snapshot | undefined {
    return this.snapshot;
  }

  /** True while the catch-up re-index after a load from storage runs behind the loaded index. */
  get catchingUp(): boolean {
    return this.catchUp !== undefined;
  }

  /** Load what storage holds, then index what changed in the corpus (see `OpenOptions.catchUp`). */
  open(options: OpenOptions = {}): Promise<ReindexReport> {
    return this.enqueue(async () => {
      const started = performance.now();
      const loaded = await this.load();
      if (loaded) {
        // the loaded index answers at once: with the corpus's synonyms, as it will after the catch-up
        await this.readSynonyms();
        if (options.catchUp === 'background') {
          // documents whose files were deleted while the server was down are never cited, not even
          // until the catch-up has removed them from the index
          this.install(loaded, await this.goneDocuments(loaded));
          const catchUp = this.enqueue(() => this.rebuild());
          this.catchUp = catchUp;
          // the caller may never look at it; a failure is logged and the loaded index keeps serving
          catchUp.then(
            () => this.endCatchUp(catchUp),
            (err: unknown) => {
              this.endCatchUp(catchUp);
              this.ports.logger.error('The catch-up after start failed; the loaded index keeps serving', {
                event: 'index.catch_up_failed',
                error: String(err),
              });
            },
          );
          return { ...this.unchangedReport(loaded, [], started, 0), loadedFromDisk: true, catchUp };
        }
        this.install(loaded);
      }
      const report = await this.rebuild();
      return { ...report, loadedFromDisk: loaded !== undefined };
    });
  }

  /** Re-read the corpus and swap in an updated index; concurrent calls share one run. */
  reindex(): Promise<ReindexReport> {
    this.pending ??= this.enqueue(async () => {
      this.pending = undefined;
      return this.rebuild();
    });
    return this.pending;
  }

  /** Resolves once every load or re-index started so far has finished (successfully or not). */
  async idle(): Promise<void> {
    await this.queue;
  }

  private endCatchUp(run: Promise<ReindexReport>): void {
    if (this.catchUp === run) this.catchUp = undefined;
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Documents of `index` whose files are no longer in the corpus (a quick listing, no file is
   * read). Empty when the corpus cannot be listed: the catch-up reports that.
   */
  private async goneDocuments(index: SearchIndex): Promise<Set<string>> {
    let present: Set<string>;
    try {
      const entries = await this.ports.corpus.list();
      present = new Set(entries.filter((e) => isDocumentPath(e.path)).map((e) => e.path));
    } catch {
      return new Set();
    }
    const gone = new Set(index.documents.filter((d) => !present.has(d.path)).map((d) => d.docId));
    if (gone.size > 0) {
      this.ports.logger.info('Documents deleted while the server was stopped are not cited', {
        event: 'index.documents_hidden',
        documents: [...gone],
      });
    }
    return gone;
  }

  /** The saved index as a search index, with its known files; `undefined` when storage has none usable. */
  private async load(): Promise<SearchIndex | undefined> {
    const { storage } = this.ports;
    if (!storage) return undefined;
    const saved = await storage.load({ analyzerId: this.indexAnalyzer.id, embedderId: this.embedder.id });
    if (!saved) return undefined;
    this.known = new Map(saved.known?.map((f) => [f.path, f]));
    this.savedArtifact = saved.artifact;
    return SearchIndex.create(saved.state, await this.loadedVectors(saved));
  }

  /** The vectors of a loaded index; refilled ones are saved again so the next start can use them. */
  private async loadedVectors(saved: SavedIndex): Promise<VectorStore | undefined> {
    const { vectors } = this.ports;
    if (!vectors) return undefined;
    const store = saved.vectorStore ?? (await filledStore(vectors, saved.state));
    if (saved.vectorStore === undefined || saved.vectorsRebuilt) {
      // the saved vectors belonged to another index: replace them so the next start and re-index can use them
      this.ports.logger.warn('The saved vectors did not belong to the index; they were rebuilt', {
        event: 'index.vectors_rebuilt',
      });
      const storage = this.ports.storage!;
      await this.saveOrExplain(() => storage.saveVectors(store, saved.artifact, saved.state));
    }
    return store;
  }

  private async readSynonyms(): Promise<void> {
    const text = await this.ports.corpus.synonyms();
    if (text === undefined) return;
    try {
      this.queryAnalyzer = createDanishAnalyzer({ synonyms: parseSynonyms(text, 'corpus/_meta/synonyms.yaml') });
      this.synonyms = text;
    } catch (err) {
      this.ports.logger.error('The synonyms file is invalid; the previous synonyms stay in use', {
        event: 'corpus.synonyms_invalid',
        error: String(err),
      });
    }
  }

  private async rebuild(): Promise<ReindexReport> {
    const started = performance.now();
    const { logger, storage } = this.ports;
    await this.readSynonyms();
    const scan = await scanCorpus(this.ports.corpus, this.known, this.index, (this.ports.now ?? Date.now)());
    for (const issue of scan.issues) {
      logger[issue.severity === 'error' ? 'error' : 'warn']('A corpus document has a problem', {
        event: 'corpus.document_problem',
        ...issue,
      });
    }
    if (!scan.touched && this.index) {
      // no file added, removed or edited since the last run: keep the index; synonyms may have changed
      this.known = scan.known;
      this.install(this.index);
      return { ...this.unchangedReport(this.index, scan.issues, started, scan.filesRead), loadedFromDisk: false };
    }
    const previous = this.index?.state;
    const kept = await this.readStubsToIndex(
      keepLastGood(this.index, scan.documents, scan.issues),
      scan.stubs,
      previous,
    );
    // a full build fills its new vector store while the documents are prepared elsewhere
    const stream = this.vectorStream(kept, previous);
    let built: { state: IndexState; stats: BuildStats };
    let streamed: VectorStore | undefined;
    try {
      const prepared = await this.ports.prepare?.(kept, previous, this.indexAnalyzer, this.embedder, stream?.sink);
      built = await this.build(kept, scan.stubs, previous, prepared);
      streamed = built.stats.fullRebuild ? await stream?.take(built.stats.chunkIdsAdded) : undefined;
    } finally {
      stream?.abandon();
    }
    const { state, stats } = built;
    const changed = stats.added.length + stats.changed.length + stats.removed.length > 0;
    let liveMs: number;
    let saveError: string | undefined;
    if (changed || !this.index || this.index.state.manifest.analyzerId !== state.manifest.analyzerId) {
      const store = streamed ?? (await this.nextVectorStore(state, stats));
      const index = await SearchIndex.create(state, store);
      // serve the new index at once; saving (with fsync) can take a while on a busy disk
      this.install(index);
      liveMs = performance.now() - started;
      if (storage) {
        saveError = await this.saveOrExplain(async () => {
          const saved = await storage.save(state, store, scan.known.values());
          this.savedArtifact = saved.artifact;
          // the vector store holds its own copy for searching: builds and saves read the rows from storage
          if (saved.vectors) state.vectors = saved.vectors;
        });
        // saved, the vector store searches its compact graph, which a pool's workers can share
        if (this.ports.pool && this.index === index && !saveError) this.install(index);
      }
    } else {
      // synonyms may have changed: rebuild the retriever over the same index
      if (this.snapshot) this.install(this.index);
      liveMs = performance.now() - started;
      const artifact = this.savedArtifact;
      if (storage && artifact) {
        saveError = await this.saveOrExplain(() => storage.saveKnownFiles(artifact, scan.known.values()));
      }
    }
    this.known = scan.known;
    const totalMs = performance.now() - started;
    return {
      ...stats,
      documents: kept.length,
      issues: scan.issues,
      loadedFromDisk: false,
      liveMs,
      totalMs,
      filesRead: scan.filesRead,
      ...(saveError ? { saveError } : {}),
    };
  }

  /**
   * A vector store to fill as the documents are prepared, when this run builds everything afresh
   * with a preparer and the vector stores can grow; otherwise `undefined`.
   */
  private vectorStream(documents: Document[], previous: IndexState | undefined): VectorStream | undefined {
    const { vectors, prepare } = this.ports;
    if (!vectors?.grow || !prepare || !reusesNothing(previous, this.indexAnalyzer, this.embedder)) return undefined;
    return new VectorStream(
      vectors.grow(this.embedder.dimensions, documents.length * EXPECTED_CHUNKS_PER_DOCUMENT),
      (error) =>
        this.ports.logger.warn('The vectors filled during the build could not be taken; they are filled again', {
          event: 'index.vector_stream_failed',
          error: String(error),
        }),
    );
  }

  /**
   * `buildIndex` over the live state. When the live state's vectors cannot be read from storage any
   * more (its file was replaced behind it, e.g. by a save that failed half-way), builds everything
   * afresh instead of failing every run from then on.
   */
  private async build(
    documents: Document[],
    stubs: Set<Document>,
    previous: IndexState | undefined,
    prepared: Map<string, PreparedDocument> | undefined,
  ): Promise<{ state: IndexState; stats: BuildStats }> {
    const options = {
      chunk: (doc: Document) => chunkDocument(doc),
      analyzer: this.indexAnalyzer,
      embedder: this.embedder,
      ...(prepared ? { prepared } : {}),
    };
    if (!previous) return buildIndex({ ...options, documents });
    try {
      return await buildIndex({ ...options, documents, previous });
    } catch (err) {
      if (!HelpdeskError.isInstance(err) || err.code !== 'index_incompatible') throw err;
      this.ports.logger.warn('The vectors of the live index cannot be read any more; building everything again', {
        event: 'index.vectors_unreadable',
        error: String(err),
      });
      // unchanged files were not read again (stubs): without a previous index their text is needed
      return buildIndex({ ...options, documents: await this.readStubsToIndex(documents, stubs, undefined) });
    }
  }

  /**
   * Runs `save` after a new index went into service. A failure is not the run's failure (the new
   * index serves, so saying the previous one is still used would be false): it is logged with what
   * to do and returned as the report's `saveError`.
   */
  private async saveOrExplain(save: () => Promise<void>): Promise<string | undefined> {
    try {
      await save();
      return undefined;
    } catch (err) {
      const message = this.ports.storage!.describeSaveFailure(err);
      this.ports.logger.error('The index could not be saved; the new index serves but is rebuilt at the next start', {
        event: 'index.save_failed',
        explanation: message,
        error: String(err),
      });
      return message;
    }
  }

  /** The report of a run that left `index` as it was. */
  private unchangedReport(index: SearchIndex, issues: LoadIssue[], started: number, filesRead: number) {
    const ms = performance.now() - started;
    return {
      added: [],
      changed: [],
      removed: [],
      unchanged: index.documents.length,
      chunks: index.chunks.length,
      embedded: 0,
      ms,
      fullRebuild: false,
      chunkIdsAdded: [],
      chunkIdsRemoved: [],
      documents: index.documents.length,
      issues,
      liveMs: ms,
      totalMs: ms,
      filesRead,
    };
  }

  /**
   * Stub documents carry no body; if the build would chunk any of them (it cannot reuse the
   * previous index for them), read and parse those files after all.
   */
  private async readStubsToIndex(
    documents: Document[],
    stubs: Set<Document>,
    previous: IndexState | undefined,
  ): Promise<Document[]> {
    if (stubs.size === 0) return documents;
    const m = previous?.manifest;
    // the usual case: the live index was built with this analyzer and embedder and holds every stub's chunks
    if (m && m.analyzerId === this.indexAnalyzer.id && m.embedderId === this.embedder.id) return documents;
    const toIndex = documentsToIndex(documents, previous, this.indexAnalyzer, this.embedder);
    const missing = new Set(toIndex.filter((d) => stubs.has(d)));
    if (missing.size === 0) return documents;
    const out: Document[] = [];
    for (const doc of documents) {
      if (!missing.has(doc)) {
        out.push(doc);
        continue;
      }
      const parsed = parseDocument({ path: doc.path, content: await this.ports.corpus.read(doc.path) });
      if (parsed.document) out.push(parsed.document);
    }
    return out;
  }

  /**
   * The vector store for a new build. An incremental build forks the live store and applies its
   * changes there, so the snapshot still serving keeps exactly its own vectors and nothing is
   * reloaded. A full rebuild, or a store that cannot be forked, gets a new store.
   */
  private async nextVectorStore(state: IndexState, stats: BuildStats): Promise<VectorStore | undefined> {
    const { vectors } = this.ports;
    if (!vectors) return undefined;
    const live = this.index?.vectorStore;
    const next = !stats.fullRebuild && live ? vectors.fork(live) : undefined;
    if (!next) return filledStore(vectors, state);
    try {
      await syncVectorStore(next, state, stats);
    } catch (err) {
      next.abandon();
      throw err;
    }
    return next;
  }

  /** Serve `index`; the documents in `hidden` (files gone, index not yet updated) are left out of every answer. */
  private install(index: SearchIndex, hidden: ReadonlySet<string> = new Set()): void {
    this.index = index;
    const pooled = hidden.size === 0 ? this.ports.pool?.serve(index, this.synonyms) : undefined;
    this.snapshot = serveIndex(index, {
      analyzer: this.queryAnalyzer,
      embedder: this.embedder,
      ...(this.ports.retrieval ? { retrieval: this.ports.retrieval } : {}),
      baseUrl: this.ports.baseUrl,
      hidden,
      ...(pooled ? { retriever: pooled.retriever, answers: pooled.answers } : {}),
    });
  }
}

/** Chunks per document a growing vector store first makes room for (the generated corpora have ~8). */
const EXPECTED_CHUNKS_PER_DOCUMENT = 8;

/** A new vector store from `factory` holding every vector of `state`. */
async function filledStore(factory: VectorStoreFactory, state: IndexState): Promise<VectorStore> {
  const store = factory.create(state.manifest.dimensions, state.chunks.length);
  await fillVectorStore(store, state);
  return store;
}
