import type { MiddlewareHandler } from 'hono';
import { HelpdeskError } from '../../errors.js';

/**
 * Refuses (403 `forbidden`) a request whose `Origin` header names a site that may not write to the
 * API: when `origins` lists the allowed sites (`CORS_ORIGINS`), only those, the service's own
 * public origin (`publicBaseUrl`) and the request's own host may. A request without `Origin`
 * (a script, a server, curl) passes; with an empty list every origin does (a public API).
 * @param origins the allowed origins, e.g. `https://intranet.kommune.dk`
 * @param publicBaseUrl the service's public base URL, if configured
 */
export function allowedOrigin(origins: readonly string[], publicBaseUrl: string | undefined): MiddlewareHandler {
  const own = originOf(publicBaseUrl);
  return async (c, next) => {
    const origin = c.req.header('origin');
    if (origins.length === 0 || origin === undefined || origins.includes(origin) || origin === own) return next();
    if (hostOf(origin) !== undefined && hostOf(origin) === new URL(c.req.url).host) return next();
    throw new HelpdeskError(
      'forbidden',
      'Siden, anmodningen kommer fra, må ikke skrive til help desken. Er det en af jeres egne sider, så tilføj dens origin til CORS_ORIGINS.',
    );
  };
}

function originOf(url: string | undefined): string | undefined {
  try {
    return url ? new URL(url).origin : undefined;
  } catch {
    return undefined;
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
