import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { rateLimit } from '../../src/http/rate-limit.js';

function app(options: Parameters<typeof rateLimit>[0]) {
  const a = new Hono();
  a.use('/api/*', rateLimit(options));
  a.get('/api/x', (c) => c.json({ ok: true }));
  return a;
}

const from = (ip: string, extra: Record<string, string> = {}) => ({ headers: { 'cf-connecting-ip': ip, ...extra } });

describe('rateLimit', () => {
  it('answers 429 with Retry-After once a client exceeds its limit, per client', async () => {
    let t = 1_000_000;
    const a = app({ perMinute: 3, now: () => t });
    for (let i = 0; i < 3; i++) expect((await a.request('/api/x', from('1.1.1.1'))).status).toBe(200);
    t += 20_000;
    const limited = await a.request('/api/x', from('1.1.1.1'));
    expect(limited.status).toBe(429);
    expect(limited.headers.get('Retry-After')).toBe('40');
    expect(await limited.json()).toEqual({
      error: { code: 'rate_limited', message: expect.stringContaining('40 sekunder') },
    });
    // Another client is unaffected.
    expect((await a.request('/api/x', from('2.2.2.2'))).status).toBe(200);
    // A new window starts after a minute.
    t += 40_000;
    expect((await a.request('/api/x', from('1.1.1.1'))).status).toBe(200);
  });

  it('is off when perMinute is 0', async () => {
    const a = app({ perMinute: 0 });
    for (let i = 0; i < 20; i++) expect((await a.request('/api/x', from('1.1.1.1'))).status).toBe(200);
  });

  it('ignores X-Forwarded-For unless proxies are trusted, and then takes the hop the outermost proxy wrote', async () => {
    const untrusted = app({ perMinute: 1, now: () => 0 });
    expect((await untrusted.request('/api/x', { headers: { 'x-forwarded-for': '9.9.9.1' } })).status).toBe(200);
    // Spoofing another forwarded address does not escape the shared "anonymous" bucket.
    expect((await untrusted.request('/api/x', { headers: { 'x-forwarded-for': '9.9.9.2' } })).status).toBe(429);

    // One proxy: the last entry is the address it saw; entries to its left are the client's own words.
    const one = app({ perMinute: 1, now: () => 0, proxyHops: 1 });
    expect((await one.request('/api/x', { headers: { 'x-forwarded-for': '1.2.3.4, 5.5.5.5' } })).status).toBe(200);
    expect((await one.request('/api/x', { headers: { 'x-forwarded-for': '7.7.7.7, 5.5.5.5' } })).status).toBe(429);
    expect((await one.request('/api/x', { headers: { 'x-forwarded-for': '6.6.6.6' } })).status).toBe(200);

    // Two proxies: the second entry from the right (the last is the inner proxy's view of the outer one).
    const two = app({ perMinute: 1, now: () => 0, proxyHops: 2 });
    expect((await two.request('/api/x', { headers: { 'x-forwarded-for': '5.5.5.5, 10.0.0.1' } })).status).toBe(200);
    expect((await two.request('/api/x', { headers: { 'x-forwarded-for': '9.9.9.9,5.5.5.5, 10.0.0.2' } })).status).toBe(
      429,
    );
    expect((await two.request('/api/x', { headers: { 'x-forwarded-for': '6.6.6.6, 10.0.0.1' } })).status).toBe(200);
    // Fewer entries than proxies: the leftmost (written by a trusted proxy) is used.
    expect((await two.request('/api/x', { headers: { 'x-forwarded-for': '8.8.8.8' } })).status).toBe(200);
  });

  it('uses the Node socket address when no header is trusted', async () => {
    const a = app({ perMinute: 1, now: () => 0, trustCloudflare: false });
    const env = (ip: string) => ({ incoming: { socket: { remoteAddress: ip } } });
    expect((await a.request('/api/x', from('1.1.1.1'), env('127.0.0.1'))).status).toBe(200);
    expect((await a.request('/api/x', from('1.1.1.2'), env('127.0.0.1'))).status).toBe(429);
    expect((await a.request('/api/x', {}, { server: env('127.0.0.2') })).status).toBe(200);
  });

  it('keeps at most maxClients windows, forgetting the oldest', async () => {
    const a = app({ perMinute: 1, now: () => 0, maxClients: 2 });
    expect((await a.request('/api/x', from('a'))).status).toBe(200);
    expect((await a.request('/api/x', from('b'))).status).toBe(200);
    expect((await a.request('/api/x', from('c'))).status).toBe(200); // evicts a
    expect((await a.request('/api/x', from('c'))).status).toBe(429);
    expect((await a.request('/api/x', from('a'))).status).toBe(200); // a was forgotten
  });
});
