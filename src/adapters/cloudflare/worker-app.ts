import type { Hono } from 'hono';
import { loadConfig } from '../../config.js';
import { createApp } from '../../http/app.js';
import type { Logger } from '../../http/deps.js';
import { SqlStore } from '../../store/sql-store.js';
import type { Store } from '../../store/store.js';
import { fetchAsset, WORKER_ASSET_FILES } from './asset-index.js';
import type { WorkerEnv } from './bindings.js';
import { d1Database } from './d1-database.js';
import { PendingWork } from './pending-work.js';
import { createWorkerHelpdesk } from './worker-helpdesk.js';
import { createWorkerLogger } from './worker-logger.js';
import { loadWorkerSettings, resolveIndexMode, stringVars } from './worker-settings.js';

/** The app of one Worker isolate, with the queue of work that outlives its requests. */
export interface WorkerApp {
  app: Hono;
  pending: PendingWork;
  logger: Logger;
  mode: 'bundled' | 'vectorize';
}

/**
 * Builds the HTTP app for a Worker env once: configuration from `[vars]`, the
 * help desk over the bundled index (and Vectorize when configured), the D1
 * store when `DB` is bound (migrated on first use), and the widget from ASSETS.
 */
export async function createWorkerApp(env: WorkerEnv): Promise<WorkerApp> {
  const vars = stringVars(env);
  const config = loadConfig(vars);
  const settings = loadWorkerSettings(vars);
  const logger = createWorkerLogger(config.LOG_LEVEL);
  const mode = resolveIndexMode(settings, env);
  const pending = new PendingWork((error) =>
    logger.error('Baggrundsopgave fejlede', { error: error instanceof Error ? error.message : String(error) }),
  );
  const [{ helpdesk, site }, store, widgetJs] = await Promise.all([
    createWorkerHelpdesk({ env, config, settings, mode, logger }),
    openStore(env),
    env.ASSETS ? fetchAsset(env.ASSETS, WORKER_ASSET_FILES.widget).then((r) => r?.text()) : undefined,
  ]);
  const app = createApp({
    helpdesk,
    config,
    logger,
    site: () => site,
    ...(store ? { store } : {}),
    ...(widgetJs ? { assets: { widgetJs } } : {}),
    waitUntil: pending.add,
  });
  return { app, pending, logger, mode };
}

async function openStore(env: WorkerEnv): Promise<Store | undefined> {
  if (!env.DB) return undefined;
  return SqlStore.open(d1Database(env.DB));
}
