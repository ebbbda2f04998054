import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Document } from '../../corpus/types.js';
import { HelpdeskError } from '../../errors.js';
import type { PreparedSink, Preparer } from '../../core/index-ports.js';
import type { Logger } from '../../logger.js';
import { documentsToIndex, type PreparedDocument } from '../../index/build.js';
import type { WorkerResult, WorkerSetup } from './parallel-build-worker.js';
import { workerEntryUrl } from './worker-url.js';

export interface ParallelPreparerOptions {
  /** Width of the local embedder's vectors (its `dimensions`). */
  dimensions: number;
  /** The main thread's embedder id; workers must build the same embedder or `prepare` refuses. */
  embedderId: string;
  /** Worker threads; default the number of cores. */
  workers?: number;
  /** Documents per task; default 32. */
  batch?: number;
}

interface Slot {
  worker: Worker;
  ready: Promise<string>;
}

/**
 * Chunks and embeds documents with the offline local embedder on worker
 * threads (one per core by default), for `buildIndex({ prepared })`. Only for
 * the local embedder: remote embedders are network-bound and stay on the main
 * thread. Workers start lazily on the first `prepare` and live until `close`.
 */
export class ParallelPreparer {
  private slots: Slot[] | undefined;
  private readonly workers: number;
  private readonly batch: number;

  constructor(private readonly options: ParallelPreparerOptions) {
    this.workers = Math.max(1, options.workers ?? availableParallelism());
    this.batch = Math.max(1, options.batch ?? 32);
  }

  /**
   * Chunks and vectors of every document, by docId. With `sink`, the documents are also handed to
   * it in their order as soon as they and all before them are prepared (one call per batch).
   */
  async prepare(documents: readonly Document[], sink?: PreparedSink): Promise<Map<string, PreparedDocument>> {
    const out = new Map<string, PreparedDocument>();
    if (documents.length === 0) return out;
    const slots = this.start();
    for (const slot of slots) {
      const id = await slot.ready;
      if (id !== this.options.embedderId) {
        throw new HelpdeskError(
          'internal',
          `Arbejdstråden bygger embedderen ${id}, men indekset bruger ${this.options.embedderId} — brug kun den parallelle opbygning med den lokale embedder.`,
        );
      }
    }
    const tasks: Document[][] = [];
    for (let i = 0; i < documents.length; i += this.batch) tasks.push(documents.slice(i, i + this.batch));
    let next = 0;
    const dims = this.options.dimensions;
    const delivery = new InOrder<(readonly [string, PreparedDocument])[]>(sink);
    const run = async (slot: Slot): Promise<void> => {
      while (next < tasks.length) {
        const id = next++;
        const result = await this.call(slot.worker, id, tasks[id]!);
        const batch: [string, PreparedDocument][] = [];
        let offset = 0;
        for (const doc of result.docs) {
          const n = doc.chunks.length;
          const prepared = {
            hash: doc.hash,
            chunks: doc.chunks,
            vectors: result.vectors.subarray(offset * dims, (offset + n) * dims),
          };
          out.set(doc.docId, prepared);
          batch.push([doc.docId, prepared]);
          offset += n;
        }
        delivery.put(id, batch);
      }
    };
    // two batches in flight per worker: a worker has its next batch while this thread is busy with
    // the one before (e.g. adding its vectors to a graph in `sink`)
    await Promise.all(slots.flatMap((slot) => [run(slot), run(slot)]));
    await delivery.done(tasks.length);
    return out;
  }

  /** Stop the worker threads. */
  async close(): Promise<void> {
    const slots = this.slots;
    this.slots = undefined;
    if (slots) await Promise.all(slots.map((s) => s.worker.terminate()));
  }

  private start(): Slot[] {
    if (this.slots) return this.slots;
    const url = workerEntryUrl('parallel-build-worker', import.meta.url);
    // running from TypeScript source: the worker registers the tsx loader before importing itself
    const fromSource = url.pathname.endsWith('.ts');
    const entry = fromSource
      ? `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`
      : url;
    const setup: WorkerSetup = { dimensions: this.options.dimensions };
    this.slots = Array.from({ length: this.workers }, () => {
      const worker = new Worker(entry, { workerData: setup, eval: fromSource });
      worker.unref();
      const ready = new Promise<string>((ok, fail) => {
        worker.once('message', (m: { ready?: string }) => ok(m.ready ?? ''));
        worker.once('error', fail);
      });
      return { worker, ready };
    });
    return this.slots;
  }

  private call(worker: Worker, id: number, documents: Document[]): Promise<WorkerResult> {
    return new Promise((ok, fail) => {
      const onMessage = (m: WorkerResult & { error?: string }) => {
        if (m.id !== id) return;
        worker.off('message', onMessage);
        worker.off('error', onError);
        if (m.error !== undefined) fail(new HelpdeskError('internal', `Parallel indeksering fejlede: ${m.error}`));
        else ok(m);
      };
      const onError = (err: Error) => {
        worker.off('message', onMessage);
        fail(err);
      };
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.postMessage({ id, documents });
    });
  }
}

/**
 * Hands numbered items to a sink in number order (0, 1, 2 …) however they arrive, one call at a
 * time; the first failure of the sink is kept and thrown by `done`.
 */
class InOrder<T> {
  private readonly waiting = new Map<number, T>();
  private next = 0;
  private chain: Promise<void> = Promise.resolve();
  private failed: { error: unknown } | undefined;

  constructor(private readonly sink: ((item: T) => Promise<void>) | undefined) {}

  /** Item number `n` is ready. */
  put(n: number, item: T): void {
    const sink = this.sink;
    if (!sink) return;
    this.waiting.set(n, item);
    for (let ready = this.waiting.get(this.next); ready !== undefined; ready = this.waiting.get(this.next)) {
      this.waiting.delete(this.next++);
      const give = ready;
      this.chain = this.chain
        // a turn of the event loop first, so the workers' finished batches are taken (and their
        // next ones sent) between two calls of a busy sink
        .then(() => new Promise((ok) => setImmediate(ok)))
        .then(() => (this.failed ? undefined : sink(give)))
        .catch((error: unknown) => {
          this.failed ??= { error };
        });
    }
  }

  /** Resolves once items 0 … `count` − 1 have been handed over. */
  async done(count: number): Promise<void> {
    await this.chain;
    if (this.failed) throw this.failed.error;
    if (this.sink && this.next !== count) {
      throw new HelpdeskError('internal', `Parallel indeksering afleverede ${this.next} af ${count} portioner.`);
    }
  }
}

/** Documents to (re)index from which `parallelPreparer` uses worker threads unless told otherwise. */
export const PARALLEL_FROM_DOCUMENTS = 400;

/** Id prefix of the offline local embedder, the only one the worker threads can build. */
const LOCAL_EMBEDDER_PREFIX = 'local-hashed-ngrams-';

/**
 * Chunk and embed on worker threads when a build has at least `from` documents to (re)index and
 * the embedder is the offline local one (each worker needs a few seconds to start); the build does
 * the work on the main thread otherwise, or when the workers fail (logged).
 */
export function parallelPreparer(from: number, logger: Logger): Preparer {
  return async (documents, previous, analyzer, embedder, sink) => {
    if (!embedder.id.startsWith(LOCAL_EMBEDDER_PREFIX) || documents.length < from) return undefined;
    const todo = documentsToIndex(documents, previous, analyzer, embedder);
    if (todo.length < from) return undefined;
    const preparer = new ParallelPreparer({ dimensions: embedder.dimensions, embedderId: embedder.id });
    try {
      return await preparer.prepare(todo, sink);
    } catch (err) {
      logger.warn('Parallel indexing failed; indexing on the main thread', {
        event: 'index.parallel_failed',
        error: String(err),
      });
      return undefined;
    } finally {
      await preparer.close();
    }
  };
}
