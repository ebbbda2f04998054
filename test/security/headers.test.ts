import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { API_CSP } from '../../src/http/middleware/security-headers.js';
import { PAGE_CSP } from '../../src/http/widget-routes.js';
import { VIEWER_CSP } from '../../src/http/viewer.js';
import { get, postJson, testDeps } from '../support/http.js';

/** The directives of a CSP header as a map. */
function directives(csp: string | null): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

const app = () => createApp(testDeps({ assets: { widgetJs: 'void 0;' } }));

describe('security headers', () => {
  it('sends nosniff, no-referrer, COOP and a deny-all CSP on every API response, errors included', async () => {
    const a = app();
    for (const req of [
      get('/healthz'),
      get('/api/documents'),
      get('/api/nope'),
      postJson('/api/ask', '{'),
      get('/openapi.json'),
    ]) {
      const res = await a.request(req);
      expect(res.headers.get('x-content-type-options'), req.url).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), req.url).toBe('no-referrer');
      expect(res.headers.get('cross-origin-opener-policy'), req.url).toBe('same-origin');
      expect(res.headers.get('content-security-policy'), req.url).toBe(API_CSP);
      expect(directives(API_CSP).get('default-src')).toEqual(["'none'"]);
      expect(directives(API_CSP).get('frame-ancestors')).toEqual(["'none'"]);
    }
  });

  it('gives the source viewer a CSP without any script source, inline or external', async () => {
    const res = await app().request(get('/docs/opi-guide'));
    expect(res.status).toBe(200);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(res.headers.get('content-security-policy')).toBe(VIEWER_CSP);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.has('script-src')).toBe(false); // falls back to default-src 'none': no script runs
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'self'"]);
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    const missing = await app().request(get('/docs/findes-ikke'));
    expect(missing.headers.get('content-security-policy')).toBe(VIEWER_CSP);
  });

  it('gives the full-page chat a CSP that allows only our own origin: no inline script or style, no eval', async () => {
    const res = await app().request(get('/'));
    expect(res.status).toBe(200);
    const header = res.headers.get('content-security-policy');
    expect(header).toBe(PAGE_CSP);
    const csp = directives(header);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
    expect(header).not.toMatch(/unsafe-inline|unsafe-eval|\*/);
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/); // no inline script to allow
    expect(html).not.toMatch(/<style|style=/);
  });

  it('serves the widget script as JavaScript any host page may load, and never as sniffable content', async () => {
    const res = await app().request(get('/widget.js'));
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('sends HSTS only when the public base URL is https', async () => {
    const plain = await app().request(get('/healthz'));
    expect(plain.headers.get('strict-transport-security')).toBeNull();
    const https = createApp(testDeps({ env: { PUBLIC_BASE_URL: 'https://helpdesk.kommune.dk' } }));
    expect((await https.request(get('/healthz'))).headers.get('strict-transport-security')).toBe('max-age=31536000');
  });
});
