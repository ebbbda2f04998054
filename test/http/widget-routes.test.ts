import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createApp } from '../../src/http/app.js';
import { silentLogger } from '../../src/logger.js';
import type { AppDeps } from '../../src/http/deps.js';
import { DEFAULT_SITE } from '../../src/answer/site.js';
import { chatPage, PAGE_CSP, widgetRoutes } from '../../src/http/widget-routes.js';
import { FakeHelpdesk } from '../support/fake-helpdesk.js';

const WIDGET = '/*! opi-helpdesk widget */\n"use strict";(()=>{})();';

function deps(widgetJs?: string): AppDeps {
  return {
    helpdesk: new FakeHelpdesk(),
    config: loadConfig({}),
    logger: silentLogger,
    ...(widgetJs === undefined ? {} : { assets: { widgetJs } }),
  };
}

describe('GET /widget.js', () => {
  it('serves the built widget as cacheable JavaScript that any origin may load', async () => {
    const res = await widgetRoutes(deps(WIDGET)).request('/widget.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/javascript; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('etag')).toMatch(/^"w-[0-9a-f]{24}"$/);
    await expect(res.text()).resolves.toBe(WIDGET);
  });

  it('answers 304 to a matching If-None-Match', async () => {
    const app = widgetRoutes(deps(WIDGET));
    const etag = (await app.request('/widget.js')).headers.get('etag')!;
    const res = await app.request('/widget.js', { headers: { 'If-None-Match': etag } });
    expect(res.status).toBe(304);
    await expect(res.text()).resolves.toBe('');
  });

  it('answers a JSON 404 that says how to build the widget when it is missing', async () => {
    const res = await createApp(deps()).request('/widget.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('not_found');
    expect(body.error.message).toMatch(/npm run build:widget/);
  });
});

describe('GET /', () => {
  it('serves the Danish full-page chat that loads the widget in page mode', async () => {
    const res = await createApp(deps(WIDGET)).request('/');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toBe(chatPage(DEFAULT_SITE));
    expect(html).toContain('<title>OPI Helpdesk</title>');
    expect(html).toMatch(/<html lang="da">/);
    expect(html).toMatch(/<script src="\.\/widget\.js" data-mode="page" data-target="chat"[^>]*><\/script>/);
    expect(html).toMatch(/<main id="chat">/);
    expect(html).not.toMatch(/<style|style=|<script>/);
  });

  it('sends a strict Content-Security-Policy with nothing inline and only our own origin', async () => {
    const res = await widgetRoutes(deps(WIDGET)).request('/');
    const csp = res.headers.get('content-security-policy');
    expect(csp).toBe(PAGE_CSP);
    const directives = Object.fromEntries(
      csp!.split(';').map((d) => {
        const [name, ...values] = d.trim().split(/\s+/);
        return [name, values.join(' ')];
      }),
    );
    expect(directives).toEqual({
      'default-src': "'none'",
      'script-src': "'self'",
      'connect-src': "'self'",
      'style-src': "'self'",
      'img-src': "'self' data:",
      'frame-ancestors': "'self'",
      'base-uri': "'none'",
      'form-action': "'none'",
    });
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });
});
