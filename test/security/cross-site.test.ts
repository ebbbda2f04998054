import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { createApp } from '../../src/http/app.js';
import type { SqlStore } from '../../src/store/sql-store.js';
import { postJson, testDeps } from '../support/http.js';

const FEEDBACK = { question: 'Hvad er OPI?', answer: 'OPI er … [1]', rating: 'up', citedChunkIds: [] };
const ESCALATION = { question: 'Hvordan deler vi rettighederne?', email: 'anne@kommune.dk' };
const WRITES: [string, Record<string, unknown>][] = [
  ['/api/feedback', FEEDBACK],
  ['/api/escalations', ESCALATION],
];

let store: SqlStore;
beforeEach(async () => {
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

async function stored() {
  return (await store.listFeedback()).length + (await store.listEscalations()).length;
}

function app(env: Record<string, string> = {}) {
  return createApp(testDeps({ store, env }));
}

describe('cross-site writes to feedback and escalations', () => {
  it('refuses any body not declared as JSON with a JSON 415, so a form on another site cannot post one', async () => {
    const a = app();
    for (const [path, body] of WRITES) {
      const form = new URLSearchParams(Object.entries(body).map(([k, v]) => [k, String(v)])).toString();
      for (const [type, payload] of [
        ['application/x-www-form-urlencoded', form],
        ['text/plain', JSON.stringify(body)],
        ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="q"\r\n\r\nx\r\n--x--`],
        [undefined, JSON.stringify(body)],
      ] as const) {
        const res = await a.request(
          new Request(`http://localhost${path}`, {
            method: 'POST',
            headers: { ...(type ? { 'content-type': type } : {}), origin: 'https://evil.example' },
            body: payload,
          }),
        );
        expect(res.status, `${path} ${type}`).toBe(415);
        expect((await res.json()).error.code).toBe('unsupported_media_type');
      }
    }
    expect(await stored()).toBe(0);
  });

  it('refuses an Origin outside CORS_ORIGINS with a JSON 403 when the list is set', async () => {
    const a = app({ CORS_ORIGINS: 'https://intranet.kommune.dk', PUBLIC_BASE_URL: 'https://opi.kommune.dk/hjaelp' });
    for (const [path, body] of WRITES) {
      for (const origin of ['https://evil.example', 'null', 'https://intranet.kommune.dk.evil.example']) {
        const res = await a.request(postJson(path, body, { origin }));
        expect(res.status, `${path} ${origin}`).toBe(403);
        expect((await res.json()).error.code).toBe('forbidden');
      }
    }
    expect(await stored()).toBe(0);
    // A listed site, the service's own pages (public origin or the request's host) and clients without Origin may
    for (const [path, body] of WRITES) {
      for (const headers of <Record<string, string>[]>[
        { origin: 'https://intranet.kommune.dk' },
        { origin: 'https://opi.kommune.dk' },
        { origin: 'http://localhost' },
        {},
      ]) {
        expect((await a.request(postJson(path, body, headers))).status, `${path} ${JSON.stringify(headers)}`).toBe(201);
      }
    }
  });

  it('lets any origin write when CORS_ORIGINS is empty (a public, anonymous API)', async () => {
    const a = app();
    for (const [path, body] of WRITES) {
      expect((await a.request(postJson(path, body, { origin: 'https://any.example' }))).status).toBe(201);
    }
  });

  it('never lets a public client pose as a Slack or Teams conversation (channel, channelRef)', async () => {
    const a = app();
    for (const [path, extra] of [
      ['/api/feedback', { channel: 'slack' }],
      ['/api/escalations', { channel: 'teams' }],
      ['/api/escalations', { channelRef: 'U024BE7LH' }],
      ['/api/escalations', { channel: 'web', channelRef: 'a:1conversation' }],
    ] as const) {
      const body = { ...(path === '/api/feedback' ? FEEDBACK : ESCALATION), ...extra };
      const res = await a.request(postJson(path, body));
      expect(res.status, `${path} ${JSON.stringify(extra)}`).toBe(400);
      const { error } = (await res.json()) as { error: { code: string; details: { fields: string[] } } };
      expect(error.code).toBe('validation_failed');
      expect(Object.keys(extra)).toEqual(expect.arrayContaining(error.details.fields));
    }
    expect(await stored()).toBe(0);
    expect((await a.request(postJson('/api/escalations', { ...ESCALATION, channel: 'api' }))).status).toBe(201);
    expect((await store.listEscalations())[0]).toMatchObject({ channel: 'api' });
    expect((await store.listEscalations())[0]!.channelRef).toBeUndefined();
  });
});
