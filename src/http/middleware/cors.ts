import type { MiddlewareHandler } from 'hono';
import { cors } from 'hono/cors';

/** CORS settings of the API (those of hono's `cors` that the API uses). */
export interface ApiCorsOptions {
  /** `'*'` or the allowed origins. */
  origin: '*' | string[];
  allowMethods: string[];
  allowHeaders: string[];
  exposeHeaders: string[];
  /** Seconds a browser may cache a preflight answer. */
  maxAge: number;
}

/**
 * CORS for the API: preflights (`OPTIONS`) are answered by hono's `cors`; other requests get the
 * same headers as it would give them (allowed origin, exposed headers, `Vary: Origin` for a list of
 * origins), set through `c.header` before the handler runs instead of on a placeholder response.
 * That keeps the handler's own response (`c.json`) the one sent, which `@hono/node-server` writes
 * directly; a placeholder made every API response be rebuilt and streamed (~10 % of a search).
 */
export function apiCors(options: ApiCorsOptions): MiddlewareHandler {
  const preflight = cors(options);
  const exposed = options.exposeHeaders.join(',');
  const allowOrigin = (origin: string): string | undefined =>
    options.origin === '*' ? '*' : options.origin.includes(origin) ? origin : undefined;
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = allowOrigin(c.req.header('origin') ?? '');
    if (origin) c.header('Access-Control-Allow-Origin', origin);
    if (exposed) c.header('Access-Control-Expose-Headers', exposed);
    await next();
    if (options.origin !== '*') c.header('Vary', 'Origin', { append: true });
  };
}
