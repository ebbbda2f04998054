import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, ChannelHelpdesk, type StandIn, startStandIn, type TestApp } from '../helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, slackHeaders } from './sign.js';

const NOW = new Date('2024-05-01T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);
const JSON_TYPE = 'application/json';

let slackApi: StandIn;
let t: TestApp;

beforeEach(async () => {
  slackApi = await startStandIn(() => ({ json: { ok: true, ts: '1714557600.000200' } }));
  t = build();
});
afterEach(async () => {
  await slackApi.close();
});

function build(helpdesk?: ChannelHelpdesk): TestApp {
  return buildTestApp(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_API_BASE_URL: `${slackApi.url}/api` },
    { now: () => NOW, ...(helpdesk ? { helpdesk } : {}) },
  );
}

function mention(eventId: string, text = '<@U0BOT> Hvordan kommer vi i gang med et OPI-projekt?') {
  return JSON.stringify({
    type: 'event_callback',
    event_id: eventId,
    team_id: 'T1',
    event: { type: 'app_mention', text, user: 'U1', channel: 'C1', ts: '1714557000.000100' },
  });
}

function post(body: string, headers: Record<string, string> = slackHeaders(body, TS, JSON_TYPE)) {
  return t.app.request('/slack/events', { method: 'POST', body, headers });
}

describe('POST /slack/events: signature', () => {
  it('rejects a stale timestamp, a wrong signature and a tampered body with 401', async () => {
    const body = mention('Ev1');
    const stale = await post(body, slackHeaders(body, TS - 301, JSON_TYPE));
    const wrong = await post(body, slackHeaders(body, TS, JSON_TYPE, 'not-the-secret'));
    const tampered = await post(body.replace('gang', 'GANG'), slackHeaders(body, TS, JSON_TYPE));
    const missing = await post(body, { 'content-type': JSON_TYPE });
    for (const res of [stale, wrong, tampered, missing]) {
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    }
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
    expect(slackApi.requests).toHaveLength(0);
  });
});

describe('POST /slack/events', () => {
  it('echoes the url_verification challenge', async () => {
    const body = JSON.stringify({
      type: 'url_verification',
      token: 'x',
      challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P',
    });
    const res = await post(body);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ challenge: '3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P' });
  });

  it('acknowledges before the answer is computed, then replies in the thread with the sources', async () => {
    const helpdesk = new ChannelHelpdesk();
    helpdesk.hold();
    t = build(helpdesk);

    const res = await post(mention('Ev2'));
    expect(res.status).toBe(200);
    expect(helpdesk.callsOf('ask')).toHaveLength(0); // still waiting on the gate
    expect(slackApi.requests).toHaveLength(0);

    helpdesk.release();
    await t.background.settle();

    const asks = helpdesk.callsOf('ask');
    expect(asks).toHaveLength(1);
    expect(asks[0]?.args[0]).toEqual({ question: 'Hvordan kommer vi i gang med et OPI-projekt?' });
    expect(asks[0]?.args[1]).toEqual({ channel: 'slack' });
    expect(t.store.questions).toEqual([
      expect.objectContaining({
        question: 'Hvordan kommer vi i gang med et OPI-projekt?',
        channel: 'slack',
        answered: true,
      }),
    ]);

    const calls = slackApi.to('/api/chat.postMessage');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    const sent = JSON.parse(calls[0]?.body ?? '{}');
    expect(sent.channel).toBe('C1');
    expect(sent.thread_ts).toBe('1714557000.000100');
    expect(sent.text).toContain('[1]');
    const context = sent.blocks.find((b: { type: string }) => b.type === 'context');
    const sources = context.elements.map((e: { text: string }) => e.text).join('\n');
    expect(sources).toContain(
      '<https://opi.example.dk/docs/opi-guide#forberedelse|[1] Sådan kommer I i gang med OPI — Forberedelse>',
    );
    expect(sources).toContain('[2] Sådan kommer I i gang med OPI — Forberedelse › Samarbejdsaftale');
    const actions = sent.blocks.find((b: { type: string }) => b.type === 'actions');
    expect(actions.elements.map((e: { action_id: string }) => e.action_id)).toEqual([
      'opi_feedback_up',
      'opi_feedback_down',
      'opi_escalate',
    ]);
  });

  it('answers a retried event once', async () => {
    const body = mention('Ev3');
    expect((await post(body)).status).toBe(200);
    const retry = await post(body, {
      ...slackHeaders(body, TS, JSON_TYPE),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_error',
    });
    expect(retry.status).toBe(200);
    expect(retry.headers.get('x-slack-no-retry')).toBe('1');
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(1);
    expect(slackApi.to('/api/chat.postMessage')).toHaveLength(1);
  });

  it('drops a retry after a timeout even when this instance has not seen the event', async () => {
    const body = mention('Ev4');
    const res = await post(body, {
      ...slackHeaders(body, TS, JSON_TYPE),
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(res.status).toBe(200);
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
  });

  it('answers a direct message without starting a thread', async () => {
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev5',
      event: { type: 'message', channel_type: 'im', text: 'Hvad er OPI?', user: 'U1', channel: 'D1', ts: '1.2' },
    });
    expect((await post(body)).status).toBe(200);
    await t.background.settle();
    const sent = JSON.parse(slackApi.to('/api/chat.postMessage')[0]?.body ?? '{}');
    expect(sent.channel).toBe('D1');
    expect(sent.thread_ts).toBeUndefined();
  });

  it('ignores bot messages, edits and channel messages', async () => {
    const events = [
      { type: 'message', channel_type: 'im', text: 'hej', bot_id: 'B1', channel: 'D1', ts: '1.1' },
      { type: 'message', channel_type: 'im', subtype: 'message_changed', channel: 'D1', ts: '1.2' },
      { type: 'message', channel_type: 'channel', text: 'hej', user: 'U1', channel: 'C1', ts: '1.3' },
    ];
    for (const [i, event] of events.entries()) {
      const res = await post(JSON.stringify({ type: 'event_callback', event_id: `EvIgnore${i}`, event }));
      expect(res.status).toBe(200);
    }
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
    expect(slackApi.requests).toHaveLength(0);
  });

  it("keeps the reply alive with the request's executionCtx.waitUntil when the runtime has one (Workers)", async () => {
    const scheduled: Promise<unknown>[] = [];
    const executionCtx = {
      waitUntil: (p: Promise<unknown>) => scheduled.push(p),
      passThroughOnException() {},
      props: {},
    };
    const body = mention('Ev7');
    const res = await t.app.request(
      '/slack/events',
      { method: 'POST', body, headers: slackHeaders(body, TS, JSON_TYPE) },
      {},
      executionCtx,
    );
    expect(res.status).toBe(200);
    expect(scheduled).toHaveLength(1);
    expect(t.background.pending).toHaveLength(0);
    await Promise.all(scheduled);
    expect(slackApi.to('/api/chat.postMessage')).toHaveLength(1);
  });

  it('replies with a Danish apology when the help desk fails', async () => {
    t = build(new ChannelHelpdesk({ error: new Error('boom') }));
    await post(mention('Ev6'));
    await t.background.settle();
    const sent = JSON.parse(slackApi.to('/api/chat.postMessage')[0]?.body ?? '{}');
    expect(sent.text).toMatch(/Beklager/);
  });
});
