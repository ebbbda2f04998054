import type { Turn } from '../conversation.js';
import type { AnswerMessages } from './messages.js';
import type { AnswerResponse } from './types.js';

/** What an extractive answer is made from besides the index: the condensed question and the site's texts. */
export interface ExtractiveRequest {
  /** What is retrieved for: the condensed question (or the question itself). */
  asked: string;
  /** Earlier turns' words that help retrieval, if any. */
  context?: string;
  /** Passages retrieved for the composer. */
  k: number;
  /** The question as the user wrote it (normalised). */
  question: string;
  /** The question made self-contained from the history. */
  standalone: string;
  history: Turn[];
  /** The texts the extractive composer speaks (`siteMessages` of the site as it is now). */
  messages: AnswerMessages;
  /** Public base URL for citation links ('' for relative). */
  baseUrl: string;
}

/**
 * Answers made where retrieval runs (the search pool's worker threads), so that only the finished
 * result crosses back instead of the whole `Retrieval`. Each gives what the help desk itself makes
 * from `retrieve` on the same index.
 */
export interface RemoteAnswers {
  /**
   * The results of `GET /api/search` without `debug` for `asked` (already normalised), as JSON text
   * (`JSON.stringify(searchResults(retrieve(asked, { k }), baseUrl, false))`).
   */
  searchJson(asked: string, k: number, baseUrl: string): Promise<string>;
  /** The extractive composer's answer (or its refusal) for `request`, as `ask` without a chat model gives it. */
  extractiveAnswer(request: ExtractiveRequest): Promise<AnswerResponse>;
}
