import type { Chunk } from '../corpus/types.js';
import type { Retriever } from '../retrieval/retriever.js';
import type { DocumentMeta, IndexStats } from './helpdesk.js';

/**
 * One immutable view of the index the help desk answers from. Re-indexing builds
 * a new snapshot and swaps it in whole, so a query never sees a mixed index.
 */
export interface Snapshot {
  retriever: Retriever;
  documents: ReadonlyMap<string, { meta: DocumentMeta; chunks: Chunk[] }>;
  stats: IndexStats;
}
