import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';
import { reindexSummary } from '../../src/core/index-lifecycle.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { memoryCorpus } from '../http/admin/support.js';
import { composedApp } from '../support/http.js';
import { NASTY } from './arbitraries.js';

const ADMIN_TOKEN = 'fuzz-admin-token-0123456789';
const SLACK_SECRET = 'fuzz-slack-signing-secret';
const TEAMS_KEY = Buffer.from('fuzz-teams-webhook-key-32-bytes!').toString('base64');
/** Longest a request (including reading its whole body, e.g. an SSE stream) may take. */
const HANG_MS = 5_000;

/** Routes whose pages are HTML for browsers; their 4xx may be an HTML page. */
const HTML_ROUTE = /^\/(docs(\/|$)|$)/;

let app: Hono;
let store: SqlStore;
let routes: { method: string; path: string }[];
const background: Promise<unknown>[] = [];

beforeAll(async () => {
  const config = loadConfig({
    CORPUS_DIR: 'test/fixtures/helpdesk-corpus',
    RATE_LIMIT_PER_MINUTE: '0',
    REQUEST_TIMEOUT_MS: '3000',
    MAX_BODY_BYTES: '8192',
    ADMIN_TOKEN,
    SLACK_SIGNING_SECRET: SLACK_SECRET,
    SLACK_BOT_TOKEN: 'xoxb-fuzz',
    SLACK_API_BASE_URL: 'http://127.0.0.1:9/api',
    TEAMS_WEBHOOK_SECRET: TEAMS_KEY,
    TEAMS_APP_ID: '00000000-0000-0000-0000-000000000000',
    TEAMS_APP_PASSWORD: 'fuzz-password',
  });
  const { helpdesk, manager } = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: true,
    vectorStore: 'exact',
  });
  await manager.open();
  store = await openSqliteStore(':memory:');
  // Every outgoing call (Slack, Teams, webhooks) gets a canned answer: nothing leaves the process.
  const fakeFetch = (async () =>
    new Response(JSON.stringify({ ok: true, keys: [], jwks_uri: 'http://127.0.0.1:9/keys' }), {
      status: 200,
      headers: { 'content-type': 'application/json' },
    })) as typeof fetch;
  app = composedApp({
    helpdesk,
    config,
    logger: silentLogger,
    store,
    assets: { widgetJs: 'void 0;', adminJs: 'void 0;' },
    // the console's documents in memory (on disk they are the corpus folder; on Workers they answer 501)
    corpusFiles: memoryCorpus(),
    reindex: async () => reindexSummary(await manager.reindex()),
    fetch: fakeFetch,
    waitUntil: (p) => {
      background.push(p);
    },
  });
  const seen = new Set<string>();
  routes = app.routes
    .filter((r) => r.method !== 'ALL')
    .filter((r) => {
      const key = `${r.method} ${r.path}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .map((r) => ({ method: r.method, path: r.path }));
});

afterAll(async () => {
  await Promise.allSettled(background);
  await store?.close();
});

/** Header values a Request accepts (ByteString), including junk. */
const headerValue = fc.oneof(
  fc.string({ maxLength: 40 }).map((s) => s.replace(/[^\x20-\x7e]/g, '')),
  fc.constantFrom(
    '',
    ' ',
    'null',
    '0',
    '-1',
    '99999999999999999999',
    'a'.repeat(4000),
    '\t',
    'ÆØÅ'.replace(/[^\x20-\x7e]/g, '?'),
  ),
);

const contentType = fc.constantFrom(
  'application/json',
  'application/json; charset=utf-8',
  'application/vnd.api+json',
  'application/x-www-form-urlencoded',
  'text/plain',
  'multipart/form-data; boundary=x',
  'application/jsonx',
  '',
);

const accept = fc.constantFrom(
  'application/json',
  'text/event-stream',
  'text/html',
  '*/*',
  'text/event-stream;q=0',
  '',
);

const authorization = fc.constantFrom(
  `Bearer ${ADMIN_TOKEN}`,
  `bearer ${ADMIN_TOKEN}`,
  `Bearer ${ADMIN_TOKEN}x`,
  'Bearer ',
  'Basic YWRtaW46YWRtaW4=',
  'HMAC AAAA',
  'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.',
);

/** Values that resemble the API's fields, plus junk. */
const fieldValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    'Hvad er OPI?',
    'Hvordan kommer vi i gang med et samarbejde?',
    'up',
    'down',
    'open',
    'closed',
    'a@b.dk',
    '30d',
    '',
  ),
  fc.constantFrom(...NASTY),
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constant('ø'.repeat(3000)),
);
const apiFields = [
  'question',
  'history',
  'role',
  'content',
  'rating',
  'comment',
  'email',
  'name',
  'status',
  'answer',
  'assignee',
  'notes',
  'retentionDays',
  'questionId',
  'citations',
  'q',
  'k',
  'type',
  'event',
  'challenge',
  'text',
  'payload',
  '__proto__',
  'constructor',
];

const jsonBody: fc.Arbitrary<string> = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
  fc
    .dictionary(
      fc.constantFrom(...apiFields),
      fc.oneof(fieldValue, fc.array(fc.dictionary(fc.constantFrom(...apiFields), fieldValue), { maxLength: 4 })),
      { maxKeys: 6 },
    )
    .map((v) => JSON.stringify(v)),
  fc.string({ unit: 'binary', maxLength: 100 }),
  fc.constantFrom(
    '{',
    '[]',
    'null',
    '""',
    '{"question":',
    '{"question":"x"}'.repeat(2),
    'a'.repeat(9000),
    `{"question":"${'x'.repeat(9000)}"}`,
  ),
  fc.constantFrom(
    'token=x&text=hej&response_url=http%3A%2F%2F127.0.0.1%3A9%2Fx',
    'payload=%7B%22type%22%3A%22block_actions%22%7D',
    'payload=%7B',
  ),
);

const queryString = fc.oneof(
  fc
    .dictionary(
      fc.constantFrom('q', 'k', 'debug', 'status', 'limit', 'rating', 'since', 'format', 'x'),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
      { maxKeys: 5 },
    )
    .map((d) => new URLSearchParams(d).toString()),
  fc.constantFrom(
    'q=%E0%A4%A',
    'q=%',
    'k=1e309',
    'k=-0',
    'limit=1000000',
    'since=9999999d',
    'since=999999999999d',
    'since=99999999999999999999999w',
    'format=md&since=999999999d',
    'q&q&q',
    'format=csv&since=1h',
    `q=${'a'.repeat(5000)}`,
  ),
);

const pathParam = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }).map(encodeURIComponent),
  fc.constantFrom(
    'opi-guide',
    '..',
    '%2e%2e',
    '%E0%A4%A',
    '%',
    'x%00y',
    'a%2Fb',
    '00000000-0000-0000-0000-000000000000',
    'samarbejdsformer',
  ),
);

const requestArb = fc.record({
  route: fc.nat(),
  otherMethod: fc.option(fc.constantFrom('GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'HEAD'), { freq: 4 }),
  param: pathParam,
  query: fc.option(queryString),
  body: fc.option(jsonBody, { freq: 6 }),
  contentType: fc.option(contentType, { freq: 8 }),
  accept: fc.option(accept),
  authorization: fc.option(authorization),
  sign: fc.boolean(),
  extra: fc.dictionary(
    fc.constantFrom(
      'origin',
      'x-forwarded-for',
      'cf-connecting-ip',
      'x-helpdesk-channel',
      'x-request-id',
      'if-none-match',
      'x-slack-retry-num',
      'x-slack-request-timestamp',
      'x-slack-signature',
      'cookie',
      'range',
    ),
    headerValue,
    { maxKeys: 4 },
  ),
});

type FuzzRequest = typeof requestArb extends fc.Arbitrary<infer T> ? T : never;

function buildRequest(r: FuzzRequest): Request {
  const route = routes[r.route % routes.length]!;
  const method = r.otherMethod ?? route.method;
  const path = route.path.replace(/:[A-Za-z]+/g, r.param);
  const url = `http://localhost${path}${r.query === null ? '' : `?${r.query}`}`;
  const headers = new Headers();
  for (const [k, v] of Object.entries(r.extra)) headers.set(k, v);
  if (r.contentType !== null) headers.set('content-type', r.contentType);
  if (r.accept !== null) headers.set('accept', r.accept);
  if (r.authorization !== null) headers.set('authorization', r.authorization);
  const body = method === 'GET' || method === 'HEAD' ? undefined : (r.body ?? undefined);
  if (r.sign && body !== undefined) {
    // A correctly signed request gets past the Slack/Teams signature checks into the handlers.
    const ts = String(Math.floor(Date.now() / 1000));
    headers.set('x-slack-request-timestamp', ts);
    headers.set(
      'x-slack-signature',
      `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`,
    );
    if (path === '/teams/webhook') {
      headers.set(
        'authorization',
        `HMAC ${createHmac('sha256', Buffer.from(TEAMS_KEY, 'base64')).update(body).digest('base64')}`,
      );
    }
  }
  return new Request(url, { method, headers, ...(body === undefined ? {} : { body }) });
}

/** The response and its whole body, or a failure when either takes longer than HANG_MS. */
async function send(req: Request): Promise<{ res: Response; text: string }> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`hang: ${req.method} ${req.url} gave no complete response in ${HANG_MS} ms`)),
      HANG_MS,
    );
  });
  try {
    return await Promise.race([
      (async () => {
        const res = await app.request(req);
        return { res, text: await res.text() };
      })(),
      hang,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** 2xx/3xx, or a 4xx that is JSON `{error:{code,message}}` (HTML only on the browser pages); never 5xx. */
function expectWellBehaved(req: Request, res: Response, text: string): void {
  const where = `${req.method} ${req.url} → ${res.status} ${text.slice(0, 200)}`;
  expect(res.status, where).toBeLessThan(500);
  if (res.status < 400) return;
  const type = res.headers.get('content-type') ?? '';
  if (type.startsWith('text/html')) {
    expect(HTML_ROUTE.test(new URL(req.url).pathname), where).toBe(true);
    return;
  }
  expect(type, where).toMatch(/^application\/json/);
  if (req.method === 'HEAD') return; // no body to read
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, where).toBe('string');
  expect(typeof body.error?.message, where).toBe('string');
  expect(text, where).not.toMatch(/\bat .+\.(ts|js):\d+/); // no stack traces
}

describe('every HTTP route under arbitrary requests', () => {
  it('mounts the routes the fuzzer drives (contract, ops, admin, channels, widget, viewer)', () => {
    const keys = routes.map((r) => `${r.method} ${r.path}`);
    for (const k of [
      'POST /api/ask',
      'GET /api/search',
      'POST /api/feedback',
      'POST /api/escalations',
      'PATCH /api/admin/escalations/:id',
      'POST /slack/events',
      'POST /teams/webhook',
      'POST /teams/messages',
      'GET /docs/:docId',
      'GET /widget.js',
    ]) {
      expect(keys).toContain(k);
    }
  });

  it('answers arbitrary JSON bodies, headers and query strings with 2xx or a JSON 4xx, never a 500 or a hang', async () => {
    const outcomes: Record<string, Set<number>> = {};
    await fc.assert(
      fc.asyncProperty(requestArb, async (r) => {
        const req = buildRequest(r);
        const { res, text } = await send(req.clone());
        expectWellBehaved(req, res, text);
        const key = `${req.method} ${new URL(req.url).pathname.replace(/\/[^/]*$/, '/…')}`;
        outcomes[key] ??= new Set();
        outcomes[key].add(res.status);
      }),
      { numRuns: 500 },
    );
    // the fuzzer reached the handlers, not only the validators
    expect(outcomes['GET /…']).toContain(200);
  }, 120_000);

  it('answers near-valid bodies (right shape, hostile values) on the write routes with 2xx or a JSON 4xx', async () => {
    const text = fc.oneof(
      fieldValue.filter((v): v is string => typeof v === 'string'),
      fc.string({ unit: 'grapheme', minLength: 1, maxLength: 300 }),
      fc.constantFrom(...NASTY),
    );
    const turn = fc.record({
      role: fc.constantFrom('user', 'assistant', 'user', 'assistant', 'system', ''),
      content: text,
    });
    const bodies: [string, fc.Arbitrary<Record<string, unknown>>][] = [
      [
        '/api/ask',
        fc.record({ question: text, history: fc.array(turn, { maxLength: 12 }) }, { requiredKeys: ['question'] }),
      ],
      [
        '/api/feedback',
        fc.record(
          {
            question: text,
            answer: text,
            rating: fc.constantFrom('up', 'down', 'meh'),
            comment: text,
            citedChunkIds: fc.array(text, { maxLength: 60 }),
            channel: fc.constantFrom('web', 'api', 'slack', 'x'),
          },
          { requiredKeys: ['question', 'answer', 'rating'] },
        ),
      ],
      [
        '/api/escalations',
        fc
          .record(
            {
              question: text,
              conversation: fc.oneof(fc.array(turn, { maxLength: 3 }), fc.array(turn, { maxLength: 60 })),
              name: text,
              email: fc.oneof({ weight: 3, arbitrary: fc.emailAddress() }, { weight: 1, arbitrary: text }),
              // a public client may not pose as Slack or Teams: 'slack', 'teams' and channelRef are refused
              channel: fc.constantFrom('web', 'api', 'web', 'api', 'slack', 'teams'),
            },
            { requiredKeys: ['question'] },
          )
          .chain((body) =>
            fc.oneof(
              { weight: 4, arbitrary: fc.constant(body) },
              { weight: 1, arbitrary: text.map((channelRef) => ({ ...body, channelRef })) },
            ),
          ),
      ],
      [
        '/api/admin/purge',
        fc.record(
          { email: fc.oneof(fc.emailAddress(), text), retentionDays: fc.oneof(fc.integer(), fc.double()) },
          { requiredKeys: [] },
        ),
      ],
    ];
    const statuses = new Map<string, Set<number>>();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(...bodies.map(([p, arb]) => arb.map((b) => [p, b] as const))),
        fc.boolean(),
        async ([path, value], stream) => {
          const body = JSON.stringify(value);
          const req = new Request(`http://localhost${path}`, {
            method: 'POST',
            headers: {
              'content-type': 'application/json',
              authorization: `Bearer ${ADMIN_TOKEN}`,
              ...(stream ? { accept: 'text/event-stream' } : {}),
            },
            body,
          });
          const { res, text: out } = await send(req.clone());
          expectWellBehaved(req, res, out);
          if (!statuses.has(path)) statuses.set(path, new Set());
          statuses.get(path)!.add(res.status);
        },
      ),
      // only ~1 in 15 generated escalation and purge bodies is valid: with 300 runs one route got no 2xx in 2 of 9
      // runs here; 1,000 runs reach every route's 2xx branch
      { numRuns: 1000 },
    );
    for (const [path] of bodies)
      expect(
        [...(statuses.get(path) ?? [])].some((s) => s < 300),
        path,
      ).toBe(true);
  }, 120_000);

  it('answers every route with each method, body-less and with a body, without a 500', async () => {
    for (const route of routes) {
      for (const method of ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS']) {
        for (const body of [undefined, '{}', '[]', 'x']) {
          if (method === 'GET' && body !== undefined) continue;
          const path = route.path.replace(/:[A-Za-z]+/g, 'x');
          const req = new Request(`http://localhost${path}`, {
            method,
            headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
            ...(body === undefined ? {} : { body }),
          });
          const { res, text } = await send(req.clone());
          expectWellBehaved(req, res, text);
        }
      }
    }
  }, 60_000);
});
