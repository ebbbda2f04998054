import { Hono } from 'hono';
import { DEFAULT_SITE, type Site, siteTexts } from '../answer/site.js';
import type { AppDeps } from './deps.js';
import { jsonError } from './errors.js';
import { mountRoute, type RouteSpec } from './route-spec.js';
import { escapeHtml } from './viewer.js';
import { widgetWithSite } from './widget-site.js';

/** Content-Security-Policy of the full-page chat: only our own origin, no inline script or style. */
export const PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'self'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/**
 * The full-page chat: an empty page in the site's language that loads the widget in page mode, titled
 * with the site's name and described by its topic (`site.yaml`).
 */
export function chatPage(site: Site): string {
  const texts = siteTexts(site);
  const name = escapeHtml(texts.name);
  const noscript =
    site.language === 'en'
      ? `${name} needs JavaScript. Turn JavaScript on in your browser and reload the page.`
      : `${name} kræver JavaScript. Slå JavaScript til i din browser, og genindlæs siden.`;
  return `<!doctype html>
<html lang="${site.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="description" content="${escapeHtml(texts.description)}">
<title>${name}</title>
<link rel="icon" href="data:,">
</head>
<body>
<main id="chat">
<noscript><p>${noscript}</p></noscript>
</main>
<script src="./widget.js" data-mode="page" data-target="chat" data-lang="${site.language}" defer></script>
</body>
</html>
`;
}

async function etagOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"w-${hex}"`;
}

/**
 * Whether an `If-None-Match` header names `tag`: weak comparison over its list (RFC 9110 §13.1.2), so the
 * `W/` a proxy adds when it re-encodes the body still matches, and `*` matches anything.
 */
export function matchesEtag(header: string | undefined, tag: string): boolean {
  if (!header) return false;
  const opaque = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => t.trim() === '*' || opaque(t) === opaque(tag));
}

/** `GET /widget.js` as published. */
export const widgetScriptRoute = {
  method: 'get',
  path: '/widget.js',
  operationId: 'widgetScript',
  summary: 'Webwidgetten',
  description:
    'Scriptet til `<script src="…/widget.js" defer>`, med sidens tekster; `ETag` og `If-None-Match` giver `304`.',
  responses: {
    200: { description: 'JavaScript.', other: { 'application/javascript': { type: 'string' } } },
    304: { description: 'Uændret siden `If-None-Match`.' },
  },
  errors: [404],
} as const satisfies RouteSpec;

/** `GET /` as published. */
export const chatPageRoute = {
  method: 'get',
  path: '/',
  operationId: 'chatPage',
  summary: 'Chatten i fuld side',
  responses: { 200: { description: 'HTML-side.', other: { 'text/html': { type: 'string' } } } },
} as const satisfies RouteSpec;

/**
 * `GET /widget.js` (the built widget from `deps.assets.widgetJs`, with the site's texts written in) and the
 * full-page chat at `GET /`. Both follow `deps.site` as it changes.
 */
export function widgetRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const site = () => deps.site?.() ?? DEFAULT_SITE;
  /** The widget served for the last site seen, and its ETag. */
  let served: { site: Site; js: string; etag: Promise<string> } | undefined;

  mountRoute(app, widgetScriptRoute, async (c) => {
    const built = deps.assets?.widgetJs;
    if (!built) {
      return jsonError(c, 'not_found', 'Widgetten er ikke bygget. Kør `npm run build:widget`, og genstart serveren.');
    }
    const current = site();
    if (served?.site !== current) {
      const js = widgetWithSite(built, current);
      served = { site: current, js, etag: etagOf(js) };
    }
    const { js } = served;
    const tag = await served.etag;
    const headers = {
      'Cache-Control': 'public, max-age=3600',
      ETag: tag,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
      // brotli or gzip on Node (`deps.encoders`), by Cloudflare's edge on Workers: the same ETag in every coding
      Vary: 'Accept-Encoding',
    };
    if (matchesEtag(c.req.header('If-None-Match'), tag)) return c.body(null, 304, headers);
    return c.body(js, 200, { ...headers, 'Content-Type': 'application/javascript; charset=utf-8' });
  });

  mountRoute(app, chatPageRoute, (c) =>
    c.html(chatPage(site()), 200, {
      'Content-Security-Policy': PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-cache',
    }),
  );

  return app;
}
