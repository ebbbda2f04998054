import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqlStore } from '../../src/store/sql-store.js';
import { EscalationInput, FeedbackInput } from '../../src/store/store.js';
import { json, opsApp, tempStore } from '../ops/helpers.js';

const TOKEN = 's3cret-admin-token-0123456789';
const auth = { authorization: `Bearer ${TOKEN}` };

let ctx: Awaited<ReturnType<typeof tempStore>>;
let store: SqlStore;

beforeEach(async () => {
  ctx = await tempStore();
  store = ctx.store;
});
afterEach(async () => {
  await ctx.cleanup();
});

describe('POST /api/feedback', () => {
  it('stores a rating with its comment and citations', async () => {
    const { app } = opsApp({ store });
    const res = await app.request(
      '/api/feedback',
      json('POST', {
        question: 'Hvad er OPI?',
        answer: 'OPI er … [1]',
        rating: 'down',
        comment: 'Mangler eksempler',
        citedChunkIds: ['hvad-er-opi#intro'],
        channel: 'web',
      }),
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const [saved] = await store.listFeedback();
    expect(saved).toMatchObject({
      id,
      rating: 'down',
      comment: 'Mangler eksempler',
      citedChunkIds: ['hvad-er-opi#intro'],
    });
  });

  it('names the failing field', async () => {
    const { app } = opsApp({ store });
    const res = await app.request('/api/feedback', json('POST', { question: 'x', answer: 'y', rating: 'meh' }));
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: { fields: string[] } } };
    expect(body.error).toMatchObject({ code: 'validation_failed', details: { fields: ['rating'] } });
    expect(body.error.message).toMatch(/rating/);
    expect(await store.listFeedback()).toEqual([]);
  });

  it('rejects a body that is not JSON', async () => {
    const { app } = opsApp({ store });
    const res = await app.request('/api/feedback', json('POST', '{not json'));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'bad_request', message: expect.stringMatching(/gyldig JSON/), details: { fields: ['body'] } },
    });
  });

  it('stores all of 50 parallel posts', async () => {
    const { app } = opsApp({ store });
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        app.request(
          '/api/feedback',
          json('POST', { question: `Spørgsmål ${i}`, answer: 'Svar', rating: i % 2 ? 'up' : 'down' }),
        ),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as { id: string }).id));
    expect(new Set(ids).size).toBe(50);
    const saved = await store.listFeedback();
    expect(saved).toHaveLength(50);
    expect(new Set(saved.map((f) => f.question)).size).toBe(50);
  });

  it('is rate limited per client with 429 and Retry-After', async () => {
    const { app } = opsApp({ store, env: { RATE_LIMIT_PER_MINUTE: '2' }, now: () => new Date('2025-01-01T00:00:30Z') });
    const post = () =>
      app.request('/api/feedback', {
        ...json('POST', { question: 'q', answer: 'a', rating: 'up' }),
        headers: { 'content-type': 'application/json', 'cf-connecting-ip': '203.0.113.7' },
      });
    expect((await post()).status).toBe(201);
    expect((await post()).status).toBe(201);
    const limited = await post();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('Retry-After'))).toBe(60);
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect(await store.listFeedback()).toHaveLength(2);
  });
});

describe('POST /api/escalations', () => {
  it('returns a short readable reference (OPI-<year>-<number>) beside the id, and the admin API shows it', async () => {
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN } });
    const first = (await (await app.request('/api/escalations', json('POST', { question: 'Første' }))).json()) as {
      id: string;
      reference: string;
    };
    const second = (await (await app.request('/api/escalations', json('POST', { question: 'Anden' }))).json()) as {
      reference: string;
    };
    expect(first.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.reference).toMatch(/^OPI-\d{4}-0001$/);
    expect(second.reference).toBe(first.reference.replace(/0001$/, '0002'));
    const one = await app.request(`/api/admin/escalations/${first.id}`, { headers: auth });
    expect(((await one.json()) as { escalation: { reference: string } }).escalation.reference).toBe(first.reference);
    const list = await app.request('/api/admin/escalations', { headers: auth });
    const { escalations } = (await list.json()) as { escalations: { reference: string }[] };
    expect(escalations.map((e) => e.reference).sort()).toEqual([first.reference, second.reference]);
  });

  it('creates an open case and confirms in Danish', async () => {
    const { app } = opsApp({ store });
    const res = await app.request(
      '/api/escalations',
      json('POST', {
        question: 'Hvordan deler vi rettighederne?',
        conversation: [{ role: 'user', content: 'Hvordan deler vi rettighederne?' }],
        name: 'Anne',
        email: 'anne@kommune.dk',
      }),
    );
    expect(res.status).toBe(201);
    const body = (await res.json()) as { id: string; reference: string; status: string; message: string };
    expect(body.status).toBe('open');
    expect(body.message).toContain('anne@kommune.dk');
    expect(body.message).toContain(`Sagsnummer: ${body.reference}.`);
    expect(body.message).not.toContain(body.id);
    expect(await store.getEscalation(body.id)).toMatchObject({
      name: 'Anne',
      channel: 'web',
      conversation: [{ role: 'user' }],
    });
  });

  it('rejects an invalid e-mail, naming the field', async () => {
    const { app } = opsApp({ store });
    const res = await app.request('/api/escalations', json('POST', { question: 'Hjælp', email: 'ikke-en-mail' }));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { details: { fields: string[] } } }).error.details.fields).toEqual([
      'email',
    ]);
  });
});

describe('without a store', () => {
  it('answers 503 on the routes that need it', async () => {
    const { app } = opsApp({ env: { ADMIN_TOKEN: TOKEN } });
    for (const [path, init] of [
      ['/api/feedback', json('POST', { question: 'q', answer: 'a', rating: 'up' })],
      ['/api/escalations', json('POST', { question: 'q' })],
      ['/api/admin/escalations', { headers: auth }],
    ] as const) {
      const res = await app.request(path, init);
      expect(res.status, path).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
    }
  });
});

describe('admin authentication', () => {
  it('hides the admin API (404) when no ADMIN_TOKEN is configured', async () => {
    const { app } = opsApp({ store });
    const res = await app.request('/api/admin/escalations', { headers: auth });
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('rejects a missing, wrong or non-bearer token with 401', async () => {
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN } });
    const cases: Record<string, string>[] = [
      {},
      { authorization: 'Bearer wrong' },
      { authorization: `Bearer ${TOKEN}x` },
      { authorization: `Bearer ${TOKEN.slice(0, -1)}` },
      { authorization: `Basic ${TOKEN}` },
      { authorization: TOKEN },
      { authorization: 'Bearer ' },
    ];
    for (const headers of cases) {
      for (const [method, path] of [
        ['GET', '/api/admin/escalations'],
        ['GET', '/api/admin/report'],
        ['POST', '/api/admin/purge'],
        ['POST', '/api/admin/reindex'],
      ]) {
        const res = await app.request(path!, { method, headers });
        expect(res.status, `${method} ${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(res.headers.get('WWW-Authenticate')).toMatch(/^Bearer/);
      }
    }
    expect((await app.request('/api/admin/escalations', { headers: auth })).status).toBe(200);
    expect(
      (await app.request('/api/admin/escalations', { headers: { authorization: `bearer  ${TOKEN}` } })).status,
    ).toBe(200);
  });
});

describe('admin escalations', () => {
  it('lists, reads, assigns, answers and resolves a case', async () => {
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN } });
    const created = await store.createEscalation(
      EscalationInput.parse({ question: 'Hjælp med udbud', email: 'a@b.dk' }),
    );
    await store.createEscalation(EscalationInput.parse({ question: 'Anden sag' }));

    const list = await app.request('/api/admin/escalations?status=open', { headers: auth });
    expect(((await list.json()) as { escalations: unknown[] }).escalations).toHaveLength(2);
    const one = await app.request(`/api/admin/escalations/${created.id}`, { headers: auth });
    expect(await one.json()).toEqual({ escalation: created, passages: [], missing: [] });

    const patch = (body: unknown) => app.request(`/api/admin/escalations/${created.id}`, json('PATCH', body, auth));
    let res = await patch({ assignee: 'Søren' });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { escalation: { status: string } }).escalation.status).toBe('assigned');
    res = await patch({ answer: 'Brug et innovationspartnerskab.', notes: 'svaret pr. mail' });
    expect(((await res.json()) as { escalation: { status: string } }).escalation.status).toBe('answered');

    res = await patch({ status: 'open' });
    expect(res.status).toBe(400);
    const err = (await res.json()) as { error: { code: string; details: unknown; message: string } };
    // the store's other details (from, to, allowed) stay in the log
    expect(err.error).toMatchObject({ code: 'bad_request', details: { fields: ['status'] } });
    expect(err.error.details).toEqual({ fields: ['status'] });
    expect(err.error.message).toMatch(/answered.*open/);

    res = await patch({ status: 'resolved' });
    expect(((await res.json()) as { escalation: { status: string } }).escalation.status).toBe('resolved');
    expect((await patch({ status: 'assigned' })).status).toBe(400);

    const assigned = await app.request('/api/admin/escalations?status=resolved', { headers: auth });
    expect(((await assigned.json()) as { escalations: { id: string }[] }).escalations.map((e) => e.id)).toEqual([
      created.id,
    ]);
  });

  it('validates patches and queries', async () => {
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN } });
    const created = await store.createEscalation(EscalationInput.parse({ question: 'Hjælp' }));
    const patch = (body: unknown) => app.request(`/api/admin/escalations/${created.id}`, json('PATCH', body, auth));
    const fieldOf = async (res: Response) => {
      expect(res.status).toBe(400);
      return ((await res.json()) as { error: { details: { fields: string[] } } }).error.details.fields.join(', ');
    };
    expect(await fieldOf(await patch({ owner: 'x' }))).toBe('owner, body');
    expect(await fieldOf(await patch({ status: 'closed' }))).toBe('status');
    expect(await fieldOf(await patch({}))).toBe('body');
    expect(await fieldOf(await patch({ status: 'answered' }))).toBe('answer');
    expect(await fieldOf(await app.request('/api/admin/escalations?status=nope', { headers: auth }))).toBe('status');
    expect((await app.request('/api/admin/escalations/unknown', { headers: auth })).status).toBe(404);
    expect((await app.request('/api/admin/escalations/unknown', json('PATCH', { notes: 'x' }, auth))).status).toBe(404);
  });
});

describe('admin feedback, report, purge, reindex', () => {
  it('lists feedback filtered by rating', async () => {
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN } });
    await store.addFeedback(FeedbackInput.parse({ question: 'a', answer: 'x', rating: 'up' }));
    await store.addFeedback(FeedbackInput.parse({ question: 'b', answer: 'y', rating: 'down', comment: 'dårligt' }));
    const res = await app.request('/api/admin/feedback?rating=down', { headers: auth });
    const body = (await res.json()) as { feedback: { question: string; comment: string }[] };
    expect(body.feedback).toEqual([expect.objectContaining({ question: 'b', comment: 'dårligt' })]);
  });

  it('serves the coverage report as JSON, Markdown and CSV', async () => {
    const now = new Date('2025-03-10T12:00:00Z');
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN }, now: () => now });
    const log = (question: string, at: string) =>
      store.logQuestion({
        question,
        channel: 'web',
        answered: false,
        topScore: 0,
        citedChunkIds: [],
        latencyMs: 1,
        at,
      });
    await log('Hvem ejer IP-rettighederne?', '2025-03-09T10:00:00.000Z');
    await log('Hvem ejer IP-rettighederne i projektet?', '2025-03-09T11:00:00.000Z');
    await log('Gammelt spørgsmål om parkering', '2025-01-01T10:00:00.000Z');

    const jsonRes = await app.request('/api/admin/report?since=7d', { headers: auth });
    const report = (await jsonRes.json()) as {
      totals: { questions: number };
      gaps: { count: number }[];
      since: string;
    };
    expect(report.totals.questions).toBe(2);
    expect(report.gaps.map((g) => g.count)).toEqual([2]);
    expect(report.since).toBe('2025-03-03T12:00:00.000Z');

    const md = await app.request('/api/admin/report?format=md&since=365d', { headers: auth });
    expect(md.headers.get('content-type')).toMatch(/^text\/markdown/);
    expect(await md.text()).toContain('Gammelt spørgsmål om parkering');

    const csv = await app.request('/api/admin/report?format=csv', { headers: auth });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toContain('daekningsrapport-2025-03-10.csv');
    expect(await csv.text()).toContain('ubesvaret,1,');

    const bad = await app.request('/api/admin/report?since=forever', { headers: auth });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: { fields: string[] } } }).error.details.fields).toEqual([
      'since',
    ]);
  });

  it('purges by retention and deletes by e-mail', async () => {
    const clock = { t: new Date('2025-01-01T00:00:00Z') };
    await ctx.cleanup();
    ctx = await tempStore({ now: () => clock.t });
    store = ctx.store;
    const { app } = opsApp({ store, env: { ADMIN_TOKEN: TOKEN, RETENTION_DAYS: '30' }, now: () => clock.t });
    await store.logQuestion({
      question: 'gammel',
      channel: 'web',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 1,
    });
    await store.createEscalation(EscalationInput.parse({ question: 'Hjælp', email: 'Per@Firma.dk' }));
    clock.t = new Date('2025-02-15T00:00:00Z');
    await store.logQuestion({
      question: 'ny',
      channel: 'web',
      answered: true,
      topScore: 1,
      citedChunkIds: [],
      latencyMs: 1,
    });

    const purged = await app.request('/api/admin/purge', { method: 'POST', headers: auth });
    expect(await purged.json()).toEqual({ retentionDays: 30, questions: 1, feedback: 0, escalations: 0 });
    expect((await store.listQuestions()).map((q) => q.question)).toEqual(['ny']);

    const byEmail = await app.request('/api/admin/purge', json('POST', { email: 'per@firma.dk' }, auth));
    expect(await byEmail.json()).toEqual({ escalationsDeleted: 1, questionsDeleted: 0, feedbackDeleted: 0 });
    expect(await store.listEscalations()).toEqual([]);

    const bad = await app.request('/api/admin/purge', json('POST', { email: 'nope' }, auth));
    expect(bad.status).toBe(400);
  });

  it('re-indexes through deps.reindex, or answers 501 without it', async () => {
    const without = opsApp({ store, env: { ADMIN_TOKEN: TOKEN } });
    const res = await without.app.request('/api/admin/reindex', { method: 'POST', headers: auth });
    expect(res.status).toBe(501);
    const result = { added: 1, changed: 2, removed: 0, chunks: 40, ms: 12 };
    let calls = 0;
    const withIt = opsApp({
      env: { ADMIN_TOKEN: TOKEN },
      reindex: async () => {
        calls++;
        return result;
      },
    });
    const ok = await withIt.app.request('/api/admin/reindex', { method: 'POST', headers: auth });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual(result);
    expect(calls).toBe(1);
  });
});
