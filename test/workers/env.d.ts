declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    ASSETS: Fetcher;
    INDEX_MODE: string;
    LOG_LEVEL: string;
  }
  interface Exports {
    /** The Worker's default export (src/runtime/worker.ts). */
    default: Fetcher;
  }
}
