export { type ChunkOptions, chunkDocument, INTRO_ANCHOR } from './chunk.js';
export { contextualText } from './contextual.js';
export { DocumentKind, Frontmatter, SourceRef } from './frontmatter.js';
export { isDocumentPath, loadCorpus } from './load-corpus.js';
export { type ParseResult, parseDocument, slugOf } from './parse-document.js';
export { slugify } from './slug.js';
export type { Chunk, Document, LoadIssue, LoadResult, SourceFile } from './types.js';
