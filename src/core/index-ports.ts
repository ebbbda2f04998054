import type { Document } from '../corpus/types.js';
import type { IndexState } from '../index/artifact.js';
import type { PreparedDocument } from '../index/build.js';
import type { Embedder } from '../index/embedder.js';
import type { ExpectedIndex } from '../index/expected-index.js';
import type { VectorRows } from '../index/vector-rows.js';
import type { VectorStore } from '../index/vector-store.js';
import type { Analyzer } from '../text/types.js';
import type { KnownFile } from './known-files.js';

/** A corpus file as listed: enough to tell that it has not changed since it was last read. */
export interface CorpusEntry {
  /** Corpus-relative, `/`-separated. */
  path: string;
  size: number;
  mtimeMs: number;
  /** Why the file is not read (a broken symbolic link, or one that leaves the corpus); size and time are the link's. */
  problem?: string;
}

/** Where the corpus comes from (Node: the corpus folder). */
export interface CorpusSource {
  /** Every file of the corpus, sorted by path; throws (`corpus_invalid`) when the corpus cannot be listed. */
  list(): Promise<CorpusEntry[]>;
  /** The text of one listed file; throws when it is gone or may not be read. */
  read(path: string): Promise<string>;
  /** The text of the synonyms file (`_meta/synonyms.yaml`), `undefined` when there is none. */
  synonyms(): Promise<string | undefined>;
}

/** An index found in storage. */
export interface SavedIndex {
  state: IndexState;
  /** Id of the saved artifact. */
  artifact: string;
  /** Its vectors as saved, or refilled from the artifact (`vectorsRebuilt`); absent when the store keeps no vectors. */
  vectorStore?: VectorStore;
  /** True when the saved vectors were missing, damaged or another index's and were refilled from the artifact. */
  vectorsRebuilt?: boolean;
  /** What the last run knew about each corpus file, saved with this artifact. */
  known?: KnownFile[];
}

/** What `IndexStorage.save` saved. */
export interface SavedArtifact {
  /** Id of the saved artifact. */
  artifact: string;
  /**
   * The saved state's vector rows, read back from storage on demand: the state drops its rows in
   * memory for these. Absent when storage cannot read them back.
   */
  vectors?: VectorRows;
}

/** Where the index is kept between runs (Node: `DATA_DIR/index`). Every write is atomic. */
export interface IndexStorage {
  /**
   * The saved index if there is one built as `expected`; `undefined` when there is none or it cannot
   * be used (damaged, another format, analyzer or embedder), which the storage logs.
   */
  load(expected: ExpectedIndex): Promise<SavedIndex | undefined>;
  /** Save `state`, its vectors and the known files; resolves to the saved artifact's id and rows. */
  save(state: IndexState, vectorStore: VectorStore | undefined, known: Iterable<KnownFile>): Promise<SavedArtifact>;
  /**
   * Save the vectors of the saved artifact `artifact` again (they were refilled); `state` is that
   * artifact's loaded state (its rows let the store search the saved vectors in a compact form).
   */
  saveVectors(vectorStore: VectorStore, artifact: string, state?: IndexState): Promise<void>;
  /** Save the known files beside the saved artifact `artifact`. */
  saveKnownFiles(artifact: string, known: Iterable<KnownFile>): Promise<void>;
  /** Why saving failed with `error`, for the operator (Danish, naming the place and what to do). */
  describeSaveFailure(error: unknown): string;
}

/** A vector store that can give its changes up instead of keeping them. */
export interface ForkedVectorStore extends VectorStore {
  /** Release this view; the store it was forked from is untouched. */
  abandon(): void;
}

/**
 * A store a full build fills while its documents are still being prepared (`VectorStoreFactory.grow`):
 * it does not know how many vectors will come, so it grows as they arrive. It is only filled, never
 * searched, until `settle` hands over the store to search (it may be built elsewhere, e.g. on a thread).
 */
export interface GrowingVectorStore extends Pick<VectorStore, 'dimensions' | 'maxBatch' | 'upsert'> {
  /**
   * Every vector is in: the store holding them, as `create` with their number would have made it.
   * Rejects when the store could not be finished (the build then fills a new one). Call once.
   */
  settle(): Promise<VectorStore>;
  /** Give up the store (a build that failed or took other vectors); it is not used again. */
  abandon(): void;
}

/** Makes the vector stores of new builds (Node: hnswlib); without one the index keeps an exact store in memory. */
export interface VectorStoreFactory {
  /** An empty store for vectors of `dimensions` with room for `capacity` of them. */
  create(dimensions: number, capacity: number): VectorStore;
  /**
   * An empty store for vectors of `dimensions` that a full build fills as its documents are
   * prepared, about `expected` of them; absent when the stores cannot grow (the build then fills a
   * store from `create` afterwards).
   */
  grow?(dimensions: number, expected: number): GrowingVectorStore;
  /**
   * A second view of `live` that an incremental build changes while `live` keeps serving exactly its
   * own vectors; `undefined` when `live` cannot be forked (the build then fills a new store).
   */
  fork(live: VectorStore): ForkedVectorStore | undefined;
}

/**
 * Takes prepared documents as a preparer finishes them: every document it prepares exactly once,
 * in the order of the documents it was given, as `[docId, prepared]` pairs. A preparer waits for
 * one call to resolve before the next.
 */
export type PreparedSink = (documents: readonly (readonly [string, PreparedDocument])[]) => Promise<void>;

/**
 * Chunks and vectors of the documents a build must (re)index, computed elsewhere (Node: worker
 * threads); `undefined` leaves the work to the build. With `sink`, each document is also handed
 * to it as soon as it and all before it are prepared (a full build feeds its vector store so).
 */
export type Preparer = (
  documents: Document[],
  previous: IndexState | undefined,
  analyzer: Analyzer,
  embedder: Embedder,
  sink?: PreparedSink,
) => Promise<Map<string, PreparedDocument> | undefined>;
