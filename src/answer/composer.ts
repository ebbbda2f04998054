import type { AnswerabilityDecision } from '../retrieval/answerability.js';
import type { QueryAnalysis } from '../retrieval/query.js';
import type { Turn } from '../conversation.js';
import type { Retrieval } from '../retrieval/retriever.js';
import type { Passage } from '../retrieval/types.js';
import type { AnswerEvent, AnswerResponse } from './types.js';

/** What a composer gets: the question, its standalone form, and the retrieved passages (best first). */
export interface ComposeInput {
  /** The question as the user wrote it. */
  question: string;
  /** The question made self-contained from the history (equal to `question` without history). */
  standalone: string;
  /** Retrieved passages, best first, already judged answerable. */
  passages: Passage[];
  history: Turn[];
  /** The retriever's analysis of the question (term groups, answer type, language). */
  query?: QueryAnalysis;
  /** The answerability decision, with the question words no passage covers. */
  decision?: AnswerabilityDecision;
}

/**
 * Writes the answer text with `[n]` markers and its citations.
 * Implementations: the extractive composer (default) and the chat-model composer.
 * A composer may decide it cannot answer (`answered: false`).
 */
export interface Composer {
  readonly id: string;
  compose(input: ComposeInput, signal?: AbortSignal): Promise<AnswerResponse>;
  /** Streams `citations`, then `delta`s, then `done` with the same answer `compose` would give. */
  stream(input: ComposeInput, signal?: AbortSignal): AsyncIterable<AnswerEvent>;
}

/**
 * The composer's input for a question and what was retrieved for it: the passages only when the
 * retrieval judged the question answerable (else the composer refuses).
 */
export function composeInput(
  asked: { question: string; standalone: string; history: Turn[] },
  retrieval: Retrieval,
): ComposeInput {
  return {
    question: asked.question,
    standalone: asked.standalone,
    passages: retrieval.decision.answerable ? retrieval.passages : [],
    history: asked.history,
    query: retrieval.query,
    decision: retrieval.decision,
  };
}
