import { createHmac, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { formatWebhookText, verifyTeamsWebhookHmac } from '../../../src/channels/teams/webhook.js';
import { FAKE_ANSWER } from '../../support/fake-helpdesk.js';
import { buildTestApp, ChannelHelpdesk } from '../helpers.js';

const KEY = randomBytes(32);
const SECRET = KEY.toString('base64');

function activity(text: string) {
  return JSON.stringify({
    type: 'message',
    id: '1',
    text,
    from: { id: '29:u', name: 'Mette' },
    conversation: { id: '19:channel@thread.skype' },
  });
}

function hmac(body: string | Buffer, key: Buffer | string = KEY) {
  return `HMAC ${createHmac('sha256', key).update(body).digest('base64')}`;
}

function post(app: ReturnType<typeof buildTestApp>['app'], body: string, authorization?: string) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (authorization !== undefined) headers.authorization = authorization;
  return app.request('/teams/webhook', { method: 'POST', body, headers });
}

describe('verifyTeamsWebhookHmac', () => {
  it('accepts the HMAC-SHA256 of the raw bytes keyed with the decoded secret', async () => {
    const body = Buffer.from(activity('<at>OPI</at>&nbsp;Hvad er OPI? æøå'));
    expect(await verifyTeamsWebhookHmac(new Uint8Array(KEY), new Uint8Array(body), hmac(body))).toBe(true);
  });

  it('rejects an HMAC keyed with the base64 text instead of the decoded bytes', async () => {
    const body = Buffer.from(activity('Hej'));
    expect(await verifyTeamsWebhookHmac(new Uint8Array(KEY), new Uint8Array(body), hmac(body, SECRET))).toBe(false);
  });

  it('rejects a missing or malformed header', async () => {
    const body = new Uint8Array(Buffer.from('{}'));
    expect(await verifyTeamsWebhookHmac(new Uint8Array(KEY), body, undefined)).toBe(false);
    expect(await verifyTeamsWebhookHmac(new Uint8Array(KEY), body, 'Bearer abc')).toBe(false);
  });
});

describe('POST /teams/webhook', () => {
  it('answers synchronously with the answer and the sources as Markdown links', async () => {
    const t = buildTestApp({ TEAMS_WEBHOOK_SECRET: SECRET });
    const body = activity('<at>OPI</at>&nbsp;Hvordan kommer vi i gang med et OPI-projekt?');
    const res = await post(t.app, body, hmac(body));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { type: string; text: string };
    expect(json.type).toBe('message');
    expect(json.text).toContain(FAKE_ANSWER.answer);
    expect(json.text).toContain(
      '[1] [Sådan kommer I i gang med OPI — Forberedelse](https://opi.example.dk/docs/opi-guide#forberedelse)',
    );
    expect(t.helpdesk.callsOf('ask')[0]?.args[0]).toEqual({ question: 'Hvordan kommer vi i gang med et OPI-projekt?' });
  });

  it('rejects a wrong HMAC, a tampered body and a missing header with 401', async () => {
    const t = buildTestApp({ TEAMS_WEBHOOK_SECRET: SECRET });
    const body = activity('Hvad er OPI?');
    const other = randomBytes(32);
    for (const res of [
      await post(t.app, body, hmac(body, other)),
      await post(t.app, body.replace('OPI', 'OP1'), hmac(body)),
      await post(t.app, body),
    ]) {
      expect(res.status).toBe(401);
    }
    expect(t.helpdesk.callsOf('ask')).toHaveLength(0);
  });

  it('replies "prøv igen" when the answer takes longer than the time budget', async () => {
    const t = buildTestApp(
      { TEAMS_WEBHOOK_SECRET: SECRET },
      { helpdesk: new ChannelHelpdesk({ delayMs: 2000 }), options: { teamsWebhookTimeoutMs: 30 } },
    );
    const body = activity('Hvad er OPI?');
    const res = await post(t.app, body, hmac(body));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { text: string }).text).toMatch(/Prøv igen/);
    const options = t.helpdesk.callsOf('ask')[0]?.args[1] as { signal?: AbortSignal } | undefined;
    const signal = options?.signal;
    expect(signal?.aborted).toBe(true);
  });

  it('formats sources without a public base URL as plain labels', () => {
    expect(formatWebhookText(FAKE_ANSWER, undefined)).toContain('[1] Sådan kommer I i gang med OPI — Forberedelse\n');
  });
});
