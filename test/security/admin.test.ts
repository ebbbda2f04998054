import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { createApp } from '../../src/http/app.js';
import { get, postJson, testDeps } from '../support/http.js';

const ADMIN_ROUTES: [string, string][] = [
  ['POST', '/api/admin/reindex'],
  ['GET', '/api/admin/escalations'],
  ['GET', '/api/admin/escalations/x'],
  ['PATCH', '/api/admin/escalations/x'],
  ['GET', '/api/admin/feedback'],
  ['GET', '/api/admin/stats'],
  ['GET', '/api/admin/report'],
  ['POST', '/api/admin/purge'],
  ['GET', '/api/admin/documents'],
  ['GET', '/api/admin/documents/x'],
  ['PUT', '/api/admin/documents/x'],
  ['DELETE', '/api/admin/documents/x'],
  ['POST', '/api/admin/documents/x/preview'],
  ['POST', '/api/admin/import'],
];

const request = (method: string, path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(method === 'GET' ? {} : { body: '{"status":"resolved"}' }),
  });

describe('admin API', () => {
  it('is off (404, as if absent) on every admin route when ADMIN_TOKEN is not set, whatever is sent', async () => {
    const store = await openSqliteStore(':memory:');
    let reindexed = 0;
    const app = createApp(
      testDeps({ store, reindex: async () => ({ added: reindexed++, changed: 0, removed: 0, chunks: 0, ms: 0 }) }),
    );
    for (const [method, path] of ADMIN_ROUTES) {
      for (const auth of [{}, { authorization: 'Bearer ' }, { authorization: 'Bearer undefined' }] as Record<
        string,
        string
      >[]) {
        const res = await app.request(request(method, path, auth));
        expect(res.status, `${method} ${path}`).toBe(404);
        expect((await res.json()).error.code).toBe('not_found');
      }
    }
    expect(reindexed).toBe(0);
    await store.close();
  });

  it('answers 401 with WWW-Authenticate on every admin route without the exact bearer token', async () => {
    const store = await openSqliteStore(':memory:');
    const app = createApp(testDeps({ store, env: { ADMIN_TOKEN: 'correct-horse-battery-staple' } }));
    for (const [method, path] of ADMIN_ROUTES) {
      for (const authorization of [
        undefined,
        'Bearer wrong',
        'Bearer correct-horse-battery-stapl',
        'Basic Y29ycmVjdA==',
        'correct-horse-battery-staple',
        'Bearer correct-horse-battery-staple x',
      ]) {
        const res = await app.request(request(method, path, authorization ? { authorization } : {}));
        expect(res.status, `${method} ${path} ${authorization}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      }
    }
    const ok = await app.request(get('/api/admin/stats', { authorization: 'Bearer correct-horse-battery-staple' }));
    expect(ok.status).toBe(200);
    await store.close();
  });

  it('lets an anonymous user create feedback and escalations but never read them back', async () => {
    const store = await openSqliteStore(':memory:');
    const app = createApp(testDeps({ store, env: { ADMIN_TOKEN: 'staff-token-123' } }));
    const created = await app.request(postJson('/api/escalations', { question: 'Hjælp', email: 'borger@example.dk' }));
    expect(created.status).toBe(201);
    const { id } = await created.json();
    for (const path of [
      `/api/escalations/${id}`,
      '/api/escalations',
      '/api/feedback',
      `/api/admin/escalations/${id}`,
    ]) {
      const res = await app.request(get(path));
      expect([401, 404], path).toContain(res.status);
      expect(await res.text(), path).not.toContain('borger@example.dk');
    }
    await store.close();
  });
});
