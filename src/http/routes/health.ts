import { Hono } from 'hono';
import { HelpdeskError } from '../../errors.js';
import type { AppDeps } from '../deps.js';

/** `GET /healthz`: 200 with index statistics once loaded, 503 `{"status":"starting"}` before. */
export function healthRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/healthz', (c) => {
    c.header('Cache-Control', 'no-store');
    try {
      const { documents, chunks, indexBuiltAt } = deps.helpdesk.stats();
      return c.json({ status: 'ok', documents, chunks, indexBuiltAt });
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
