import type { SourceFile } from '../corpus/types.js';

/**
 * The corpus folder as the console edits it: read every file, write one atomically, remove one.
 * Paths are corpus-relative and `/`-separated (`case/aalborg-medicin.md`). Implemented on Node by
 * `adapters/node/corpus-folder.ts`; absent on Workers, where the corpus is bundled at deploy time.
 */
export interface CorpusFiles {
  /** Every Markdown file of the corpus (as `readCorpusDir` reads them), sorted by path. */
  list(): Promise<SourceFile[]>;
  /** Writes `content` to `path` so that readers (and the re-index) see the old or the whole new file. */
  write(path: string, content: string): Promise<void>;
  /** Removes the file at `path`; a missing file is not an error. */
  remove(path: string): Promise<void>;
}
