import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { HelpdeskError } from '../../errors.js';
import { isAdminAuthorized } from '../../ops/admin-token.js';
import type { Config } from '../../config.js';
import { jsonError } from '../errors.js';
import { readJsonBody } from '../request-body.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { adminActor, isOwnOrigin, SESSION_COOKIE, SESSION_COOKIE_PATH, SESSION_PATH } from './auth.js';
import type { AdminSessions } from './sessions.js';

/** Body of `POST /api/admin/session`. */
export const SignInBody = z.strictObject({
  token: z.string().min(1).max(1000),
  /** Shown in the document history as the one who made a change. */
  name: z.string().trim().min(1).max(100),
});

/** The console's sign-in routes as validated and published (`/openapi.json`). */
export const sessionRouteSpecs = {
  signIn: {
    method: 'post',
    path: SESSION_PATH,
    operationId: 'adminSignIn',
    summary: 'Log ind i konsollen',
    description:
      'Bytter admin-tokenet til en session-cookie (HttpOnly, SameSite=Strict, Secure over https, Path=/api/admin), der udløber efter `ADMIN_SESSION_HOURS`. Kun JSON fra tjenestens egen Origin.',
    body: SignInBody,
    responses: {
      200: {
        description: 'Logget ind; cookien er sat.',
        json: z.object({ name: z.string(), expiresAt: z.string() }),
      },
    },
    errors: [400, 401, 403, 404, 415],
  },
  session: {
    method: 'get',
    path: SESSION_PATH,
    operationId: 'adminSession',
    summary: 'Hvem er logget ind',
    responses: {
      200: {
        description: 'Navn og udløb.',
        json: z.object({ name: z.string(), via: z.enum(['token', 'session']), expiresAt: z.string().optional() }),
      },
    },
    errors: [401, 404],
  },
  signOut: {
    method: 'delete',
    path: SESSION_PATH,
    operationId: 'adminSignOut',
    summary: 'Log ud',
    responses: { 204: { description: 'Sessionen er tilbagekaldt og cookien slettet.' } },
    errors: [403, 404],
  },
} as const satisfies Record<string, RouteSpec>;

/**
 * `POST /api/admin/session` (the admin token and a name → an HttpOnly, SameSite=Strict session
 * cookie, Secure over https), `GET` (who is signed in) and `DELETE` (sign out: the session is
 * revoked and the cookie cleared). Sign-in takes only JSON from the service's own origin.
 */
export function sessionRoutes(config: Config, sessions: AdminSessions): Hono {
  const app = new Hono();
  const sameOrigin = (c: Parameters<typeof isOwnOrigin>[0]) => {
    const origin = c.req.header('origin');
    if (origin !== undefined && !isOwnOrigin(c, origin, config.PUBLIC_BASE_URL)) {
      throw new HelpdeskError('forbidden', 'Login skal ske fra konsollens egen side.');
    }
  };

  mountRoute(app, sessionRouteSpecs.signIn, async (c) => {
    sameOrigin(c);
    // the spec's schema with the console's own message (it shows it under the form)
    const parsed = sessionRouteSpecs.signIn.body.safeParse(await readJsonBody(c));
    if (!parsed.success) {
      throw new HelpdeskError('validation_failed', 'Skriv både admin-token og dit navn.', {
        details: { fields: parsed.error.issues.map((issue) => issue.path.join('.')) },
      });
    }
    if (!config.ADMIN_TOKEN || !(await isAdminAuthorized(`Bearer ${parsed.data.token}`, config.ADMIN_TOKEN))) {
      return jsonError(c, 'unauthorized', 'Forkert admin-token.');
    }
    const { session, value } = await sessions.create(parsed.data.name);
    setSessionCookie(c, config, value);
    return c.json({ name: session.name, expiresAt: new Date(session.expiresAt).toISOString() });
  });

  mountRoute(app, sessionRouteSpecs.session, async (c) => {
    const actor = config.ADMIN_TOKEN ? await adminActor(c, config.ADMIN_TOKEN, sessions) : undefined;
    if (!actor) return jsonError(c, 'unauthorized', 'Du er ikke logget ind.');
    return c.json({
      name: actor.name,
      via: actor.via,
      ...(actor.session ? { expiresAt: new Date(actor.session.expiresAt).toISOString() } : {}),
    });
  });

  mountRoute(app, sessionRouteSpecs.signOut, async (c) => {
    sameOrigin(c);
    const session = await sessions.verify(getCookie(c, SESSION_COOKIE));
    if (session) await sessions.revoke(session);
    deleteCookie(c, SESSION_COOKIE, {
      path: SESSION_COOKIE_PATH,
      httpOnly: true,
      sameSite: 'Strict',
      secure: isHttps(c.req.url, config),
    });
    return c.body(null, 204);
  });

  return app;
}

/** Sets the console's session cookie (HttpOnly, SameSite=Strict, `/api/admin` only, Secure over https). */
export function setSessionCookie(c: Context, config: Config, value: string): void {
  setCookie(c, SESSION_COOKIE, value, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: isHttps(c.req.url, config),
    path: SESSION_COOKIE_PATH,
    maxAge: Math.floor(config.ADMIN_SESSION_HOURS * 3600),
  });
}

/** True when the console is reached over https (the request itself, or the configured public URL). */
export function isHttps(url: string, config: Config): boolean {
  return url.startsWith('https://') || (config.PUBLIC_BASE_URL?.startsWith('https://') ?? false);
}
