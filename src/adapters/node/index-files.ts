import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { HelpdeskError } from '../../errors.js';
import {
  type ByteSource,
  INDEX_FORMAT_VERSION,
  type IndexState,
  indexParts,
  readIndex,
} from '../../index/artifact.js';
import { corruptError } from '../../index/binary.js';
import { fillVectorStore } from '../../index/fill-vector-store.js';
import { removeStaleTemps, writeFileAtomicFrom } from './atomic-file.js';
import { HNSW_FILES, HnswVectorStore, type HnswVectorStoreOptions } from './hnsw-vector-store.js';

/** File names inside the index directory. */
export const INDEX_FILES = { artifact: 'index.bin', ...HNSW_FILES } as const;

/** What the running code needs an index to have been built with. */
export interface ExpectedIndex {
  analyzerId: string;
  embedderId: string;
  /** Default: the current `INDEX_FORMAT_VERSION`. */
  formatVersion?: number;
  dimensions?: number;
}

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
 * complete files. Returns the artifact id and size.
 */
export async function saveIndex(
  dir: string,
  state: IndexState,
  vectorStore?: HnswVectorStore,
): Promise<{ artifact: string; bytes: number }> {
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
  const saved = await writeIndexFile(join(dir, INDEX_FILES.artifact), state);
  if (vectorStore) await vectorStore.save(dir, saved.artifact);
  return saved;
}

/**
 * Write the artifact of `state` to `path` atomically, streamed section by
 * section (no whole-file buffer, so an index of any size can be saved).
 */
export function writeIndexFile(path: string, state: IndexState): Promise<{ artifact: string; bytes: number }> {
  return writeFileAtomicFrom(path, indexParts(state));
}

/** Largest single read: stays under the ~2 GiB a read call may return. */
const READ_SLICE_BYTES = 1 << 30;

/**
 * Read the artifact at `path` piece by piece with its id: no whole-file
 * buffer, so it is not bound by the 2 GiB `readFile` limit. Throws the file
 * system's error (e.g. ENOENT) when the file cannot be opened, and
 * `index_incompatible` when it is damaged or of another format.
 */
export function readIndexFile(path: string): { state: IndexState; artifact: string } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const source: ByteSource = {
      size,
      readInto(target, position) {
        let done = 0;
        while (done < target.length) {
          const length = Math.min(target.length - done, READ_SLICE_BYTES);
          const n = readSync(fd, target, done, length, position + done);
          if (n === 0) throw corruptError('Indeksfilen', `filen sluttede ved byte ${position + done}`);
          done += n;
        }
      },
    };
    return readIndex(source);
  } finally {
    closeSync(fd);
  }
}

/**
 * Load the index saved in `dir`. Throws `index_not_ready` when there is none,
 * and `index_incompatible` when it is damaged or was built with another
 * format, analyzer or embedder — callers catch both and rebuild. A missing,
 * damaged or stale hnsw graph is not an error: it is rebuilt from the
 * artifact's vectors (see `vectorStoreRebuilt`).
 */
export async function loadIndex(
  dir: string,
  expected: ExpectedIndex,
  options: { hnsw?: Omit<HnswVectorStoreOptions, 'dimensions'> } = {},
): Promise<LoadedIndex> {
  const path = join(dir, INDEX_FILES.artifact);
  let state: IndexState;
  let artifact: string;
  try {
    ({ state, artifact } = readIndexFile(path));
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
  checkExpected(path, state, expected);

  const dims = state.manifest.dimensions;
  let vectorStore: HnswVectorStore | undefined;
  let reason: string | undefined;
  try {
    const saved = await HnswVectorStore.load(dir, { dimensions: dims, ...pick(options.hnsw) });
    if (saved.artifact !== artifact) reason = 'vektorgrafen hører til et andet indeks';
    else if ((await saved.size()) !== state.chunks.length) reason = 'vektorgrafen har et forkert antal vektorer';
    else vectorStore = saved;
  } catch (cause) {
    if (!HelpdeskError.isInstance(cause)) throw cause;
    reason = cause.message;
  }
  if (vectorStore) return { state, vectorStore, vectorStoreRebuilt: false, artifact };

  const rebuilt = new HnswVectorStore({
    ...options.hnsw,
    dimensions: dims,
    initialCapacity: Math.max(16, state.chunks.length),
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

function checkExpected(path: string, state: IndexState, expected: ExpectedIndex): void {
  const m = state.manifest;
  const formatVersion = expected.formatVersion ?? INDEX_FORMAT_VERSION;
  const mismatch = (what: string, found: string | number, wanted: string | number) =>
    new HelpdeskError(
      'index_incompatible',
      `Indekset i ${path} er bygget med ${what} ${found}; forventet ${wanted} — bygger igen.`,
      {
        details: { field: what, found, expected: wanted },
      },
    );
  if (m.formatVersion !== formatVersion) throw mismatch('formatversion', m.formatVersion, formatVersion);
  if (m.analyzerId !== expected.analyzerId) throw mismatch('analyzer', m.analyzerId, expected.analyzerId);
  if (m.embedderId !== expected.embedderId) throw mismatch('embedder', m.embedderId, expected.embedderId);
  if (expected.dimensions !== undefined && m.dimensions !== expected.dimensions) {
    throw mismatch('dimensioner', m.dimensions, expected.dimensions);
  }
}

function pick(hnsw: Omit<HnswVectorStoreOptions, 'dimensions'> | undefined): { maxBatch?: number } {
  return hnsw?.maxBatch === undefined ? {} : { maxBatch: hnsw.maxBatch };
}

/** An error from a file system call (it names the call), as opposed to one about the content. */
export function isFileSystemError(error: unknown): error is NodeJS.ErrnoException {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).syscall === 'string';
}
