import { Hono } from 'hono';
import { jsonError } from '../errors.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';

/** Content-Security-Policy of the console: only its own script and API, no inline script or style, never framed. */
export const ADMIN_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The console's page: an empty shell that loads `/admin.js` (which draws everything, in Danish). */
export const ADMIN_PAGE = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>Vedligeholdelseskonsol</title>
<link rel="icon" href="data:,">
</head>
<body>
<div id="konsol"><noscript><p>Konsollen kræver JavaScript. Slå JavaScript til i din browser, og genindlæs siden.</p></noscript></div>
<script src="/admin.js" defer></script>
</body>
</html>
`;

/** The console's page and script as published (`/openapi.json`). */
export const pageRouteSpecs = {
  page: {
    method: 'get',
    path: '/admin',
    operationId: 'adminConsolePage',
    summary: 'Vedligeholdelseskonsollen',
    description: 'Siden, der indlæser `/admin.js`; login sker i siden. 404 når `ADMIN_TOKEN` ikke er sat.',
    responses: { 200: { description: 'HTML-side.', other: { 'text/html': { type: 'string' } } } },
    errors: [404],
  },
  script: {
    method: 'get',
    path: '/admin.js',
    operationId: 'adminConsoleScript',
    summary: 'Konsollens script',
    responses: { 200: { description: 'JavaScript.', other: { 'application/javascript': { type: 'string' } } } },
    errors: [404],
  },
} as const satisfies Record<string, RouteSpec>;

/** `GET /admin` (the page, under `ADMIN_CSP`) and `GET /admin.js` (the built console from `adminJs`). */
export function pageRoutes(adminJs: string | undefined): Hono {
  const app = new Hono();
  mountRoute(app, pageRouteSpecs.page, (c) =>
    c.html(ADMIN_PAGE, 200, {
      'Content-Security-Policy': ADMIN_CSP,
      'X-Frame-Options': 'DENY',
      'Cache-Control': 'no-store',
    }),
  );
  mountRoute(app, pageRouteSpecs.script, (c) => {
    if (!adminJs) {
      return jsonError(c, 'not_found', 'Konsollen er ikke bygget. Kør `npm run build:admin`, og genstart serveren.');
    }
    return c.body(adminJs, 200, {
      'Content-Type': 'application/javascript; charset=utf-8',
      'Cache-Control': 'no-cache',
    });
  });
  return app;
}
