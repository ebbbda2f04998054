import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../../src/adapters/node/sqlite-store.js';
import { sessionRouteSpecs } from '../../../src/http/admin/session-routes.js';
import { createApp } from '../../../src/http/app.js';
import { get, postJson, testDeps } from '../../support/http.js';
import { ORIGIN, TOKEN } from './support.js';

async function consoleApp(env: Record<string, string> = {}, now?: () => Date) {
  const store = await openSqliteStore(':memory:');
  const app = createApp(testDeps({ store, env: { ADMIN_TOKEN: TOKEN, ...env }, ...(now ? { now } : {}) }));
  return { app, store };
}

function cookieOf(res: Response): string {
  return (res.headers.get('set-cookie') ?? '').split(';')[0]!;
}

async function signIn(app: Awaited<ReturnType<typeof consoleApp>>['app']): Promise<string> {
  const res = await app.request(postJson('/api/admin/session', { token: TOKEN, name: 'Mette' }, { origin: ORIGIN }));
  expect(res.status).toBe(200);
  return cookieOf(res);
}

describe('console sessions', () => {
  it('exchanges the admin token for an HttpOnly, SameSite=Strict cookie limited to /api/admin, Secure only over https', async () => {
    const { app, store } = await consoleApp();
    const res = await app.request(postJson('/api/admin/session', { token: TOKEN, name: 'Mette' }, { origin: ORIGIN }));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ name: 'Mette' });
    expect(sessionRouteSpecs.signIn.responses[200].json.safeParse(body).error).toBeUndefined();
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^helpdesk_admin=[\w-]+\.[\w-]+;/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/api\/admin/);
    expect(cookie).toMatch(/Max-Age=28800/);
    expect(cookie).not.toMatch(/Secure/);
    const https = await app.request(
      new Request('https://helpdesk.example/api/admin/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'https://helpdesk.example' },
        body: JSON.stringify({ token: TOKEN, name: 'Mette' }),
      }),
    );
    expect(https.headers.get('set-cookie')).toMatch(/Secure/);
    await store.close();
  });

  it('refuses a wrong token (401) and a sign-in that is not JSON (415) or comes from another site (403)', async () => {
    const { app, store } = await consoleApp();
    const wrong = await app.request(postJson('/api/admin/session', { token: 'nope', name: 'Mette' }));
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const form = await app.request(
      new Request('http://localhost/api/admin/session', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `token=${TOKEN}&name=x`,
      }),
    );
    expect(form.status).toBe(415);
    const foreign = await app.request(
      postJson('/api/admin/session', { token: TOKEN, name: 'Mette' }, { origin: 'https://evil.example' }),
    );
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('set-cookie')).toBeNull();
    await store.close();
  });

  it('lets the session cookie read admin routes, and answers 401 without it or after sign-out', async () => {
    const { app, store } = await consoleApp();
    expect((await app.request(get('/api/admin/stats'))).status).toBe(401);
    const cookie = await signIn(app);
    expect((await app.request(get('/api/admin/stats', { cookie }))).status).toBe(200);
    const who = await (await app.request(get('/api/admin/session', { cookie }))).json();
    expect(who).toMatchObject({ name: 'Mette', via: 'session' });
    expect(sessionRouteSpecs.session.responses[200].json.safeParse(who).error).toBeUndefined();
    const out = await app.request(
      new Request('http://localhost/api/admin/session', { method: 'DELETE', headers: { cookie, origin: ORIGIN } }),
    );
    expect(out.status).toBe(204);
    expect(out.headers.get('set-cookie')).toMatch(/helpdesk_admin=;.*Max-Age=0/);
    expect((await app.request(get('/api/admin/stats', { cookie }))).status).toBe(401);
    expect((await app.request(get('/api/admin/session', { cookie }))).status).toBe(401);
    await store.close();
  });

  it('keeps a sign-out in the store: a restarted app, or a second one on the same store, refuses the cookie too', async () => {
    const { app, store } = await consoleApp();
    const cookie = await signIn(app);
    const other = createApp(testDeps({ store, env: { ADMIN_TOKEN: TOKEN } }));
    expect((await app.request(get('/api/admin/stats', { cookie }))).status).toBe(200);
    expect((await other.request(get('/api/admin/stats', { cookie }))).status).toBe(200);
    const out = await other.request(
      new Request('http://localhost/api/admin/session', { method: 'DELETE', headers: { cookie, origin: ORIGIN } }),
    );
    expect(out.status).toBe(204);
    expect((await app.request(get('/api/admin/stats', { cookie }))).status).toBe(401);
    const restarted = createApp(testDeps({ store, env: { ADMIN_TOKEN: TOKEN } }));
    expect((await restarted.request(get('/api/admin/stats', { cookie }))).status).toBe(401);
    const fresh = await signIn(restarted);
    expect((await app.request(get('/api/admin/stats', { cookie: fresh }))).status).toBe(200);
    await store.close();
  });

  it('expires a session after ADMIN_SESSION_HOURS and refuses a forged or altered cookie', async () => {
    let at = Date.parse('2026-12-01T08:00:00Z');
    const { app, store } = await consoleApp({ ADMIN_SESSION_HOURS: '2' }, () => new Date(at));
    const cookie = await signIn(app);
    const [name, value] = cookie.split('=') as [string, string];
    const [payload, signature] = value.split('.') as [string, string];
    const forged = `${name}=${payload}.${signature.slice(0, -2)}AA`;
    expect((await app.request(get('/api/admin/stats', { cookie: forged }))).status).toBe(401);
    const other = Buffer.from(JSON.stringify({ n: 'Eve', e: at + 1e9, i: 'x' })).toString('base64url');
    expect((await app.request(get('/api/admin/stats', { cookie: `${name}=${other}.${signature}` }))).status).toBe(401);
    at += 60 * 60 * 1000;
    expect((await app.request(get('/api/admin/stats', { cookie }))).status).toBe(200);
    at += 61 * 60 * 1000;
    expect((await app.request(get('/api/admin/stats', { cookie }))).status).toBe(401);
    await store.close();
  });

  it('refuses cookie writes from another origin (403) or as a form (415), while the Bearer header keeps working', async () => {
    const { app, store } = await consoleApp();
    const cookie = await signIn(app);
    const { id } = await (await app.request(postJson('/api/escalations', { question: 'Hjælp' }))).json();
    const patch = (headers: Record<string, string>, body = '{"notes":"ring op"}') =>
      app.request(new Request(`http://localhost/api/admin/escalations/${id}`, { method: 'PATCH', headers, body }));
    expect((await patch({ cookie, 'content-type': 'application/json' })).status).toBe(403);
    expect((await patch({ cookie, 'content-type': 'application/json', origin: 'https://evil.example' })).status).toBe(
      403,
    );
    expect((await patch({ cookie, 'content-type': 'text/plain', origin: ORIGIN })).status).toBe(415);
    expect((await patch({ cookie, 'content-type': 'application/json', origin: ORIGIN })).status).toBe(200);
    const bearer = await patch({ authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' });
    expect(bearer.status).toBe(200);
    await store.close();
  });

  it('is off (404) when ADMIN_TOKEN is not set', async () => {
    const store = await openSqliteStore(':memory:');
    const app = createApp(testDeps({ store }));
    const res = await app.request(postJson('/api/admin/session', { token: 'x', name: 'Mette' }));
    expect(res.status).toBe(404);
    await store.close();
  });
});
