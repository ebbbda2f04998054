import { describe, expect, it } from 'vitest';
import { SearchResult } from '../../src/answer/types.js';
import { createApp } from '../../src/http/app.js';
import { get, testDeps } from '../support/http.js';

describe('GET /api/search', () => {
  it('answers {results} with k defaulting to 5', async () => {
    const deps = testDeps();
    const res = await createApp(deps).request(get('/api/search?q=samarbejdsaftale'));
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.results).toHaveLength(2);
    for (const r of body.results) {
      expect(SearchResult.parse(r)).toEqual(r);
      expect(r).not.toHaveProperty('debug');
    }
    expect(deps.helpdesk.callsOf('search')[0]?.args).toEqual(['samarbejdsaftale', 5, { debug: false }]);
  });

  it('passes k and trims q', async () => {
    const deps = testDeps();
    const res = await createApp(deps).request(get('/api/search?q=%20partnere%20&k=1'));
    expect((await res.json()).results).toHaveLength(1);
    expect(deps.helpdesk.callsOf('search')[0]?.args).toEqual(['partnere', 1, { debug: false }]);
  });

  it('adds debug objects with debug=1', async () => {
    const deps = testDeps();
    const body = await (await createApp(deps).request(get('/api/search?q=partnere&debug=1'))).json();
    expect(body.results[0].debug).toEqual({ bm25: 1.5, vector: 0.4, fused: 0.03 });
    expect(deps.helpdesk.callsOf('search')[0]?.args[2]).toEqual({ debug: true });
  });

  it('drops debug objects the helpdesk sent without debug=1', async () => {
    const deps = testDeps();
    deps.helpdesk.search = async () => [
      { docId: 'd', chunkId: 'd#a', title: 't', section: 's', text: 'x', url: '/docs/d#a', score: 1, debug: { a: 1 } },
    ];
    const body = await (await createApp(deps).request(get('/api/search?q=x'))).json();
    expect(body.results[0]).not.toHaveProperty('debug');
  });

  it.each([
    ['', 'q'],
    ['?q=', 'q'],
    ['?q=%20%20', 'q'],
    [`?q=${'a'.repeat(501)}`, 'q'],
    ['?q=x&k=0', 'k'],
    ['?q=x&k=51', 'k'],
    ['?q=x&k=abc', 'k'],
    ['?q=x&k=2.5', 'k'],
    ['?q=x&debug=ja', 'debug'],
  ])('answers 400 validation_failed naming the field for %s', async (query, field) => {
    const deps = testDeps();
    const res = await createApp(deps).request(get(`/api/search${query}`));
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.error.code).toBe('validation_failed');
    expect(body.error.message).toContain(`\`${field}\``);
    expect(deps.helpdesk.callsOf('search')).toHaveLength(0);
  });

  it('writes the results a helpdesk gives as JSON text unchanged, as c.json would send them', async () => {
    const serialised = testDeps();
    const results = await serialised.helpdesk.search('partnere', 2);
    const calls: unknown[][] = [];
    Object.assign(serialised.helpdesk, {
      searchJson: async (query: string, k: number) => {
        calls.push([query, k]);
        return JSON.stringify(results);
      },
    });
    const plain = await createApp(testDeps()).request(get('/api/search?q=%20partnere%20&k=2'));
    const res = await createApp(serialised).request(get('/api/search?q=%20partnere%20&k=2'));
    expect(calls).toEqual([['partnere', 2]]);
    expect(serialised.helpdesk.callsOf('search')).toHaveLength(1); // only the one made above
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(plain.headers.get('content-type'));
    expect(await res.text()).toBe(await plain.text());
    // the debug objects come from `search`
    const debug = await (await createApp(serialised).request(get('/api/search?q=partnere&debug=1'))).json();
    expect(debug.results[0].debug).toEqual({ bm25: 1.5, vector: 0.4, fused: 0.03 });
    expect(calls).toHaveLength(1);
  });

  it('accepts k=50 and a 500-character query', async () => {
    const res = await createApp(testDeps()).request(get(`/api/search?q=${'a'.repeat(500)}&k=50`));
    expect(res.status).toBe(200);
  });

  it('answers 503 JSON while the index loads', async () => {
    const res = await createApp(testDeps({ helpdesk: { ready: false } })).request(get('/api/search?q=x'));
    expect(res.status).toBe(503);
    expect((await res.json()).error.code).toBe('index_not_ready');
  });

  it('is rate limited per RATE_LIMIT_PER_MINUTE with a JSON 429', async () => {
    const app = createApp(testDeps({ env: { RATE_LIMIT_PER_MINUTE: '2' } }));
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.request(get('/api/search?q=x'))).status);
    expect(statuses).toEqual([200, 200, 429]);
    const res = await app.request(get('/api/search?q=x'));
    expect((await res.json()).error.code).toBe('rate_limited');
    expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});
