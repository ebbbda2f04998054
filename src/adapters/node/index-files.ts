import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HelpdeskError } from '../../errors.js';
import {
  type IndexState,
  indexParts,
  type ReadIndexOptions,
  readIndex,
  type WrittenArtifact,
} from '../../index/artifact.js';
import { checkBuiltAs, type ExpectedIndex } from '../../index/expected-index.js';
import { fillVectorStore } from '../../index/fill-vector-store.js';
import { chunkIdSharer } from '../../index/shared-strings.js';
import { removeStaleTemps, writeFileAtomicFrom } from './atomic-file.js';
import { FileVectorRows, withFileSource } from './file-vector-rows.js';
import { COMPACT_SEARCH, HNSW_FILES, HnswVectorStore, type HnswVectorStoreOptions } from './hnsw-vector-store.js';

/** File names inside the index directory. */
export const INDEX_FILES = { artifact: 'index.bin', ...HNSW_FILES } as const;

export interface LoadedIndex {
  state: IndexState;
  vectorStore: HnswVectorStore;
  /** True when the saved graph was missing, damaged or from another artifact and was rebuilt from the artifact's vectors. */
  vectorStoreRebuilt: boolean;
  /** Why the graph was rebuilt, in Danish. */
  vectorStoreReason?: string;
  /** Id of the loaded artifact; pass it to `vectorStore.save(dir, artifact)` to persist a rebuilt graph. */
  artifact: string;
}

/**
 * Save an index into `dir`: the artifact (`index.bin`) and, when given, the
 * hnsw graph beside it, tagged with the artifact's id. Every file is written
 * to a temporary name and renamed into place, so a crash leaves the last
 * complete files. Returns the artifact id and size, and its vector rows as
 * `FileVectorRows` (the caller may swap them for the state's rows in memory).
 * With `compact` (default `COMPACT_SEARCH`), the vector store then searches the saved graph in its
 * compact form, re-ranking with those rows, and lets go of hnswlib's copy.
 */
export async function saveIndex(
  dir: string,
  state: IndexState,
  vectorStore?: HnswVectorStore,
  compact = COMPACT_SEARCH,
): Promise<{ artifact: string; bytes: number; vectors: FileVectorRows }> {
  if (vectorStore) {
    const size = await vectorStore.size();
    if (size !== state.chunks.length || vectorStore.dimensions !== state.manifest.dimensions) {
      throw new HelpdeskError(
        'internal',
        `Vektorlageret (${size} vektorer à ${vectorStore.dimensions}) passer ikke til indekset (${state.chunks.length} afsnit à ${state.manifest.dimensions}) — fyld det fra indekset før det gemmes.`,
      );
    }
  }
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.values(INDEX_FILES).map((name) => removeStaleTemps(join(dir, name))));
  const path = join(dir, INDEX_FILES.artifact);
  const saved = await writeIndexFile(path, state);
  const vectors = new FileVectorRows(path, saved.vectors, saved.artifact);
  if (vectorStore) {
    const rows = compact ? { rows: vectors, chunkIds: state.chunks.ids() } : undefined;
    await vectorStore.save(dir, saved.artifact, rows);
  }
  return { artifact: saved.artifact, bytes: saved.bytes, vectors };
}

/**
 * Write the artifact of `state` to `path` atomically, streamed section by
 * section (no whole-file buffer, so an index of any size can be saved).
 */
export function writeIndexFile(path: string, state: IndexState): Promise<WrittenArtifact> {
  return writeFileAtomicFrom(path, indexParts(state));
}

/**
 * Read the artifact at `path` piece by piece with its id: no whole-file
 * buffer, so it is not bound by the 2 GiB `readFile` limit. Throws the file
 * system's error (e.g. ENOENT) when the file cannot be opened, and
 * `index_incompatible` when it is damaged or of another format.
 */
export function readIndexFile(path: string, options: ReadIndexOptions = {}): { state: IndexState; artifact: string } {
  return withFileSource(path, (source) => readIndex(source, options));
}

/**
 * Load the index saved in `dir`: the one loader of saved indexes. Throws `index_not_ready` when
 * there is none, and `index_incompatible` when it is damaged or was built with another format,
 * analyzer or embedder — callers catch both and rebuild. A missing, damaged or stale hnsw graph is
 * not an error: it is rebuilt from the artifact's vectors (see `vectorStoreRebuilt`).
 * With `options.compact` (default `COMPACT_SEARCH`) the saved graph is read into its compact form
 * and searched with re-ranking by the artifact's rows; hnswlib never holds it.
 */
export async function loadIndex(
  dir: string,
  expected: ExpectedIndex,
  options: { hnsw?: Omit<HnswVectorStoreOptions, 'dimensions'>; compact?: boolean } = {},
): Promise<LoadedIndex> {
  const compact = options.compact ?? COMPACT_SEARCH;
  // start reading the hnsw graph now: hnswlib reads it on a worker thread while this one parses index.bin;
  // its labels are read after that, so their chunk ids can be the chunks' own strings
  let share: ((id: string) => string) | undefined;
  const graph = HnswVectorStore.load(dir, {
    ...pick(options.hnsw),
    share: (id) => (share ? share(id) : id),
    compact,
  }).then(
    (store) => ({ store }),
    (error: unknown) => ({ error }),
  );
  const { state, artifact } = loadIndexState(dir, expected);
  share = chunkIdSharer(state.manifest);
  const dims = state.manifest.dimensions;
  const saved = await graph;
  let reason: string | undefined;
  if ('error' in saved) {
    if (!HelpdeskError.isInstance(saved.error)) throw saved.error;
    reason = saved.error.message;
  } else if (saved.store.dimensions !== dims) reason = 'vektorgrafen har et andet antal dimensioner';
  else if (saved.store.artifact !== artifact) reason = 'vektorgrafen hører til et andet indeks';
  else if ((await saved.store.size()) !== state.chunks.length) reason = 'vektorgrafen har et forkert antal vektorer';
  else {
    saved.store.attachRows(state.vectors, state.chunks.ids());
    return { state, vectorStore: saved.store, vectorStoreRebuilt: false, artifact };
  }

  const rebuilt = new HnswVectorStore({
    ...options.hnsw,
    dimensions: dims,
    initialCapacity: Math.max(1024, state.chunks.length),
  });
  await fillVectorStore(rebuilt, state);
  return {
    state,
    vectorStore: rebuilt,
    vectorStoreRebuilt: true,
    ...(reason === undefined ? {} : { vectorStoreReason: reason }),
    artifact,
  };
}

/**
 * Load the artifact saved in `dir` without the hnsw graph, with its id; throws as `loadIndex` does.
 * Its vector rows stay in the file (checked, then read on demand: `FileVectorRows`).
 */
export function loadIndexState(dir: string, expected: ExpectedIndex): { state: IndexState; artifact: string } {
  const path = join(dir, INDEX_FILES.artifact);
  let loaded: { state: IndexState; artifact: string };
  try {
    loaded = readIndexFile(path, {
      vectorsAt: (layout, artifact) => new FileVectorRows(path, layout, artifact),
    });
  } catch (cause) {
    if (isFileSystemError(cause)) {
      throw new HelpdeskError('index_not_ready', `Der er intet indeks i ${path} — det skal bygges.`, { cause });
    }
    if (!HelpdeskError.isInstance(cause)) throw cause;
    throw new HelpdeskError('index_incompatible', `Indekset i ${path} kan ikke bruges: ${cause.message}`, {
      cause,
      ...(cause.details ? { details: cause.details } : {}),
    });
  }
  checkBuiltAs(loaded.state.manifest, expected, path);
  return loaded;
}

function pick(hnsw: Omit<HnswVectorStoreOptions, 'dimensions'> | undefined): { maxBatch?: number } {
  return hnsw?.maxBatch === undefined ? {} : { maxBatch: hnsw.maxBatch };
}

/** An error from a file system call (it names the call), as opposed to one about the content. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
