import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import { StringOutputParser } from '@langchain/core/output_parsers';
import { toCitation } from '../citations.js';
import type { ComposeInput, Composer } from '../composer.js';
import type { AnswerEvent, AnswerResponse, Citation } from '../types.js';
import { sourceLinkPolicy } from '../markup.js';
import { type CheckOptions, checkAnswer, createStreamCheck } from './check.js';
import type { Logger } from '../../logger.js';
import { settledLength } from './segment.js';
import { answerPrompt, type FittedPassage, fitPassages, formatPassages, NOT_IN_KNOWLEDGE_BASE } from './prompt.js';

/** Where the composer reports why it fell back: the part of the `Logger` port it uses. */
export type ComposerLogger = Pick<Logger, 'warn' | 'debug'>;

export interface ChatComposerOptions {
  /** The chat model (an OpenAI-compatible adapter, Workers AI, or a fake in tests). */
  model: BaseChatModel;
  /** The extractive composer: used when the model fails or its answer is not supported, and for refusals. */
  fallback: Composer;
  /** Public base URL for citation links ('' for relative). */
  baseUrl: string;
  /** The model's context window in tokens; passages are trimmed to fit. */
  contextTokens: number;
  /** Tokens kept free for the answer (default 600). */
  answerTokens?: number;
  /** Time budget of one whole answer in ms, streaming included (default: none beyond the model's own). */
  timeoutMs?: number;
  logger?: ComposerLogger;
  /** Content terms for the citation check (the Danish analyzer's `terms`); built-in stemmer by default. */
  terms?: CheckOptions['terms'];
  /** Thresholds of the citation check. */
  check?: Omit<CheckOptions, 'terms'>;
  /**
   * Most characters of a model answer read (default `MAX_ANSWER_CHARS`): a model that ignores its
   * token limit is cut off there, keeping the sentences settled before it, so that no model can make
   * the check (which runs again as each streamed sentence settles) work on an unbounded text.
   */
  maxAnswerChars?: number;
}

/** Default of `maxAnswerChars`: over twice what 600 answer tokens of Danish hold. */
export const MAX_ANSWER_CHARS = 6000;

const silent: ComposerLogger = { warn() {}, debug() {} };

/**
 * A composer that writes fluent Danish answers with a chat model, grounded in the retrieved
 * passages and checked sentence by sentence. When the model fails, times out or answers
 * without support it falls back to `fallback` (logging why); when the model says the passages
 * do not hold the answer it gives `fallback`'s refusal (`answered: false`).
 *
 * Links, images and HTML in the model's answer are made inert; only links to the service's own
 * source viewer stay (see `neutralizeMarkup`).
 *
 * Streaming: `citations` (the candidate passages, numbered as in the prompt) come with the first
 * checked sentence, then the answer as `delta`s, sentence by sentence as each is settled and checked
 * (markers numbered as the candidates), then `done`. Nothing the check would remove is ever streamed.
 * The `done` answer is authoritative: it carries the checked text, renumbered, with exactly the
 * citations it uses, and it may differ from the streamed deltas in its numbers (or be the fallback's
 * answer, when too little of the model's answer is supported); clients replace the text with it.
 */
export function createChatComposer(options: ChatComposerOptions): Composer {
  const logger = options.logger ?? silent;
  const chain = answerPrompt.pipe(options.model).pipe(new StringOutputParser());
  const { fallback } = options;
  const checkOptions: CheckOptions = {
    ...options.check,
    ...(options.terms ? { terms: options.terms } : {}),
    links: sourceLinkPolicy(options.baseUrl),
  };

  const maxChars = options.maxAnswerChars ?? MAX_ANSWER_CHARS;
  /** An answer longer than `maxChars` (a model that ignores its token limit) cut to the sentences settled within it. */
  function cutToFit(raw: string): string {
    logger.warn('chat: the model answer is longer than allowed; only its first sentences are used', {
      event: 'chat.answer_truncated',
      maxAnswerChars: maxChars,
    });
    const head = raw.slice(0, maxChars);
    return head.slice(0, settledLength(head));
  }

  function prepare(input: ComposeInput) {
    const question = input.standalone || input.question;
    const fitted = fitPassages(input.passages, {
      contextTokens: options.contextTokens,
      answerTokens: options.answerTokens ?? 600,
      question,
    });
    if (fitted.length < input.passages.length) {
      logger.debug('chat: passages trimmed to the context budget', {
        event: 'chat.passages_trimmed',
        kept: fitted.length,
        of: input.passages.length,
      });
    }
    return { fitted, vars: { passages: formatPassages(fitted), question } };
  }

  function deadline(signal: AbortSignal | undefined): AbortSignal | undefined {
    const signals = [signal, options.timeoutMs ? AbortSignal.timeout(options.timeoutMs) : undefined].filter(
      (s): s is AbortSignal => s !== undefined,
    );
    return signals.length > 1 ? AbortSignal.any(signals) : signals[0];
  }

  function fallBack(
    reason: string,
    input: ComposeInput,
    signal?: AbortSignal,
    error?: unknown,
  ): Promise<AnswerResponse> {
    logger.warn('chat: the model answer could not be used; falling back to the extractive answer', {
      event: 'chat.fallback',
      reason,
      ...(error === undefined ? {} : { error: describe(error) }),
    });
    return fallback.compose(input, signal);
  }

  function refuse(input: ComposeInput, signal?: AbortSignal): Promise<AnswerResponse> {
    return fallback.compose({ ...input, passages: [] }, signal);
  }

  /** What the model's whole answer amounts to: a checked answer, a refusal, or a reason to fall back. */
  function judge(raw: string, fitted: FittedPassage[]): Verdict {
    const text = raw.trim();
    if (text === '') return { kind: 'fallback', reason: 'empty' };
    if (isRefusal(text)) return { kind: 'refusal' };
    const result = checkAnswer(text.replaceAll(NOT_IN_KNOWLEDGE_BASE, ''), passagesOf(fitted), checkOptions);
    if (result.removedMarkers.length > 0 || result.droppedSentences.length > 0) {
      logger.debug('chat: answer corrected by the citation check', {
        event: 'chat.corrected',
        removedMarkers: result.removedMarkers,
        droppedSentences: result.droppedSentences.length,
      });
    }
    if (!result.supported) return { kind: 'fallback', reason: 'unsupported' };
    return {
      kind: 'answer',
      answer: {
        answer: result.text,
        answered: true,
        citations: result.usedPassageIndexes.map((i, k) => toCitation(fitted[i]!.passage, k + 1, options.baseUrl)),
      },
    };
  }

  async function finish(
    raw: string,
    input: ComposeInput,
    fitted: FittedPassage[],
    signal?: AbortSignal,
  ): Promise<AnswerResponse> {
    const verdict = judge(raw, fitted);
    if (verdict.kind === 'answer') return verdict.answer;
    if (verdict.kind === 'refusal') return refuse(input, signal);
    return fallBack(verdict.reason, input, signal);
  }

  async function compose(input: ComposeInput, signal?: AbortSignal): Promise<AnswerResponse> {
    if (input.passages.length === 0) return fallback.compose(input, signal);
    const { fitted, vars } = prepare(input);
    const run = deadline(signal);
    let raw: string;
    try {
      raw = await chain.invoke(vars, run ? { signal: run } : {});
    } catch (error) {
      if (signal?.aborted) throw error;
      return fallBack(failureReason(error, run), input, signal, error);
    }
    return finish(raw.length > maxChars ? cutToFit(raw) : raw, input, fitted, signal);
  }

  async function* stream(input: ComposeInput, signal?: AbortSignal): AsyncIterable<AnswerEvent> {
    if (input.passages.length === 0) {
      yield* fallback.stream(input, signal);
      return;
    }
    const { fitted, vars } = prepare(input);
    const candidates: Citation[] = fitted.map((f, i) => toCitation(f.passage, i + 1, options.baseUrl));
    const checked = createStreamCheck(passagesOf(fitted), checkOptions);
    const run = deadline(signal);
    let raw = '';
    let shown = '';
    let settled = 0;
    let started = false;
    /** The checked text not yet shown: only sentences the check keeps, and nothing while it may be a refusal. */
    const unshown = (complete: boolean): string => {
      if (!started && isRefusal(raw.trim())) return '';
      const text = checked(raw.replaceAll(NOT_IN_KNOWLEDGE_BASE, ''), complete);
      if (!text.startsWith(shown)) {
        logger.debug('chat: the checked stream changed behind what was shown; the rest comes with done', {
          event: 'chat.stream_diverged',
        });
        return '';
      }
      const delta = text.slice(shown.length);
      shown = text;
      return delta;
    };
    try {
      const tokens = await chain.stream(vars, run ? { signal: run } : {});
      for await (const token of tokens) {
        raw += token;
        if (raw.length > maxChars) {
          // Stop reading (the model stream is closed): what was settled within the cap is the answer.
          raw = cutToFit(raw);
          break;
        }
        const upTo = settledLength(raw);
        if (upTo === settled) continue;
        settled = upTo;
        const delta = unshown(false);
        if (delta === '') continue;
        if (!started) yield { type: 'citations', citations: candidates };
        started = true;
        yield { type: 'delta', text: delta };
      }
    } catch (error) {
      if (signal?.aborted) throw error;
      const reason = failureReason(error, run);
      if (!started) {
        logger.warn('chat: the model failed before answering; streaming the extractive answer', {
          event: 'chat.stream_fallback',
          reason,
          error: describe(error),
        });
        yield* fallback.stream(input, signal);
      } else {
        yield { type: 'done', answer: await fallBack(reason, input, signal, error) };
      }
      return;
    }
    const verdict = judge(raw, fitted);
    if (verdict.kind !== 'answer') {
      if (started) yield { type: 'done', answer: await finish(raw, input, fitted, signal) };
      else if (verdict.kind === 'refusal') yield* fallback.stream({ ...input, passages: [] }, signal);
      else {
        logger.warn('chat: the model answer could not be used; falling back to the extractive answer', {
          event: 'chat.fallback',
          reason: verdict.reason,
        });
        yield* fallback.stream(input, signal);
      }
      return;
    }
    const delta = unshown(true);
    if (!started) yield { type: 'citations', citations: candidates };
    if (delta !== '') yield { type: 'delta', text: delta };
    yield { type: 'done', answer: verdict.answer };
  }

  return { id: 'chat-v1', compose, stream };
}

/** What a model's whole answer amounts to. */
type Verdict =
  | { kind: 'answer'; answer: AnswerResponse }
  | { kind: 'refusal' }
  | { kind: 'fallback'; reason: 'empty' | 'unsupported' };

function passagesOf(fitted: readonly FittedPassage[]) {
  return fitted.map((f) => f.passage);
}

/** Ways a model says, without the sentinel, that the passages do not answer. */
const CANNOT_ANSWER =
  /\b(kan ikke (besvare|svare)|(fremgår|står) ikke (af|i) (kilderne|vidensbasen)|(kilderne|vidensbasen) (indeholder|nævner|beskriver|siger) ikke|(cannot|can't|unable to) answer|(sources|passages) do not (contain|mention|say))/iu;

/** The model said the passages do not answer (the sentinel, or a plain "cannot answer"), and cites nothing. */
function isRefusal(text: string): boolean {
  const rest = text.replaceAll(NOT_IN_KNOWLEDGE_BASE, '');
  if (/\[\s*\d/.test(rest)) return false;
  return rest !== text || CANNOT_ANSWER.test(text);
}

/** 'timeout' when the time budget or the model's own timeout ran out, else 'model_error'. */
function failureReason(error: unknown, run: AbortSignal | undefined): 'timeout' | 'model_error' {
  if (run?.aborted) return 'timeout';
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /time(d)?[ -]?out/i.test(text) ? 'timeout' : 'model_error';
}

function describe(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`.slice(0, 300);
  return String(error).slice(0, 300);
}
