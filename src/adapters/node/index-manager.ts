import { watch as fsWatch, type FSWatcher } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createSnapshot, type Snapshot } from '../../answer/snapshot.js';
import { chunkDocument, loadCorpus, type ParseResult, parseDocument } from '../../corpus/index.js';
import type { Document, LoadIssue, SourceFile } from '../../corpus/types.js';
import type { Logger } from '../../http/deps.js';
import { artifactId, deserializeIndex, type IndexState, serializeIndex } from '../../index/artifact.js';
import { type BuildStats, buildIndex } from '../../index/build.js';
import type { Embedder } from '../../index/embedder.js';
import { fillVectorStore, syncVectorStore } from '../../index/fill-vector-store.js';
import { SearchIndex } from '../../index/search-index.js';
import type { AnswerabilityModel } from '../../retrieval/answerability.js';
import { type RetrievalStages, Retriever } from '../../retrieval/retriever.js';
import { createDanishAnalyzer, type DanishAnalyzer, parseSynonyms } from '../../text/index.js';
import { writeFileAtomic } from './atomic-file.js';
import { readCorpusDir, readSynonymsFile } from './fs-corpus.js';
import { HnswVectorStore } from './hnsw-vector-store.js';

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
  model?: AnswerabilityModel;
  /** `hnsw` (default) or an exact in-memory store. */
  vectorStore?: 'hnsw' | 'exact';
}

/** What one (re)index did. */
export interface ReindexReport extends BuildStats {
  documents: number;
  issues: LoadIssue[];
  loadedFromDisk: boolean;
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

  /** Load what is on disk, then index what changed in the corpus. */
  open(): Promise<ReindexReport> {
    return this.enqueue(async () => {
      const loaded = await this.loadFromDisk();
      if (loaded) this.install(loaded);
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
    let bytes: Uint8Array;
    try {
      bytes = await readFile(join(dir, INDEX_FILE));
    } catch {
      return undefined;
    }
    let state: IndexState;
    try {
      state = deserializeIndex(bytes);
    } catch (err) {
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
    return { index: await SearchIndex.create(state, await this.vectorStoreFor(state, artifactId(bytes))) };
  }

  /** A vector store for `state`: the saved HNSW graph if it belongs to this artifact, else refilled. */
  private async vectorStoreFor(state: IndexState, artifact?: string) {
    if (this.options.vectorStore === 'exact') return undefined;
    const dims = state.manifest.dimensions;
    const dir = this.options.indexDir;
    if (dir && artifact) {
      try {
        const saved = await HnswVectorStore.load(dir, { dimensions: dims });
        if (saved.artifact === artifact) {
          this.savedArtifact = artifact;
          return saved;
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
      await store.save(dir, artifact);
      this.savedArtifact = artifact;
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
    await this.readSynonyms();
    const files = await readCorpusDir(this.options.corpusDir);
    const { documents, issues } = loadCorpus(files, (file) => this.parseCached(file));
    const present = new Set(files.map((f) => f.path));
    for (const path of this.parsed.keys()) if (!present.has(path)) this.parsed.delete(path);
    for (const issue of issues) {
      this.options.logger[issue.severity === 'error' ? 'error' : 'warn']('Dokument i korpus har en fejl', { ...issue });
    }
    const kept = this.keepLastGood(documents, issues);
    const previous = this.index?.state;
    const { state, stats } = await buildIndex({
      documents: kept,
      chunk: (doc) => chunkDocument(doc),
      analyzer: this.indexAnalyzer,
      embedder: this.embedder,
      ...(previous ? { previous } : {}),
    });
    const changed = stats.added.length + stats.changed.length + stats.removed.length > 0;
    if (changed || !this.index || this.index.state.manifest.analyzerId !== state.manifest.analyzerId) {
      const store = await this.nextVectorStore(state, stats);
      const index = await SearchIndex.create(state, store);
      // serve the new index at once; saving (with fsync) can take a while on a busy disk
      this.install({ index });
      await this.save(state, store);
    } else if (this.snapshot) {
      // synonyms may have changed: rebuild the retriever over the same index
      this.install({ index: this.index });
    }
    return { ...stats, documents: kept.length, issues, loadedFromDisk: false };
  }

  /** Parse results by path, reused while a file's text is unchanged (a re-index parses only edited files). */
  private readonly parsed = new Map<string, { content: string; result: ParseResult }>();

  private parseCached(file: SourceFile): ParseResult {
    const hit = this.parsed.get(file.path);
    if (hit && hit.content === file.content) return hit.result;
    const result = parseDocument(file);
    this.parsed.set(file.path, { content: file.content, result });
    return result;
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

  private async nextVectorStore(state: IndexState, stats: BuildStats) {
    if (this.options.vectorStore === 'exact') return undefined;
    if (!stats.fullRebuild && this.options.indexDir && this.index) {
      try {
        const copy = await HnswVectorStore.load(this.options.indexDir, { dimensions: state.manifest.dimensions });
        if (copy.artifact === this.savedArtifact) {
          await syncVectorStore(copy, state, stats);
          return copy;
        }
      } catch {
        // fall through to a fresh store
      }
    }
    return this.vectorStoreFor(state);
  }

  private savedArtifact: string | undefined;

  private async save(state: IndexState, store: unknown): Promise<void> {
    const dir = this.options.indexDir;
    if (!dir) return;
    await mkdir(dir, { recursive: true });
    const bytes = serializeIndex(state);
    await writeFileAtomic(join(dir, INDEX_FILE), bytes);
    const id = artifactId(bytes);
    if (store instanceof HnswVectorStore) await store.save(dir, id);
    this.savedArtifact = id;
  }

  private install({ index }: { index: SearchIndex }): void {
    const retriever = new Retriever(index, this.queryAnalyzer, this.embedder, {
      ...(this.options.stages ? { stages: this.options.stages } : {}),
      ...(this.options.model ? { model: this.options.model } : {}),
    });
    this.index = index;
    this.snapshot = createSnapshot(index, retriever, this.options.baseUrl);
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
