import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One scripted reply; consumed in order before the default behaviour applies. */
export type StubStep =
  | { kind: 'status'; status: number; retryAfter?: string; body?: string }
  | { kind: 'hang' }
  | { kind: 'malformed' }
  | { kind: 'reply'; content: string };

export interface RecordedRequest {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  body: Record<string, unknown>;
}

export interface OpenAIStubOptions {
  /** Chat reply for a request (default: a fixed Danish sentence). */
  reply?: (body: Record<string, unknown>) => string;
  /** Embedding of one text (default: 8 deterministic values from the text). */
  embed?: (text: string) => number[] | Promise<number[]>;
  /** Answer embeddings as base64 float32 even when the request asks for floats. */
  alwaysBase64?: boolean;
}

/** A local OpenAI-compatible server for tests: `/v1/chat/completions` (incl. SSE) and `/v1/embeddings`. */
export interface OpenAIStub {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  requests: RecordedRequest[];
  /** Queue scripted replies for a route. */
  script(route: 'chat' | 'embeddings', ...steps: StubStep[]): void;
  close(): Promise<void>;
}

/** A deterministic toy embedding: character-code statistics folded into 8 numbers. */
export function toyEmbedding(text: string, dims = 8): number[] {
  const v = new Array<number>(dims).fill(0);
  for (let i = 0; i < text.length; i++) v[i % dims]! += (text.charCodeAt(i) % 31) / 31;
  const norm = Math.hypot(...v) || 1;
  return v.map((x) => x / norm);
}

function base64Floats(values: number[]): string {
  const buf = Buffer.alloc(values.length * 4);
  for (const [i, x] of values.entries()) buf.writeFloatLE(x, i * 4);
  return buf.toString('base64');
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function chatCompletion(model: unknown, content: string) {
  return {
    id: 'chatcmpl-stub',
    object: 'chat.completion',
    created: 1,
    model,
    choices: [{ index: 0, message: { role: 'assistant', content }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 },
  };
}

function streamChat(res: ServerResponse, body: Record<string, unknown>, content: string): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const base = { id: 'chatcmpl-stub', object: 'chat.completion.chunk', created: 1, model: body.model };
  const send = (data: unknown) => res.write(`data: ${JSON.stringify(data)}\n\n`);
  send({ ...base, choices: [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }] });
  for (const piece of content.match(/\S+\s*|\s+/g) ?? []) {
    send({ ...base, choices: [{ index: 0, delta: { content: piece }, finish_reason: null }] });
  }
  send({ ...base, choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] });
  const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) {
    send({ ...base, choices: [], usage: { prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 } });
  }
  res.write('data: [DONE]\n\n');
  res.end();
}

/** Starts the stub on 127.0.0.1 with a free port. */
export async function startOpenAIStub(options: OpenAIStubOptions = {}): Promise<OpenAIStub> {
  const requests: RecordedRequest[] = [];
  const queues: Record<'chat' | 'embeddings', StubStep[]> = { chat: [], embeddings: [] };
  const reply = options.reply ?? (() => 'Et svar fra stubben [1].');
  const embed = options.embed ?? ((t: string) => toyEmbedding(t));

  const server = createServer(async (req, res) => {
    const path = (req.url ?? '').split('?')[0] ?? '';
    const body: Record<string, unknown> = await readJson(req).catch(() => ({}));
    requests.push({ path, headers: req.headers, body });
    const route = path.endsWith('/chat/completions') ? 'chat' : path.endsWith('/embeddings') ? 'embeddings' : undefined;
    if (!route || req.method !== 'POST') return sendJson(res, 404, { error: { message: `no route ${path}` } });

    const step = queues[route].shift();
    if (step?.kind === 'hang') return; // never answers; close() destroys the socket
    if (step?.kind === 'status') {
      return sendJson(
        res,
        step.status,
        step.body === undefined ? { error: { message: `scripted ${step.status}` } } : step.body,
        step.retryAfter === undefined ? {} : { 'retry-after': step.retryAfter },
      );
    }
    if (step?.kind === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' });
      return res.end('{"choices": [ this is not json');
    }

    if (route === 'chat') {
      const content = step?.kind === 'reply' ? step.content : reply(body);
      if (body.stream === true) return streamChat(res, body, content);
      return sendJson(res, 200, chatCompletion(body.model, content));
    }
    const input = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input)];
    const base64 = options.alwaysBase64 === true || body.encoding_format === 'base64';
    const vectors = await Promise.all(input.map((text) => embed(text)));
    return sendJson(res, 200, {
      object: 'list',
      model: body.model,
      data: vectors.map((vector, index) => ({
        object: 'embedding',
        index,
        embedding: base64 ? base64Floats(vector) : vector,
      })),
      usage: { prompt_tokens: 1, total_tokens: 1 },
    });
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    script(route, ...steps) {
      queues[route].push(...steps);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
