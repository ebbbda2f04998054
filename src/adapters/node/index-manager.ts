import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Snapshot } from '../../answer/snapshot.js';
import { chunkDocument, isDocumentPath, loadCorpus, type ParseResult, parseDocument } from '../../corpus/index.js';
import type { Document, LoadIssue } from '../../corpus/types.js';
import { serveIndex } from '../../core/serve-index.js';
import type { Logger } from '../../http/deps.js';
import type { IndexState } from '../../index/artifact.js';
import { type BuildStats, buildIndex, documentsToIndex } from '../../index/build.js';
import type { Embedder } from '../../index/embedder.js';
import { fillVectorStore, syncVectorStore } from '../../index/fill-vector-store.js';
import { SearchIndex } from '../../index/search-index.js';
import type { AnswerabilityModel } from '../../retrieval/answerability.js';
import type { RetrievalStages } from '../../retrieval/retriever.js';
import type { Thesaurus } from '../../text/thesaurus.js';
import type { WordList } from '../../text/word-list.js';
import { hashString } from '../../text/hash.js';
import { createDanishAnalyzer, type DanishAnalyzer, parseSynonyms } from '../../text/index.js';
import { removeStaleTempsIn } from './atomic-file.js';
import { type KnownFile, loadKnownFiles, RACY_MS, saveKnownFiles } from './corpus-files.js';
import { readCorpusFile, readSynonymsFile, scanCorpusDir } from './fs-corpus.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import { isFileSystemError, readIndexFile, writeIndexFile } from './index-files.js';
import { ParallelPreparer } from './parallel-build.js';
import { indexSaveFailure } from './storage-failure.js';

/** File name of the index artifact inside the data directory. */
export const INDEX_FILE = 'index.bin';

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
   * Chunk and embed on worker threads (`ParallelPreparer`) when a run has at least this many
   * documents to (re)index and the embedder is the offline local one; default 400 (each worker
   * needs a few seconds to start). `Infinity` keeps everything on the main thread.
   */
  parallelFrom?: number;
}

/** Documents to (re)index from which `IndexManager` uses worker threads unless told otherwise. */
export const PARALLEL_FROM_DOCUMENTS = 400;

/** What one (re)index did. */
export interface ReindexReport extends BuildStats {
  documents: number;
  issues: LoadIssue[];
  loadedFromDisk: boolean;
  /** Milliseconds from the start of the run until the new snapshot answered queries (the run's end when nothing changed). */
  liveMs: number;
  /** Milliseconds of the whole run, saving included. */
  totalMs: number;
  /** Corpus files read from disk in this run (the others were unchanged since the last run). */
  filesRead: number;
  /**
   * Set when the new index serves but could not be saved (a full disk, a read-only `DATA_DIR`, a
   * file where the index folder should be): what went wrong, naming the folder, in Danish.
   */
  saveError?: string;
  /**
   * Only from `open({ catchUp: 'background' })` after a load from disk: the catch-up re-index
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

export interface OpenOptions {
  /**
   * `wait` (default): resolve after the loaded index has been brought up to date with the corpus.
   * `background`: once an index is loaded from disk, serve it at once and run the catch-up
   * re-index behind it (`report.catchUp`); without a saved index this waits as `wait` does.
   */
  catchUp?: 'wait' | 'background';
}

/**
 * Owns the live index on Node: loads it from disk (refusing and rebuilding an
 * incompatible one), brings it up to date with `corpus/` incrementally, saves it
 * atomically, and swaps a complete new snapshot in after every rebuild, so
 * queries never see a half-built index. Re-index runs are serialised.
 */
export class IndexManager {
  private snapshot: Snapshot | undefined;
  private index: SearchIndex | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private pending: Promise<ReindexReport> | undefined;
  /** The analyzer used for queries (with synonyms); indexing uses the same analyzer without them. */
  queryAnalyzer: DanishAnalyzer = createDanishAnalyzer();
  private readonly indexAnalyzer: DanishAnalyzer = createDanishAnalyzer();
  readonly embedder: Embedder;

  constructor(private readonly options: IndexManagerOptions) {
    this.embedder = options.embedder(this.indexAnalyzer);
  }

  /** The search index queries use now (`undefined` before the first load). */
  searchIndex(): SearchIndex | undefined {
    return this.index;
  }

  /** The snapshot queries use now (`undefined` before the first load). */
  current(): Snapshot | undefined {
    return this.snapshot;
  }

  /** Load what is on disk, then index what changed in the corpus (see `OpenOptions.catchUp`). */
  open(options: OpenOptions = {}): Promise<ReindexReport> {
    return this.enqueue(async () => {
      const started = performance.now();
      const loaded = await this.loadFromDisk();
      if (loaded) {
        if (options.catchUp === 'background') {
          // documents whose files were deleted while the server was down are never cited, not even
          // until the catch-up has removed them from the index
          this.install(loaded, await this.goneDocuments(loaded.index));
          const catchUp = this.enqueue(() => this.rebuild());
          this.catchUp = catchUp;
          // the caller may never look at it; a failure is logged and the loaded index keeps serving
          catchUp.then(
            () => this.endCatchUp(catchUp),
            (err: unknown) => {
              this.endCatchUp(catchUp);
              this.options.logger.error('Indhentningen efter start fejlede; det indlæste indeks bruges stadig', {
                error: String(err),
              });
            },
          );
          return { ...this.unchangedReport(loaded.index, [], started, 0), loadedFromDisk: true, catchUp };
        }
        this.install(loaded);
      }
      const report = await this.rebuild();
      return { ...report, loadedFromDisk: loaded !== undefined };
    });
  }

  /** The background catch-up started by `open({ catchUp: 'background' })`, while it runs. */
  private catchUp: Promise<ReindexReport> | undefined;

  /** True while the catch-up re-index after a load from disk runs behind the loaded index. */
  get catchingUp(): boolean {
    return this.catchUp !== undefined;
  }

  private endCatchUp(run: Promise<ReindexReport>): void {
    if (this.catchUp === run) this.catchUp = undefined;
  }

  /**
   * Documents of `index` whose files are no longer in the corpus folder (a quick listing, no file
   * is read). Empty when the folder cannot be listed: the catch-up reports that.
   */
  private async goneDocuments(index: SearchIndex): Promise<Set<string>> {
    let present: Set<string>;
    try {
      const entries = await scanCorpusDir(this.options.corpusDir);
      present = new Set(entries.filter((e) => isDocumentPath(e.path)).map((e) => e.path));
    } catch {
      return new Set();
    }
    const gone = new Set(index.documents.filter((d) => !present.has(d.path)).map((d) => d.docId));
    if (gone.size > 0) {
      this.options.logger.info('Dokumenter slettet mens serveren var stoppet; de citeres ikke', {
        documents: [...gone],
      });
    }
    return gone;
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

  /** Re-index when files under the corpus change (debounced). Returns a stop function. */
  watch(debounceMs = 250): () => void {
    let timer: NodeJS.Timeout | undefined;
    let watcher: FSWatcher | undefined;
    try {
      watcher = fsWatch(this.options.corpusDir, { recursive: true }, () => {
        clearTimeout(timer);
        timer = setTimeout(() => {
          this.reindex().then(
            (r) => this.logChanges('Korpus ændret: indeks opdateret', r),
            (err: unknown) =>
              this.options.logger.error('Genindeksering fejlede; det forrige indeks bruges stadig', {
                error: String(err),
              }),
          );
        }, debounceMs);
      });
      // an unhandled 'error' event would end the process; the index keeps serving without the watcher
      watcher.on('error', (err) => {
        this.options.logger.warn(
          'Overvågningen af korpusmappen stoppede; genstart serveren eller brug POST /api/admin/reindex',
          {
            error: String(err),
          },
        );
      });
    } catch (err) {
      this.options.logger.warn('Kan ikke overvåge korpusmappen', { error: String(err) });
    }
    return () => {
      clearTimeout(timer);
      watcher?.close();
    };
  }

  private enqueue<T>(job: () => Promise<T>): Promise<T> {
    const run = this.queue.then(job, job);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async loadFromDisk(): Promise<{ index: SearchIndex } | undefined> {
    const dir = this.options.indexDir;
    if (!dir) return undefined;
    // nothing writes here yet: sweep temp files a killed process left half-written
    const stale = await removeStaleTempsIn(dir);
    if (stale.length > 0)
      this.options.logger.info('Fjernede halvskrevne filer fra et afbrudt indeks', { files: stale });
    // start reading the hnsw graph now: hnswlib reads it on a worker thread while this one parses index.bin
    const graph = this.options.vectorStore === 'exact' ? undefined : HnswVectorStore.load(dir).catch(() => undefined);
    let state: IndexState;
    let artifact: string;
    try {
      ({ state, artifact } = readIndexFile(join(dir, INDEX_FILE)));
    } catch (err) {
      if (isFileSystemError(err)) return undefined;
      this.options.logger.warn('Indeksfilen kan ikke bruges; bygger igen', { error: String(err) });
      return undefined;
    }
    const m = state.manifest;
    if (m.analyzerId !== this.indexAnalyzer.id || m.embedderId !== this.embedder.id) {
      this.options.logger.warn('Indekset er bygget med en anden analysator eller embedder; bygger igen', {
        built: `${m.analyzerId} / ${m.embedderId}`,
        expected: `${this.indexAnalyzer.id} / ${this.embedder.id}`,
      });
      return undefined;
    }
    const known = await loadKnownFiles(dir, artifact);
    this.known = new Map(known?.map((f) => [f.path, f]));
    return { index: await SearchIndex.create(state, await this.vectorStoreFor(state, artifact, graph)) };
  }

  /**
   * A vector store for `state`: the saved HNSW graph if it belongs to this artifact, else refilled.
   * `saved` is the graph already being loaded, if any.
   */
  private async vectorStoreFor(state: IndexState, artifact?: string, saved?: Promise<HnswVectorStore | undefined>) {
    if (this.options.vectorStore === 'exact') return undefined;
    const dims = state.manifest.dimensions;
    const dir = this.options.indexDir;
    if (dir && artifact) {
      try {
        const graph = saved ? await saved : await HnswVectorStore.load(dir, { dimensions: dims });
        if (graph && graph.dimensions === dims && graph.artifact === artifact) {
          this.savedArtifact = artifact;
          return graph;
        }
      } catch {
        // missing or damaged: refill below
      }
    }
    const store = new HnswVectorStore({ dimensions: dims, initialCapacity: Math.max(1024, state.chunks.length) });
    await fillVectorStore(store, state);
    if (dir && artifact) {
      // the saved vectors belonged to another index: replace them so the next start and re-index can use them
      this.options.logger.warn('Vektorfilerne passede ikke til indekset; de er bygget igen');
      if ((await this.saveOrExplain(() => store.save(dir, artifact))) === undefined) this.savedArtifact = artifact;
    }
    return store;
  }

  private async readSynonyms(): Promise<void> {
    const text = await readSynonymsFile(this.options.corpusDir);
    if (text === undefined) return;
    try {
      this.queryAnalyzer = createDanishAnalyzer({ synonyms: parseSynonyms(text, 'corpus/_meta/synonyms.yaml') });
    } catch (err) {
      this.options.logger.error('Synonymfilen er ugyldig; de forrige synonymer bruges stadig', { error: String(err) });
    }
  }

  private async rebuild(): Promise<ReindexReport> {
    const started = performance.now();
    await this.readSynonyms();
    const scan = await this.scanCorpus();
    for (const issue of scan.issues) {
      this.options.logger[issue.severity === 'error' ? 'error' : 'warn']('Dokument i korpus har en fejl', { ...issue });
    }
    if (!scan.touched && this.index) {
      // no file added, removed or edited since the last run: keep the index; synonyms may have changed
      this.known = scan.known;
      this.install({ index: this.index });
      return { ...this.unchangedReport(this.index, scan.issues, started, scan.filesRead), loadedFromDisk: false };
    }
    const kept = await this.readStubsToIndex(this.keepLastGood(scan.documents, scan.issues), scan.stubs);
    const previous = this.index?.state;
    const prepared = await this.prepareInParallel(kept, previous);
    const { state, stats } = await buildIndex({
      documents: kept,
      chunk: (doc) => chunkDocument(doc),
      analyzer: this.indexAnalyzer,
      embedder: this.embedder,
      ...(previous ? { previous } : {}),
      ...(prepared ? { prepared } : {}),
    });
    const changed = stats.added.length + stats.changed.length + stats.removed.length > 0;
    let liveMs: number;
    let saveError: string | undefined;
    if (changed || !this.index || this.index.state.manifest.analyzerId !== state.manifest.analyzerId) {
      const store = await this.nextVectorStore(state, stats);
      const index = await SearchIndex.create(state, store);
      // serve the new index at once; saving (with fsync) can take a while on a busy disk
      this.install({ index });
      liveMs = performance.now() - started;
      saveError = await this.saveOrExplain(() => this.save(state, store, scan.known));
    } else {
      // synonyms may have changed: rebuild the retriever over the same index
      if (this.snapshot) this.install({ index: this.index });
      liveMs = performance.now() - started;
      const { indexDir } = this.options;
      if (indexDir && this.savedArtifact) {
        const artifact = this.savedArtifact;
        saveError = await this.saveOrExplain(() => saveKnownFiles(indexDir, artifact, scan.known.values()));
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
   * Runs `save` after a new index went into service. A failure is not the run's failure (the new
   * index serves, so saying the previous one is still used would be false): it is logged, naming
   * the folder and what to do, and returned as the report's `saveError`.
   */
  private async saveOrExplain(save: () => Promise<void>): Promise<string | undefined> {
    try {
      await save();
      return undefined;
    } catch (err) {
      const message = indexSaveFailure(err, this.options.indexDir ?? '');
      this.options.logger.error(message, { indexDir: this.options.indexDir, error: String(err) });
      return message;
    }
  }

  /**
   * Chunks and vectors of the documents this run must (re)index, computed on worker threads when
   * there are enough of them and the embedder is the local one; undefined otherwise, or when the
   * workers fail (the build then does the work on the main thread).
   */
  private async prepareInParallel(documents: Document[], previous: IndexState | undefined) {
    const from = this.options.parallelFrom ?? PARALLEL_FROM_DOCUMENTS;
    if (!this.embedder.id.startsWith(LOCAL_EMBEDDER_PREFIX) || documents.length < from) return undefined;
    const todo = documentsToIndex(documents, previous, this.indexAnalyzer, this.embedder);
    if (todo.length < from) return undefined;
    const preparer = new ParallelPreparer({ dimensions: this.embedder.dimensions, embedderId: this.embedder.id });
    try {
      return await preparer.prepare(todo);
    } catch (err) {
      this.options.logger.warn('Parallel indeksering fejlede; indekserer i hovedtråden', { error: String(err) });
      return undefined;
    } finally {
      await preparer.close();
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
   * What the last run knew about each corpus file (size, mtime, content hash, parse outcome):
   * a file whose size and mtime are unchanged is not read again, one whose text hashes the same
   * is not parsed again. Saved beside the index (`corpus-files.json`) so a restart can use it.
   */
  private known = new Map<string, KnownFile>();

  /**
   * Stat every corpus file and load the corpus, reading only files that changed since the last run
   * and parsing only those whose text changed. An unchanged valid file stands in as a stub document
   * made from the indexed one (empty body): `buildIndex` reuses its chunks by hash.
   */
  private async scanCorpus() {
    const dir = this.options.corpusDir;
    const entries = (await scanCorpusDir(dir)).filter((e) => isDocumentPath(e.path));
    const indexed = this.index;
    const readAt = Date.now();
    const known = new Map<string, KnownFile>();
    const stubs = new Set<Document>();
    const slots: { path: string; content?: string; problem?: string; reuse?: KnownFile; stub?: Document }[] = [];
    let touched = entries.length !== this.known.size;
    let filesRead = 0;
    for (const entry of entries) {
      const before = this.known.get(entry.path);
      const stub = before?.docId === undefined ? undefined : stubOf(indexed, before);
      const usable = before !== undefined && (before.docId === undefined || stub !== undefined);
      if (usable && !before.racy && before.size === entry.size && before.mtimeMs === entry.mtimeMs) {
        known.set(entry.path, before);
        slots.push({ path: entry.path, reuse: before, ...(stub ? { stub } : {}) });
        continue;
      }
      let content: string;
      try {
        // a link that is not read (broken, or out of the corpus) is parsed as an empty file with its problem
        content = entry.problem === undefined ? await readCorpusFile(dir, entry.path) : '';
      } catch {
        touched = true; // vanished between stat and read: leave it out, like a removed file
        continue;
      }
      filesRead++;
      const hash = hashString(content);
      const racy = readAt - entry.mtimeMs < RACY_MS;
      if (usable && before.hash === hash) {
        known.set(entry.path, { ...before, size: entry.size, mtimeMs: entry.mtimeMs, racy });
        slots.push({ path: entry.path, reuse: before, ...(stub ? { stub } : {}) });
        continue;
      }
      touched = true;
      slots.push({ path: entry.path, content, ...(entry.problem === undefined ? {} : { problem: entry.problem }) });
      known.set(entry.path, { path: entry.path, size: entry.size, mtimeMs: entry.mtimeMs, hash, issues: [], racy });
    }
    if (!touched) for (const path of this.known.keys()) if (!known.has(path)) touched = true;
    const { documents, issues } = loadCorpus(slots, (slot): ParseResult => {
      if (slot.reuse) {
        if (slot.stub) stubs.add(slot.stub);
        return { ...(slot.stub ? { document: slot.stub } : {}), issues: slot.reuse.issues };
      }
      const result = parseDocument({
        path: slot.path,
        content: slot.content ?? '',
        ...(slot.problem ? { problem: slot.problem } : {}),
      });
      const entry = known.get(slot.path)!;
      entry.issues = result.issues;
      if (result.document) entry.docId = result.document.docId;
      return result;
    });
    return { documents, issues, known, stubs, touched, filesRead };
  }

  /**
   * Stub documents carry no body; if the build would chunk any of them (it cannot reuse the
   * previous index for them), read and parse those files after all.
   */
  private async readStubsToIndex(documents: Document[], stubs: Set<Document>): Promise<Document[]> {
    if (stubs.size === 0) return documents;
    const m = this.index?.state.manifest;
    // the usual case: the live index was built with this analyzer and embedder and holds every stub's chunks
    if (m && m.analyzerId === this.indexAnalyzer.id && m.embedderId === this.embedder.id) return documents;
    const toIndex = documentsToIndex(documents, this.index?.state, this.indexAnalyzer, this.embedder);
    const missing = new Set(toIndex.filter((d) => stubs.has(d)));
    if (missing.size === 0) return documents;
    const out: Document[] = [];
    for (const doc of documents) {
      if (!missing.has(doc)) {
        out.push(doc);
        continue;
      }
      const parsed = parseDocument({ path: doc.path, content: await readCorpusFile(this.options.corpusDir, doc.path) });
      if (parsed.document) out.push(parsed.document);
    }
    return out;
  }

  /** A document that became malformed keeps its last good version in the index. */
  private keepLastGood(documents: Document[], issues: LoadIssue[]): Document[] {
    if (!this.index) return documents;
    const have = new Set(documents.map((d) => d.docId));
    const broken = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.path));
    const carried: Document[] = [];
    for (const doc of this.index.documents) {
      if (!have.has(doc.docId) && broken.has(doc.path)) {
        const chunks = this.index.chunksOf(doc.docId);
        carried.push({
          docId: doc.docId,
          path: doc.path,
          meta: doc.meta,
          body: chunks.map((c) => c.text).join('\n\n'),
          hash: doc.hash,
        });
      }
    }
    return carried.length ? [...documents, ...carried] : documents;
  }

  /**
   * The vector store for a new build. An incremental build forks the live hnsw graph (a second
   * view over the same native graph, see `HnswVectorStore.fork`) and applies its changes there, so
   * the snapshot still serving keeps exactly its own vectors and nothing is reloaded from disk.
   * A full rebuild gets a new store.
   */
  private async nextVectorStore(state: IndexState, stats: BuildStats) {
    if (this.options.vectorStore === 'exact') return undefined;
    const live = this.index?.vectorStore;
    if (!stats.fullRebuild && live instanceof HnswVectorStore) {
      const next = live.fork();
      try {
        await syncVectorStore(next, state, stats);
      } catch (err) {
        next.abandon();
        throw err;
      }
      return next;
    }
    return this.vectorStoreFor(state);
  }

  private savedArtifact: string | undefined;

  private async save(state: IndexState, store: unknown, known: Map<string, KnownFile>): Promise<void> {
    const dir = this.options.indexDir;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    const { artifact: id } = await writeIndexFile(join(dir, INDEX_FILE), state);
    if (store instanceof HnswVectorStore) await store.save(dir, id);
    await saveKnownFiles(dir, id, known.values());
    this.savedArtifact = id;
  }

  /** Serve `index`; the documents in `hidden` (files gone, index not yet updated) are left out of every answer. */
  private install({ index }: { index: SearchIndex }, hidden: ReadonlySet<string> = new Set()): void {
    this.index = index;
    this.snapshot = serveIndex(index, {
      analyzer: this.queryAnalyzer,
      embedder: this.embedder,
      retrieval: {
        ...(this.options.stages ? { stages: this.options.stages } : {}),
        ...(this.options.model ? { model: this.options.model } : {}),
        ...(this.options.words ? { words: this.options.words } : {}),
        ...(this.options.thesaurus ? { thesaurus: this.options.thesaurus } : {}),
      },
      baseUrl: this.options.baseUrl,
      hidden,
    });
  }

  private logChanges(msg: string, r: ReindexReport): void {
    this.options.logger.info(msg, {
      added: r.added,
      changed: r.changed,
      removed: r.removed,
      chunks: r.chunks,
      ms: Math.round(r.ms),
    });
  }
}

/** The indexed document behind a known valid file, as a document without body; undefined if the index lacks it. */
function stubOf(index: SearchIndex | undefined, file: KnownFile): Document | undefined {
  const doc = file.docId === undefined ? undefined : index?.document(file.docId);
  if (!doc || doc.path !== file.path || doc.hash !== file.hash) return undefined;
  return { docId: doc.docId, path: doc.path, meta: doc.meta, body: '', hash: doc.hash };
}

/** Id prefix of the offline local embedder, the only one the worker threads can build. */
const LOCAL_EMBEDDER_PREFIX = 'local-hashed-ngrams-';
