import { Hono } from 'hono';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import { isDocumentPath, loadCorpus } from '../../corpus/load-corpus.js';
import { slugOf } from '../../corpus/parse-document.js';
import { formatOf } from '../../import/paths.js';
import type { AppDeps } from '../deps.js';
import { parseFormBody } from '../request-body.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { CONSOLE_AUTH } from './auth.js';
import { adminUploadLimit } from './document-routes.js';

/** `POST /api/admin/import` as validated and published (`/openapi.json`); the handler checks the upload. */
export const importRouteSpec = {
  method: 'post',
  path: '/api/admin/import',
  operationId: 'adminImport',
  summary: 'Konvertér en fil til et dokumentudkast',
  description: `Én fil (.docx, .html, .md, .pdf, .txt) i multipart-feltet \`file\` gennem importkonverterne; intet gemmes. ${CONSOLE_AUTH}`,
  requestOther: {
    'multipart/form-data': {
      type: 'object',
      properties: { file: { type: 'string', format: 'binary' } },
      required: ['file'],
    },
  },
  responses: {
    200: {
      description: 'Udkastet.',
      json: z.object({ docId: z.string(), markdown: z.string(), warnings: z.array(z.string()) }),
    },
  },
  errors: [400, 401, 403, 404, 413, 415],
} as const satisfies RouteSpec;

/**
 * `POST /api/admin/import`: one uploaded file (multipart field `file`: .docx, .html, .md, .pdf, .txt)
 * through the import converters to a whole corpus Markdown file, `{docId, markdown, warnings}`.
 * Nothing is saved: the console opens it as a draft in the editor. Ids and titles already in the
 * corpus are not reused when the corpus can be read.
 */
export function importRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  app.use(importRouteSpec.path, adminUploadLimit);
  mountRoute(app, importRouteSpec, async (c) => {
    const form = await parseFormBody(c);
    const file = form.file;
    if (!(file instanceof File) || file.size === 0) {
      throw new HelpdeskError('bad_request', 'Vælg en fil (feltet `file`).', { details: { fields: ['file'] } });
    }
    const name = file.name.replace(/^.*[\\/]/, '') || 'dokument';
    if (!formatOf(name)) {
      throw new HelpdeskError(
        'unsupported_media_type',
        `Filtypen af ${name} kan ikke importeres: brug .docx, .html, .md, .pdf eller .txt.`,
      );
    }
    if (!deps.importer) {
      throw new HelpdeskError(
        'not_implemented',
        'Import af filer kræver Node-serveren (npm start); importér lokalt med npm run import og udgiv med npm run deploy:index.',
      );
    }
    const files = deps.corpusFiles ? (await deps.corpusFiles.list()).filter((f) => isDocumentPath(f.path)) : [];
    const today = now().toISOString().slice(0, 10);
    const result = await deps.importer(
      { name: name.replace(/\.[^.]+$/, ''), files: [{ path: name, bytes: new Uint8Array(await file.arrayBuffer()) }] },
      {
        today,
        reservedIds: files.map((f) => slugOf(f.path)),
        reservedTitles: loadCorpus(files).documents.map((d) => d.meta.title),
      },
    );
    const doc = result.documents[0];
    if (!doc) {
      const reason = result.skipped[0]?.reason ?? 'filen gav intet dokument';
      throw new HelpdeskError('bad_request', `${name} kunne ikke importeres: ${reason}.`);
    }
    return c.json({ docId: doc.id, markdown: doc.content, warnings: doc.warnings });
  });
  return app;
}
