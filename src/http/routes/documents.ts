import { Hono } from 'hono';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { AppDeps } from '../deps.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { DocumentMetaSchema, RenderedDocumentSchema } from '../schemas.js';

/** `GET /api/documents` as published. */
export const listDocumentsRoute = {
  method: 'get',
  path: '/api/documents',
  operationId: 'listDocuments',
  summary: 'Alle dokumenter',
  responses: {
    200: { description: 'Metadata for alle dokumenter.', json: z.object({ documents: z.array(DocumentMetaSchema) }) },
  },
  errors: [500, 503],
} as const satisfies RouteSpec;

/** `GET /api/documents/:docId` as published. */
export const getDocumentRoute = {
  method: 'get',
  path: '/api/documents/:docId',
  operationId: 'getDocument',
  summary: 'Ét dokument med alle afsnit',
  responses: { 200: { description: 'Dokumentet; hvert afsnit har sit anker.', json: RenderedDocumentSchema } },
  errors: [404, 500, 503],
} as const satisfies RouteSpec;

/** `GET /api/documents` (metadata of all documents) and `GET /api/documents/:docId` (one, rendered). */
export function documentRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  mountRoute(app, listDocumentsRoute, (c) => c.json({ documents: deps.helpdesk.documents() }));
  mountRoute(app, getDocumentRoute, async (c) => {
    const docId = c.req.param('docId');
    const doc = await deps.helpdesk.document(docId);
    if (!doc) {
      throw new HelpdeskError('not_found', `Dokumentet "${docId}" findes ikke. Se listen på /api/documents.`);
    }
    return c.json(doc);
  });
  return app;
}
