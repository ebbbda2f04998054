import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { DEFAULT_SITE, siteTexts } from '../answer/site.js';
import { isAdminUploadPath } from './admin/document-routes.js';
import { adminRouteSpecs, adminRoutes } from './admin/routes.js';
import { adminSessions } from './admin/sessions.js';
import type { AppDeps } from './deps.js';
import { errorHandler, jsonError } from './errors.js';
import { compress } from './middleware/compress.js';
import { apiCors } from './middleware/cors.js';
import { requestTimeout } from './middleware/request-timeout.js';
import { securityHeaders } from './middleware/security-headers.js';
import { openApiDocument, routePlaceholders } from './openapi.js';
import { opsRouteSpecs, opsRoutes } from './ops-routes.js';
import { memoryRateLimiter, rateLimit } from './rate-limit.js';
import { mountRoute, type RouteSpec } from './route-spec.js';
import { askRoute, askRoutes } from './routes/ask.js';
import { docsRoutes, viewDocumentRoute, viewDocumentsRoute, viewDocumentsSlashRoute } from './routes/docs.js';
import { documentRoutes, getDocumentRoute, listDocumentsRoute } from './routes/documents.js';
import { healthRoute, healthRoutes } from './routes/health.js';
import { searchRoute, searchRoutes } from './routes/search.js';
import { chatPageRoute, widgetRoutes, widgetScriptRoute } from './widget-routes.js';
import type {} from './app-env.js';

/** `GET /openapi.json` as published. */
const openApiRoute = {
  method: 'get',
  path: '/openapi.json',
  operationId: 'openApi',
  summary: 'Dette OpenAPI-dokument',
  responses: { 200: { description: 'OpenAPI 3.1.', other: { 'application/json': { type: 'object' } } } },
} as const satisfies RouteSpec;

/**
 * The routes `/openapi.json` describes from their specs, the console's included; the Slack and Teams
 * webhooks (modules above `http/`) are only listed.
 */
export const DESCRIBED_ROUTES: readonly RouteSpec[] = [
  healthRoute,
  askRoute,
  searchRoute,
  listDocumentsRoute,
  getDocumentRoute,
  viewDocumentsRoute,
  viewDocumentsSlashRoute,
  viewDocumentRoute,
  openApiRoute,
  widgetScriptRoute,
  chatPageRoute,
  ...Object.values(opsRouteSpecs),
  ...adminRouteSpecs,
];

/**
 * The whole HTTP API of opi-helpdesk (contract in docs/design.md) as a Hono app; runtime-free.
 * `modules` are route sets built beside the app that sit above `http/` (the Slack and Teams
 * channels: `channelRoutes`); they are mounted at the root, behind the app's middleware and
 * error handler, and listed in `/openapi.json`. `runtime/` composes them.
 */
export function createApp(deps: AppDeps, modules: readonly Hono[] = []): Hono {
  const { config } = deps;
  const app = new Hono();

  app.use(requestId());
  if (deps.encoders?.length) app.use(compress({ encoders: deps.encoders }));
  app.use(securityHeaders({ hsts: config.PUBLIC_BASE_URL?.startsWith('https://') ?? false }));
  app.use(
    '/api/*',
    apiCors({
      origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : '*',
      allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
      allowHeaders: ['Content-Type', 'Accept', 'Authorization', 'X-Helpdesk-Channel'],
      exposeHeaders: ['X-Request-Id', 'Retry-After'],
      maxAge: 600,
    }),
  );
  app.use(requestTimeout(config.REQUEST_TIMEOUT_MS));

  // One budget per client across the public routes: ask, search, feedback and escalations.
  const rateLimiter =
    deps.rateLimiter ??
    memoryRateLimiter({
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      ...(deps.now ? { now: () => deps.now!().getTime() } : {}),
    });
  const limited = rateLimit({
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    proxyHops: config.TRUST_PROXY_HOPS,
    limiter: rateLimiter,
  });
  app.post('/api/ask', limited);
  app.get('/api/search', limited);
  const limitBody = bodyLimit({
    maxSize: config.MAX_BODY_BYTES,
    onError: (c) =>
      jsonError(
        c,
        'payload_too_large',
        `Anmodningens indhold er større end ${config.MAX_BODY_BYTES} bytes. Send et kortere spørgsmål eller en kortere historik.`,
      ),
  });
  // GET and HEAD carry no body; asking for one would build a full fetch Request for every search
  // console uploads (documents, imports) have their own, larger limit after the admin gate
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' || c.req.method === 'HEAD' || isAdminUploadPath(c.req.path) ? next() : limitBody(c, next),
  );

  app.route('/', healthRoutes(deps));
  app.route('/', askRoutes(deps));
  app.route('/', searchRoutes(deps));
  app.route('/', documentRoutes(deps));
  app.route('/', docsRoutes(deps));
  let openApi: Record<string, unknown> | undefined;
  mountRoute(app, openApiRoute, (c) => {
    // Built on first use, when every module's routes are registered: each is listed, described or not.
    openApi ??= openApiDocument(DESCRIBED_ROUTES, {
      extraPaths: routePlaceholders(app.routes),
      serverUrl: config.PUBLIC_BASE_URL,
      site: siteTexts(deps.site?.() ?? DEFAULT_SITE),
    });
    return c.json(openApi);
  });
  const sessions = config.ADMIN_TOKEN
    ? adminSessions({
        adminToken: config.ADMIN_TOKEN,
        ttlMs: config.ADMIN_SESSION_HOURS * 3_600_000,
        ...(deps.store ? { revoked: deps.store } : {}),
        ...(deps.now ? { now: () => deps.now!().getTime() } : {}),
      })
    : undefined;
  app.route('/', opsRoutes({ ...deps, rateLimiter }, sessions));
  if (sessions) app.route('/', adminRoutes(deps, sessions));
  for (const module of modules) app.route('/', module);
  app.route('/', widgetRoutes(deps));

  app.notFound((c) =>
    jsonError(c, 'not_found', `Adressen ${c.req.method} ${c.req.path} findes ikke. Se /openapi.json.`),
  );
  app.onError(errorHandler(deps.logger));
  return app;
}
