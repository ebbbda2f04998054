import { Hono } from 'hono';
import { AskRequest } from '../../answer/types.js';
import type { AppDeps } from '../deps.js';
import { elapsedMs, httpChannel, now, scheduleQuestionLog } from '../question-log.js';
import { readJsonBody } from '../request-body.js';
import { parseOrThrow } from '../validation.js';
import { streamAnswer } from './ask-stream.js';
import type {} from '../app-env.js';

/** True when the client asks for Server-Sent Events. */
export function wantsEventStream(accept: string | undefined): boolean {
  return /\btext\/event-stream\b/i.test(accept ?? '');
}

/** `POST /api/ask`: answer a question as JSON, or as Server-Sent Events with `Accept: text/event-stream`. */
export function askRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.post('/api/ask', async (c) => {
    const start = now(deps);
    const request = parseOrThrow(AskRequest, await readJsonBody(c), 'forespørgsel');
    const channel = httpChannel(c.req.header('x-helpdesk-channel'));
    if (wantsEventStream(c.req.header('accept'))) {
      return streamAnswer(c, deps, { request, channel, start });
    }
    const answer = await deps.helpdesk.ask(request, { channel, signal: c.get('signal') });
    scheduleQuestionLog(c, deps, { question: request.question, channel, answer, latencyMs: elapsedMs(deps, start) });
    return c.json(answer);
  });
  return app;
}
