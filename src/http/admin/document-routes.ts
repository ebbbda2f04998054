import { type Context, Hono, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import type { CorpusFiles } from '../../ops/corpus-files.js';
import { checkEdit, DOC_ID, findDocumentFile, previewChunks } from '../../ops/document-edit.js';
import { summariseDocuments } from '../../ops/document-list.js';
import { since } from '../../ops/duration.js';
import { hashString } from '../../text/hash.js';
import type { AppDeps } from '../deps.js';
import { jsonError } from '../errors.js';

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

const MARKDOWN_TYPE = /^text\/markdown\s*(?:;|$)/i;

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

  app.get('/api/admin/documents', async (c) => {
    const query = ListQuery.safeParse(c.req.query());
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

  app.get('/api/admin/documents/:docId', async (c) => {
    const docId = c.req.param('docId');
    const files = await corpus().list();
    const file = findDocumentFile(files, docId);
    if (!file) return jsonError(c, 'not_found', `Dokumentet ${docId} findes ikke.`);
    const [summary] = summariseDocuments([file], { now: now(), staleAfterDays: config.STALE_AFTER_DAYS });
    const history = deps.store ? await deps.store.listDocumentChanges({ docId, limit: 50 }) : [];
    return c.json({ document: { ...summary, markdown: file.content }, history });
  });

  app.put('/api/admin/documents/:docId', async (c) => {
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

  app.delete('/api/admin/documents/:docId', async (c) => {
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

  app.post('/api/admin/documents/:docId/preview', async (c) => {
    const docId = validDocId(c);
    return c.json(previewChunks(docId, await markdownBody(c)));
  });

  return app;
}

function validDocId(c: Context): string {
  const docId = c.req.param('docId') ?? '';
  if (!DOC_ID.test(docId) || docId.length > 120) {
    throw new HelpdeskError(
      'validation_failed',
      `Dokument-id'et "${docId.slice(0, 60)}" må kun bestå af små bogstaver a-z, tal og bindestreger.`,
      { details: { fields: ['docId'] } },
    );
  }
  return docId;
}

async function markdownBody(c: Context): Promise<string> {
  if (!MARKDOWN_TYPE.test(c.req.header('content-type') ?? '')) {
    throw new HelpdeskError(
      'unsupported_media_type',
      'Send hele Markdown-filen (frontmatter og tekst) med Content-Type: text/markdown.',
    );
  }
  return c.req.text();
}
