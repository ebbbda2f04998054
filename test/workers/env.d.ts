declare namespace Cloudflare {
  interface Env {
    DB: D1Database;
    ASSETS: Fetcher;
    INDEX_MODE: string;
    LOG_LEVEL: string;
  }
}
