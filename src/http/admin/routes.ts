import { Hono } from 'hono';
import type { AppDeps } from '../deps.js';
import { documentRoutes } from './document-routes.js';
import { importRoutes } from './import-routes.js';
import { oidcRoutes } from './oidc-routes.js';
import { pageRoutes } from './page-routes.js';
import type { AdminSessions } from './sessions.js';
import { sessionRoutes } from './session-routes.js';

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
