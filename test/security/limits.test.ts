import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { startBotFramework } from '../channels/teams/bot-framework.js';
import { composedApp, get, postJson, testDeps } from '../support/http.js';

const SLACK_SECRET = 'limits-slack-secret';
const env = {
  MAX_BODY_BYTES: '1024',
  ADMIN_TOKEN: 'limits-admin-token',
  SLACK_SIGNING_SECRET: SLACK_SECRET,
  SLACK_BOT_TOKEN: 'xoxb-limits',
  TEAMS_WEBHOOK_SECRET: Buffer.from('limits-teams-key').toString('base64'),
};
/** Node's socket address as `@hono/node-server` passes it. */
const from = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });

/** A body sent as a stream without Content-Length (chunked), so only counting can catch it. */
function streamed(path: string, bytes: number, headers: Record<string, string> = {}): Request {
  const chunk = new TextEncoder().encode('x'.repeat(256));
  let sent = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent >= bytes) return controller.close();
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return new Request(`http://localhost${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    duplex: 'half',
  } as RequestInit);
}

describe('request size limit (MAX_BODY_BYTES)', () => {
  it('refuses an oversized body on every API write route with a JSON 413, declared or streamed', async () => {
    const app = composedApp(testDeps({ env }));
    const big = JSON.stringify({ question: 'x'.repeat(2000) });
    const auth = { authorization: `Bearer ${env.ADMIN_TOKEN}` };
    for (const path of ['/api/ask', '/api/feedback', '/api/escalations', '/api/admin/purge', '/api/admin/reindex']) {
      const declared = await app.request(postJson(path, big, auth));
      expect(declared.status, path).toBe(413);
      expect((await declared.json()).error.code, path).toBe('payload_too_large');
      const chunked = await app.request(streamed(path, 4096, auth));
      expect(chunked.status, `${path} streamed`).toBe(413);
    }
  });

  it('refuses an oversized Slack or Teams body before checking its signature or parsing it', async () => {
    const app = composedApp(testDeps({ env }));
    const body = `text=${'x'.repeat(300_000)}`;
    const ts = String(Math.floor(Date.now() / 1000));
    const sig = `v0=${createHmac('sha256', SLACK_SECRET).update(`v0:${ts}:${body}`).digest('hex')}`;
    const slack = await app.request(
      new Request('http://localhost/slack/commands', {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-slack-request-timestamp': ts,
          'x-slack-signature': sig,
        },
        body,
      }),
    );
    expect(slack.status).toBe(413);
    const teams = await app.request(
      postJson('/teams/webhook', { text: 'x'.repeat(300_000) }, { authorization: 'HMAC AAAA' }),
    );
    expect(teams.status).toBe(413);
  });
});

describe('channel bodies (Slack, Teams) read with a cap', () => {
  /** A chunked body (no Content-Length) of `total` bytes in 16 KiB chunks; `pulled()` says how much was read. */
  function endless(path: string, total: number, headers: Record<string, string>) {
    const chunk = new Uint8Array(16 * 1024).fill(0x78);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const request = new Request(`http://localhost${path}`, {
      method: 'POST',
      headers,
      body,
      duplex: 'half',
    } as RequestInit);
    return { request, pulled: () => pulled };
  }

  it('stops reading a chunked body without Content-Length as soon as it passes MAX_BODY_BYTES, and answers 413', async () => {
    const bf = await startBotFramework();
    try {
      const app = composedApp(testDeps({ env: { ...env, ...bf.env, MAX_BODY_BYTES: String(64 * 1024) } }));
      const ts = String(Math.floor(Date.now() / 1000));
      const slack = { 'x-slack-request-timestamp': ts, 'x-slack-signature': 'v0=00' };
      const cases: [string, Record<string, string>][] = [
        ['/slack/events', { 'content-type': 'application/json', ...slack }],
        ['/slack/commands', { 'content-type': 'application/x-www-form-urlencoded', ...slack }],
        ['/slack/interactions', { 'content-type': 'application/x-www-form-urlencoded', ...slack }],
        ['/teams/webhook', { 'content-type': 'application/json', authorization: 'HMAC AAAA' }],
        ['/teams/messages', { 'content-type': 'application/json', authorization: `Bearer ${await bf.sign()}` }],
      ];
      for (const [path, headers] of cases) {
        const sent = endless(path, 20 * 1024 * 1024, headers);
        const res = await app.request(sent.request);
        expect(res.status, path).toBe(413);
        expect((await res.json()).error.code, path).toBe('payload_too_large');
        // 64 KiB allowed: the read stops at the chunk that passes it (a stream may pull one ahead)
        expect(sent.pulled(), path).toBeLessThanOrEqual(64 * 1024 + 2 * 16 * 1024);
      }
    } finally {
      await bf.server.close();
    }
  });
});

describe('request time limit (REQUEST_TIMEOUT_MS)', () => {
  it('answers a question that takes too long with a JSON 504 and aborts the work', async () => {
    const deps = testDeps({ env: { REQUEST_TIMEOUT_MS: '50' }, helpdesk: { delayMs: 5_000 } });
    const res = await composedApp(deps).request(postJson('/api/ask', { question: 'Hvad er OPI?' }));
    expect(res.status).toBe(504);
    expect((await res.json()).error.code).toBe('timeout');
    const signal = (deps.helpdesk.callsOf('ask')[0]!.args[1] as { signal: AbortSignal }).signal;
    expect(signal.aborted).toBe(true);
  });
});

describe('rate limit per client (RATE_LIMIT_PER_MINUTE)', () => {
  it('limits each client separately on ask, search, feedback and escalations', async () => {
    const app = composedApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '2' } }));
    // The routes share one budget per client, so each route is tried by clients of its own.
    for (const [n, make] of [
      () => postJson('/api/ask', { question: 'Hvad er OPI?' }),
      () => get('/api/search?q=opi'),
      () => postJson('/api/feedback', { question: 'x', answer: 'y', rating: 'up' }),
      () => postJson('/api/escalations', { question: 'x' }),
    ].entries()) {
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await app.request(make(), undefined, from(`10.0.${n}.1`))).status);
      expect(statuses[2], make().url).toBe(429);
      expect((await app.request(make(), undefined, from(`10.0.${n}.2`))).status, make().url).not.toBe(429);
    }
  });

  it('counts ask, search, feedback and escalations against one budget per client', async () => {
    const app = composedApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '3' } }));
    const client = from('10.0.9.1');
    expect((await app.request(postJson('/api/ask', { question: 'Hvad er OPI?' }), undefined, client)).status).toBe(200);
    expect((await app.request(get('/api/search?q=opi'), undefined, client)).status).toBe(200);
    const feedback = postJson('/api/feedback', { question: 'x', answer: 'y', rating: 'up' });
    expect((await app.request(feedback, undefined, client)).status).not.toBe(429);
    const escalation = postJson('/api/escalations', { question: 'x' });
    expect((await app.request(escalation, undefined, client)).status).toBe(429);
  });

  it('cannot be escaped on Node by sending a made-up CF-Connecting-IP or X-Forwarded-For header', async () => {
    const app = composedApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '1' } }));
    const ask = (headers: Record<string, string>) => postJson('/api/ask', { question: 'Hvad er OPI?' }, headers);
    expect((await app.request(ask({}), undefined, from('10.0.0.9'))).status).toBe(200);
    for (let i = 0; i < 5; i++) {
      const spoofed = { 'cf-connecting-ip': `203.0.113.${i}`, 'x-forwarded-for': `198.51.100.${i}` };
      expect((await app.request(ask(spoofed), undefined, from('10.0.0.9'))).status).toBe(429);
    }
  });

  it('behind TRUST_PROXY_HOPS proxies limits each client by the address the proxy saw, not one the client wrote', async () => {
    const app = composedApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '1', TRUST_PROXY_HOPS: '1' } }));
    const proxy = from('10.0.0.1'); // every request arrives from the reverse proxy
    const ask = (xff: string) => postJson('/api/ask', { question: 'Hvad er OPI?' }, { 'x-forwarded-for': xff });
    // Two staff members behind the same proxy get a quota each.
    expect((await app.request(ask('192.0.2.10'), undefined, proxy)).status).toBe(200);
    expect((await app.request(ask('192.0.2.11'), undefined, proxy)).status).toBe(200);
    // A client that writes its own X-Forwarded-For still ends with the address the proxy appended.
    for (let i = 0; i < 3; i++) {
      expect((await app.request(ask(`198.51.100.${i}, 192.0.2.10`), undefined, proxy)).status).toBe(429);
    }
  });

  it('refuses a TRUST_PROXY_HOPS that is not a small whole number, naming the variable', () => {
    expect(() => composedApp(testDeps({ env: { TRUST_PROXY_HOPS: 'yes' } }))).toThrow(/TRUST_PROXY_HOPS/);
    expect(() => composedApp(testDeps({ env: { TRUST_PROXY_HOPS: '-1' } }))).toThrow(/TRUST_PROXY_HOPS/);
  });

  it('counts admin calls too, so the admin token cannot be guessed faster than the limit', async () => {
    const app = composedApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '3', ADMIN_TOKEN: 'the-real-admin-token' } }));
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) {
      statuses.push(
        (
          await app.request(
            get('/api/admin/stats', { authorization: `Bearer guess-${i}` }),
            undefined,
            from('10.0.0.7'),
          )
        ).status,
      );
    }
    expect(statuses).toEqual([401, 401, 401, 429, 429]);
  });

  it('counts admin calls against the same budget as ask and search: no second budget by mixing them', async () => {
    const app = composedApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '3', ADMIN_TOKEN: 'the-real-admin-token' } }));
    const client = from('10.0.0.8');
    const admin = () => get('/api/admin/stats', { authorization: 'Bearer guess' });
    expect((await app.request(postJson('/api/ask', { question: 'Hvad er OPI?' }), undefined, client)).status).toBe(200);
    expect((await app.request(get('/api/search?q=opi'), undefined, client)).status).toBe(200);
    expect((await app.request(admin(), undefined, client)).status).toBe(401);
    expect((await app.request(admin(), undefined, client)).status).toBe(429);
    expect((await app.request(get('/api/search?q=opi'), undefined, client)).status).toBe(429);
  });
});
