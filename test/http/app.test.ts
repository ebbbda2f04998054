import { Hono } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { describe, expect, it } from 'vitest';
import { HelpdeskError } from '../../src/errors.js';
import { createApp } from '../../src/http/app.js';
import { errorHandler, publicError, statusFor } from '../../src/http/errors.js';
import { get, postJson, RecordingLogger, testDeps } from '../support/http.js';

describe('createApp middleware', () => {
  it('answers unknown routes with a JSON 404', async () => {
    for (const path of ['/api/nope', '/healthz/x', '/openapi.yaml']) {
      const res = await createApp(testDeps()).request(get(path));
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect((await res.json()).error.code).toBe('not_found');
    }
  });

  it('answers a wrong method on an API route with JSON, not HTML', async () => {
    const res = await createApp(testDeps()).request(get('/api/ask'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('not_found');
  });

  it('sets a request id, keeping a well-formed one from the client', async () => {
    const app = createApp(testDeps());
    const own = await app.request(get('/healthz'));
    expect(own.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const given = await app.request(get('/healthz', { 'X-Request-Id': 'abc-123' }));
    expect(given.headers.get('x-request-id')).toBe('abc-123');
  });

  it('sets security headers on every response, errors included', async () => {
    const app = createApp(testDeps());
    for (const res of [
      await app.request(get('/healthz')),
      await app.request(get('/api/nope')),
      await app.request(postJson('/api/ask', '{')),
      await app.request(get('/docs/opi-guide')),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('referrer-policy')).toBe('no-referrer');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
  });

  it('allows any origin without credentials when CORS_ORIGINS is empty', async () => {
    const app = createApp(testDeps());
    const res = await app.request(get('/api/documents', { Origin: 'https://kommune.dk' }));
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    const preflight = await app.request(
      new Request('http://localhost/api/ask', {
        method: 'OPTIONS',
        headers: {
          Origin: 'https://kommune.dk',
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'content-type',
        },
      }),
    );
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/i);
  });

  it('allows only configured origins when CORS_ORIGINS is set', async () => {
    const app = createApp(testDeps({ env: { CORS_ORIGINS: 'https://a.dk, https://b.dk' } }));
    const ok = await app.request(get('/api/documents', { Origin: 'https://b.dk' }));
    expect(ok.headers.get('access-control-allow-origin')).toBe('https://b.dk');
    expect(ok.headers.get('vary')).toBe('Origin');
    const other = await app.request(get('/api/documents', { Origin: 'https://evil.example' }));
    expect(other.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds CORS headers to API error responses too', async () => {
    const res = await createApp(testDeps()).request(
      postJson('/api/ask', { question: '' }, { Origin: 'https://kommune.dk' }),
    );
    expect(res.status).toBe(400);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('rate limits POST /api/ask', async () => {
    const app = createApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '1' } }));
    expect((await app.request(postJson('/api/ask', { question: 'Hej' }))).status).toBe(200);
    const res = await app.request(postJson('/api/ask', { question: 'Hej' }));
    expect(res.status).toBe(429);
    expect((await res.json()).error.code).toBe('rate_limited');
  });
});

describe('error mapping', () => {
  it.each([
    ['bad_request', 400],
    ['validation_failed', 400],
    ['unauthorized', 401],
    ['forbidden', 403],
    ['not_found', 404],
    ['payload_too_large', 413],
    ['unsupported_media_type', 415],
    ['rate_limited', 429],
    ['upstream_failed', 502],
    ['index_not_ready', 503],
    ['timeout', 504],
    ['internal', 500],
    ['index_incompatible', 500],
    ['corpus_invalid', 500],
    ['config_invalid', 500],
  ] as const)('maps %s to %i', (code, status) => {
    expect(statusFor(code)).toBe(status);
  });

  it('hides the message of server-side HelpdeskErrors', () => {
    const e = publicError(new HelpdeskError('index_incompatible', 'data/index/manifest.json: version 1 ≠ 2'));
    expect(e).toEqual({ code: 'internal', status: 500, message: expect.stringMatching(/uventet fejl/) });
  });

  it('turns a thrown HTTPException into a JSON error with its status and keeps Retry-After', async () => {
    const logger = new RecordingLogger();
    const app = new Hono();
    app.get('/x', () => {
      throw new HTTPException(429, { res: new Response('nope', { headers: { 'Retry-After': '7' } }) });
    });
    app.get('/y', () => {
      throw new HTTPException(401, { message: 'Unauthorized' });
    });
    app.onError(errorHandler(logger));
    const x = await app.request('/x');
    expect(x.status).toBe(429);
    expect(x.headers.get('retry-after')).toBe('7');
    expect((await x.json()).error.code).toBe('rate_limited');
    const y = await app.request('/y');
    expect(y.status).toBe(401);
    expect(await y.json()).toEqual({ error: { code: 'unauthorized', message: expect.stringMatching(/login/) } });
  });

  it('answers errors thrown by mounted sub-apps as JSON', async () => {
    const deps = testDeps();
    const app = createApp(deps);
    deps.helpdesk.documents = () => {
      throw new HelpdeskError('forbidden', 'Ingen adgang her.');
    };
    const res = await app.request(get('/api/documents'));
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'forbidden', message: 'Ingen adgang her.' } });
  });
});
