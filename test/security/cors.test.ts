import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { get, postJson, testDeps } from '../support/http.js';

const preflight = (path: string, origin: string, method = 'POST') =>
  new Request(`http://localhost${path}`, {
    method: 'OPTIONS',
    headers: {
      Origin: origin,
      'Access-Control-Request-Method': method,
      'Access-Control-Request-Headers': 'content-type',
    },
  });

describe('CORS allow-list (CORS_ORIGINS)', () => {
  const listed = createApp(testDeps({ env: { CORS_ORIGINS: 'https://intranet.kommune.dk,https://www.region.dk' } }));

  it('lets a listed intranet origin call the API, preflight and request', async () => {
    const pre = await listed.request(preflight('/api/ask', 'https://intranet.kommune.dk'));
    expect(pre.status).toBe(204);
    expect(pre.headers.get('access-control-allow-origin')).toBe('https://intranet.kommune.dk');
    const res = await listed.request(
      postJson('/api/ask', { question: 'Hvad er OPI?' }, { Origin: 'https://www.region.dk' }),
    );
    expect(res.headers.get('access-control-allow-origin')).toBe('https://www.region.dk');
  });

  it('gives any other origin no CORS grant, so its pages cannot read answers, feedback or admin data', async () => {
    for (const path of ['/api/ask', '/api/feedback', '/api/escalations', '/api/admin/stats']) {
      const pre = await listed.request(preflight(path, 'https://evil.example'));
      expect(pre.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const res = await listed.request(get('/api/documents', { Origin: 'https://intranet.kommune.dk.evil.example' }));
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
    const nullOrigin = await listed.request(get('/api/documents', { Origin: 'null' }));
    expect(nullOrigin.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never allows credentials (cookies), with or without an allow-list', async () => {
    for (const a of [listed, createApp(testDeps())]) {
      const pre = await a.request(preflight('/api/ask', 'https://intranet.kommune.dk'));
      expect(pre.headers.get('access-control-allow-credentials')).toBeNull();
    }
  });

  it('answers any origin with * (no credentials) when CORS_ORIGINS is empty: a public, anonymous API', async () => {
    const open = createApp(testDeps());
    const res = await open.request(get('/api/documents', { Origin: 'https://anywhere.example' }));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});
