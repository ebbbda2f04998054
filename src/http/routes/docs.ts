import { Hono, type MiddlewareHandler } from 'hono';
import { DEFAULT_SITE } from '../../answer/site.js';
import type { AppDeps } from '../deps.js';
import { mountRoute, type ResponseSpec, type RouteSpec } from '../route-spec.js';
import { renderDocumentListPage, renderDocumentPage, renderNotFoundPage, VIEWER_CSP } from '../viewer.js';

const html = (description: string): ResponseSpec => ({ description, other: { 'text/html': { type: 'string' } } });

/** `GET /docs` as published. */
export const viewDocumentsRoute = {
  method: 'get',
  path: '/docs',
  operationId: 'viewDocuments',
  summary: 'Kildeviser: liste over dokumenter',
  responses: { 200: html('HTML-side.') },
} as const satisfies RouteSpec;

/** `GET /docs/` as published: a redirect to `/docs`. */
export const viewDocumentsSlashRoute = {
  method: 'get',
  path: '/docs/',
  operationId: 'viewDocumentsSlash',
  summary: 'Kildeviser: viderestiller til /docs',
  responses: { 301: { description: 'Til `/docs`.' } },
} as const satisfies RouteSpec;

/** `GET /docs/:docId` as published. */
export const viewDocumentRoute = {
  method: 'get',
  path: '/docs/:docId',
  operationId: 'viewDocument',
  summary: 'Kildeviser: ét dokument',
  description: 'Hvert afsnit er `<section id="{anchor}">`; `#anchor` i adressen fremhæver det henviste afsnit.',
  responses: { 200: html('HTML-side.'), 404: html('Dokumentet findes ikke.') },
} as const satisfies RouteSpec;

/** The source viewer: `GET /docs` (all documents) and `GET /docs/:docId` (one document with anchored passages). */
export function docsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const site = () => deps.site?.() ?? DEFAULT_SITE;
  app.use('/docs', viewerHeaders);
  app.use('/docs/*', viewerHeaders);
  mountRoute(app, viewDocumentsRoute, (c) => c.html(renderDocumentListPage(deps.helpdesk.documents(), site())));
  mountRoute(app, viewDocumentsSlashRoute, (c) => c.redirect('../docs', 301));
  mountRoute(app, viewDocumentRoute, async (c) => {
    const doc = await deps.helpdesk.document(c.req.param('docId'));
    return doc ? c.html(renderDocumentPage(doc, site())) : c.html(renderNotFoundPage(site()), 404);
  });
  return app;
}

const viewerHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  c.res.headers.set('Content-Security-Policy', VIEWER_CSP);
  c.res.headers.set('X-Frame-Options', 'SAMEORIGIN');
  c.res.headers.set('Cache-Control', 'no-cache');
};
