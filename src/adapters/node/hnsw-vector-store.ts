import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import hnswlib, { type HierarchicalNSW } from 'hnswlib-node';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import { checkBatch, checkDimensions, checkK, checkVector, l2Norm } from '../../index/vector-checks.js';
import type { VectorStoreFactory } from '../../core/index-ports.js';
import type { VectorHit, VectorRecord, VectorStore } from '../../index/vector-store.js';
import { commitFile, tempPathFor, writeFileAtomic } from './atomic-file.js';
import { hashFile } from './hash-file.js';

/** File names of a saved store inside its directory. */
export const HNSW_FILES = { graph: 'vectors.hnsw', labels: 'vectors.json' } as const;

const LABELS_FORMAT_VERSION = 1;

export interface HnswVectorStoreOptions {
  dimensions: number;
  /** Graph degree; default 16. */
  m?: number;
  /** Candidate list size while building; default 100 (1.8× faster to build than 200 for 0.003 less recall@10 — see docs/BENCHMARKS.md). */
  efConstruction?: number;
  /** Most records per `upsert`; default 10 000. */
  maxBatch?: number;
  /** Room reserved up front; grows by doubling. Default 1024. */
  initialCapacity?: number;
  /** Seed of the level generator; default 100 (deterministic builds). */
  randomSeed?: number;
  /** Candidate list size while searching (hnswlib `ef`, never below k); default `defaultEfSearch(k)`. */
  efSearch?: number;
}

/** The search `ef` used for `k` results unless one is set: max(4k, 64) (see the recall curve in docs/BENCHMARKS.md). */
export function defaultEfSearch(k: number): number {
  return Math.max(k * 4, 64);
}

/** The JSON saved next to the graph: labels, settings and what the files belong to. */
const HnswSidecar = z.object({
  formatVersion: z.number().int(),
  dimensions: z.number().int().positive(),
  m: z.number().int().positive(),
  efConstruction: z.number().int().positive(),
  nextLabel: z.number().int().nonnegative(),
  /**
   * [label, chunk id] of every live vector. Checked by hand and kept as parsed: a zod tuple per
   * label cost ~90 ms and a copy of every pair at each start at 100k vectors.
   */
  labels: z.custom<[number, string][]>(isLabelList, 'labels skal være en liste af [label, id]'),
  graphBytes: z.number().int().nonnegative(),
  graphSha256: z.string(),
  /** Identifies the index artifact these vectors were saved with (e.g. its checksum). */
  artifact: z.string().optional(),
});
type HnswSidecar = z.infer<typeof HnswSidecar>;

/** The native graph and the bookkeeping every view of it shares. */
interface SharedGraph {
  index: HierarchicalNSW;
  nextLabel: number;
  /** Labels in the graph that are not marked deleted. */
  live: number;
  /** Labels the newest fork dropped but left in the graph for older views; marked deleted at the next fork. */
  retired: number[];
}

/** Hidden labels up to which a query asks for more neighbours and filters them, instead of a filter callback. */
const OVERFETCH_LIMIT = 256;

/**
 * Approximate cosine search with hnswlib-node (HNSW graph, in memory,
 * persisted with `save`/`load`). Chunk ids map to numeric labels; an upsert
 * marks the old label deleted and adds a new one (reusing deleted slots), a
 * delete marks it deleted. A zero query vector returns no hits.
 *
 * `fork()` gives a second view over the same graph for the next index
 * version: its changes add new labels and leave the old ones in place, so the
 * view it came from keeps answering with exactly its own vectors. Each view
 * returns only labels it owns.
 */
export class HnswVectorStore implements VectorStore {
  readonly dimensions: number;
  readonly maxBatch: number;
  readonly m: number;
  readonly efConstruction: number;
  /** Candidate list size while searching, or undefined for `defaultEfSearch(k)`; see `setEfSearch`. */
  efSearch: number | undefined;
  private readonly graph: SharedGraph;
  private labelOf = new Map<string, number>();
  private idOf = new Map<number, string>();
  /** True for a view made by `fork`: replaced and deleted labels stay in the graph for the view it came from. */
  private forked = false;
  /** The artifact id recorded by the last `load`/`save`, if any. */
  artifact: string | undefined;

  constructor(options: HnswVectorStoreOptions, existing?: HierarchicalNSW | SharedGraph) {
    checkDimensions(options.dimensions);
    this.dimensions = options.dimensions;
    this.maxBatch = options.maxBatch ?? 10_000;
    this.m = options.m ?? 16;
    this.efConstruction = options.efConstruction ?? 100;
    this.efSearch = options.efSearch;
    if (existing && 'nextLabel' in existing) {
      this.graph = existing;
    } else if (existing) {
      this.graph = { index: existing, nextLabel: 0, live: 0, retired: [] };
    } else {
      const index = new hnswlib.HierarchicalNSW('cosine', this.dimensions);
      index.initIndex({
        maxElements: Math.max(16, options.initialCapacity ?? 1024),
        m: this.m,
        efConstruction: this.efConstruction,
        randomSeed: options.randomSeed ?? 100,
        allowReplaceDeleted: true,
      });
      this.graph = { index, nextLabel: 0, live: 0, retired: [] };
    }
  }

  private get index(): HierarchicalNSW {
    return this.graph.index;
  }

  /**
   * A view for the next version of the index over the same graph, holding the same vectors as
   * this one. Upserts and deletes on it leave this view's vectors untouched; they are marked
   * deleted in the graph only at the fork after it (so a query still running on a view two
   * versions old may miss a few vectors, never get a wrong one).
   */
  fork(): HnswVectorStore {
    for (const label of this.graph.retired) this.markDeleted(label);
    this.graph.retired = [];
    const view = new HnswVectorStore(
      {
        dimensions: this.dimensions,
        m: this.m,
        efConstruction: this.efConstruction,
        maxBatch: this.maxBatch,
        ...(this.efSearch === undefined ? {} : { efSearch: this.efSearch }),
      },
      this.graph,
    );
    view.labelOf = new Map(this.labelOf);
    view.idOf = new Map(this.idOf);
    view.forked = true;
    view.artifact = this.artifact;
    return view;
  }

  /**
   * Give up a fork that will not be used (e.g. its update failed): the labels it dropped stay
   * alive for the view it came from. Points it added stay in the graph unowned; views skip them.
   */
  abandon(): void {
    if (this.forked) this.graph.retired = [];
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    checkBatch(records.length, this.maxBatch);
    for (const record of records) checkVector(record.vector, this.dimensions);
    this.reserve(records.length);
    for (const { id, vector } of records) {
      this.remove(id);
      const label = this.graph.nextLabel++;
      this.index.addPoint(Array.isArray(vector) ? vector : Array.from(vector), label, true);
      this.graph.live++;
      this.labelOf.set(id, label);
      this.idOf.set(label, id);
    }
  }

  async delete(ids: string[]): Promise<void> {
    for (const id of ids) this.remove(id);
  }

  async query(vector: number[] | Float32Array, k: number): Promise<VectorHit[]> {
    checkVector(vector, this.dimensions);
    checkK(k);
    const wanted = Math.min(k, this.labelOf.size, this.graph.live);
    if (wanted === 0 || l2Norm(vector) === 0) return [];
    // labels of other views (older or newer versions) are in the graph too: skip them
    const hidden = Math.max(0, this.graph.live - this.labelOf.size);
    const query = Array.isArray(vector) ? vector : Array.from(vector);
    const fetch = hidden <= OVERFETCH_LIMIT ? Math.min(wanted + hidden, this.graph.live) : wanted;
    this.index.setEf(Math.max(fetch, this.efSearch ?? defaultEfSearch(wanted)));
    const { neighbors, distances } =
      hidden <= OVERFETCH_LIMIT
        ? this.index.searchKnn(query, fetch)
        : this.index.searchKnn(query, fetch, (label) => this.idOf.has(label));
    const hits: VectorHit[] = [];
    for (let i = 0; i < neighbors.length && hits.length < wanted; i++) {
      const id = this.idOf.get(neighbors[i]!);
      if (id !== undefined) hits.push({ id, score: 1 - distances[i]! });
    }
    return hits;
  }

  async size(): Promise<number> {
    return this.labelOf.size;
  }

  /** Set the search `ef` (recall against speed) for later queries; undefined restores the default. */
  setEfSearch(ef: number | undefined): void {
    if (ef !== undefined && (!Number.isInteger(ef) || ef < 1)) {
      throw new HelpdeskError('config_invalid', `hnsw ef skal være et positivt heltal, ikke ${ef}.`);
    }
    this.efSearch = ef;
  }

  /**
   * Save the graph and its label map into `dir` (`vectors.hnsw`, `vectors.json`),
   * each written to a temporary file and renamed into place. `artifact`
   * records which index artifact these vectors belong to.
   */
  async save(dir: string, artifact?: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    const graphPath = join(dir, HNSW_FILES.graph);
    const tmp = tempPathFor(graphPath);
    try {
      await this.index.writeIndex(tmp);
      const graph = await hashFile(tmp);
      await commitFile(tmp, graphPath);
      const sidecar: HnswSidecar = {
        formatVersion: LABELS_FORMAT_VERSION,
        dimensions: this.dimensions,
        m: this.m,
        efConstruction: this.efConstruction,
        nextLabel: this.graph.nextLabel,
        labels: [...this.labelOf].map(([id, label]) => [label, id]),
        graphBytes: graph.bytes,
        graphSha256: graph.sha256,
        ...(artifact === undefined ? {} : { artifact }),
      };
      await writeFileAtomic(join(dir, HNSW_FILES.labels), new TextEncoder().encode(JSON.stringify(sidecar)));
      this.artifact = artifact;
    } finally {
      await rm(tmp, { force: true });
    }
  }

  /**
   * Load a store saved by `save`. Throws `index_not_ready` when the files are
   * missing and `index_incompatible` when they are damaged, do not match each
   * other, or have other dimensions than `expected.dimensions`.
   */
  static async load(
    dir: string,
    expected: {
      dimensions?: number;
      maxBatch?: number;
      /** The string to keep for each saved label's chunk id, asked in saved order (e.g. the chunk's own). */
      share?: (id: string) => string;
    } = {},
  ): Promise<HnswVectorStore> {
    const graphPath = join(dir, HNSW_FILES.graph);
    const labelsPath = join(dir, HNSW_FILES.labels);
    let sidecarText: string;
    let graph: { bytes: number; sha256: string };
    try {
      // the graph is hashed in pieces (reading it whole would hold a second copy of it in memory) on a worker
      // thread, while the caller goes on (`loadIndex` parses index.bin meanwhile)
      [sidecarText, graph] = await Promise.all([readFile(labelsPath, 'utf8'), hashFile(graphPath)]);
    } catch (cause) {
      throw new HelpdeskError(
        'index_not_ready',
        `Vektorindekset i ${dir} mangler (${HNSW_FILES.graph}/${HNSW_FILES.labels}).`,
        {
          cause,
        },
      );
    }
    const sidecar = parseSidecar(sidecarText, dir);
    if (graph.bytes !== sidecar.graphBytes || graph.sha256 !== sidecar.graphSha256) {
      throw damaged(dir, `${HNSW_FILES.graph} passer ikke med ${HNSW_FILES.labels}`);
    }
    if (expected.dimensions !== undefined && expected.dimensions !== sidecar.dimensions) {
      throw new HelpdeskError(
        'index_incompatible',
        `Vektorindekset i ${dir} har ${sidecar.dimensions} dimensioner; forventet ${expected.dimensions} — bygger igen.`,
      );
    }
    const index = new hnswlib.HierarchicalNSW('cosine', sidecar.dimensions);
    try {
      await index.readIndex(graphPath, true);
    } catch (cause) {
      throw damaged(dir, 'hnswlib kunne ikke læse grafen', cause);
    }
    if (index.getNumDimensions() !== sidecar.dimensions) throw damaged(dir, 'forkert antal dimensioner i grafen');
    const store = new HnswVectorStore(
      {
        dimensions: sidecar.dimensions,
        m: sidecar.m,
        efConstruction: sidecar.efConstruction,
        ...(expected.maxBatch === undefined ? {} : { maxBatch: expected.maxBatch }),
      },
      index,
    );
    const share = expected.share;
    for (const [label, saved] of sidecar.labels) {
      const id = share ? share(saved) : saved;
      store.labelOf.set(id, label);
      store.idOf.set(label, id);
    }
    store.graph.nextLabel = sidecar.nextLabel;
    // a graph saved by a fork still holds the labels it replaced: mark them deleted now
    store.graph.live = index.getCurrentCount();
    for (const label of index.getIdsList()) if (!store.idOf.has(label)) store.markDeleted(label);
    store.graph.live = store.labelOf.size;
    store.artifact = sidecar.artifact;
    return store;
  }

  private remove(id: string): void {
    const label = this.labelOf.get(id);
    if (label === undefined) return;
    this.labelOf.delete(id);
    this.idOf.delete(label);
    if (this.forked) this.graph.retired.push(label);
    else this.markDeleted(label);
  }

  /** Mark a label deleted in the graph (a label already marked is left as it is). */
  private markDeleted(label: number): void {
    try {
      this.index.markDelete(label);
      this.graph.live--;
    } catch {
      // already deleted, e.g. in a graph saved after an earlier fork
    }
  }

  /** Grow the graph's capacity so `extra` more points fit. */
  private reserve(extra: number): void {
    const needed = this.index.getCurrentCount() + extra;
    const capacity = this.index.getMaxElements();
    if (needed > capacity) this.index.resizeIndex(Math.max(needed, capacity * 2));
  }
}

/** A list of [label, chunk id] pairs: labels are non-negative integers, ids strings. */
function isLabelList(value: unknown): value is [number, string][] {
  if (!Array.isArray(value)) return false;
  for (const pair of value) {
    if (!Array.isArray(pair) || pair.length !== 2) return false;
    const [label, id] = pair as unknown[];
    if (!Number.isInteger(label) || (label as number) < 0 || typeof id !== 'string') return false;
  }
  return true;
}

function parseSidecar(text: string, dir: string): HnswSidecar {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw damaged(dir, `${HNSW_FILES.labels} er ikke gyldig JSON`, cause);
  }
  const parsed = HnswSidecar.safeParse(json);
  if (!parsed.success) throw damaged(dir, `${HNSW_FILES.labels} har et ugyldigt indhold`, parsed.error);
  if (parsed.data.formatVersion !== LABELS_FORMAT_VERSION) {
    throw new HelpdeskError(
      'index_incompatible',
      `Vektorindekset i ${dir} har formatversion ${parsed.data.formatVersion}; forventet ${LABELS_FORMAT_VERSION} — bygger igen.`,
    );
  }
  return parsed.data;
}

function damaged(dir: string, detail: string, cause?: unknown): HelpdeskError {
  return new HelpdeskError(
    'index_incompatible',
    `Vektorindekset i ${dir} er beskadiget (${detail}) — bygger igen.`,
    cause === undefined ? undefined : { cause },
  );
}

/** New hnsw stores for full builds and forks of the live one for incremental builds. */
export const hnswVectorStores: VectorStoreFactory = {
  create: (dimensions, capacity) => new HnswVectorStore({ dimensions, initialCapacity: Math.max(1024, capacity) }),
  fork: (live) => (live instanceof HnswVectorStore ? live.fork() : undefined),
};
