import type { Hono } from 'hono';
import { loadConfig } from '../../config.js';
import { channelRoutes } from '../../channels/routes.js';
import { createApp } from '../../http/app.js';
import type { AppDeps } from '../../http/deps.js';
import type { Logger } from '../../logger.js';
import { memoryRateLimiter } from '../../http/rate-limit.js';
import { SqlStore } from '../../store/sql-store.js';
import type { Store } from '../../store/store.js';
import { fetchAsset, WORKER_ASSET_FILES } from './asset-index.js';
import type { WorkerEnv } from './bindings.js';
import { d1Database } from './d1-database.js';
import { recordWranglerMigrations } from './d1-migrations.js';
import { PendingWork } from './pending-work.js';
import { bindingRateLimiter } from './rate-limit-binding.js';
import type { VectorFallback, VectorLegHealth } from './vector-fallback.js';
import { createWorkerHelpdesk } from './worker-helpdesk.js';
import { createWorkerLogger } from './worker-logger.js';
import { loadWorkerSettings, resolveIndexMode, stringVars } from './worker-settings.js';

/** The app of one Worker isolate, with the queue of work that outlives its requests. */
export interface WorkerApp {
  app: Hono;
  pending: PendingWork;
  logger: Logger;
  mode: 'bundled' | 'vectorize';
  /** True once the index in D1 was filled again under this isolate: the app is built anew. */
  stale: () => boolean;
}

/**
 * Builds the HTTP app for a Worker env once: configuration from `[vars]`, the
 * help desk over the bundled index (and Vectorize when configured), the D1
 * store when `DB` is bound (migrated on first use), the widget and the console script from ASSETS, and the
 * rate-limiting binding `RATE_LIMITER` when bound (else each isolate counts in memory).
 */
export async function createWorkerApp(env: WorkerEnv): Promise<WorkerApp> {
  const vars = stringVars(env);
  const config = loadConfig(vars);
  const settings = loadWorkerSettings(vars);
  const logger = createWorkerLogger(config.LOG_LEVEL);
  const mode = resolveIndexMode(settings, env);
  const pending = new PendingWork((error) =>
    logger.error('A background task failed', {
      event: 'background.failed',
      error: error instanceof Error ? error.message : String(error),
    }),
  );
  const [{ helpdesk, site, vectorHealth, stale }, store, widgetJs, adminJs] = await Promise.all([
    createWorkerHelpdesk({ env, config, settings, mode, logger }),
    openStore(env),
    env.ASSETS ? fetchAsset(env.ASSETS, WORKER_ASSET_FILES.widget).then((r) => r?.text()) : undefined,
    // the console works on D1 here; its document routes answer 501 (no corpus folder: npm run deploy:index)
    env.ASSETS && config.ADMIN_TOKEN
      ? fetchAsset(env.ASSETS, WORKER_ASSET_FILES.admin).then((r) => r?.text())
      : undefined,
  ]);
  const deps: AppDeps = {
    helpdesk,
    config,
    logger,
    site: () => site,
    ...(store ? { store } : {}),
    assets: { ...(widgetJs ? { widgetJs } : {}), ...(adminJs ? { adminJs } : {}) },
    waitUntil: pending.add,
    ...(vectorHealth ? { indexStatus: () => ({ catchingUp: false, ...vectorFallbackOf(vectorHealth) }) } : {}),
    ...(env.RATE_LIMITER
      ? {
          rateLimiter: bindingRateLimiter(
            env.RATE_LIMITER,
            memoryRateLimiter({ perMinute: config.RATE_LIMIT_PER_MINUTE }),
            logger,
          ),
        }
      : {}),
  };
  const app = createApp(deps, [channelRoutes(deps)]);
  return { app, pending, logger, mode, stale };
}

function vectorFallbackOf(health: VectorLegHealth): { vectorFallback?: VectorFallback } {
  const fallback = health.fallback;
  return fallback ? { vectorFallback: fallback } : {};
}

async function openStore(env: WorkerEnv): Promise<Store | undefined> {
  if (!env.DB) return undefined;
  const db = d1Database(env.DB);
  const store = await SqlStore.open(db);
  // What the Worker migrated counts as applied for `wrangler d1 migrations apply` too.
  await recordWranglerMigrations(db);
  return store;
}
