export {
  artifactFormatVersion,
  artifactId,
  deserializeIndex,
  INDEX_FORMAT_VERSION,
  IndexedDocument,
  IndexManifest,
  type IndexState,
  serializeIndex,
} from './artifact.js';
export {
  type BuildIndexOptions,
  type BuildProgress,
  type BuildStats,
  buildIndex,
  corpusHash,
  defaultEmbedText,
  lexicalFields,
} from './build.js';
export type { Embedder } from './embedder.js';
export { ExactVectorStore, type ExactVectorStoreOptions } from './exact-vector-store.js';
export { fillVectorStore, syncVectorStore } from './fill-vector-store.js';
export {
  DEFAULT_LEXICAL_OPTIONS,
  LEXICAL_FORMAT_VERSION,
  type LexicalFields,
  type LexicalHit,
  LexicalIndex,
  type LexicalOptions,
  type LexicalQueryTerm,
} from './lexical-index.js';
export { createLocalEmbedder, type LocalEmbedderOptions } from './local-embedder.js';
export { SearchIndex, type SearchIndexStats } from './search-index.js';
export type { VectorHit, VectorRecord, VectorStore } from './vector-store.js';
