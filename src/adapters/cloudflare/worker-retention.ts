import { loadConfig } from '../../config.js';
import { purgeExpired } from '../../ops/retention.js';
import { SqlStore } from '../../store/sql-store.js';
import type { PurgeResult } from '../../store/store.js';
import type { WorkerEnv } from './bindings.js';
import { d1Database } from './d1-database.js';
import { createWorkerLogger } from './worker-logger.js';
import { stringVars } from './worker-settings.js';

/**
 * The retention purge of a Worker (its `scheduled` handler, run by the `[triggers]` cron): deletes
 * questions, feedback and escalations older than `RETENTION_DAYS` before `now` from D1. Undefined
 * when no `DB` is bound (nothing is stored then). A failure is logged and thrown, so Cloudflare
 * records the run as failed.
 */
export async function runWorkerRetention(env: WorkerEnv, now: Date): Promise<PurgeResult | undefined> {
  const config = loadConfig(stringVars(env));
  const logger = createWorkerLogger(config.LOG_LEVEL);
  if (!env.DB) {
    logger.warn('Retention purge skipped: no D1 binding (DB)', { event: 'retention.skipped' });
    return undefined;
  }
  try {
    const store = await SqlStore.open(d1Database(env.DB));
    const removed = await purgeExpired(store, config.RETENTION_DAYS, now);
    logger.info('retention purge', { event: 'retention.purged', retentionDays: config.RETENTION_DAYS, ...removed });
    return removed;
  } catch (error) {
    logger.error('retention purge failed', {
      event: 'retention.failed',
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
