import { Hono } from 'hono';
import { HelpdeskError } from '../../errors.js';
import type { AppDeps } from '../deps.js';

/** `GET /api/documents` (metadata of all documents) and `GET /api/documents/:docId` (one, rendered). */
export function documentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/api/documents', (c) => c.json({ documents: deps.helpdesk.documents() }));
  app.get('/api/documents/:docId', (c) => {
    const docId = c.req.param('docId');
    const doc = deps.helpdesk.document(docId);
    if (!doc) {
      throw new HelpdeskError('not_found', `Dokumentet "${docId}" findes ikke. Se listen på /api/documents.`);
    }
    return c.json(doc);
  });
  return app;
}
