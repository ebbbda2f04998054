import type { MiddlewareHandler } from 'hono';

/** Sets headers every response carries: no MIME sniffing, no referrer. */
export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    c.res.headers.set('X-Content-Type-Options', 'nosniff');
    c.res.headers.set('Referrer-Policy', 'no-referrer');
  };
}
