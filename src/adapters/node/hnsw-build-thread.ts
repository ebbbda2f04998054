import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import type { GrowingVectorStore } from '../../core/index-ports.js';
import { HelpdeskError } from '../../errors.js';
import { checkBatch, checkVector } from '../../index/vector-checks.js';
import type { VectorRecord } from '../../index/vector-store.js';
import { tempPathFor } from './atomic-file.js';
import { emptyStore, HnswVectorStore } from './hnsw-vector-store.js';
import { workerEntryUrl } from './worker-url.js';

/** What the thread is started with (`workerData`). */
export interface HnswBuildSetup {
  dimensions: number;
  /** Room the graph starts with (it grows by doubling, as `emptyStore`'s). */
  capacity: number;
}

/** A message to the thread: vectors to add in order, or every vector is in (write the graph to `path`). */
export type HnswBuildRequest = { kind: 'add'; ids: string[]; vectors: Float32Array } | { kind: 'settle'; path: string };

/** A message from the thread: how many vector values it has added, the graph written, or why it stopped. */
export type HnswBuildReply =
  | { kind: 'added'; values: number }
  | { kind: 'settled' }
  | { kind: 'error'; message: string };

export interface HnswBuildThreadOptions {
  /**
   * The folder the finished graph's file passes through from the thread to this one (made if
   * missing; the file is a `tempPathFor` name, so a crash leaves what start-up removes), e.g. the
   * index folder: the graph is ~2.2 KB per vector. Default the system's temp folder.
   */
  tempDir?: string;
  /**
   * Most vector values sent to the thread and not yet in its graph before `upsert` waits (the
   * preparer then holds its documents back); default 16 Mi (64 MB, 32k vectors of 512 dimensions).
   */
  maxPendingValues?: number;
}

/**
 * The hnsw graph of a full build, built on a worker thread (`hnsw-build-worker`) while this thread
 * goes on (receiving prepared documents, building the rest of the index). The thread adds the
 * vectors with an `HnswVectorStore` from `emptyStore` in the order `upsert` got them, so `settle`
 * gives the same graph, byte for byte, as filling such a store here; it is handed over through a
 * file hnswlib writes there and reads here. When the thread stops (or cannot be started), later
 * upserts are dropped and `settle` rejects: the build then fills a store from its rows.
 */
export class HnswBuildThread implements GrowingVectorStore {
  readonly maxBatch = 10_000;
  /** Chunk id → label, as the thread's store gives them (in the same insertion order). */
  private readonly labels = new Map<string, number>();
  private nextLabel = 0;
  private pendingValues = 0;
  private readonly waiting: (() => void)[] = [];
  private failure: Error | undefined;
  private settling: { resolve: () => void; reject: (err: Error) => void } | undefined;
  private finished = false;
  private readonly tempDir: string;
  private readonly maxPendingValues: number;

  /**
   * @param dimensions Floats per vector.
   * @param worker A started `hnsw-build-worker` thread with this `dimensions` (`startHnswBuild`).
   */
  constructor(
    readonly dimensions: number,
    private readonly worker: Worker,
    options: HnswBuildThreadOptions = {},
  ) {
    this.tempDir = options.tempDir ?? tmpdir();
    this.maxPendingValues = options.maxPendingValues ?? 16 << 20;
    worker.on('message', (reply: HnswBuildReply) => this.receive(reply));
    worker.on('error', (err) => this.fail(err));
    worker.on('exit', (code) => this.fail(new Error(`hnsw-tråden stoppede (kode ${code})`)));
  }

  /** True once the thread has stopped or failed: `settle` will reject. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    checkBatch(records.length, this.maxBatch);
    for (const record of records) checkVector(record.vector, this.dimensions);
    if (this.failure || this.finished) return;
    const dims = this.dimensions;
    const vectors = new Float32Array(records.length * dims);
    const ids: string[] = [];
    records.forEach(({ id, vector }, i) => {
      vectors.set(vector, i * dims);
      ids.push(id);
      // as `HnswVectorStore.upsert`: a replaced id gets a new label, at the end of the map
      this.labels.delete(id);
      this.labels.set(id, this.nextLabel++);
    });
    this.pendingValues += vectors.length;
    this.worker.postMessage({ kind: 'add', ids, vectors } satisfies HnswBuildRequest, [vectors.buffer]);
    while (this.pendingValues > this.maxPendingValues && !this.failure && !this.finished) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /**
   * The built graph as an `HnswVectorStore` on this thread, once the thread has added every vector.
   * Rejects when the thread stopped or failed.
   */
  async settle(): Promise<HnswVectorStore> {
    if (this.finished) throw new HelpdeskError('internal', 'hnsw-grafen er allerede afleveret eller opgivet.');
    this.finished = true;
    const path = tempPathFor(join(this.tempDir, 'vectors-built.hnsw'));
    try {
      await mkdir(this.tempDir, { recursive: true });
      await new Promise<void>((resolve, reject) => {
        if (this.failure) return reject(this.failure);
        this.settling = { resolve, reject };
        this.worker.postMessage({ kind: 'settle', path } satisfies HnswBuildRequest);
      });
      // the thread's copy of the graph is freed before this thread reads its own
      await this.worker.terminate();
      const index = new hnswlib.HierarchicalNSW('cosine', this.dimensions);
      await index.readIndex(path, true);
      return HnswVectorStore.adopt({ dimensions: this.dimensions }, index, this.labels, this.nextLabel);
    } finally {
      void this.worker.terminate();
      await rm(path, { force: true });
    }
  }

  /** Stop the thread; the graph is not used. */
  abandon(): void {
    this.finished = true;
    this.wake();
    void this.worker.terminate();
  }

  private receive(reply: HnswBuildReply): void {
    if (reply.kind === 'added') {
      this.pendingValues -= reply.values;
      if (this.pendingValues <= this.maxPendingValues) this.wake();
    } else if (reply.kind === 'settled') {
      const settling = this.settling;
      this.settling = undefined;
      settling?.resolve();
    } else {
      this.fail(new HelpdeskError('internal', `hnsw-tråden fejlede: ${reply.message}`));
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake();
    const settling = this.settling;
    this.settling = undefined;
    settling?.reject(this.failure);
  }

  private wake(): void {
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

/**
 * A growing store for a full build of `dimensions`-vectors, about `capacity` of them, whose graph is
 * built on a worker thread (`HnswBuildThread`); one filled on this thread when no thread can be started.
 */
export function startHnswBuild(
  dimensions: number,
  capacity: number,
  options: HnswBuildThreadOptions = {},
): GrowingVectorStore {
  const url = workerEntryUrl('hnsw-build-worker', import.meta.url);
  // running from TypeScript source: the worker registers the tsx loader before importing itself
  const fromSource = url.pathname.endsWith('.ts');
  const entry = fromSource
    ? `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`
    : url;
  const setup: HnswBuildSetup = { dimensions, capacity };
  let worker: Worker;
  try {
    worker = new Worker(entry, { eval: fromSource, workerData: setup });
  } catch {
    return emptyStore(dimensions, capacity);
  }
  return new HnswBuildThread(dimensions, worker, options);
}
