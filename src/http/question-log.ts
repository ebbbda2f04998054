import type { Context } from 'hono';
import type { Channel } from '../conversation.js';
import type { AnswerResponse } from '../answer/types.js';
import type { AppDeps } from './deps.js';

/** The channel of an HTTP question: `web` when the widget says so (`X-Helpdesk-Channel: web`), else `api`. */
export function httpChannel(header: string | undefined): Extract<Channel, 'web' | 'api'> {
  return header?.trim().toLowerCase() === 'web' ? 'web' : 'api';
}

/**
 * Logs an answered question to the store, if there is one, after the response: via the request's
 * execution context (`c.executionCtx.waitUntil` on Workers) or else `deps.waitUntil`, or detached.
 * Never throws: a failure is only logged.
 */
export function scheduleQuestionLog(
  c: Context,
  deps: AppDeps,
  entry: { question: string; channel: 'web' | 'api'; answer: AnswerResponse; latencyMs: number },
): void {
  const { store } = deps;
  if (!store) return;
  const task = (async () => {
    await store.logQuestion({
      question: entry.question,
      channel: entry.channel,
      answered: entry.answer.answered,
      topScore: entry.answer.citations[0]?.score ?? 0,
      citedChunkIds: entry.answer.citations.map((c) => c.chunkId),
      latencyMs: Math.max(0, Math.round(entry.latencyMs)),
    });
  })().catch((err: unknown) => {
    deps.logger.warn('The question could not be logged', {
      event: 'question_log.failed',
      error: err instanceof Error ? err.message : String(err),
    });
  });
  const waitUntil = requestWaitUntil(c) ?? deps.waitUntil;
  if (waitUntil) {
    try {
      waitUntil(task);
    } catch (err) {
      deps.logger.warn('waitUntil failed', {
        event: 'background.wait_until_failed',
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

/** The request's own `waitUntil` (Workers' ExecutionContext), if the runtime gave one. */
function requestWaitUntil(c: Context): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return undefined;
  }
}

/** Milliseconds since `start` on the app's clock. */
export function elapsedMs(deps: AppDeps, start: number): number {
  return now(deps) - start;
}

/** The app's clock in milliseconds. */
export function now(deps: AppDeps): number {
  return (deps.now?.() ?? new Date()).getTime();
}
