import { describe, expect, it } from 'vitest';
import type { AnswerEvent } from '../../src/answer/types.js';
import { AnswerResponse } from '../../src/answer/types.js';
import { HelpdeskError } from '../../src/errors.js';
import { createApp } from '../../src/http/app.js';
import { ANSWERED_QUESTION, FAKE_ANSWER, FAKE_CITATIONS, UNANSWERED_QUESTION } from '../support/fake-helpdesk.js';
import { postJson, readEvents, recordingStore, settle, testDeps } from '../support/http.js';

const SSE = { Accept: 'text/event-stream' };

describe('POST /api/ask with Accept: text/event-stream', () => {
  it('streams citations, then deltas, then done', async () => {
    const deps = testDeps();
    const res = await createApp(deps).request(postJson('/api/ask', { question: ANSWERED_QUESTION }, SSE));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const events = await readEvents(res);
    const names = events.map((e) => e.event);
    expect(names[0]).toBe('citations');
    expect(names.at(-1)).toBe('done');
    expect(names.slice(1, -1).length).toBeGreaterThan(1);
    expect(new Set(names.slice(1, -1))).toEqual(new Set(['delta']));

    expect(JSON.parse(events[0]!.data)).toEqual(FAKE_CITATIONS);
    const text = events
      .filter((e) => e.event === 'delta')
      .map((e) => (JSON.parse(e.data) as { text: string }).text)
      .join('');
    expect(text).toBe(FAKE_ANSWER.answer);
    expect(deps.helpdesk.callsOf('askStream')).toHaveLength(1);
    expect(deps.helpdesk.callsOf('ask')).toHaveLength(0);
  });

  it('sends in done the same JSON the non-streaming request answers', async () => {
    const app = createApp(testDeps());
    const plain = await (await app.request(postJson('/api/ask', { question: ANSWERED_QUESTION }))).json();
    const events = await readEvents(await app.request(postJson('/api/ask', { question: ANSWERED_QUESTION }, SSE)));
    const done = JSON.parse(events.at(-1)!.data);
    expect(AnswerResponse.parse(done)).toEqual(done);
    expect(done).toEqual(plain);
  });

  it('streams an unanswered response with its escalation offer in done', async () => {
    const events = await readEvents(
      await createApp(testDeps()).request(postJson('/api/ask', { question: UNANSWERED_QUESTION }, SSE)),
    );
    expect(JSON.parse(events[0]!.data)).toEqual([]);
    const done = JSON.parse(events.at(-1)!.data);
    expect(done.answered).toBe(false);
    expect(done.escalation.offered).toBe(true);
  });

  it('sends an error event with the JSON error body when the stream fails midway, then closes', async () => {
    const deps = testDeps({
      helpdesk: {
        failStreamAfter: 2,
        streamError: new HelpdeskError('upstream_failed', 'Sprogmodellen svarede ikke.'),
      },
    });
    const res = await createApp(deps).request(postJson('/api/ask', { question: ANSWERED_QUESTION }, SSE));
    expect(res.status).toBe(200);
    const events = await readEvents(res);
    expect(events.map((e) => e.event)).toEqual(['citations', 'delta', 'error']);
    expect(JSON.parse(events[2]!.data)).toEqual({
      error: { code: 'upstream_failed', message: 'Sprogmodellen svarede ikke.' },
    });
  });

  it('hides the detail of an unexpected mid-stream error and logs it', async () => {
    const deps = testDeps({ helpdesk: { failStreamAfter: 1, streamError: new RangeError('offset out of range') } });
    const events = await readEvents(
      await createApp(deps).request(postJson('/api/ask', { question: ANSWERED_QUESTION }, SSE)),
    );
    const error = JSON.parse(events.at(-1)!.data);
    expect(events.at(-1)!.event).toBe('error');
    expect(error.error.code).toBe('internal');
    expect(JSON.stringify(error)).not.toMatch(/offset out of range/);
    expect(deps.logger.at('error')[0]?.data?.error).toBe('offset out of range');
  });

  it('answers a JSON error with its status when the stream fails before the first event', async () => {
    const deps = testDeps({ helpdesk: { ready: false } });
    const res = await createApp(deps).request(postJson('/api/ask', { question: ANSWERED_QUESTION }, SSE));
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect((await res.json()).error.code).toBe('index_not_ready');
  });

  it('validates the body before streaming', async () => {
    const res = await createApp(testDeps()).request(postJson('/api/ask', { question: '' }, SSE));
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe('validation_failed');
  });

  it('sends an error event when the stream ends without done', async () => {
    const deps = testDeps();
    deps.helpdesk.askStream = async function* (): AsyncIterable<AnswerEvent> {
      yield { type: 'citations', citations: [] };
    };
    const events = await readEvents(await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }, SSE)));
    expect(events.map((e) => e.event)).toEqual(['citations', 'error']);
  });

  it('sends a timeout error event when the stream stalls past REQUEST_TIMEOUT_MS', async () => {
    const deps = testDeps({ env: { REQUEST_TIMEOUT_MS: '40' } });
    deps.helpdesk.askStream = async function* (): AsyncIterable<AnswerEvent> {
      yield { type: 'citations', citations: [] };
      await new Promise(() => {});
    };
    const events = await readEvents(await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }, SSE)));
    expect(events.map((e) => e.event)).toEqual(['citations', 'error']);
    expect(JSON.parse(events[1]!.data).error.code).toBe('timeout');
  });

  it('aborts the helpdesk stream when the client goes away', async () => {
    const deps = testDeps();
    let seen: AbortSignal | undefined;
    deps.helpdesk.askStream = async function* (_request, options): AsyncIterable<AnswerEvent> {
      seen = options?.signal;
      yield { type: 'citations', citations: [] };
      await new Promise((resolve) => options?.signal?.addEventListener('abort', resolve));
    };
    const res = await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }, SSE));
    const reader = res.body!.getReader();
    const first = await reader.read();
    expect(new TextDecoder().decode(first.value)).toContain('event: citations');
    await reader.cancel();
    await settle();
    expect(seen?.aborted).toBe(true);
  });

  it('logs the streamed question after done', async () => {
    const store = recordingStore();
    const deps = testDeps({ store });
    const res = await createApp(deps).request(
      postJson('/api/ask', { question: ANSWERED_QUESTION }, { ...SSE, 'X-Helpdesk-Channel': 'web' }),
    );
    await res.text();
    await settle();
    expect(store.logged).toHaveLength(1);
    expect(store.logged[0]).toMatchObject({
      question: ANSWERED_QUESTION,
      channel: 'web',
      answered: true,
      topScore: 0.82,
      citedChunkIds: ['opi-guide#forberedelse', 'opi-guide#samarbejdsaftale'],
    });
  });

  it('does not log a stream that failed', async () => {
    const store = recordingStore();
    const deps = testDeps({ store, helpdesk: { failStreamAfter: 2 } });
    await (await createApp(deps).request(postJson('/api/ask', { question: 'Hej' }, SSE))).text();
    await settle();
    expect(store.logged).toHaveLength(0);
  });
});
