import { describe, expect, it } from 'vitest';
import { AnswerResponse } from '../../src/answer/types.js';
import { HelpdeskError } from '../../src/errors.js';
import { createApp } from '../../src/http/app.js';
import { ANSWERED_QUESTION, FAKE_ANSWER, FAKE_UNANSWERED, UNANSWERED_QUESTION } from '../support/fake-helpdesk.js';
import { postJson, recordingStore, settle, testDeps } from '../support/http.js';

describe('POST /api/ask', () => {
  it('answers 200 with the AnswerResponse and passes channel and signal to the helpdesk', async () => {
    const deps = testDeps();
    const res = await createApp(deps).request(postJson('/api/ask', { question: ANSWERED_QUESTION }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(AnswerResponse.parse(body)).toEqual(FAKE_ANSWER);
    const [call] = deps.helpdesk.callsOf('ask');
    expect(call?.args[0]).toEqual({ question: ANSWERED_QUESTION });
    const options = call?.args[1] as { channel: string; signal: AbortSignal };
    expect(options.channel).toBe('api');
    expect(options.signal).toBeInstanceOf(AbortSignal);
  });

  it('answers 200 with answered:false and an escalation offer when the knowledge base has nothing', async () => {
    const res = await createApp(testDeps()).request(postJson('/api/ask', { question: UNANSWERED_QUESTION }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual(FAKE_UNANSWERED);
  });

  it('passes history through and trims the question', async () => {
    const deps = testDeps();
    const history = [
      { role: 'user', content: 'Hvad er OPI?' },
      { role: 'assistant', content: 'Offentlig-privat innovation [1].' },
    ];
    await createApp(deps).request(postJson('/api/ask', { question: `  ${ANSWERED_QUESTION}  `, history }));
    expect(deps.helpdesk.callsOf('ask')[0]?.args[0]).toEqual({ question: ANSWERED_QUESTION, history });
  });

  it.each([
    [{}, 'question'],
    [{ question: '' }, 'question'],
    [{ question: '   ' }, 'question'],
    [{ question: 'x'.repeat(2001) }, 'question'],
    [{ question: 42 }, 'question'],
    [{ question: 'Hej', history: [{ role: 'system', content: 'x' }] }, 'history.0.role'],
    [{ question: 'Hej', history: 'nej' }, 'history'],
  ])('answers 400 validation_failed naming the field for %j', async (body, field) => {
    const deps = testDeps();
    const res = await createApp(deps).request(postJson('/api/ask', body));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe('validation_failed');
    expect(json.error.message).toContain(`\`${field}\``);
    expect(deps.helpdesk.callsOf('ask')).toHaveLength(0);
  });

  it('accepts a question of exactly 2000 characters', async () => {
    const res = await createApp(testDeps()).request(postJson('/api/ask', { question: 'x'.repeat(2000) }));
    expect(res.status).toBe(200);
  });

  it('answers 400 validation_failed for a body that is not an object', async () => {
    const res = await createApp(testDeps()).request(postJson('/api/ask', '"bare en streng"'));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('validation_failed');
  });

  it('answers 400 bad_request for malformed JSON', async () => {
    const res = await createApp(testDeps()).request(postJson('/api/ask', '{"question": "Hej"'));
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe('bad_request');
    expect(json.error.message).toMatch(/gyldig JSON/);
  });

  it('answers 400 bad_request for an empty body', async () => {
    const res = await createApp(testDeps()).request(postJson('/api/ask', ''));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('bad_request');
  });

  it.each(['text/plain', 'application/x-www-form-urlencoded', ''])('answers 415 for content type %j', async (type) => {
    const req = new Request('http://localhost/api/ask', {
      method: 'POST',
      headers: type ? { 'Content-Type': type } : {},
      body: JSON.stringify({ question: 'Hej' }),
    });
    if (!type) req.headers.delete('content-type');
    const res = await createApp(testDeps()).request(req);
    expect(res.status).toBe(415);
    const json = await res.json();
    expect(json.error.code).toBe('unsupported_media_type');
    expect(json.error.message).toMatch(/application\/json/);
  });

  it('accepts application/json with a charset', async () => {
    const req = postJson('/api/ask', { question: 'Hej' }, { 'Content-Type': 'application/json; charset=utf-8' });
    expect((await createApp(testDeps()).request(req)).status).toBe(200);
  });

  it('answers 413 JSON for a body larger than MAX_BODY_BYTES (with Content-Length)', async () => {
    const deps = testDeps({ env: { MAX_BODY_BYTES: '100' } });
    const req = postJson('/api/ask', { question: 'x'.repeat(200) });
    req.headers.set('content-length', String(JSON.stringify({ question: 'x'.repeat(200) }).length));
    const res = await createApp(deps).request(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
    expect(deps.helpdesk.callsOf('ask')).toHaveLength(0);
  });

  it('answers 413 JSON for a streamed body larger than MAX_BODY_BYTES (no Content-Length)', async () => {
    const deps = testDeps({ env: { MAX_BODY_BYTES: '100' } });
    const bytes = new TextEncoder().encode(JSON.stringify({ question: 'x'.repeat(200) }));
    const body = new ReadableStream({
      start(controller) {
        controller.enqueue(bytes);
        controller.close();
      },
    });
    const req = new Request('http://localhost/api/ask', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit);
    const res = await createApp(deps).request(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe('payload_too_large');
  });

  it.each([
    ['index_not_ready', 503],
    ['upstream_failed', 502],
    ['timeout', 504],
    ['rate_limited', 429],
  ] as const)('maps a helpdesk %s error to %i with its message', async (code, status) => {
    const deps = testDeps({ helpdesk: { error: new HelpdeskError(code, 'Beskrivende fejl.') } });
    const res = await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }));
    expect(res.status).toBe(status);
    expect(await res.json()).toEqual({ error: { code, message: 'Beskrivende fejl.' } });
  });

  it('answers 500 with a generic Danish message for an unexpected error and logs the detail', async () => {
    const deps = testDeps({ helpdesk: { error: new TypeError('cannot read x of undefined') } });
    const res = await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(body.error.code).toBe('internal');
    expect(body.error.message).toMatch(/uventet fejl/);
    expect(JSON.stringify(body)).not.toMatch(/undefined|TypeError|at /);
    const logged = deps.logger.at('error')[0];
    expect(logged?.data?.error).toBe('cannot read x of undefined');
    expect(logged?.data?.path).toBe('/api/ask');
  });

  it('fails with 504 JSON when the answer takes longer than REQUEST_TIMEOUT_MS and aborts the helpdesk call', async () => {
    const deps = testDeps({ env: { REQUEST_TIMEOUT_MS: '30' }, helpdesk: { delayMs: 5_000 } });
    const res = await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }));
    expect(res.status).toBe(504);
    expect((await res.json()).error.code).toBe('timeout');
    const options = deps.helpdesk.callsOf('ask')[0]?.args[1] as { signal: AbortSignal } | undefined;
    expect(options?.signal.aborted).toBe(true);
  });
});

describe('POST /api/ask question log', () => {
  it('logs the answered question with channel api, top score, cited chunks and latency', async () => {
    const store = recordingStore();
    let t = 1_000;
    const deps = testDeps({
      store,
      now: () => {
        t += 25;
        return new Date(t);
      },
    });
    await createApp(deps).request(postJson('/api/ask', { question: ANSWERED_QUESTION }));
    await settle();
    expect(store.logged).toEqual([
      {
        question: ANSWERED_QUESTION,
        channel: 'api',
        answered: true,
        topScore: 0.82,
        citedChunkIds: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
        latencyMs: 25,
      },
    ]);
  });

  it('logs channel web for X-Helpdesk-Channel: web and tells the helpdesk', async () => {
    const store = recordingStore();
    const deps = testDeps({ store });
    await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }, { 'X-Helpdesk-Channel': 'web' }));
    await settle();
    expect(store.logged[0]?.channel).toBe('web');
    const options = deps.helpdesk.callsOf('ask')[0]?.args[1] as { channel: string } | undefined;
    expect(options?.channel).toBe('web');
  });

  it('logs an unanswered question with topScore 0 and no cited chunks', async () => {
    const store = recordingStore();
    await createApp(testDeps({ store })).request(postJson('/api/ask', { question: UNANSWERED_QUESTION }));
    await settle();
    expect(store.logged[0]).toMatchObject({ answered: false, topScore: 0, citedChunkIds: [] });
  });

  it('schedules the log with waitUntil when given', async () => {
    const store = recordingStore();
    const scheduled: Promise<unknown>[] = [];
    const deps = testDeps({ store, waitUntil: (p) => scheduled.push(p) });
    await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }));
    expect(scheduled).toHaveLength(1);
    await Promise.all(scheduled);
    expect(store.logged).toHaveLength(1);
  });

  it("prefers the request's execution context (Workers) over deps.waitUntil", async () => {
    const store = recordingStore();
    const fromDeps: Promise<unknown>[] = [];
    const fromCtx: Promise<unknown>[] = [];
    const deps = testDeps({ store, waitUntil: (p) => fromDeps.push(p) });
    const ctx = { waitUntil: (p: Promise<unknown>) => fromCtx.push(p), passThroughOnException() {}, props: {} };
    await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }), undefined, undefined, ctx);
    expect(fromDeps).toHaveLength(0);
    expect(fromCtx).toHaveLength(1);
    await Promise.all(fromCtx);
    expect(store.logged).toHaveLength(1);
  });

  it('still answers 200 when logging fails, and logs a warning', async () => {
    const store = recordingStore({ failLog: true });
    const scheduled: Promise<unknown>[] = [];
    const deps = testDeps({ store, waitUntil: (p) => scheduled.push(p) });
    const res = await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }));
    expect(res.status).toBe(200);
    await Promise.all(scheduled);
    expect(deps.logger.at('warn')[0]?.data?.error).toBe('database is locked');
  });

  it('does not log rejected requests', async () => {
    const store = recordingStore();
    await createApp(testDeps({ store })).request(postJson('/api/ask', { question: '' }));
    await settle();
    expect(store.logged).toHaveLength(0);
  });
});
