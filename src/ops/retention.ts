import type { PurgeResult, Store } from '../store/store.js';

const DAY_MS = 86_400_000;

/** Logging the retention job needs (structurally the app's `Logger`). */
export interface RetentionLogger {
  info(msg: string, data?: Record<string, unknown>): void;
  error(msg: string, data?: Record<string, unknown>): void;
}

/** Deletes what is older than `retentionDays` before `now` (see `Store.purge`). */
export async function purgeExpired(store: Store, retentionDays: number, now: Date = new Date()): Promise<PurgeResult> {
  return store.purge(new Date(now.getTime() - retentionDays * DAY_MS));
}

/**
 * Runs the retention purge now and then every `intervalMs` (default: 6 hours).
 * Failures are logged and retried at the next tick. Returns a function that stops the job.
 */
export function startRetentionJob(
  store: Store,
  retentionDays: number,
  logger: RetentionLogger,
  intervalMs = 6 * 3_600_000,
  now: () => Date = () => new Date(),
): () => void {
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      const removed = await purgeExpired(store, retentionDays, now());
      if (removed.questions + removed.feedback + removed.escalations > 0) {
        logger.info('retention purge', { event: 'retention.purged', retentionDays, ...removed });
      }
    } catch (error) {
      logger.error('retention purge failed', {
        event: 'retention.failed',
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), intervalMs);
  (timer as { unref?: () => void }).unref?.();
  return () => clearInterval(timer);
}
