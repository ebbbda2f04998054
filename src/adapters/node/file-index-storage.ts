import type { IndexStorage, SavedIndex } from '../../core/index-ports.js';
import { HelpdeskError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { removeStaleTempsIn } from './atomic-file.js';
import { loadKnownFiles, saveKnownFiles } from './corpus-files.js';
import { COMPACT_SEARCH, HnswVectorStore } from './hnsw-vector-store.js';
import { type LoadedIndex, loadIndex, loadIndexState, saveIndex } from './index-files.js';
import { indexSaveFailure } from './storage-failure.js';

/** Where `fileIndexStorage` keeps the index, and what it keeps. */
export interface FileIndexStorageOptions {
  /** The index folder (`DATA_DIR/index`). */
  dir: string;
  /** Keep the hnsw graph beside the artifact (false: the index keeps an exact store in memory). */
  hnsw: boolean;
  logger: Logger;
}

/**
 * The index kept in a folder: `index.bin`, the hnsw graph (`vectors.hnsw`, `vectors.json`) and the
 * known corpus files (`corpus-files.json`), each written atomically. Loading first sweeps the
 * temporary files a killed process left half-written.
 */
export function fileIndexStorage(options: FileIndexStorageOptions): IndexStorage {
  const { dir, hnsw, logger } = options;
  return {
    async load(expected): Promise<SavedIndex | undefined> {
      // nothing writes here yet: sweep temp files a killed process left half-written
      const stale = await removeStaleTempsIn(dir);
      if (stale.length > 0)
        logger.info('Removed files an interrupted index write left half-written', {
          event: 'index.stale_temps_removed',
          files: stale,
        });
      let loaded: Pick<LoadedIndex, 'state' | 'artifact'> & Partial<LoadedIndex>;
      try {
        loaded = hnsw ? await loadIndex(dir, expected) : loadIndexState(dir, expected);
      } catch (err) {
        if (HelpdeskError.isInstance(err) && err.code === 'index_not_ready') return undefined;
        // a complete index built with another format, analyzer or embedder names the field that differs
        const builtOtherwise = HelpdeskError.isInstance(err) && err.details?.field !== undefined;
        if (builtOtherwise) {
          logger.warn('The saved index was built with another format, analyzer or embedder; rebuilding', {
            event: 'index.incompatible',
            error: String(err),
          });
        } else {
          logger.warn('The saved index file cannot be used; rebuilding', {
            event: 'index.unusable',
            error: String(err),
          });
        }
        return undefined;
      }
      const known = await loadKnownFiles(dir, loaded.artifact);
      return {
        state: loaded.state,
        artifact: loaded.artifact,
        ...(loaded.vectorStore ? { vectorStore: loaded.vectorStore, vectorsRebuilt: !!loaded.vectorStoreRebuilt } : {}),
        ...(known ? { known } : {}),
      };
    },
    async save(state, vectorStore, known) {
      const { artifact, vectors } = await saveIndex(
        dir,
        state,
        vectorStore instanceof HnswVectorStore ? vectorStore : undefined,
      );
      await saveKnownFiles(dir, artifact, known);
      return { artifact, vectors };
    },
    async saveVectors(vectorStore, artifact, state) {
      if (!(vectorStore instanceof HnswVectorStore)) return;
      // with the loaded state's rows (read from index.bin), the refilled graph is searched compact once saved
      const rows = COMPACT_SEARCH && state ? { rows: state.vectors, chunkIds: state.chunks.ids() } : undefined;
      await vectorStore.save(dir, artifact, rows);
    },
    saveKnownFiles: (artifact, known) => saveKnownFiles(dir, artifact, known),
    describeSaveFailure: (error) => indexSaveFailure(error, dir),
  };
}
