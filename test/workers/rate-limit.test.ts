import { env, exports } from 'cloudflare:workers';
import { describe, expect, it } from 'vitest';

const search = (ip: string) =>
  exports.default.fetch(new Request('https://helpdesk.test/api/search?q=OPI', { headers: { 'CF-Connecting-IP': ip } }));

describe('the Worker rate limit on workerd ([[ratelimits]] in wrangler.toml)', () => {
  it('counts public requests against the RATE_LIMITER binding, whose budget outlives the isolate', async () => {
    expect(typeof env.RATE_LIMITER?.limit).toBe('function');
    // The binding counts in fixed 60-second windows: start well inside one.
    const into = Date.now() % 60_000;
    if (into > 45_000) await new Promise((ok) => setTimeout(ok, 60_000 - into + 200));
    const ip = '192.0.2.77';
    // Another isolate (here: the test itself) spends the client's whole budget through the binding.
    let spent = 0;
    while ((await env.RATE_LIMITER.limit({ key: ip })).success) spent++;
    expect(spent).toBe(120);
    const refused = await search(ip);
    expect(refused.status).toBe(429);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await search('192.0.2.78')).status).toBe(200);
  });
});
