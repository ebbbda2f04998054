import type { Retrieval } from '../retrieval/retriever.js';
import { toCitation } from './citations.js';
import type { Citation, SearchResult } from './types.js';

/**
 * The hits of `GET /api/search` for a retrieval: each passage as a citation without its number, best
 * first; with `debug`, also its scores, features and (on the first) the answerability decision.
 * `baseUrl` is the public base URL ('' for relative links).
 */
export function searchResults(retrieval: Retrieval, baseUrl: string, debug: boolean): SearchResult[] {
  return retrieval.passages.map(
    (p, i): SearchResult => ({
      ...asSearchResult(toCitation(p, i + 1, baseUrl)),
      ...(debug
        ? { debug: { scores: p.scores, features: p.features, answerability: i === 0 ? retrieval.decision : undefined } }
        : {}),
    }),
  );
}

/** A citation as a search hit: the same fields without its number. */
export function asSearchResult(c: Citation): SearchResult {
  return {
    docId: c.docId,
    chunkId: c.chunkId,
    title: c.title,
    section: c.section,
    text: c.text,
    url: c.url,
    score: c.score,
  };
}
