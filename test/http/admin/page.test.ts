import { describe, expect, it } from 'vitest';
import { createApp } from '../../../src/http/app.js';
import { get, testDeps } from '../../support/http.js';
import { TOKEN } from './support.js';

describe('GET /admin', () => {
  it('serves the Danish console page under a strict CSP: no inline script or style, never framed', async () => {
    const app = createApp(testDeps({ env: { ADMIN_TOKEN: TOKEN }, assets: { adminJs: 'console();' } }));
    const res = await app.request(get('/admin'));
    expect(res.status).toBe(200);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self'/);
    expect(csp).toMatch(/style-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    const html = await res.text();
    expect(html).toMatch(/<html lang="da">/);
    expect(html).toMatch(/<script src="\/admin\.js" defer><\/script>/);
    expect(html).not.toMatch(/<script>|<style|style=/);
    const js = await app.request(get('/admin.js'));
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    expect(await js.text()).toBe('console();');
  });

  it('is absent (404) when ADMIN_TOKEN is not set, and /admin.js says how to build it when it is missing', async () => {
    const off = createApp(testDeps({ assets: { adminJs: 'console();' } }));
    expect((await off.request(get('/admin'))).status).toBe(404);
    expect((await off.request(get('/admin.js'))).status).toBe(404);
    const unbuilt = createApp(testDeps({ env: { ADMIN_TOKEN: TOKEN } }));
    const res = await unbuilt.request(get('/admin.js'));
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/npm run build:admin/);
  });
});
