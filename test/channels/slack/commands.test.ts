import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildTestApp, ChannelHelpdesk, type StandIn, startStandIn, type TestApp } from '../helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, SLACK_VECTOR, slackHeaders } from './sign.js';

const NOW = new Date('2024-05-01T10:00:00Z');
const TS = Math.floor(NOW.getTime() / 1000);
const FORM = 'application/x-www-form-urlencoded';

let hooks: StandIn;
let t: TestApp;

beforeEach(async () => {
  hooks = await startStandIn();
  t = build();
});
afterEach(async () => {
  await hooks.close();
});

function build(helpdesk?: ChannelHelpdesk, now = NOW): TestApp {
  return buildTestApp(
    { SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_BOT_TOKEN: BOT_TOKEN },
    {
      now: () => now,
      options: { slackResponseUrlOrigins: ['https://hooks.slack.com', hooks.url] },
      ...(helpdesk ? { helpdesk } : {}),
    },
  );
}

function command(text: string, responseUrl = `${hooks.url}/commands/T1/1/abc`) {
  const body = new URLSearchParams({
    command: '/opi',
    text,
    response_url: responseUrl,
    user_id: 'U1',
    channel_id: 'C1',
  }).toString();
  return t.app.request('/slack/commands', { method: 'POST', body, headers: slackHeaders(body, TS, FORM) });
}

describe('POST /slack/commands', () => {
  it("accepts Slack's documented example request", async () => {
    t = build(undefined, new Date(Number(SLACK_VECTOR.timestamp) * 1000));
    const res = await t.app.request('/slack/commands', {
      method: 'POST',
      body: SLACK_VECTOR.body,
      headers: {
        'content-type': FORM,
        'x-slack-request-timestamp': SLACK_VECTOR.timestamp,
        'x-slack-signature': SLACK_VECTOR.signature,
      },
    });
    expect(res.status).toBe(200);
    const json = (await res.json()) as { response_type: string; text: string };
    expect(json.response_type).toBe('ephemeral'); // empty text: a hint, not a question
  });

  it('acknowledges with an ephemeral "Et øjeblik…" and posts the answer to response_url', async () => {
    const helpdesk = new ChannelHelpdesk();
    helpdesk.hold();
    t = build(helpdesk);
    const res = await command('Hvordan kommer vi i gang med et OPI-projekt?');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ response_type: 'ephemeral', text: expect.stringMatching(/^Et øjeblik…/) });
    expect(hooks.requests).toHaveLength(0);

    helpdesk.release();
    await t.background.settle();
    const calls = hooks.to('/commands/T1/1/abc');
    expect(calls).toHaveLength(1);
    const sent = JSON.parse(calls[0]?.body ?? '{}');
    expect(sent.response_type).toBe('ephemeral');
    expect(sent.replace_original).toBe(true);
    expect(JSON.stringify(sent.blocks)).toContain('|[1] Sådan kommer I i gang med OPI — Forberedelse>');
    expect(calls[0]?.headers.authorization).toBeUndefined();
  });

  it('refuses a response_url outside the allowed origins (no SSRF)', async () => {
    const res = await command('Hvad er OPI?', 'https://evil.example.com/steal');
    expect(res.status).toBe(400);
    await t.background.settle();
    expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
    expect(hooks.requests).toHaveLength(0);
  });

  it('rejects an unsigned command with 401', async () => {
    const body = new URLSearchParams({ command: '/opi', text: 'x', response_url: `${hooks.url}/c` }).toString();
    const res = await t.app.request('/slack/commands', {
      method: 'POST',
      body,
      headers: { ...slackHeaders(body, TS, FORM), 'x-slack-signature': 'v0=00' },
    });
    expect(res.status).toBe(401);
  });
});
