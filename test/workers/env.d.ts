declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    ASSETS: Fetcher;
    INDEX_MODE: string;
    LOG_LEVEL: string;
    RATE_LIMITER: RateLimit;
  }
  interface Exports {
    /** The Worker's default export (src/runtime/worker.ts): its fetch and scheduled (cron) handlers. */
    default: Fetcher & { scheduled(options: { scheduledTime?: Date; cron?: string }): Promise<unknown> };
  }
}
