import { Hono } from 'hono';
import type { AppDeps } from './deps.js';

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

/** The full-page chat: an empty page that loads the widget in page mode. */
export const CHAT_PAGE = `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<meta name="description" content="Stil spørgsmål om offentlig-privat innovation (OPI) og få svar med kildehenvisninger.">
<title>OPI Helpdesk</title>
<link rel="icon" href="data:,">
</head>
<body>
<main id="chat">
<noscript><p>OPI Helpdesk kræver JavaScript. Slå JavaScript til i din browser, og genindlæs siden.</p></noscript>
</main>
<script src="./widget.js" data-mode="page" data-target="chat" data-lang="da" defer></script>
</body>
</html>
`;

async function etagOf(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  const hex = [...new Uint8Array(digest).slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `"w-${hex}"`;
}

/** `GET /widget.js` (the built widget from `deps.assets.widgetJs`) and the full-page chat at `GET /`. */
export function widgetRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  let etag: Promise<string> | undefined;

  app.get('/widget.js', async (c) => {
    const js = deps.assets?.widgetJs;
    if (!js) {
      return c.json(
        {
          error: {
            code: 'not_found',
            message: 'Widgetten er ikke bygget. Kør `npm run build:widget`, og genstart serveren.',
          },
        },
        404,
      );
    }
    etag ??= etagOf(js);
    const tag = await etag;
    const headers = {
      'Cache-Control': 'public, max-age=3600',
      ETag: tag,
      'X-Content-Type-Options': 'nosniff',
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Access-Control-Allow-Origin': '*',
    };
    if (c.req.header('If-None-Match') === tag) return c.body(null, 304, headers);
    return c.body(js, 200, { ...headers, 'Content-Type': 'application/javascript; charset=utf-8' });
  });

  app.get('/', (c) =>
    c.html(CHAT_PAGE, 200, {
      'Content-Security-Policy': PAGE_CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'X-Frame-Options': 'SAMEORIGIN',
      'Cache-Control': 'no-cache',
    }),
  );

  return app;
}
