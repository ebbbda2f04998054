import { Hono } from 'hono';
import { z } from 'zod';
import { SearchResult } from '../../answer/types.js';
import type { AppDeps } from '../deps.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { parseOrThrow } from '../validation.js';

/** Query of `GET /api/search`. */
export const SearchQuery = z.object({
  q: z.string().trim().min(1).max(500).meta({ description: 'Søgetekst (1–500 tegn).' }),
  k: z.coerce.number().int().min(1).max(50).default(5).meta({ description: 'Antal resultater (1–50, standard 5).' }),
  debug: z
    .enum(['0', '1', 'true', 'false'])
    .optional()
    .meta({ description: '`1` tilføjer et `debug`-objekt med scorer til hvert resultat.' }),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/** `GET /api/search` as validated and published. */
export const searchRoute = {
  method: 'get',
  path: '/api/search',
  operationId: 'search',
  summary: 'Søg i vidensbasen',
  query: SearchQuery,
  responses: {
    200: { description: 'De bedste passager, bedste først.', json: z.object({ results: z.array(SearchResult) }) },
  },
  errors: [400, 429, 500, 503, 504],
} as const satisfies RouteSpec;

/** `GET /api/search?q=…&k=…&debug=1`: the best passages for a query. */
export function searchRoutes(deps: AppDeps): Hono {
  const app = new Hono();
  mountRoute(app, searchRoute, async (c) => {
    const query = parseOrThrow(searchRoute.query, c.req.query(), 'søgning');
    const debug = query.debug === '1' || query.debug === 'true';
    if (!debug && deps.helpdesk.searchJson) {
      // the results may come serialised from a search worker: written as they are, the same bytes as `c.json`
      const json = await deps.helpdesk.searchJson(query.q, query.k);
      return c.body(`{"results":${json}}`, 200, { 'Content-Type': 'application/json' });
    }
    const found = await deps.helpdesk.search(query.q, query.k, { debug });
    const results: SearchResult[] = found.slice(0, query.k).map((r) => (debug ? r : withoutDebug(r)));
    return c.json({ results });
  });
  return app;
}

function withoutDebug({ debug: _debug, ...result }: SearchResult): SearchResult {
  return result;
}
