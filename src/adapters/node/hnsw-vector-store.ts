import { statSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import hnswlib, { type HierarchicalNSW } from 'hnswlib-node';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import { checkBatch, checkDimensions, checkK, checkVector, l2Norm } from '../../index/vector-checks.js';
import type { GrowingVectorStore } from '../../core/index-ports.js';
import type { CompactHnswGraph } from '../../index/compact-hnsw.js';
import type { VectorRows } from '../../index/vector-rows.js';
import type { VectorHit, VectorRecord } from '../../index/vector-store.js';
import { commitFile, tempPathFor, writeFileAtomic } from './atomic-file.js';
import { hashFile } from './hash-file.js';
import { type ReadGraph, readHnswGraphOffThread } from './hnsw-graph-thread.js';
import { compactSearch, defaultEfSearch, type SharedVectorParts } from './compact-vector-search.js';
import { FileVectorRows } from './file-vector-rows.js';

/** File names of a saved store inside its directory. */
export const HNSW_FILES = { graph: 'vectors.hnsw', labels: 'vectors.json' } as const;

const LABELS_FORMAT_VERSION = 1;

/**
 * `efConstruction` of a new graph unless one is given. 72 builds the graph with 16–21 % less CPU than
 * 100 at 100k chunks (67.8–69.5 against 80.6–88.1 s in the building thread) for 0.007 less recall@10
 * at 100k and 0.002 at 10k (0.964 / 0.991 at the benchmark's ef); 64 lost 0.011 at 100k. A saved graph
 * keeps the value it was built with (its file and sidecar say which). See docs/BENCHMARKS.md, runde 13.
 */
export const DEFAULT_EF_CONSTRUCTION = 72;

export interface HnswVectorStoreOptions {
  dimensions: number;
  /** Graph degree; default 16. */
  m?: number;
  /** Candidate list size while building; default `DEFAULT_EF_CONSTRUCTION` (72; 100 before runde 13 — see docs/BENCHMARKS.md). */
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

/**
 * Whether saved and loaded graphs are searched in their compact form (`useCompact`: links in our
 * memory, vectors int8, candidates re-ranked with the index's float32 rows) instead of by hnswlib,
 * which holds a float32 copy of every vector (~236 MB at 100k chunks). See docs/BENCHMARKS.md, round 8.
 */
export const COMPACT_SEARCH = true;

export { COMPACT_EF_FACTOR, defaultEfSearch } from './compact-vector-search.js';

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
  /** True once a fork shares the graph with the view it came from (neither may then free it). */
  shared?: boolean;
}

/**
 * The graph in our own memory instead of hnswlib's: the links read out of the saved graph file and
 * the vectors as int8 (`CompactHnswGraph`, in `SharedArrayBuffer`s), searched in TypeScript; the
 * candidates are re-ranked with the exact vectors in `rows` (the index artifact's rows).
 */
interface CompactView {
  graph: CompactHnswGraph;
  /** The row in `rows` of each element this view owns, −1 for the others; absent until `attachRows`. */
  rowOf?: Int32Array;
  /** True when this view owns every element and none is deleted (the search needs no filter). */
  ownsAll?: boolean;
  rows?: VectorRows;
  nextLabel: number;
  /** The graph file it was read from: the native graph is read from it again for changes. */
  file: { path: string; ino: number; size: number; mtimeMs: number };
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
export class HnswVectorStore implements GrowingVectorStore {
  readonly dimensions: number;
  readonly maxBatch: number;
  readonly m: number;
  readonly efConstruction: number;
  /** Candidate list size while searching, or undefined for `defaultEfSearch(k)`; see `setEfSearch`. */
  efSearch: number | undefined;
  /** The native graph; undefined while the view searches its compact form (read again for changes). */
  private graph: SharedGraph | undefined;
  private compact: CompactView | undefined;
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
    this.efConstruction = options.efConstruction ?? DEFAULT_EF_CONSTRUCTION;
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
    return this.native().index;
  }

  /** The native graph, read again from the file the compact form came from if the view has none. */
  private native(): SharedGraph {
    if (!this.graph) {
      this.graph = this.readNative();
      this.compact = undefined;
    }
    return this.graph;
  }

  /** True while queries search the compact form (see `useCompact`). */
  get searchesCompact(): boolean {
    return this.compact !== undefined;
  }

  /** Bytes the compact form holds in shared memory (0 without one). */
  get compactBytes(): number {
    return this.compact?.graph.bytes ?? 0;
  }

  /**
   * Search the graph saved at `path` (this view's own graph, just saved or loaded) in its compact
   * form from now on and let go of the native one (hnswlib's copy of every vector as float32). A
   * later change, fork or save reads the native graph from `path` again. Until `attachRows`,
   * queries rank by the int8 vectors alone.
   */
  async useCompact(path: string): Promise<void> {
    const file = fileStamp(path);
    // read and quantised on a worker thread, into shared memory; queries go on meanwhile
    this.setCompact((await readHnswGraphOffThread(path, this.dimensions)).graph, file);
  }

  private setCompact(graph: CompactHnswGraph, file: CompactView['file']): void {
    if (graph.dimensions !== this.dimensions) {
      throw damaged(dirname(file.path), `grafen har ${graph.dimensions} dimensioner, ikke ${this.dimensions}`);
    }
    const nextLabel = this.compact?.nextLabel ?? this.graph?.nextLabel ?? 0;
    const native = this.graph;
    this.compact = { graph, nextLabel, file };
    this.graph = undefined;
    // hnswlib's memory is not seen by V8, so a dropped graph could wait long for a GC: a graph no
    // other view uses is freed now (initIndex deletes the old index and makes an empty one)
    if (native && !native.shared)
      native.index.initIndex({ maxElements: 1, m: this.m, efConstruction: this.efConstruction });
  }

  /**
   * The exact vectors the compact search re-ranks its candidates with: `rows` row i is the vector
   * of `chunkIds[i]` (an index state's rows and chunk ids). No-op without a compact form.
   */
  attachRows(rows: VectorRows, chunkIds: ArrayLike<string>): void {
    const view = this.compact;
    if (!view) return;
    const { graph } = view;
    const elementOf = new Map<number, number>();
    for (let e = 0; e < graph.count; e++) elementOf.set(graph.labels[e]!, e);
    const rowOf = new Int32Array(graph.count).fill(-1);
    let owned = 0;
    for (let row = 0; row < chunkIds.length; row++) {
      const label = this.labelOf.get(chunkIds[row]!);
      const element = label === undefined ? undefined : elementOf.get(label);
      if (element === undefined) continue;
      rowOf[element] = row;
      owned++;
    }
    if (owned !== this.labelOf.size) {
      throw new HelpdeskError(
        'internal',
        `Vektorrækkerne dækker ${owned} af vektorlagerets ${this.labelOf.size} vektorer — de hører til et andet indeks.`,
      );
    }
    view.rowOf = rowOf;
    view.ownsAll = owned === graph.count && graph.deletedElements === 0;
    view.rows = rows;
  }

  /**
   * A view for the next version of the index over the same graph, holding the same vectors as
   * this one. Upserts and deletes on it leave this view's vectors untouched; they are marked
   * deleted in the graph only at the fork after it (so a query still running on a view two
   * versions old may miss a few vectors, never get a wrong one).
   */
  fork(): HnswVectorStore {
    // a compact view has no native graph: the fork gets its own, read from the saved file
    const graph = this.graph ?? this.readNative();
    for (const label of graph.retired) markDeletedIn(graph, label);
    graph.retired = [];
    const view = new HnswVectorStore(
      {
        dimensions: this.dimensions,
        m: this.m,
        efConstruction: this.efConstruction,
        maxBatch: this.maxBatch,
        ...(this.efSearch === undefined ? {} : { efSearch: this.efSearch }),
      },
      graph,
    );
    view.labelOf = new Map(this.labelOf);
    view.idOf = new Map(this.idOf);
    // a graph read for the fork alone is the fork's: it may mark dropped labels deleted at once
    view.forked = graph === this.graph;
    if (view.forked) graph.shared = true;
    view.artifact = this.artifact;
    return view;
  }

  /**
   * Give up a fork that will not be used (e.g. its update failed): the labels it dropped stay
   * alive for the view it came from. Points it added stay in the graph unowned; views skip them.
   */
  abandon(): void {
    if (this.forked && this.graph) this.graph.retired = [];
    else if (this.graph && !this.graph.shared) {
      // a fork of a compact view read its own hnswlib graph: free it now (V8 does not see that memory)
      this.graph.index.initIndex({ maxElements: 1, m: this.m, efConstruction: this.efConstruction });
      this.graph = undefined;
    }
  }

  /**
   * Every vector is in (a store from `hnswVectorStores.grow`, filled as a build went): the room
   * reserved beyond them is given back, so the graph is the one `hnswVectorStores.create` with
   * this many vectors gives (the same capacity, saved in the graph file's header).
   */
  async settle(): Promise<HnswVectorStore> {
    const index = this.index;
    index.resizeIndex(Math.max(MIN_CAPACITY, index.getCurrentCount()));
    return this;
  }

  /** Write the native graph alone (hnswlib's file, as `save` writes it) to `path`. */
  async writeGraph(path: string): Promise<void> {
    await this.index.writeIndex(path);
  }

  /**
   * A store over a native graph built elsewhere (`readIndex` of a file `writeGraph` wrote), holding
   * `labels` (chunk id → label, every label in the graph not marked deleted) and giving new points
   * labels from `nextLabel`.
   */
  static adopt(
    options: HnswVectorStoreOptions,
    index: HierarchicalNSW,
    labels: Map<string, number>,
    nextLabel: number,
  ): HnswVectorStore {
    const store = new HnswVectorStore(options, { index, nextLabel, live: labels.size, retired: [] });
    store.labelOf = labels;
    for (const [id, label] of labels) store.idOf.set(label, id);
    return store;
  }

  async upsert(records: VectorRecord[]): Promise<void> {
    checkBatch(records.length, this.maxBatch);
    for (const record of records) checkVector(record.vector, this.dimensions);
    const graph = this.native();
    this.reserve(records.length);
    for (const { id, vector } of records) {
      this.remove(id);
      const label = graph.nextLabel++;
      graph.index.addPoint(Array.isArray(vector) ? vector : Array.from(vector), label, true);
      graph.live++;
      this.labelOf.set(id, label);
      this.idOf.set(label, id);
    }
  }

  async delete(ids: string[]): Promise<void> {
    if (ids.some((id) => this.labelOf.has(id))) this.native();
    for (const id of ids) this.remove(id);
  }

  async query(vector: number[] | Float32Array, k: number): Promise<VectorHit[]> {
    checkVector(vector, this.dimensions);
    checkK(k);
    if (this.compact) return this.queryCompact(this.compact, vector, k);
    const graph = this.native();
    const wanted = Math.min(k, this.labelOf.size, graph.live);
    if (wanted === 0 || l2Norm(vector) === 0) return [];
    // labels of other views (older or newer versions) are in the graph too: skip them
    const hidden = Math.max(0, graph.live - this.labelOf.size);
    const query = Array.isArray(vector) ? vector : Array.from(vector);
    const fetch = hidden <= OVERFETCH_LIMIT ? Math.min(wanted + hidden, graph.live) : wanted;
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

  /**
   * `query` over the compact form: the search hnswlib would make (same `ef`), on int8 distances, then
   * the candidates re-ranked by exact cosine with their rows. Without rows, or when they cannot be
   * read any more (the artifact was replaced under an older snapshot), the int8 order stands.
   */
  private queryCompact(view: CompactView, vector: number[] | Float32Array, k: number): VectorHit[] {
    const { graph, rowOf } = view;
    return compactSearch(view, vector, k, {
      owned: this.labelOf.size,
      ...(this.efSearch !== undefined ? { efSearch: this.efSearch } : {}),
      idOf: (e) => this.idOf.get(graph.labels[e]!)!,
      ...(view.ownsAll
        ? {}
        : { accept: rowOf ? (e: number) => rowOf[e]! >= 0 : (e: number) => this.idOf.has(graph.labels[e]!) }),
    });
  }

  /**
   * What a search worker needs to run `query` on this store's memory (`SharedVectorSearch`): the
   * compact graph's buffers, each element's row (shared) and where the exact rows lie. Undefined
   * unless the store searches its compact form with rows read from the index file (a store just
   * built or changed holds hnswlib's graph until it is saved).
   */
  shareable(): SharedVectorParts | undefined {
    const view = this.compact;
    if (!view?.rowOf || !(view.rows instanceof FileVectorRows) || typeof SharedArrayBuffer !== 'function')
      return undefined;
    if (!(view.rowOf.buffer instanceof SharedArrayBuffer)) {
      const shared = new Int32Array(new SharedArrayBuffer(view.rowOf.byteLength));
      shared.set(view.rowOf);
      view.rowOf = shared;
    }
    return {
      graph: view.graph.buffers,
      rowOf: view.rowOf,
      owned: this.labelOf.size,
      ownsAll: view.ownsAll === true,
      ...(this.efSearch !== undefined ? { efSearch: this.efSearch } : {}),
      rows: view.rows.parts(),
    };
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
   * records which index artifact these vectors belong to. With `compact`, the view then searches the
   * saved graph in its compact form, re-ranking with `compact.rows` (see `useCompact`, `attachRows`).
   */
  async save(
    dir: string,
    artifact?: string,
    compact?: { rows: VectorRows; chunkIds: ArrayLike<string> },
  ): Promise<void> {
    await mkdir(dir, { recursive: true });
    const graphPath = join(dir, HNSW_FILES.graph);
    const tmp = tempPathFor(graphPath);
    try {
      const nextLabel = this.native().nextLabel;
      await this.index.writeIndex(tmp);
      const graph = await hashFile(tmp);
      await commitFile(tmp, graphPath);
      const sidecar: HnswSidecar = {
        formatVersion: LABELS_FORMAT_VERSION,
        dimensions: this.dimensions,
        m: this.m,
        efConstruction: this.efConstruction,
        nextLabel,
        labels: [...this.labelOf].map(([id, label]) => [label, id]),
        graphBytes: graph.bytes,
        graphSha256: graph.sha256,
        ...(artifact === undefined ? {} : { artifact }),
      };
      await writeFileAtomic(join(dir, HNSW_FILES.labels), new TextEncoder().encode(JSON.stringify(sidecar)));
      this.artifact = artifact;
      if (compact) {
        await this.useCompact(graphPath);
        this.attachRows(compact.rows, compact.chunkIds);
      }
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
      /**
       * Read the graph into its compact form instead of into hnswlib (`useCompact`); the caller
       * then gives it the exact rows with `attachRows`.
       */
      compact?: boolean;
    } = {},
  ): Promise<HnswVectorStore> {
    const graphPath = join(dir, HNSW_FILES.graph);
    const labelsPath = join(dir, HNSW_FILES.labels);
    // the compact form is read on its own thread at once, beside the hash; used only if the hash matches
    const early = expected.compact ? startReading(graphPath) : undefined;
    let sidecarText: string;
    let graph: { bytes: number; sha256: string };
    try {
      // the graph is hashed in pieces (reading it whole would hold a second copy of it in memory) on a worker
      // thread, while the caller goes on (`loadIndex` parses index.bin meanwhile)
      // (the compact form's reader hashes the bytes as it reads them: no second pass over the file)
      [sidecarText, graph] = await Promise.all([
        readFile(labelsPath, 'utf8'),
        early ? hashOf(early) : hashFile(graphPath),
      ]);
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
    if (early) return HnswVectorStore.loadCompact(early, sidecar, expected);
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
    store.setLabels(sidecar.labels, expected.share);
    const native = store.native();
    native.nextLabel = sidecar.nextLabel;
    // a graph saved by a fork still holds the labels it replaced: mark them deleted now
    store.markUnowned(native);
    store.artifact = sidecar.artifact;
    return store;
  }

  /** `load` into the compact form: the graph file is read by `readHnswGraphFile`, never by hnswlib. */
  private static async loadCompact(
    early: EarlyRead,
    sidecar: HnswSidecar,
    expected: { maxBatch?: number; share?: (id: string) => string },
  ): Promise<HnswVectorStore> {
    const store = new HnswVectorStore({
      dimensions: sidecar.dimensions,
      m: sidecar.m,
      efConstruction: sidecar.efConstruction,
      initialCapacity: 16,
      ...(expected.maxBatch === undefined ? {} : { maxBatch: expected.maxBatch }),
    });
    const read = await early.reading;
    if ('error' in read) {
      if (HelpdeskError.isInstance(read.error)) throw read.error;
      throw damaged(dirname(early.path), 'grafen kunne ikke læses', read.error);
    }
    store.setCompact(read.graph, read.file);
    store.compact!.nextLabel = sidecar.nextLabel;
    store.setLabels(sidecar.labels, expected.share);
    store.artifact = sidecar.artifact;
    return store;
  }

  private setLabels(labels: [number, string][], share: ((id: string) => string) | undefined): void {
    for (const [label, saved] of labels) {
      const id = share ? share(saved) : saved;
      this.labelOf.set(id, label);
      this.idOf.set(label, id);
    }
  }

  /** Marks every label in `graph` that this view does not own deleted; afterwards `live` is the view's size. */
  private markUnowned(graph: SharedGraph): void {
    graph.live = graph.index.getCurrentCount();
    for (const label of graph.index.getIdsList()) if (!this.idOf.has(label)) markDeletedIn(graph, label);
    graph.live = this.labelOf.size;
  }

  /**
   * The native graph of a compact view, read again from the file the compact form came from, with
   * the labels this view does not own marked deleted. Throws `index_incompatible` when the file is
   * gone or was changed since (a caller then builds the graph from the index's rows).
   */
  private readNative(): SharedGraph {
    const view = this.compact;
    if (!view) throw new HelpdeskError('internal', 'Vektorlageret har hverken en hnswlib-graf eller en kompakt graf.');
    const { path, ino, size, mtimeMs } = view.file;
    let stat: { ino: number; size: number; mtimeMs: number };
    try {
      stat = statSync(path);
    } catch (cause) {
      throw new HelpdeskError('index_incompatible', `hnsw-grafen ${path} findes ikke længere — bygges igen.`, {
        cause,
      });
    }
    if (stat.ino !== ino || stat.size !== size || stat.mtimeMs !== mtimeMs) {
      throw new HelpdeskError(
        'index_incompatible',
        `hnsw-grafen ${path} er ændret, siden den blev læst — bygges igen fra indeksets vektorer.`,
      );
    }
    const index = new hnswlib.HierarchicalNSW('cosine', this.dimensions);
    try {
      index.readIndexSync(path, true);
    } catch (cause) {
      throw new HelpdeskError('index_incompatible', `hnswlib kunne ikke læse grafen ${path} igen — bygges igen.`, {
        cause,
      });
    }
    const graph: SharedGraph = { index, nextLabel: view.nextLabel, live: 0, retired: [] };
    this.markUnowned(graph);
    return graph;
  }

  private remove(id: string): void {
    const label = this.labelOf.get(id);
    if (label === undefined) return;
    this.labelOf.delete(id);
    this.idOf.delete(label);
    const graph = this.native();
    if (this.forked) graph.retired.push(label);
    else markDeletedIn(graph, label);
  }

  /** Grow the graph's capacity so `extra` more points fit. */
  private reserve(extra: number): void {
    const needed = this.index.getCurrentCount() + extra;
    const capacity = this.index.getMaxElements();
    if (needed > capacity) this.index.resizeIndex(Math.max(needed, capacity * 2));
  }
}

/** The compact form of a graph file being read (started before its hash is checked). */
interface EarlyRead {
  path: string;
  reading: Promise<(ReadGraph & { file: CompactView['file'] }) | { error: unknown }>;
}

function startReading(path: string): EarlyRead {
  const reading = (async () => {
    const file = fileStamp(path);
    return { ...(await readHnswGraphOffThread(path)), file };
  })().catch((error: unknown) => ({ error }));
  return { path, reading };
}

/**
 * The size and sha256 of the file an early read read. When the reader refused the file, it is
 * hashed on its own, so a file that does not match its label file is reported as such first.
 */
async function hashOf(early: EarlyRead): Promise<{ bytes: number; sha256: string }> {
  const read = await early.reading;
  if (!('error' in read)) return read;
  if (HelpdeskError.isInstance(read.error)) return hashFile(early.path);
  throw read.error;
}

/** What tells the file at `path` from another one put in its place, or from itself changed. */
function fileStamp(path: string): CompactView['file'] {
  const stat = statSync(path);
  return { path, ino: stat.ino, size: stat.size, mtimeMs: stat.mtimeMs };
}

/** Mark `label` deleted in `graph` (a label already marked is left as it is). */
function markDeletedIn(graph: SharedGraph, label: number): void {
  try {
    graph.index.markDelete(label);
    graph.live--;
  } catch {
    // already deleted, e.g. in a graph saved after an earlier fork
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

/** The least room a store of `hnswVectorStores` reserves. */
const MIN_CAPACITY = 1024;

/** An empty store with room for `capacity` vectors (at least `MIN_CAPACITY`); a growing one makes more as they come. */
export const emptyStore = (dimensions: number, capacity: number): HnswVectorStore =>
  new HnswVectorStore({ dimensions, initialCapacity: Math.max(MIN_CAPACITY, capacity) });
