import { Hono } from 'hono';
import { AnswerResponse, AskRequest } from '../../answer/types.js';
import type { AppDeps } from '../deps.js';
import { elapsedMs, httpChannel, now, scheduleQuestionLog } from '../question-log.js';
import { readJsonBody } from '../request-body.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { parseOrThrow } from '../validation.js';
import { streamAnswer } from './ask-stream.js';
import type {} from '../app-env.js';

/** True when the client asks for Server-Sent Events. */
export function wantsEventStream(accept: string | undefined): boolean {
  return /\btext\/event-stream\b/i.test(accept ?? '');
}

/** `POST /api/ask` as validated and published. */
export const askRoute = {
  method: 'post',
  path: '/api/ask',
  operationId: 'ask',
  summary: 'Stil et spørgsmål',
  description:
    'Svarer på dansk med `[n]`-henvisninger til `citations`. Med `Accept: text/event-stream` streames svaret som Server-Sent Events: `citations` (JSON-liste), `delta` (`{"text": …}`) gentaget, og til sidst `done` med hele svaret; en fejl undervejs sendes som `error` med fejlkroppen.',
  headers: [
    {
      name: 'X-Helpdesk-Channel',
      description: '`web` når spørgsmålet kommer fra webwidgetten; ellers logges det som `api`.',
      schema: { type: 'string', enum: ['web', 'api'] },
    },
  ],
  body: AskRequest,
  responses: {
    200: {
      description:
        'Svaret (eller, ved `answered: false`, en besked om at vidensbasen ikke dækker spørgsmålet og et tilbud om en rådgiver).',
      json: AnswerResponse,
      other: { 'text/event-stream': { type: 'string' } },
    },
  },
  errors: [400, 413, 415, 429, 500, 502, 503, 504],
} as const satisfies RouteSpec;

/** `POST /api/ask`: answer a question as JSON, or as Server-Sent Events with `Accept: text/event-stream`. */
export function askRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  mountRoute(app, askRoute, async (c) => {
    const start = now(deps);
    const request = parseOrThrow(askRoute.body, await readJsonBody(c), 'forespørgsel');
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
