import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { CorpusFiles } from '../../ops/corpus-files.js';
import { checkEdit, DOC_ID, findDocumentFile, previewChunks } from '../../ops/document-edit.js';
import { summariseDocuments } from '../../ops/document-list.js';
import { since } from '../../ops/duration.js';
import { DocumentChangeAction } from '../../store/store.js';
import { hashString } from '../../text/hash.js';
import type { AppDeps } from '../deps.js';
import { jsonError } from '../errors.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { CONSOLE_AUTH } from './auth.js';

/** Largest Markdown file or upload the console accepts (the public API's `MAX_BODY_BYTES` is for questions). */
export const ADMIN_UPLOAD_BYTES = 10 * 1024 * 1024;

/** Paths whose bodies may be as large as `ADMIN_UPLOAD_BYTES`. */
export function isAdminUploadPath(path: string): boolean {
  return path === '/api/admin/import' || path.startsWith('/api/admin/documents/');
}

/** Limits admin uploads to `ADMIN_UPLOAD_BYTES` (413 in the contract's shape). */
export const adminUploadLimit: MiddlewareHandler = bodyLimit({
  maxSize: ADMIN_UPLOAD_BYTES,
  onError: (c) =>
    jsonError(c, 'payload_too_large', `Filen er større end ${ADMIN_UPLOAD_BYTES / 1024 / 1024} MB. Del den op.`),
});

const ListQuery = z.object({
  since: z
    .string()
    .regex(/^\d+[dhm]$/, 'fx 30d')
    .default('30d'),
});

/** The document id of a saved or previewed document: a corpus file name without `.md`. */
const DocIdParams = z.object({ docId: z.string().regex(DOC_ID).max(120) });

const MARKDOWN_TYPE = /^text\/markdown\s*(?:;|$)/i;

/** A whole corpus file as a request body (checked by `markdownBody`). */
const MARKDOWN_BODY = {
  'text/markdown': { type: 'string', description: 'Hele filen: YAML-frontmatter og Markdown-tekst.' },
};

/** Body of a saved document: where it was written and what `corpus:check` warns about. */
const SavedDocument = z.object({
  document: z.object({ docId: z.string(), path: z.string(), meta: z.object({}).loose() }),
  warnings: z.array(z.string()),
});

/** One problem of a document (`DocumentIssue`), as a 422 and the preview list them. */
const Issue = z.object({ line: z.number().int().optional(), field: z.string().optional(), message: z.string() });

/** Body of a 422: the document's problems, line by line; nothing is saved. */
const InvalidDocument = z.object({
  error: z.object({
    code: z.literal('invalid_document'),
    message: z.string(),
    details: z.object({ issues: z.array(Issue) }),
  }),
});

/** Body of the document list; each row is a `DocumentSummary` (only the fields always there are detailed). */
const DocumentList = z.object({
  documents: z.array(
    z.object({ docId: z.string(), path: z.string(), stale: z.boolean(), cited: z.number().nullable() }).loose(),
  ),
  period: z.object({ since: z.string(), until: z.string() }),
  staleAfterDays: z.number(),
  /** Where the citation counts come from (Danish). */
  citations: z.string(),
});

/** Body of one document: its summary with the whole file, and its change history (`DocumentChange`). */
const DocumentWithHistory = z.object({
  document: z.object({ docId: z.string(), path: z.string(), markdown: z.string() }).loose(),
  history: z.array(z.object({ at: z.string(), action: DocumentChangeAction, actor: z.string() }).loose()),
});

/** Body of a preview: the passages as they will be cited, or the issues that keep the file out. */
const Preview = z.object({
  chunks: z.array(z.object({ id: z.string(), anchor: z.string(), section: z.string(), text: z.string() }).loose()),
  issues: z.array(Issue),
  warnings: z.array(z.string()),
});

/** The console's document routes as validated and published (`/openapi.json`). */
export const documentRouteSpecs = {
  list: {
    method: 'get',
    path: '/api/admin/documents',
    operationId: 'adminListDocuments',
    summary: 'Dokumenterne i vidensbasen (konsollen)',
    description: `Art, titel, updated, \`stale\` (ældre end \`STALE_AFTER_DAYS\`), problemer fra corpus:check og hvor mange spørgsmål i perioden der citerede dokumentet (fra spørgsmålsloggen). ${CONSOLE_AUTH} 501 på Workers.`,
    query: ListQuery,
    responses: { 200: { description: 'Dokumentlisten.', json: DocumentList } },
    errors: [400, 401, 404, 501],
  },
  get: {
    method: 'get',
    path: '/api/admin/documents/:docId',
    operationId: 'adminGetDocument',
    summary: 'Ét dokument som hel Markdown-fil, med historik',
    description: CONSOLE_AUTH,
    responses: { 200: { description: '`{document: {…, markdown}, history}`.', json: DocumentWithHistory } },
    errors: [401, 404, 501],
  },
  put: {
    method: 'put',
    path: '/api/admin/documents/:docId',
    operationId: 'adminPutDocument',
    summary: 'Gem et dokument',
    description: `Hele filen med \`Content-Type: text/markdown\`; valideres som korpusset (frontmatter og corpus:check) og skrives atomisk i \`CORPUS_DIR\`, hvor genindekseringen tager den. ${CONSOLE_AUTH}`,
    params: DocIdParams,
    requestOther: MARKDOWN_BODY,
    responses: {
      200: { description: 'Opdateret.', json: SavedDocument },
      201: { description: 'Oprettet.', json: SavedDocument },
      422: {
        description:
          'Dokumentet er ugyldigt og er ikke gemt: `{"error":{"code":"invalid_document","message":…,"details":{"issues":[{line, field, message}]}}}`.',
        json: InvalidDocument,
      },
    },
    errors: [400, 401, 403, 404, 413, 415, 501],
  },
  delete: {
    method: 'delete',
    path: '/api/admin/documents/:docId',
    operationId: 'adminDeleteDocument',
    summary: 'Slet et dokument',
    description: CONSOLE_AUTH,
    responses: { 204: { description: 'Slettet.' } },
    errors: [401, 403, 404, 501],
  },
  preview: {
    method: 'post',
    path: '/api/admin/documents/:docId/preview',
    operationId: 'adminPreviewDocument',
    summary: 'Forhåndsvis afsnittene, som de vil blive citeret',
    description: CONSOLE_AUTH,
    params: DocIdParams,
    requestOther: MARKDOWN_BODY,
    responses: { 200: { description: '`{chunks, issues, warnings}`.', json: Preview } },
    errors: [401, 403, 404, 415, 501],
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * The console's documents over the `CorpusFiles` port: `GET /api/admin/documents` (list with
 * problems, stale flag and citations), `GET/PUT/DELETE /api/admin/documents/:docId` and
 * `POST /api/admin/documents/:docId/preview` (the passages as they will be cited). Mounted behind
 * the admin gate; without `deps.corpusFiles` (Workers) every route answers 501.
 */
export function documentRoutes(deps: AppDeps): Hono {
  const { config } = deps;
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  const corpus = (): CorpusFiles => {
    if (!deps.corpusFiles) {
      throw new HelpdeskError(
        'not_implemented',
        'Dokumenter kan ikke redigeres her: vidensbasen er bundtet ved udrulningen. Ret filerne i corpus/, og kør `npm run deploy:index`.',
      );
    }
    return deps.corpusFiles;
  };

  app.use('/api/admin/documents/*', adminUploadLimit);

  mountRoute(app, documentRouteSpecs.list, async (c) => {
    const query = documentRouteSpecs.list.query.safeParse(c.req.query());
    if (!query.success) throw new HelpdeskError('validation_failed', 'Perioden `since` skal være fx 30d.');
    const files = await corpus().list();
    const from = since(query.data.since, now());
    const questions = deps.store ? await deps.store.listQuestions({ since: from }) : undefined;
    const documents = summariseDocuments(files, {
      now: now(),
      staleAfterDays: config.STALE_AFTER_DAYS,
      ...(questions ? { citations: questions.map((q) => q.citedChunkIds) } : {}),
    });
    return c.json({
      documents,
      period: { since: from.toISOString(), until: now().toISOString() },
      staleAfterDays: config.STALE_AFTER_DAYS,
      citations: questions ? 'spørgsmålsloggen' : 'ukendt: ingen driftsdatabase',
    });
  });

  mountRoute(app, documentRouteSpecs.get, async (c) => {
    const docId = c.req.param('docId');
    const files = await corpus().list();
    const file = findDocumentFile(files, docId);
    if (!file) return jsonError(c, 'not_found', `Dokumentet ${docId} findes ikke.`);
    const [summary] = summariseDocuments([file], { now: now(), staleAfterDays: config.STALE_AFTER_DAYS });
    const history = deps.store ? await deps.store.listDocumentChanges({ docId, limit: 50 }) : [];
    return c.json({ document: { ...summary, markdown: file.content }, history });
  });

  mountRoute(app, documentRouteSpecs.put, async (c) => {
    const docId = validDocId(c);
    const content = await markdownBody(c);
    const files = await corpus().list();
    const checked = checkEdit(files, docId, content);
    if (!checked.ok) {
      throw new HelpdeskError(
        'invalid_document',
        `Dokumentet er ikke gemt: ${checked.issues.length === 1 ? 'ét problem' : `${checked.issues.length} problemer`} skal rettes først.`,
        { details: { issues: checked.issues } },
      );
    }
    await corpus().write(checked.path, content);
    if (checked.moveFrom) await corpus().remove(checked.moveFrom);
    await deps.store?.recordDocumentChange({
      docId,
      path: checked.path,
      action: checked.created ? 'created' : 'updated',
      actor: c.get('adminActor')?.name ?? 'ukendt',
      title: checked.document.meta.title,
      hash: hashString(content),
    });
    deps.logger.info('corpus document saved', {
      event: 'corpus.document_saved',
      docId,
      path: checked.path,
      created: checked.created,
    });
    return c.json(
      { document: { docId, path: checked.path, meta: checked.document.meta }, warnings: checked.warnings },
      checked.created ? 201 : 200,
    );
  });

  mountRoute(app, documentRouteSpecs.delete, async (c) => {
    const docId = c.req.param('docId');
    const files = await corpus().list();
    const file = findDocumentFile(files, docId);
    if (!file) return jsonError(c, 'not_found', `Dokumentet ${docId} findes ikke.`);
    const title = /^title:\s*["']?(.*?)["']?\s*$/m.exec(file.content)?.[1];
    await corpus().remove(file.path);
    await deps.store?.recordDocumentChange({
      docId,
      path: file.path,
      action: 'deleted',
      actor: c.get('adminActor')?.name ?? 'ukendt',
      ...(title ? { title } : {}),
    });
    deps.logger.info('corpus document deleted', { event: 'corpus.document_deleted', docId, path: file.path });
    return c.body(null, 204);
  });

  mountRoute(app, documentRouteSpecs.preview, async (c) => {
    const docId = validDocId(c);
    return c.json(previewChunks(docId, await markdownBody(c)));
  });

  return app;
}

/** The route's `docId` when `DocIdParams` accepts it; `validation_failed` naming it otherwise. */
function validDocId(c: Context): string {
  const docId = c.req.param('docId') ?? '';
  if (!DocIdParams.safeParse({ docId }).success) {
    throw new HelpdeskError(
      'validation_failed',
      `Dokument-id'et "${docId.slice(0, 60)}" må kun bestå af små bogstaver a-z, tal og bindestreger.`,
      { details: { fields: ['docId'] } },
    );
  }
  return docId;
}

/** The request's body when it is declared `text/markdown` (`MARKDOWN_BODY`); `unsupported_media_type` otherwise. */
async function markdownBody(c: Context): Promise<string> {
  if (!MARKDOWN_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new HelpdeskError(
      'unsupported_media_type',
      'Send hele Markdown-filen (frontmatter og tekst) med Content-Type: text/markdown.',
    );
  }
  return c.req.text();
}
