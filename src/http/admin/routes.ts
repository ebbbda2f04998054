import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import type { RouteSpec } from '../route-spec.js';
import { documentRouteSpecs, documentRoutes } from './document-routes.js';
import { importRouteSpec, importRoutes } from './import-routes.js';
import { oidcRouteSpecs, oidcRoutes } from './oidc-routes.js';
import { pageRouteSpecs, pageRoutes } from './page-routes.js';
import type { AdminSessions } from './sessions.js';
import { sessionRouteSpecs, sessionRoutes } from './session-routes.js';

/** The console's routes as mounted by `adminRoutes`, validated and published (`/openapi.json`) from these specs. */
export const adminRouteSpecs: readonly RouteSpec[] = [
  ...Object.values(sessionRouteSpecs),
  ...Object.values(oidcRouteSpecs),
  ...Object.values(documentRouteSpecs),
  importRouteSpec,
  ...Object.values(pageRouteSpecs),
];

/**
 * The console: its page (`/admin`, `/admin.js`) and API: sign-in (`/api/admin/session`, single sign-on under `/api/admin/oidc`), documents and import. Mounted after
 * `opsRoutes`, whose `/api/admin/*` middleware (404 without `ADMIN_TOKEN`, rate limit, `adminGate`,
 * store) runs before these routes.
 */
export function adminRoutes(deps: AppDeps, sessions: AdminSessions): Hono {
  const app = new Hono();
  app.route('/', sessionRoutes(deps.config, sessions));
  app.route('/', oidcRoutes(deps, sessions));
  app.route('/', documentRoutes(deps));
  app.route('/', importRoutes(deps));
  app.route('/', pageRoutes(deps.assets?.adminJs));
  return app;
}
