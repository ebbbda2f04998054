import type { Channel } from '../conversation.js';
import type { Frontmatter } from '../corpus/frontmatter.js';
import type { AnswerEvent, AnswerResponse, AskRequest, SearchResult } from './types.js';

export interface AskOptions {
  channel?: Channel;
  signal?: AbortSignal;
}

/** Metadata of one corpus document. */
export interface DocumentMeta {
  docId: string;
  path: string;
  title: string;
  kind: Frontmatter['kind'];
  summary: string;
  tags: string[];
  source: Frontmatter['source'];
  updated: string;
  language: string;
  chunks: number;
  url: string;
}

/** A document as the source viewer shows it: every chunk with its anchor. */
export interface RenderedDocument extends DocumentMeta {
  sections: { chunkId: string; anchor: string; section: string; sectionPath: string[]; text: string; url: string }[];
}

export interface IndexStats {
  documents: number;
  chunks: number;
  indexBuiltAt: string;
}

/**
 * The help desk as channels see it: ask, stream, search, browse.
 * `http/` and `channels/` depend only on this interface.
 */
export interface Helpdesk {
  ask(request: AskRequest, options?: AskOptions): Promise<AnswerResponse>;
  askStream(request: AskRequest, options?: AskOptions): AsyncIterable<AnswerEvent>;
  search(query: string, k: number, options?: { debug?: boolean }): Promise<SearchResult[]>;
  /**
   * `search(query, k)` without `debug` as JSON text (an array of results), made where the retrieval
   * runs when it runs in another thread; when absent, `GET /api/search` serialises `search` itself.
   */
  searchJson?(query: string, k: number): Promise<string>;
  documents(): DocumentMeta[];
  /** A document rendered with its sections; a promise when its chunks are read from a database (D1). */
  document(docId: string): RenderedDocument | undefined | Promise<RenderedDocument | undefined>;
  stats(): IndexStats;
}
