import { Hono } from 'hono';
import { z } from 'zod';
import type { SearchResult } from '../../answer/types.js';
import type { AppDeps } from '../deps.js';
import { parseOrThrow } from '../validation.js';

/** Query of `GET /api/search`. */
export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500),
  k: z.coerce.number().int().min(1).max(50).default(5),
  debug: z.enum(['0', '1', 'true', 'false']).optional(),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** `GET /api/search?q=…&k=…&debug=1`: the best passages for a query. */
export function searchRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  app.get('/api/search', async (c) => {
    const query = parseOrThrow(SearchQuery, c.req.query(), 'søgning');
    const debug = query.debug === '1' || query.debug === 'true';
    const found = await deps.helpdesk.search(query.q, query.k, { debug });
    const results: SearchResult[] = found.slice(0, query.k).map((r) => (debug ? r : withoutDebug(r)));
    return c.json({ results });
  });
  return app;
}

function withoutDebug({ debug: _debug, ...result }: SearchResult): SearchResult {
  return result;
}
