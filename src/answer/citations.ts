import type { Passage } from '../retrieval/types.js';
import type { Citation } from './types.js';

/** Where the source viewer lives, relative to the service's base URL. */
export function sourceUrl(baseUrl: string, docId: string, anchor: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/docs/${encodeURIComponent(docId)}#${encodeURIComponent(anchor)}`;
}

/** The citation numbered `id` for a passage. `baseUrl` is the public base URL ('' for relative links). */
export function toCitation(passage: Passage, id: number, baseUrl: string): Citation {
  const { chunk } = passage;
  return {
    id,
    docId: chunk.docId,
    chunkId: chunk.id,
    title: chunk.title,
    section: chunk.section,
    text: chunk.text,
    url: sourceUrl(baseUrl, chunk.docId, chunk.anchor),
    score: Math.round(passage.score * 1000) / 1000,
  };
}
