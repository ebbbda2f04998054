import { Hono, type MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { DEFAULT_SITE, type Site, siteTexts } from '../answer/site.js';
import { HelpdeskError } from '../errors.js';
import { MAX_PERIOD_DAYS, since } from '../ops/duration.js';
import { createEscalationNotifier } from '../ops/escalation-notifier.js';
import { buildCoverageReport } from '../ops/report.js';
import { renderReportCsv, renderReportMarkdown } from '../ops/report-render.js';
import { purgeExpired } from '../ops/retention.js';
import { Escalation, EscalationInput, EscalationStatus, Feedback, FeedbackInput, type Store } from '../store/store.js';
import { adminGate, isSignInPath } from './admin/auth.js';
import { citedPassages } from './admin/cited-passages.js';
import type { AdminSessions } from './admin/sessions.js';
import type { AppDeps } from './deps.js';
import { errorResponse, jsonError } from './errors.js';
import { allowedOrigin } from './middleware/allowed-origin.js';
import { rateLimit } from './rate-limit.js';
import { parseJsonBody, requireJsonBody } from './request-body.js';
import { mountRoute, type RouteSpec } from './route-spec.js';
import { parseOrThrow } from './validation.js';

/** The channels a public client may name: Slack and Teams cases come only from those integrations. */
const PublicChannel = z.enum(['web', 'api']);
const CHANNEL_REF_RESERVED = 'channelRef sættes kun af Slack- og Teams-integrationerne';

/** Body of `POST /api/feedback`: the store's input with a public channel. */
const PublicFeedback = FeedbackInput.extend({ channel: PublicChannel.default('web') });

/** Body of `POST /api/escalations`: the store's input with a public channel and no `channelRef`. */
const PublicEscalation = EscalationInput.extend({
  channel: PublicChannel.default('web'),
  channelRef: z.never({ error: CHANNEL_REF_RESERVED }).optional(),
});

/** Body of `PATCH /api/admin/escalations/:id`: at least one field. */
const EscalationPatchBody = z
  .strictObject({
    status: EscalationStatus.optional(),
    assignee: z.string().trim().min(1).max(200).optional(),
    answer: z.string().trim().min(1).max(20_000).optional(),
    notes: z.string().max(5000).optional(),
  })
  .refine((v) => Object.keys(v).length > 0, { message: 'angiv mindst ét af status, assignee, answer, notes' });

const ListQuery = z.object({
  status: EscalationStatus.optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

const FeedbackQuery = z.object({
  rating: z.enum(['up', 'down']).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  since: z.string().optional(),
});

const ReportQuery = z.object({
  format: z.enum(['md', 'csv', 'json']).default('json'),
  since: z.string().default('30d'),
});

const PurgeBody = z.strictObject({
  email: z.email().optional(),
  retentionDays: z.number().int().positive().max(MAX_PERIOD_DAYS).optional(),
});

/** A JSON object the description does not detail (counts, reports). */
const AnyObject = z.object({}).loose();

/** Errors of the public writes: bad body, foreign origin, too large, not JSON, budget spent, no store, disk full. */
const WRITE_ERRORS = [400, 403, 413, 415, 429, 500, 503, 507] as const;
/** Errors of the admin API: bad request, no token, no `ADMIN_TOKEN` (404), budget spent, no store. */
const ADMIN_ERRORS = [400, 401, 404, 429, 500, 503] as const;
const ADMIN_AUTH =
  'Kræver `Authorization: Bearer $ADMIN_TOKEN` eller konsollens login-cookie. 404 når `ADMIN_TOKEN` ikke er sat.';

/** The routes of this module as validated and published (`/openapi.json`). */
export const opsRouteSpecs = {
  feedback: {
    method: 'post',
    path: '/api/feedback',
    operationId: 'addFeedback',
    summary: 'Giv feedback på et svar',
    body: PublicFeedback,
    responses: { 201: { description: 'Gemt.', json: z.object({ id: z.string() }) } },
    errors: WRITE_ERRORS,
  },
  escalation: {
    method: 'post',
    path: '/api/escalations',
    operationId: 'createEscalation',
    summary: 'Bed om en rådgiver',
    body: PublicEscalation,
    responses: {
      201: {
        description: 'Sagen er oprettet; `message` er bekræftelsen til brugeren.',
        json: z.object({ id: z.string(), reference: z.string(), status: EscalationStatus, message: z.string() }),
      },
    },
    errors: WRITE_ERRORS,
  },
  reindex: {
    method: 'post',
    path: '/api/admin/reindex',
    operationId: 'adminReindex',
    summary: 'Genindekser korpusset nu',
    description: ADMIN_AUTH,
    responses: {
      200: {
        description: 'Hvad genindekseringen ændrede.',
        json: z.object({
          added: z.number(),
          changed: z.number(),
          removed: z.number(),
          chunks: z.number(),
          ms: z.number(),
        }),
      },
    },
    errors: [...ADMIN_ERRORS, 501],
  },
  listEscalations: {
    method: 'get',
    path: '/api/admin/escalations',
    operationId: 'adminListEscalations',
    summary: 'Henvendelser, nyeste først',
    description: ADMIN_AUTH,
    query: ListQuery,
    responses: { 200: { description: 'Henvendelserne.', json: z.object({ escalations: z.array(Escalation) }) } },
    errors: ADMIN_ERRORS,
  },
  getEscalation: {
    method: 'get',
    path: '/api/admin/escalations/:id',
    operationId: 'adminGetEscalation',
    summary: 'Én henvendelse',
    description: ADMIN_AUTH,
    responses: {
      200: {
        description:
          "Henvendelsen med de passager, det eskalerede svar citerede (slået op i det nuværende indeks); `missing` er id'er, der ikke længere findes.",
        json: z.object({
          escalation: Escalation,
          passages: z.array(
            z.object({
              chunkId: z.string(),
              docId: z.string(),
              title: z.string(),
              section: z.string(),
              text: z.string(),
              url: z.string(),
            }),
          ),
          missing: z.array(z.string()),
        }),
      },
    },
    errors: ADMIN_ERRORS,
  },
  patchEscalation: {
    method: 'patch',
    path: '/api/admin/escalations/:id',
    operationId: 'adminUpdateEscalation',
    summary: 'Tildel, besvar eller luk en henvendelse',
    description: ADMIN_AUTH,
    body: EscalationPatchBody,
    responses: { 200: { description: 'Henvendelsen efter ændringen.', json: z.object({ escalation: Escalation }) } },
    errors: ADMIN_ERRORS,
  },
  listFeedback: {
    method: 'get',
    path: '/api/admin/feedback',
    operationId: 'adminListFeedback',
    summary: 'Feedback, nyeste først',
    description: ADMIN_AUTH,
    query: FeedbackQuery,
    responses: { 200: { description: 'Feedbacken.', json: z.object({ feedback: z.array(Feedback) }) } },
    errors: ADMIN_ERRORS,
  },
  stats: {
    method: 'get',
    path: '/api/admin/stats',
    operationId: 'adminStats',
    summary: 'Tal for spørgsmål, feedback og henvendelser',
    description: ADMIN_AUTH,
    responses: { 200: { description: 'Optællingerne.', json: AnyObject } },
    errors: ADMIN_ERRORS,
  },
  report: {
    method: 'get',
    path: '/api/admin/report',
    operationId: 'adminReport',
    summary: 'Dækningsrapport',
    description: ADMIN_AUTH,
    query: ReportQuery,
    responses: {
      200: {
        description: 'Rapporten som JSON, CSV eller Markdown (`format`).',
        json: AnyObject,
        other: { 'text/csv': { type: 'string' }, 'text/markdown': { type: 'string' } },
      },
    },
    errors: ADMIN_ERRORS,
  },
  purge: {
    method: 'post',
    path: '/api/admin/purge',
    operationId: 'adminPurge',
    summary: 'Slet persondata for en e-mail, eller alt ældre end opbevaringstiden',
    description: ADMIN_AUTH,
    body: PurgeBody,
    responses: { 200: { description: 'Hvad der blev slettet.', json: AnyObject } },
    errors: ADMIN_ERRORS,
  },
} as const satisfies Record<string, RouteSpec>;

/** The Danish confirmation shown to someone who asked for a human, naming the site's adviser and team (`site.yaml`). */
function escalationConfirmation(e: Escalation, site: Site): string {
  const ref = e.reference;
  const { advisor, team } = siteTexts(site, 'da');
  const Advisor = advisor.charAt(0).toUpperCase() + advisor.slice(1);
  if (e.email) {
    return `Tak for din henvendelse. ${Advisor} vender tilbage til dig på ${e.email} hurtigst muligt. Sagsnummer: ${ref}.`;
  }
  if (e.channelRef && (e.channel === 'slack' || e.channel === 'teams')) {
    const where = e.channel === 'slack' ? 'Slack' : 'Teams';
    return `Tak for din henvendelse. ${Advisor} svarer dig her i ${where} hurtigst muligt. Sagsnummer: ${ref}.`;
  }
  return `Tak for din henvendelse. Den er sendt til ${team} (sagsnummer ${ref}). Skriv din e-mail, hvis du vil have et svar direkte.`;
}

/**
 * Feedback, escalations and the admin API (`/api/admin/*`, bearer token),
 * mounted at the root of the app. Routes that need the store answer 503 when
 * `deps.store` is absent; admin routes answer 404 when no `ADMIN_TOKEN` is set. `sessions` are the
 * console's sign-ins, accepted beside the bearer token.
 */
export function opsRoutes(deps: AppDeps, sessions?: AdminSessions): Hono {
  const { config, logger } = deps;
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  const waitUntil =
    deps.waitUntil ??
    ((promise: Promise<unknown>) => {
      void promise;
    });
  const notify = config.ESCALATION_WEBHOOK_URL
    ? createEscalationNotifier({
        url: config.ESCALATION_WEBHOOK_URL,
        kind: config.ESCALATION_WEBHOOK_KIND,
        logger,
        ...(deps.fetch ? { fetch: deps.fetch } : {}),
        ...(config.PUBLIC_BASE_URL ? { publicBaseUrl: config.PUBLIC_BASE_URL } : {}),
        ...(deps.site ? { site: deps.site } : {}),
      })
    : undefined;

  // Errors thrown here reach the app's one handler (http/errors.ts): a failing store (full disk,
  // damaged file) is 503/507 there, never 500.
  const requireStore: MiddlewareHandler = async (c, next) => {
    if (!deps.store) return errorResponse(c, new HelpdeskError('store_unavailable', ''));
    return next();
  };
  const store = (): Store => deps.store!;

  const limiter = rateLimit({
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    proxyHops: config.TRUST_PROXY_HOPS,
    ...(deps.now ? { now: () => now().getTime() } : {}),
    // createApp passes the budget of ask and search: one per client across the public routes
    ...(deps.rateLimiter ? { limiter: deps.rateLimiter } : {}),
  });
  app.use('/api/feedback', limiter);
  app.use('/api/escalations', limiter);

  // Public writes: JSON only (a form on any site cannot post it), from an allowed origin, and
  // never posing as a Slack or Teams conversation.
  const publicWrite: MiddlewareHandler = allowedOrigin(config.CORS_ORIGINS, config.PUBLIC_BASE_URL);
  const jsonOnly: MiddlewareHandler = async (c, next) => {
    requireJsonBody(c);
    return next();
  };
  mountRoute(app, opsRouteSpecs.feedback, publicWrite, jsonOnly, requireStore, async (c) => {
    const input = parseOrThrow(opsRouteSpecs.feedback.body, await parseJsonBody(c), 'feedback');
    const saved = await store().addFeedback(input);
    return c.json({ id: saved.id }, 201);
  });

  mountRoute(app, opsRouteSpecs.escalation, publicWrite, jsonOnly, requireStore, async (c) => {
    const input = parseOrThrow(opsRouteSpecs.escalation.body, await parseJsonBody(c), 'henvendelse');
    const escalation = await store().createEscalation(input);
    if (notify) waitUntil(notify(escalation));
    return c.json(
      {
        id: escalation.id,
        reference: escalation.reference,
        status: escalation.status,
        message: escalationConfirmation(escalation, deps.site?.() ?? DEFAULT_SITE),
      },
      201,
    );
  });

  // Admin calls count against the same per-client budget as the public routes: guessing the token is
  // as slow as asking, and no client gets a second budget by mixing the two.
  const adminLimiter = rateLimit({
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    proxyHops: config.TRUST_PROXY_HOPS,
    ...(deps.now ? { now: () => now().getTime() } : {}),
    ...(deps.rateLimiter ? { limiter: deps.rateLimiter } : {}),
  });
  app.use('/api/admin/*', async (c, next) => {
    if (!config.ADMIN_TOKEN) return jsonError(c, 'not_found', 'Siden findes ikke.');
    return adminLimiter(c, next);
  });
  // a bearer token or a console session; cookie writes only from the console's own origin, as JSON
  app.use(
    '/api/admin/*',
    adminGate({ adminToken: config.ADMIN_TOKEN, sessions, publicBaseUrl: config.PUBLIC_BASE_URL }),
  );

  mountRoute(app, opsRouteSpecs.reindex, async (c) => {
    if (!deps.reindex) {
      return jsonError(c, 'not_implemented', 'Genindeksering på forespørgsel er ikke mulig i dette miljø.');
    }
    return c.json(await deps.reindex());
  });

  app.use('/api/admin/*', (c, next) => (isSignInPath(c.req.path) ? next() : requireStore(c, next)));

  mountRoute(app, opsRouteSpecs.listEscalations, async (c) => {
    const q = parseOrThrow(opsRouteSpecs.listEscalations.query, c.req.query(), 'forespørgsel');
    const escalations = await store().listEscalations({ ...(q.status ? { status: q.status } : {}), limit: q.limit });
    return c.json({ escalations });
  });

  mountRoute(app, opsRouteSpecs.getEscalation, async (c) => {
    const escalation = await store().getEscalation(c.req.param('id'));
    if (!escalation) return jsonError(c, 'not_found', 'Sagen findes ikke.');
    // the passages the escalated answer gave, for the adviser; none while the index is not ready
    let cited: Awaited<ReturnType<typeof citedPassages>> = { passages: [], missing: escalation.citedChunkIds ?? [] };
    try {
      cited = await citedPassages(deps.helpdesk, escalation.citedChunkIds ?? []);
    } catch (error) {
      if (!HelpdeskError.isInstance(error) || error.code !== 'index_not_ready') throw error;
    }
    return c.json({ escalation, ...cited });
  });

  mountRoute(app, opsRouteSpecs.patchEscalation, async (c) => {
    const patch = parseOrThrow(opsRouteSpecs.patchEscalation.body, await parseJsonBody(c), 'ændring');
    const escalation = await store().updateEscalation(c.req.param('id'), patch);
    if (!escalation) return jsonError(c, 'not_found', 'Sagen findes ikke.');
    return c.json({ escalation });
  });

  mountRoute(app, opsRouteSpecs.listFeedback, async (c) => {
    const q = parseOrThrow(opsRouteSpecs.listFeedback.query, c.req.query(), 'forespørgsel');
    const feedback = await store().listFeedback({
      ...(q.rating ? { rating: q.rating } : {}),
      ...(q.since ? { since: since(q.since, now()) } : {}),
      limit: q.limit,
    });
    return c.json({ feedback });
  });

  mountRoute(app, opsRouteSpecs.stats, async (c) => c.json(await store().stats()));

  mountRoute(app, opsRouteSpecs.report, async (c) => {
    const q = parseOrThrow(opsRouteSpecs.report.query, c.req.query(), 'forespørgsel');
    const at = now();
    const report = await buildCoverageReport(store(), { since: since(q.since, at), now: at });
    if (q.format === 'json') return c.json(report);
    if (q.format === 'csv') {
      c.header('Content-Disposition', `attachment; filename="daekningsrapport-${at.toISOString().slice(0, 10)}.csv"`);
      return c.body(renderReportCsv(report), 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    }
    return c.body(renderReportMarkdown(report, siteTexts(deps.site?.() ?? DEFAULT_SITE, 'da').name), 200, {
      'Content-Type': 'text/markdown; charset=utf-8',
    });
  });

  mountRoute(app, opsRouteSpecs.purge, async (c) => {
    const body = parseOrThrow(opsRouteSpecs.purge.body, await parseJsonBody(c, { allowEmpty: true }), 'sletning');
    if (body.email) {
      const deleted = await store().deleteByEmail(body.email);
      logger.info('personal data deleted by e-mail', { event: 'store.personal_data_deleted', ...deleted });
      return c.json({
        escalationsDeleted: deleted.escalations,
        questionsDeleted: deleted.questions,
        feedbackDeleted: deleted.feedback,
      });
    }
    const retentionDays = body.retentionDays ?? config.RETENTION_DAYS;
    const removed = await purgeExpired(store(), retentionDays, now());
    logger.info('retention purge on demand', { event: 'store.retention_purged', retentionDays, ...removed });
    return c.json({ retentionDays, ...removed });
  });

  return app;
}
