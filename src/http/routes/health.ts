import { Hono } from 'hono';
import { HelpdeskError } from '../../errors.js';
import type { AppDeps } from '../deps.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { HealthSchema, StartingSchema } from '../schemas.js';

/** `GET /healthz` as published. */
export const healthRoute = {
  method: 'get',
  path: '/healthz',
  operationId: 'health',
  summary: 'Sundhedstjek',
  responses: {
    200: { description: 'Indekset er indlæst.', json: HealthSchema },
    503: {
      description: 'Indekset indlæses stadig (`starting`), eller det har ingen dokumenter (`empty`).',
      json: StartingSchema,
    },
  },
} as const satisfies RouteSpec;

/**
 * `GET /healthz`: 200 `{"status":"ok",documents,chunks,indexBuiltAt,catchingUp}` once an index
 * with documents serves; `catchingUp` is true while the index loaded at start is being brought up
 * to date with the corpus behind it. 503 `{"status":"starting"}` before the index is loaded, and
 * 503 `{"status":"empty",…}` when it holds no document (nothing can be answered). When the
 * vector leg is off (Workers in Vectorize mode) it says so in `vectorFallback` ({reason, message,
 * since}): `{"status":"degraded"}` with 200 while Workers AI or Vectorize fail, 503
 * `{"status":"misconfigured"}` when the Vectorize index has other dimensions than the embeddings.
 */
export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  mountRoute(app, healthRoute, (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const { documents, chunks, indexBuiltAt } = deps.helpdesk.stats();
      const status = deps.indexStatus?.();
      const catchingUp = status?.catchingUp ?? false;
      if (documents === 0) {
        return c.json(
          {
            status: 'empty',
            documents,
            chunks,
            indexBuiltAt,
            catchingUp,
            message: 'Vidensbasen har ingen dokumenter: læg gyldige Markdown-dokumenter i korpusmappen (CORPUS_DIR).',
          },
          503,
        );
      }
      const vectorFallback = status?.vectorFallback;
      if (vectorFallback) {
        // Answers still come, from BM25 alone; a dimension mismatch is a deploy error to fix, not a passing outage.
        const misconfigured = vectorFallback.reason === 'dimensions_mismatch';
        return c.json(
          {
            status: misconfigured ? 'misconfigured' : 'degraded',
            documents,
            chunks,
            indexBuiltAt,
            catchingUp,
            vectorFallback,
          },
          misconfigured ? 503 : 200,
        );
      }
      return c.json({ status: 'ok', documents, chunks, indexBuiltAt, catchingUp });
    } catch (err) {
      if (HelpdeskError.isInstance(err) && err.code === 'index_not_ready') {
        c.header('Retry-After', '5');
        return c.json({ status: 'starting' }, 503);
      }
      throw err;
    }
  });
  return app;
}
