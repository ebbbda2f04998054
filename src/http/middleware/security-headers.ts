import type { MiddlewareHandler } from 'hono';

/** Content-Security-Policy of responses that set none themselves (JSON, errors): nothing may load or frame them. */
export const API_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** HSTS sent when the public base URL is https: one year, subdomains not included (they may be other services). */
export const HSTS = 'max-age=31536000';

export interface SecurityHeadersOptions {
  /** Send `Strict-Transport-Security` (only when the service is reached over https). */
  hsts?: boolean;
}

/**
 * Sets headers every response carries: no MIME sniffing, no referrer, no cross-origin window
 * access, and a deny-all CSP unless the route set its own (the viewer and full-page chat do).
 */
export function securityHeaders(options: SecurityHeadersOptions = {}): MiddlewareHandler {
  return async (c, next) => {
    await next();
    const h = c.res.headers;
    h.set('X-Content-Type-Options', 'nosniff');
    h.set('Referrer-Policy', 'no-referrer');
    if (!h.has('Content-Security-Policy')) h.set('Content-Security-Policy', API_CSP);
    if (!h.has('Cross-Origin-Opener-Policy')) h.set('Cross-Origin-Opener-Policy', 'same-origin');
    if (options.hsts) h.set('Strict-Transport-Security', HSTS);
  };
}
