import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { composedApp, testDeps } from '../support/http.js';

const SLACK_SECRET = 'forged-test-slack-secret';
const TEAMS_KEY = Buffer.alloc(32, 7);
const NOW = new Date('2026-03-01T12:00:00Z');
const nowSec = Math.floor(NOW.getTime() / 1000);

let store: SqlStore;
let outgoing: string[];
let deps: ReturnType<typeof testDeps>;
let app: ReturnType<typeof composedApp>;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
  outgoing = [];
  deps = testDeps({
    store,
    now: () => NOW,
    env: {
      SLACK_SIGNING_SECRET: SLACK_SECRET,
      SLACK_BOT_TOKEN: 'xoxb-forged-test',
      TEAMS_WEBHOOK_SECRET: TEAMS_KEY.toString('base64'),
      TEAMS_APP_ID: '11111111-2222-3333-4444-555555555555',
      TEAMS_APP_PASSWORD: 'forged-test-password',
    },
    fetch: (async (input: RequestInfo | URL) => {
      outgoing.push(String(input));
      return new Response('{}', { status: 404 });
    }) as typeof fetch,
    waitUntil: () => {},
  });
  app = composedApp(deps);
});
afterEach(async () => {
  await store.close();
});

function slackSign(body: string, ts: number, secret = SLACK_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

function slack(path: string, body: string, headers: Record<string, string>, type = 'application/json') {
  return app.request(
    new Request(`http://localhost${path}`, { method: 'POST', headers: { 'content-type': type, ...headers }, body }),
  );
}

/** Nothing reached the help desk, the store or the outside world. */
async function expectNoEffect(): Promise<void> {
  await new Promise((r) => setTimeout(r, 20));
  expect(deps.helpdesk.calls).toEqual([]);
  const stats = await store.stats();
  expect(stats.questions.total + stats.feedback.up + stats.feedback.down).toBe(0);
  expect(Object.values(stats.escalations).reduce((a, b) => a + b, 0)).toBe(0);
  expect(outgoing).toEqual([]);
}

const mention = JSON.stringify({
  type: 'event_callback',
  event_id: 'Ev1',
  event: { type: 'app_mention', text: 'Hvad er OPI?', user: 'U1', channel: 'C1', ts: '1.1' },
});
const escalateAction = `payload=${encodeURIComponent(
  JSON.stringify({
    type: 'block_actions',
    user: { id: 'U1' },
    channel: { id: 'C1' },
    actions: [{ action_id: 'escalate', value: JSON.stringify({ q: 'Hjælp' }) }],
    response_url: 'https://hooks.slack.com/actions/x',
  }),
)}`;

describe('forged Slack requests', () => {
  it('are refused with 401 and have no effect: wrong secret, tampered body, missing or stale signature', async () => {
    const cases: [string, string, Record<string, string>][] = [
      [
        'another secret',
        mention,
        { 'x-slack-request-timestamp': String(nowSec), 'x-slack-signature': slackSign(mention, nowSec, 'guess') },
      ],
      [
        'tampered body',
        mention.replace('OPI', 'XYZ'),
        { 'x-slack-request-timestamp': String(nowSec), 'x-slack-signature': slackSign(mention, nowSec) },
      ],
      ['no signature', mention, { 'x-slack-request-timestamp': String(nowSec) }],
      [
        'replayed after 6 minutes',
        mention,
        { 'x-slack-request-timestamp': String(nowSec - 360), 'x-slack-signature': slackSign(mention, nowSec - 360) },
      ],
      [
        'timestamp from the future',
        mention,
        { 'x-slack-request-timestamp': String(nowSec + 3600), 'x-slack-signature': slackSign(mention, nowSec + 3600) },
      ],
    ];
    for (const [name, body, headers] of cases) {
      const res = await slack('/slack/events', body, headers);
      expect(res.status, name).toBe(401);
      expect((await res.json()).error.code, name).toBe('unauthorized');
    }
    const command = 'command=%2Fopi&text=Hvad+er+OPI&user_id=U1&response_url=https%3A%2F%2Fhooks.slack.com%2Fx';
    expect(
      (
        await slack(
          '/slack/commands',
          command,
          { 'x-slack-request-timestamp': String(nowSec), 'x-slack-signature': 'v0=00' },
          'application/x-www-form-urlencoded',
        )
      ).status,
    ).toBe(401);
    expect(
      (
        await slack(
          '/slack/interactions',
          escalateAction,
          {
            'x-slack-request-timestamp': String(nowSec),
            'x-slack-signature': slackSign(escalateAction, nowSec, 'guess'),
          },
          'application/x-www-form-urlencoded',
        )
      ).status,
    ).toBe(401);
    await expectNoEffect();
  });

  it('cannot send answers to a response_url outside Slack, even when correctly signed (no SSRF)', async () => {
    const body =
      'command=%2Fopi&text=Hvad+er+OPI&user_id=U1&channel_id=C1&response_url=http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data';
    const res = await slack(
      '/slack/commands',
      body,
      { 'x-slack-request-timestamp': String(nowSec), 'x-slack-signature': slackSign(body, nowSec) },
      'application/x-www-form-urlencoded',
    );
    expect(res.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 50));
    expect(outgoing.filter((u) => u.includes('169.254.169.254'))).toEqual([]);
    // the same command with Slack's own response_url is answered there: the check above is not vacuous
    const good = body.replace(
      'http%3A%2F%2F169.254.169.254%2Flatest%2Fmeta-data',
      'https%3A%2F%2Fhooks.slack.com%2Fcommands%2Fx',
    );
    await slack(
      '/slack/commands',
      good,
      { 'x-slack-request-timestamp': String(nowSec), 'x-slack-signature': slackSign(good, nowSec) },
      'application/x-www-form-urlencoded',
    );
    await new Promise((r) => setTimeout(r, 50));
    expect(outgoing.some((u) => u.startsWith('https://hooks.slack.com/'))).toBe(true);
  });
});

describe('replayed Slack requests', () => {
  const signed = (body: string, ts = nowSec) => ({
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': slackSign(body, ts),
  });
  const FORM = 'application/x-www-form-urlencoded';
  const escalate = (trigger: string) =>
    `payload=${encodeURIComponent(
      JSON.stringify({
        type: 'block_actions',
        trigger_id: trigger,
        user: { id: 'U1' },
        channel: { id: 'C1' },
        actions: [
          { action_id: 'opi_escalate', value: JSON.stringify({ q: 'Hvordan deler vi rettighederne?', c: [] }) },
        ],
      }),
    )}`;

  it('processes a signed button press re-sent within the five-minute window once: one escalation, not two', async () => {
    const body = escalate('1.1.a');
    for (let i = 0; i < 3; i++) {
      const res = await slack('/slack/interactions', body, signed(body), FORM);
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.listEscalations()).toHaveLength(1);
    // a second press is a new request (new timestamp and trigger): it counts
    const again = escalate('1.1.b');
    await slack('/slack/interactions', again, signed(again, nowSec + 1), FORM);
    await new Promise((r) => setTimeout(r, 20));
    expect(await store.listEscalations()).toHaveLength(2);
  });

  it('processes a signed slash command re-sent within the five-minute window once', async () => {
    const body =
      'command=%2Fopi&text=Hvad+er+OPI&user_id=U1&trigger_id=2.2.a&response_url=https%3A%2F%2Fhooks.slack.com%2Fx';
    const first = await slack('/slack/commands', body, signed(body), FORM);
    expect((await first.json()).text).toMatch(/Et øjeblik/);
    const replay = await slack('/slack/commands', body, signed(body), FORM);
    expect(replay.status).toBe(200);
    expect(await replay.text()).toBe('');
    await new Promise((r) => setTimeout(r, 20));
    expect(deps.helpdesk.calls.filter((c) => c.method === 'ask')).toHaveLength(1);
  });
});

describe('forged Teams requests', () => {
  const activity = JSON.stringify({
    type: 'message',
    id: '1714557000123',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/emea/',
    text: 'Hvad er OPI?',
    from: { id: '29:user-1', name: 'Mette' },
    recipient: { id: '28:11111111-2222-3333-4444-555555555555', name: 'OPI-hjælp' },
    conversation: { id: 'a:1conversation-id', conversationType: 'personal' },
  });

  it('outgoing webhook: refuses a wrong HMAC, one keyed with the base64 text, and none, with no effect', async () => {
    const wrongKey = createHmac('sha256', Buffer.alloc(32, 8)).update(activity).digest('base64');
    const textKey = createHmac('sha256', TEAMS_KEY.toString('base64')).update(activity).digest('base64');
    for (const authorization of [`HMAC ${wrongKey}`, `HMAC ${textKey}`, 'HMAC ', undefined]) {
      const res = await app.request(
        new Request('http://localhost/teams/webhook', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: activity,
        }),
      );
      expect(res.status, String(authorization)).toBe(401);
    }
    await expectNoEffect();
  });

  it('bot endpoint: refuses an unsigned (alg "none") token, garbage and no token with 401', async () => {
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const unsigned = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud: '11111111-2222-3333-4444-555555555555', exp: nowSec + 600 })}.`;
    for (const authorization of [`Bearer ${unsigned}`, 'Bearer x.y.z', undefined]) {
      const res = await app.request(
        new Request('http://localhost/teams/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) },
          body: activity,
        }),
      );
      expect(res.status, String(authorization)).toBe(401);
    }
    expect(deps.helpdesk.calls).toEqual([]);
    expect((await store.stats()).questions.total).toBe(0);
  });

  it('bot endpoint: checks the token before it parses the body, so a forged request is 401 whatever it sends', async () => {
    for (const body of ['not json', '{"type":"message"}', '[]', activity]) {
      const res = await app.request(
        new Request('http://localhost/teams/messages', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: 'Bearer x.y.z' },
          body,
        }),
      );
      expect(res.status, body).toBe(401);
      expect((await res.json()).error.code).toBe('unauthorized');
    }
    await expectNoEffect();
  });
});
