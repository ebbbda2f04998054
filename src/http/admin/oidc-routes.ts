import { type Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import type { Config } from '../../config.js';
import type { AppDeps } from '../deps.js';
import { mountRoute, type RouteSpec } from '../route-spec.js';
import { OIDC_PATH } from './auth.js';
import { OidcClient, type OidcFailure, type OidcTransaction, oidcFailureOf } from './oidc.js';
import type { AdminSessions } from './sessions.js';
import { isHttps, setSessionCookie } from './session-routes.js';

/** The cookie carrying one sign-in's state, nonce and PKCE verifier from the redirect to the callback. */
export const OIDC_COOKIE = 'helpdesk_oidc';
/** How long a sign-in at the provider may take before the callback is refused (seconds). */
export const OIDC_TRANSACTION_SECONDS = 600;
/** Where the provider sends the browser back (below `OIDC_PATH`, so the gate lets it through). */
export const OIDC_CALLBACK_PATH = `${OIDC_PATH}/callback`;
export const OIDC_LOGIN_PATH = `${OIDC_PATH}/login`;

/** What the console is told after a failed sign-in (`/admin?sso=<outcome>`); it shows a Danish text for each. */
export type SsoOutcome = 'expired' | 'cancelled' | 'denied' | 'failed' | 'unavailable';

const OUTCOME: Record<OidcFailure, SsoOutcome> = {
  expired: 'expired',
  provider: 'cancelled',
  not_allowed: 'denied',
  state: 'failed',
  exchange: 'failed',
  nonce: 'failed',
  audience: 'failed',
  issuer: 'failed',
  token_expired: 'failed',
  signature: 'failed',
  token: 'failed',
};

const TransactionCookie = z.object({ s: z.string().min(16), n: z.string().min(16), v: z.string().min(43) });

/** The single sign-on routes as published (`/openapi.json`); mounted only when `ADMIN_OIDC_ISSUER` is set. */
export const oidcRouteSpecs = {
  option: {
    method: 'get',
    path: OIDC_PATH,
    operationId: 'adminSsoOption',
    summary: 'Single sign-on på login-siden',
    description: 'Knappens tekst og adresse, når `ADMIN_OIDC_ISSUER` er sat; ellers 404.',
    responses: {
      200: { description: 'Single sign-on er slået til.', json: z.object({ text: z.string(), url: z.string() }) },
    },
    errors: [404],
  },
  login: {
    method: 'get',
    path: OIDC_LOGIN_PATH,
    operationId: 'adminSsoLogin',
    summary: 'Log ind med organisationens login',
    description:
      'Sender browseren (302) til OpenID Connect-udbyderen med PKCE (S256), state og nonce, som gemmes i cookien `helpdesk_oidc` (HttpOnly, SameSite=Lax, Path=/api/admin/oidc, 10 minutter). Kan udbyderen ikke nås: 303 til `/admin?sso=unavailable`.',
    responses: {
      302: { description: 'Videre til udbyderen.' },
      303: { description: 'Tilbage til `/admin?sso=unavailable`.' },
    },
  },
  callback: {
    method: 'get',
    path: OIDC_CALLBACK_PATH,
    operationId: 'adminSsoCallback',
    summary: 'Tilbage fra organisationens login',
    description:
      'Tjekker state, bytter koden (med PKCE-verifieren) og verificerer ID-tokenet (signatur mod JWKS, udsteder, modtager, nonce, udløb) og de tilladte brugere; sætter så session-cookien og sender til `/admin`. Afvist: 303 til `/admin?sso=expired|cancelled|denied|failed|unavailable`, uden cookie.',
    responses: { 303: { description: 'Til `/admin` (logget ind) eller `/admin?sso=…` (afvist).' } },
  },
} as const satisfies Record<string, RouteSpec>;

/** The `ADMIN_OIDC_*` settings as an `OidcClient`'s, or undefined when single sign-on is off. */
export function oidcSettings(config: Config) {
  if (!config.ADMIN_OIDC_ISSUER || !config.ADMIN_OIDC_CLIENT_ID) return undefined;
  return {
    issuer: config.ADMIN_OIDC_ISSUER,
    clientId: config.ADMIN_OIDC_CLIENT_ID,
    ...(config.ADMIN_OIDC_CLIENT_SECRET ? { clientSecret: config.ADMIN_OIDC_CLIENT_SECRET } : {}),
    allowedDomains: config.ADMIN_OIDC_ALLOWED_DOMAINS,
    allowedRoles: config.ADMIN_OIDC_ALLOWED_ROLES,
  };
}

/**
 * Single sign-on to the console with OpenID Connect, when `ADMIN_OIDC_ISSUER` is set:
 * `GET /api/admin/oidc` (the button's text and address, for the sign-in page), `GET …/login`
 * (to the provider, with PKCE, state and nonce in a 10-minute HttpOnly cookie) and `GET …/callback`
 * (checks everything, then sets the same session cookie as the token sign-in and returns to
 * `/admin`; a refusal returns to `/admin?sso=<SsoOutcome>` and is logged with its reason).
 */
export function oidcRoutes(deps: AppDeps, sessions: AdminSessions): Hono {
  const { config, logger } = deps;
  const app = new Hono();
  const settings = oidcSettings(config);
  if (!settings) return app;
  const client = new OidcClient(settings, deps.fetch ?? ((input, init) => fetch(input, init)), deps.now);
  const redirectUri = (c: Context) =>
    config.ADMIN_OIDC_REDIRECT_URL ??
    `${(config.PUBLIC_BASE_URL ?? new URL(c.req.url).origin).replace(/\/+$/, '')}${OIDC_CALLBACK_PATH}`;
  const cookieOptions = (c: Context) => ({
    httpOnly: true,
    // Lax, not Strict: the callback is a top-level navigation from the provider's site
    sameSite: 'Lax' as const,
    secure: isHttps(c.req.url, config),
    path: OIDC_PATH,
  });
  const back = (c: Context, outcome?: SsoOutcome) => c.redirect(outcome ? `/admin?sso=${outcome}` : '/admin', 303);

  mountRoute(app, oidcRouteSpecs.option, (c) => c.json({ text: config.ADMIN_OIDC_BUTTON_TEXT, url: OIDC_LOGIN_PATH }));

  mountRoute(app, oidcRouteSpecs.login, async (c) => {
    const transaction = OidcClient.newTransaction();
    let location: string;
    try {
      location = await client.authorizationUrl(transaction, redirectUri(c));
    } catch (error) {
      logger.error('console single sign-on unavailable', {
        event: 'console.sso_unavailable',
        error: error instanceof Error ? error.message : String(error),
      });
      return back(c, 'unavailable');
    }
    const value = btoa(JSON.stringify({ s: transaction.state, n: transaction.nonce, v: transaction.verifier }));
    setCookie(c, OIDC_COOKIE, value, { ...cookieOptions(c), maxAge: OIDC_TRANSACTION_SECONDS });
    c.header('Cache-Control', 'no-store');
    return c.redirect(location, 302);
  });

  mountRoute(app, oidcRouteSpecs.callback, async (c) => {
    c.header('Cache-Control', 'no-store');
    const transaction = readTransaction(getCookie(c, OIDC_COOKIE));
    // one attempt per transaction: the cookie goes whatever happens next
    deleteCookie(c, OIDC_COOKIE, cookieOptions(c));
    if (!transaction) {
      logger.warn('console single sign-on refused', { event: 'console.sso_refused', reason: 'expired' });
      return back(c, 'expired');
    }
    try {
      const user = await client.signIn(c.req.query(), transaction, redirectUri(c));
      const { value } = await sessions.create(user.name);
      setSessionCookie(c, config, value);
      logger.info('console single sign-on', { event: 'console.sso_signed_in', subject: user.subject });
      return back(c);
    } catch (error) {
      const reason = oidcFailureOf(error);
      const message = error instanceof Error ? error.message : String(error);
      if (!reason) {
        logger.error('console single sign-on unavailable', { event: 'console.sso_unavailable', error: message });
        return back(c, 'unavailable');
      }
      logger.warn('console single sign-on refused', { event: 'console.sso_refused', reason, message });
      return back(c, OUTCOME[reason]);
    }
  });

  return app;
}

/** The transaction a callback's cookie carries, or undefined when it is missing, expired or not one. */
function readTransaction(value: string | undefined): OidcTransaction | undefined {
  if (!value) return undefined;
  try {
    const parsed = TransactionCookie.safeParse(JSON.parse(atob(value)));
    return parsed.success ? { state: parsed.data.s, nonce: parsed.data.n, verifier: parsed.data.v } : undefined;
  } catch {
    return undefined;
  }
}
