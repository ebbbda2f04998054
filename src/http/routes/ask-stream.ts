import type { Context } from 'hono';
import { type SSEStreamingApi, streamSSE } from 'hono/streaming';
import type { AnswerEvent, AskRequest } from '../../answer/types.js';
import { HelpdeskError } from '../../errors.js';
import type { AppDeps } from '../deps.js';
import { errorBody, logError, publicError } from '../errors.js';
import { anySignal, timeoutError } from '../middleware/request-timeout.js';
import { elapsedMs, scheduleQuestionLog } from '../question-log.js';
import type {} from '../app-env.js';

/** What `streamAnswer` streams: the validated question and where it came from. */
export interface StreamRequest {
  request: AskRequest;
  channel: 'web' | 'api';
  /** Start time on the app's clock, for the logged latency. */
  start: number;
}

/**
 * Streams an answer as Server-Sent Events: `citations` (JSON array), `delta`s (`{"text"}`),
 * then `done` (the full answer). A failure before the first event is thrown (a normal JSON error);
 * a failure after it is sent as an `error` event with the JSON error body, and the stream closes.
 */
export async function streamAnswer(c: Context, deps: AppDeps, { request, channel, start }: StreamRequest) {
  const controller = new AbortController();
  const signal = anySignal([controller.signal, c.get('signal') ?? c.req.raw.signal]);
  const iterator = deps.helpdesk.askStream(request, { channel, signal })[Symbol.asyncIterator]();
  const first = await iterator.next();
  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    stream.onAbort(() => controller.abort());
    const timer = setTimeout(() => controller.abort(timeoutError()), deps.config.REQUEST_TIMEOUT_MS);
    try {
      let result = first;
      let finished = false;
      while (!result.done && !finished) {
        finished = await writeEvent(stream, result.value);
        if (result.value.type === 'done') {
          const answer = result.value.answer;
          scheduleQuestionLog(c, deps, {
            question: request.question,
            channel,
            answer,
            latencyMs: elapsedMs(deps, start),
          });
        }
        if (!finished) result = await nextOrAbort(iterator, signal);
      }
      if (!finished) throw new HelpdeskError('internal', 'Svarstrømmen sluttede uden et færdigt svar.');
    } catch (err) {
      if (stream.aborted) return;
      logError(deps.logger, err, { method: 'POST', path: c.req.path, requestId: c.get('requestId'), stream: true });
      const { code, message } = publicError(err);
      await stream.writeSSE({ event: 'error', data: JSON.stringify(errorBody(code, message)) });
    } finally {
      clearTimeout(timer);
      iterator.return?.()?.catch(() => {});
    }
  });
}

/** Writes one answer event; true once the answer is complete. */
async function writeEvent(stream: SSEStreamingApi, event: AnswerEvent): Promise<boolean> {
  switch (event.type) {
    case 'citations':
      await stream.writeSSE({ event: 'citations', data: JSON.stringify(event.citations) });
      return false;
    case 'delta':
      await stream.writeSSE({ event: 'delta', data: JSON.stringify({ text: event.text }) });
      return false;
    case 'done':
      await stream.writeSSE({ event: 'done', data: JSON.stringify(event.answer) });
      return true;
  }
}

/** The iterator's next result, or a rejection as soon as `signal` aborts. */
function nextOrAbort<T>(iterator: AsyncIterator<T>, signal: AbortSignal): Promise<IteratorResult<T>> {
  if (signal.aborted) return Promise.reject(signal.reason ?? timeoutError());
  return new Promise((resolve, reject) => {
    const onAbort = () => reject(signal.reason ?? timeoutError());
    signal.addEventListener('abort', onAbort, { once: true });
    iterator.next().then(
      (r) => {
        signal.removeEventListener('abort', onAbort);
        resolve(r);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
