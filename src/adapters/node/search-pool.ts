import { Worker } from 'node:worker_threads';
import type { Embedder } from '../../index/embedder.js';
import type { SearchIndex } from '../../index/search-index.js';
import { type ErrorCode, HelpdeskError } from '../../errors.js';
import type { ExtractiveRequest, RemoteAnswers } from '../../answer/remote-answers.js';
import type { AnswerResponse } from '../../answer/types.js';
import type { PooledServing, RetrievalPool, RetrieverFactory } from '../../core/serve-index.js';
import type { Logger } from '../../logger.js';
import type { AnswerabilityModel } from '../../retrieval/answerability.js';
import type { RetrievalIndex } from '../../retrieval/retrieval-index.js';
import { type Retrieval, type RetrievalStages, Retriever, type RetrieverOptions } from '../../retrieval/retriever.js';
import type { Analyzer } from '../../text/types.js';
import { HnswVectorStore } from './hnsw-vector-store.js';
import type { SharedIndexParts } from './shared-retrieval-index.js';
import type { SharedWordListParts } from './shared-word-list.js';
import { workerEntryUrl } from './worker-url.js';

/** What `retrieve` is asked: the retriever's own arguments. */
type RetrieveOptions = { context?: string; k?: number };

/** A message from the pool to a search worker. */
export type PoolRequest =
  | { type: 'generation'; generation: number; parts: SharedIndexParts; synonyms?: string }
  | { type: 'drop'; generation: number }
  | { type: 'words'; parts: SharedWordListParts | undefined }
  | { type: 'retrieve'; id: number; generation: number; asked: string; options: RetrieveOptions }
  | { type: 'search'; id: number; generation: number; asked: string; k: number; baseUrl: string }
  | { type: 'compose'; id: number; generation: number; request: ExtractiveRequest }
  | { type: 'ping'; id: number };

/** A question for a worker on one generation: what the pool sends, without the request's id. */
type Question = DistributiveOmit<Extract<PoolRequest, { generation: number; id: number }>, 'id'>;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/**
 * A message from a search worker to the pool; an answer's value is what was asked for: a `Retrieval`
 * (`retrieve`), the search results as JSON text (`search`) or the answer (`compose`).
 */
export type PoolReply =
  | { type: 'answer'; id: number; value: Retrieval | string | AnswerResponse }
  | { type: 'failed'; id: number; error: { code: ErrorCode; message: string } }
  | { type: 'pong'; id: number; generations: number[] };

/** What a search worker is started with (its `workerData`). */
export interface SearchWorkerSettings {
  stages?: RetrievalStages;
  model?: AnswerabilityModel;
  /** The Danish word list comes as shared parts in a `words` message (undefined parts: load it yourself). */
  sharedWords?: boolean;
}

export interface SearchPoolOptions {
  /** Number of worker threads (≥ 1). */
  size: number;
  logger: Logger;
  /** The retriever's stages and answerability model, as the main thread's retriever has them. */
  retrieval?: { stages?: RetrievalStages; model?: AnswerabilityModel };
  /** Milliseconds a worker may take to answer before the request fails with `timeout` (504); default 30 000. */
  timeoutMs?: number;
  /**
   * The main thread's Danish word list in shared memory, once it is loaded (`shareWordList`): every
   * worker reads it instead of loading its own; undefined (or absent) and each worker loads one.
   */
  words?: Promise<SharedWordListParts | undefined>;
  /** Starts one worker (tests give a stand-in); by default `search-worker`. */
  spawn?: (settings: SearchWorkerSettings) => Worker;
}

interface Thread {
  worker: Worker;
  /** Requests sent to this worker and not yet answered. */
  waiting: Map<number, { resolve: (value: never) => void; reject: (err: unknown) => void }>;
}

/**
 * N worker threads that retrieve for questions over the live index's shared memory (chunk table,
 * lexical index, compact vector graph), while this thread keeps HTTP and SQLite; for `/api/search`
 * and the extractive `ask` they also make the result, so only that crosses back. Each index served
 * is a generation: `serve` hands its buffers to every worker at once, and a request runs on the
 * generation it was started on, also after a newer one arrived; a generation is dropped in the
 * workers once it is not the live one and no request on it is waiting. A worker that stops is
 * replaced (and given the live generations); its waiting requests fail with `internal` (500).
 */
export class SearchPool implements RetrievalPool {
  private readonly threads: Thread[] = [];
  /** Generations the workers hold, with the number of requests waiting on each. */
  private readonly generations = new Map<number, { request: PoolRequest; waiting: number }>();
  private live = 0;
  /** What the live generation serves (an index served again unchanged keeps its generation). */
  private served: { index: SearchIndex; synonyms: string | undefined; serving: PooledServing } | undefined;
  private counter = 0;
  private nextId = 1;
  private turn = 0;
  private closed = false;

  constructor(private readonly options: SearchPoolOptions) {
    for (let i = 0; i < Math.max(1, options.size); i++) this.start();
  }

  /** Number of worker threads. */
  get size(): number {
    return this.threads.length;
  }

  /**
   * Hand `index` to every worker as the next generation; undefined (serve it on this thread) unless
   * its vector store searches the compact graph with rows from the index file, i.e. once it is saved.
   * The same index with the same synonyms again keeps the live generation; an index served on this
   * thread ends it (the workers drop it once no request waits on it).
   */
  serve(index: SearchIndex, synonyms: string | undefined): PooledServing | undefined {
    if (this.served?.index === index && this.served.synonyms === synonyms) return this.served.serving;
    const store = index.vectorStore;
    const vectors = store instanceof HnswVectorStore ? store.shareable() : undefined;
    if (!vectors || this.closed) {
      // this thread serves `index` now: the workers let go of the last generation once nothing waits on it
      const previous = this.live;
      this.live = 0;
      this.served = undefined;
      this.retire(previous);
      return undefined;
    }
    const parts: SharedIndexParts = {
      chunks: index.chunks.toParts(),
      lexical: index.state.lexical.toParts(),
      vectors,
    };
    const generation = ++this.counter;
    const request: PoolRequest = {
      type: 'generation',
      generation,
      parts,
      ...(synonyms === undefined ? {} : { synonyms }),
    };
    this.generations.set(generation, { request, waiting: 0 });
    for (const thread of this.threads) thread.worker.postMessage(request);
    this.options.logger.debug('An index generation was handed to the search workers', {
      event: 'search_pool.generation',
      generation,
      workers: this.threads.length,
      chunks: index.chunks.length,
    });
    const previous = this.live;
    this.live = generation;
    this.retire(previous);
    const factory: RetrieverFactory = (searched, analyzer, embedder, options) =>
      new PooledRetriever(searched, analyzer, embedder, options, (asked, o) => this.retrieve(generation, asked, o));
    const answers: RemoteAnswers = {
      searchJson: (asked, k, baseUrl) => this.ask<string>({ type: 'search', generation, asked, k, baseUrl }),
      extractiveAnswer: (request) => this.ask<AnswerResponse>({ type: 'compose', generation, request }),
    };
    const serving = { retriever: factory, answers };
    this.served = { index, synonyms, serving };
    return serving;
  }

  /** Retrieve for `asked` on `generation` in the least busy worker. */
  retrieve(generation: number, asked: string, options: RetrieveOptions): Promise<Retrieval> {
    return this.ask<Retrieval>({ type: 'retrieve', generation, asked, options });
  }

  /** Send `question` to the least busy worker; resolves with its answer's value. */
  private ask<T>(question: Question): Promise<T> {
    const { generation } = question;
    const held = this.generations.get(generation);
    if (!held || this.threads.length === 0) {
      return Promise.reject(new HelpdeskError('index_not_ready', 'Søgetrådene har ikke dette indeks; prøv igen.'));
    }
    const thread = this.leastBusy();
    const id = this.nextId++;
    held.waiting++;
    let timer: NodeJS.Timeout | undefined;
    return new Promise<T>((resolve, reject) => {
      thread.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      thread.worker.postMessage({ ...question, id } satisfies PoolRequest);
      // an answer that never comes fails the request (and frees its generation) instead of holding it
      timer = setTimeout(() => {
        if (!thread.waiting.delete(id)) return;
        this.options.logger.error('A search worker did not answer in time', {
          event: 'search_pool.timeout',
          generation,
        });
        reject(new HelpdeskError('timeout', 'Søgningen svarede ikke i tide; prøv igen.'));
      }, this.options.timeoutMs ?? 30_000);
      // (the timer stays referenced: with the workers unref'd, it keeps the process alive until the answer)
    }).finally(() => {
      clearTimeout(timer);
      held.waiting--;
      this.retire(generation);
    });
  }

  /** The generations each worker holds now, worker by worker (for tests and diagnostics). */
  async workerGenerations(): Promise<number[][]> {
    return Promise.all(
      this.threads.map(
        (thread) =>
          new Promise<number[]>((resolve, reject) => {
            const id = this.nextId++;
            thread.waiting.set(id, { resolve: resolve as (value: never) => void, reject });
            thread.worker.postMessage({ type: 'ping', id } satisfies PoolRequest);
          }),
      ),
    );
  }

  /** Stop every worker; waiting requests fail. */
  async close(): Promise<void> {
    this.closed = true;
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.worker.terminate()));
  }

  private leastBusy(): Thread {
    const n = this.threads.length;
    let best = this.threads[this.turn % n]!;
    for (let i = 1; i < n; i++) {
      const thread = this.threads[(this.turn + i) % n]!;
      if (thread.waiting.size < best.waiting.size) best = thread;
    }
    this.turn = (this.turn + 1) % n;
    return best;
  }

  /** Drop `generation` in the workers once it is not the live one and nothing waits on it. */
  private retire(generation: number): void {
    const held = this.generations.get(generation);
    if (!held || generation === this.live || held.waiting > 0) return;
    this.generations.delete(generation);
    for (const thread of this.threads) thread.worker.postMessage({ type: 'drop', generation } satisfies PoolRequest);
  }

  private start(): void {
    const words = this.options.words;
    const settings: SearchWorkerSettings = {
      ...(this.options.retrieval?.stages ? { stages: this.options.retrieval.stages } : {}),
      ...(this.options.retrieval?.model ? { model: this.options.retrieval.model } : {}),
      ...(words ? { sharedWords: true } : {}),
    };
    const worker = (this.options.spawn ?? spawnSearchWorker)(settings);
    const thread: Thread = { worker, waiting: new Map() };
    this.threads.push(thread);
    worker.on('message', (reply: PoolReply) => {
      const waiting = thread.waiting.get(reply.id);
      if (!waiting) return;
      thread.waiting.delete(reply.id);
      if (reply.type === 'answer') waiting.resolve(reply.value as never);
      else if (reply.type === 'pong') waiting.resolve(reply.generations as never);
      else waiting.reject(new HelpdeskError(reply.error.code, reply.error.message));
    });
    let stopped = false;
    const stop = (reason: string) => {
      if (stopped) return;
      stopped = true;
      const at = this.threads.indexOf(thread);
      if (at >= 0) this.threads.splice(at, 1);
      for (const { reject } of thread.waiting.values()) {
        reject(new HelpdeskError('internal', 'En søgetråd stoppede, mens den søgte; prøv igen.'));
      }
      thread.waiting.clear();
      if (this.closed) return;
      this.options.logger.error('A search worker stopped; a new one replaces it', {
        event: 'search_pool.worker_stopped',
        reason,
      });
      this.start();
    };
    worker.on('error', (err) => stop(String(err)));
    worker.on('exit', (code) => stop(`exit code ${code}`));
    // after the listeners: adding a 'message' listener refs the worker's port again
    worker.unref();
    for (const { request } of this.generations.values()) worker.postMessage(request);
    // a list that failed to load or share: the worker loads its own
    words?.then(
      (parts) => worker.postMessage({ type: 'words', parts } satisfies PoolRequest),
      () => worker.postMessage({ type: 'words', parts: undefined } satisfies PoolRequest),
    );
  }
}

/**
 * The retriever of a generation served by the pool: `retrieve` runs in a worker; the passages'
 * chunks are then this thread's own chunk objects (what the composer caches by). Everything else
 * (`analyze`, `respell`) runs here, as in the plain `Retriever`.
 */
class PooledRetriever extends Retriever {
  constructor(
    private readonly searched: RetrievalIndex,
    analyzer: Analyzer,
    embedder: Embedder,
    options: RetrieverOptions,
    private readonly remote: (asked: string, options: RetrieveOptions) => Promise<Retrieval>,
  ) {
    super(searched, analyzer, embedder, options);
  }

  override async retrieve(asked: string, options: RetrieveOptions = {}): Promise<Retrieval> {
    const retrieval = await this.remote(asked, options);
    const chunks = await this.searched.chunksById(retrieval.passages.map((p) => p.chunk.id));
    return {
      ...retrieval,
      passages: retrieval.passages.map((p) => ({ ...p, chunk: chunks.get(p.chunk.id) ?? p.chunk })),
    };
  }
}

/** A `search-worker` thread (from the TypeScript source it registers the tsx loader first). */
function spawnSearchWorker(settings: SearchWorkerSettings): Worker {
  const url = workerEntryUrl('search-worker', import.meta.url);
  const fromSource = url.pathname.endsWith('.ts');
  const entry = fromSource
    ? `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`
    : url;
  return new Worker(entry, { eval: fromSource, workerData: settings });
}
