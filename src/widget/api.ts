import { readSse } from './sse.js';
import { type Turn, toAnswer, toCitations, type WidgetAnswer, type WidgetCitation } from './types.js';

/** A failed API call: the HTTP status (0 for a network failure) and the server's error message, if any. */
export class WidgetApiError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/** Callbacks of a streamed answer. */
export interface AskHandlers {
  onCitations?(citations: WidgetCitation[]): void;
  onDelta?(text: string): void;
}

/** Body of `POST /api/feedback`. */
export interface FeedbackBody {
  question: string;
  answer: string;
  rating: 'up' | 'down';
  comment?: string;
  citedChunkIds: string[];
  channel: 'web';
}

/** Body of `POST /api/escalations`. */
export interface EscalationBody {
  question: string;
  conversation: Turn[];
  name?: string;
  email?: string;
  channel: 'web';
  /** Chunk ids the last answer cited, so the adviser sees the passages it gave. */
  citedChunkIds?: string[];
}

const HEADERS = { 'content-type': 'application/json', 'x-helpdesk-channel': 'web' };

async function errorOf(res: Response): Promise<WidgetApiError> {
  let code = 'http_error';
  let message = '';
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // not JSON: keep the status only
  }
  return new WidgetApiError(res.status, code, message);
}

async function post(url: URL, body: unknown, accept: string, signal?: AbortSignal): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { ...HEADERS, accept },
      body: JSON.stringify(body),
      credentials: 'omit',
      ...(signal ? { signal } : {}),
    });
  } catch (cause) {
    if (signal?.aborted) throw cause;
    throw new WidgetApiError(0, 'network', String(cause));
  }
  if (!res.ok) throw await errorOf(res);
  return res;
}

/** The help-desk HTTP API as the widget uses it; `base` is the absolute API base ending with `/`. */
export function createApi(base: string) {
  return {
    /** Ask a question, streaming citations and text deltas; resolves with the final answer. */
    async ask(question: string, history: Turn[], handlers: AskHandlers, signal?: AbortSignal): Promise<WidgetAnswer> {
      const res = await post(new URL('api/ask', base), { question, history }, 'text/event-stream', signal);
      if (!(res.headers.get('content-type') ?? '').includes('text/event-stream') || !res.body) {
        const answer = toAnswer(await res.json());
        if (!answer) throw new WidgetApiError(res.status, 'bad_response', '');
        handlers.onCitations?.(answer.citations);
        handlers.onDelta?.(answer.answer);
        return answer;
      }
      let final: WidgetAnswer | undefined;
      let failure: WidgetApiError | undefined;
      await readSse(res.body, ({ event, data }) => {
        let payload: unknown;
        try {
          payload = JSON.parse(data);
        } catch {
          return;
        }
        const p = payload as Record<string, unknown>;
        if (event === 'citations') handlers.onCitations?.(toCitations(Array.isArray(p) ? p : p.citations));
        else if (event === 'delta' && typeof p.text === 'string') handlers.onDelta?.(p.text);
        else if (event === 'done') final = toAnswer(p.answer && typeof p.answer === 'object' ? p.answer : p);
        else if (event === 'error') {
          const e = (p.error ?? {}) as { code?: unknown; message?: unknown };
          failure = new WidgetApiError(500, String(e.code ?? 'internal'), String(e.message ?? ''));
        }
      });
      if (failure) throw failure;
      if (!final) throw new WidgetApiError(res.status, 'incomplete', '');
      return final;
    },

    /** Record a 👍/👎 on an answer. */
    async feedback(body: FeedbackBody): Promise<void> {
      await post(new URL('api/feedback', base), body, 'application/json');
    },

    /**
     * Hand the question to a human; resolves with the escalation's id and its short reference for people
     * (e.g. `OPI-2026-0042`), each when the server returns it.
     */
    async escalate(body: EscalationBody): Promise<{ id?: string; reference?: string }> {
      const res = await post(new URL('api/escalations', base), body, 'application/json');
      const out: { id?: string; reference?: string } = {};
      try {
        const json = (await res.json()) as Record<string, unknown> & { escalation?: Record<string, unknown> };
        for (const k of ['id', 'reference'] as const) {
          const v = json[k] ?? json.escalation?.[k];
          if ((typeof v === 'string' && v) || typeof v === 'number') out[k] = String(v);
        }
      } catch {
        // no JSON body: no id to show
      }
      return out;
    },
  };
}

/** The API client type. */
export type WidgetApi = ReturnType<typeof createApi>;
