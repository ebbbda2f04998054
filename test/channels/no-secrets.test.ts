import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { buildTestApp, type StandIn, startStandIn } from './helpers.js';
import { BOT_TOKEN, SIGNING_SECRET, slackHeaders } from './slack/sign.js';
import { APP_PASSWORD, CONNECTOR_TOKEN, messageActivity, startBotFramework } from './teams/bot-framework.js';

const WEBHOOK_KEY = Buffer.alloc(32, 42);
const WEBHOOK_SECRET = WEBHOOK_KEY.toString('base64');
const servers: StandIn[] = [];

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
  vi.restoreAllMocks();
});

describe('channels never log secrets', () => {
  it('keeps signing secrets, tokens, passwords and signatures out of every log line', async () => {
    const consoleSpies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation(() => {}),
    );
    const secrets: string[] = [SIGNING_SECRET, BOT_TOKEN, APP_PASSWORD, CONNECTOR_TOKEN, WEBHOOK_SECRET];

    // Slack: a failing Web API call, a good request and a forged one.
    const slackApi = await startStandIn(() => ({ json: { ok: false, error: 'not_in_channel' } }));
    servers.push(slackApi);
    const slack = buildTestApp({
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_BASE_URL: slackApi.url,
    });
    const event = JSON.stringify({
      type: 'event_callback',
      event_id: 'E1',
      event: { type: 'app_mention', text: 'Hvad er OPI?', user: 'U1', channel: 'C1', ts: '1.1' },
    });
    const headers = slackHeaders(event, Math.floor(Date.now() / 1000), 'application/json');
    secrets.push(headers['x-slack-signature'] ?? '');
    await slack.app.request('/slack/events', { method: 'POST', body: event, headers });
    const forged = { ...headers, 'x-slack-signature': `v0=${'ab'.repeat(32)}` };
    secrets.push(forged['x-slack-signature']);
    await slack.app.request('/slack/events', { method: 'POST', body: event, headers: forged });
    await slack.background.settle();

    // Teams bot: a refused connector call, then a rejected token.
    const bf = await startBotFramework();
    servers.push(bf.server);
    const connectorDown = await startStandIn(() => ({ status: 500 }));
    servers.push(connectorDown);
    const teams = buildTestApp({ ...bf.env, TEAMS_SERVICE_URL_HOSTS: `${bf.server.url},${connectorDown.url}` });
    const downUrl = `${connectorDown.url}/`;
    const downJwt = await bf.sign({ serviceUrl: downUrl });
    secrets.push(downJwt);
    await teams.app.request('/teams/messages', {
      method: 'POST',
      body: JSON.stringify(messageActivity(downUrl, 'Hvad er OPI?')),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${downJwt}` },
    });
    const jwt = await bf.sign();
    secrets.push(jwt);
    const badJwt = await bf.sign({ aud: 'someone-else' });
    secrets.push(badJwt);
    await teams.app.request('/teams/messages', {
      method: 'POST',
      body: JSON.stringify(messageActivity(bf.serviceUrl, 'Hej')),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${badJwt}` },
    });
    await teams.background.settle();

    // Teams bot whose token endpoint fails.
    const tokenDown = buildTestApp({ ...bf.env, TEAMS_TOKEN_URL: `${connectorDown.url}/token` });
    await tokenDown.app.request('/teams/messages', {
      method: 'POST',
      body: JSON.stringify(messageActivity(bf.serviceUrl, 'Hej')),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${jwt}` },
    });
    await tokenDown.background.settle();

    // Teams outgoing webhook: a forged request.
    const webhook = buildTestApp({ TEAMS_WEBHOOK_SECRET: WEBHOOK_SECRET });
    const body = JSON.stringify({ type: 'message', text: 'Hej' });
    const forgedHmac = createHmac('sha256', 'wrong').update(body).digest('base64');
    secrets.push(forgedHmac);
    await webhook.app.request('/teams/webhook', {
      method: 'POST',
      body,
      headers: { authorization: `HMAC ${forgedHmac}` },
    });

    const logs = [slack, teams, tokenDown, webhook].map((t) => t.logger.text()).join('\n');
    // The failures above were logged (so this test would see a leak) …
    expect(logs).toMatch(/not_in_channel/);
    expect(logs).toMatch(/teams.activity_refused/);
    expect(logs).toMatch(/Bot Connector svarede HTTP 500/);
    expect(logs).toMatch(/Bot-token kunne ikke hentes/);
    expect(logs).toMatch(/teams.webhook_refused/);
    // … and no secret value appears anywhere, in the logger or on the console.
    const consoleText = JSON.stringify(consoleSpies.map((s) => s.mock.calls));
    for (const secret of secrets) {
      expect(secret.length).toBeGreaterThan(8);
      expect(logs).not.toContain(secret);
      expect(consoleText).not.toContain(secret);
    }
  });
});
