import { Hono, type MiddlewareHandler } from 'hono';
import { DEFAULT_SITE } from '../../answer/site.js';
import type { AppDeps } from '../deps.js';
import { renderDocumentListPage, renderDocumentPage, renderNotFoundPage, VIEWER_CSP } from '../viewer.js';

/** The source viewer: `GET /docs` (all documents) and `GET /docs/:docId` (one document with anchored passages). */
export function docsRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const site = () => deps.site?.() ?? DEFAULT_SITE;
  app.use('/docs', viewerHeaders);
  app.use('/docs/*', viewerHeaders);
  app.get('/docs', (c) => c.html(renderDocumentListPage(deps.helpdesk.documents(), site())));
  app.get('/docs/', (c) => c.redirect('../docs', 301));
  app.get('/docs/:docId', (c) => {
    const doc = deps.helpdesk.document(c.req.param('docId'));
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
