import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import { HelpdeskError } from '../../errors.js';
import { isAdminAuthorized } from '../../ops/admin-token.js';
import { jsonError } from '../errors.js';
import type { AdminSession, AdminSessions } from './sessions.js';

/** The console's session cookie: HttpOnly, SameSite=Strict, sent only to `/api/admin`. */
export const SESSION_COOKIE = 'helpdesk_admin';
export const SESSION_COOKIE_PATH = '/api/admin';

/** Routes the gate lets through without a token or session (signing in, and asking whether one is signed in). */
export const SESSION_PATH = '/api/admin/session';
/** The single sign-on routes (`oidc-routes.ts`): they make a session, so they too are open. */
export const OIDC_PATH = '/api/admin/oidc';

/** True for the admin paths reached before signing in: `SESSION_PATH` and the single sign-on routes. */
export function isSignInPath(path: string): boolean {
  return path === SESSION_PATH || path === OIDC_PATH || path.startsWith(`${OIDC_PATH}/`);
}

/** How the console's routes are reached, as their published descriptions say it (Danish). */
export const CONSOLE_AUTH =
  'Kræver `Authorization: Bearer $ADMIN_TOKEN` eller konsollens login-cookie (skrivninger med cookien kun fra egen Origin og som JSON/text/markdown). 404 når `ADMIN_TOKEN` ikke er sat.';

/** Who is calling the admin API. */
export interface AdminActor {
  /** The name given at sign-in, or `API-token` for a bearer call (the document history's "who"). */
  name: string;
  via: 'token' | 'session';
  session?: AdminSession;
}

declare module 'hono' {
  interface ContextVariableMap {
    /** Set by `adminGate` on admin routes once the caller is known. */
    adminActor: AdminActor;
  }
}

/** The name the document history gives a bearer-token call. */
export const TOKEN_ACTOR = 'API-token';

/**
 * The caller of an admin route: a bearer token (`Authorization: Bearer <ADMIN_TOKEN>`, compared in
 * constant time) or a console session cookie. A request with an `Authorization` header is judged by
 * it alone. Undefined when neither is valid.
 */
export async function adminActor(
  c: Context,
  adminToken: string,
  sessions: AdminSessions | undefined,
): Promise<AdminActor | undefined> {
  const authorization = c.req.header('authorization');
  if (authorization !== undefined) {
    return (await isAdminAuthorized(authorization, adminToken)) ? { name: TOKEN_ACTOR, via: 'token' } : undefined;
  }
  const session = await sessions?.verify(getCookie(c, SESSION_COOKIE));
  return session ? { name: session.name, via: 'session', session } : undefined;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
/** Body types no cross-site HTML form can send (a form sends only urlencoded, multipart or text/plain). */
const NON_FORM_TYPE = /^(?:application\/(?:[\w.+-]+\+)?json|text\/markdown)\s*(?:;|$)/i;
/** The header the console adds to its multipart upload; a cross-site form cannot set a header. */
export const UPLOAD_HEADER = 'X-Helpdesk-Admin';

/**
 * Refuses a cookie-authenticated write that could come from another site (CSRF): its `Origin` must
 * be the service's own (`PUBLIC_BASE_URL` or the request's host), and its body must be JSON or
 * `text/markdown` — or a multipart upload carrying `X-Helpdesk-Admin`. Reads and bearer calls pass.
 */
export function checkSameSiteWrite(c: Context, publicBaseUrl: string | undefined): void {
  if (SAFE_METHODS.has(c.req.method)) return;
  const origin = c.req.header('origin');
  if (!origin || !isOwnOrigin(c, origin, publicBaseUrl)) {
    throw new HelpdeskError(
      'forbidden',
      'Ændringer med login-cookien skal komme fra konsollens egen side (headeren Origin mangler eller er en anden).',
    );
  }
  const type = c.req.header('content-type') ?? '';
  const hasBody = c.req.method !== 'DELETE' || type !== '';
  if (!hasBody || NON_FORM_TYPE.test(type)) return;
  if (/^multipart\/form-data/i.test(type) && c.req.header(UPLOAD_HEADER) !== undefined) return;
  throw new HelpdeskError(
    'unsupported_media_type',
    'Ændringer med login-cookien skal sendes som application/json (dokumenter som text/markdown).',
  );
}

/** True when `origin` is the service's public origin or the origin the request was sent to. */
export function isOwnOrigin(c: Context, origin: string, publicBaseUrl: string | undefined): boolean {
  const own = new URL(c.req.url);
  if (origin === own.origin) return true;
  const host = c.req.header('host');
  if (host && (origin === `http://${host}` || origin === `https://${host}`)) return true;
  try {
    return publicBaseUrl !== undefined && origin === new URL(publicBaseUrl).origin;
  } catch {
    return false;
  }
}

/**
 * The admin routes' gate (after the 404 when `ADMIN_TOKEN` is unset and the rate limit): 401 with
 * `WWW-Authenticate` unless a bearer token or session is valid, then the CSRF rule for cookie writes
 * (`checkSameSiteWrite`). The sign-in paths pass (`isSignInPath`): they are where a session is made.
 */
export function adminGate(options: {
  adminToken: string | undefined;
  sessions: AdminSessions | undefined;
  publicBaseUrl: string | undefined;
}): MiddlewareHandler {
  return async (c, next) => {
    if (isSignInPath(c.req.path)) return next();
    const actor = options.adminToken ? await adminActor(c, options.adminToken, options.sessions) : undefined;
    if (!actor) {
      c.header('WWW-Authenticate', 'Bearer realm="opi-helpdesk admin"');
      return jsonError(
        c,
        'unauthorized',
        'Admin-API kræver headeren Authorization: Bearer <ADMIN_TOKEN> eller et login i konsollen (/admin).',
      );
    }
    if (actor.via === 'session') checkSameSiteWrite(c, options.publicBaseUrl);
    c.set('adminActor', actor);
    return next();
  };
}
