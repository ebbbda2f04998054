import type { importSource } from '../import/import-source.js';
import type { Helpdesk } from '../answer/helpdesk.js';
import type { Site } from '../answer/site.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import type { CorpusFiles } from '../ops/corpus-files.js';
import type { Store } from '../store/store.js';
import type { ContentEncoder } from './middleware/compress.js';
import type { RateLimiter } from './rate-limit.js';

/** What `/healthz` tells beyond the counts. */
export interface IndexStatus {
  /** The index loaded at start is being brought up to date with the corpus behind it. */
  catchingUp: boolean;
  /**
   * Answers come from the lexical index alone because the vector leg failed (`embeddings_failed`,
   * `vectorize_failed`: `/healthz` says `degraded`) or is misconfigured (`dimensions_mismatch`: 503).
   */
  vectorFallback?: { reason: string; message: string; since: string };
}

/** Turns uploaded files into corpus documents (`importSource` of src/import). */
export type Importer = typeof importSource;

/** Everything `createApp` needs; `runtime/` builds it. */
export interface AppDeps {
  helpdesk: Helpdesk;
  config: Config;
  logger: Logger;
  /** Operations store; routes that need it answer 503 when absent. */
  store?: Store;
  /** The product's identity (`corpus/_meta/site.yaml`) as it is now; the default site when absent. */
  site?: () => Site;
  /** Static assets the runtime read or bundled (the built widget, its full-page chat). */
  assets?: { widgetJs?: string; adminJs?: string };
  /** The corpus folder the console edits (`/api/admin/documents`); absent on Workers (501). */
  corpusFiles?: CorpusFiles;
  /**
   * The import converters (src/import: Word through mammoth, PDF through pdfjs-dist), wired on Node only:
   * without them (Workers, where those libraries cannot run) `POST /api/admin/import` answers 501.
   */
  importer?: Importer;
  /** What the runtime's index is doing beyond serving (`/healthz`); absent where there is nothing to tell. */
  indexStatus?: () => IndexStatus;
  /** One request budget per client shared by the public routes (ask, search, feedback, escalations); in memory when absent. */
  rateLimiter?: RateLimiter;
  /** Re-index on demand (`POST /api/admin/reindex`); absent where the runtime cannot. */
  reindex?: () => Promise<{ added: number; changed: number; removed: number; chunks: number; ms: number }>;
  /**
   * Codings for compressing responses, most preferred first (Node: brotli, gzip); absent, nothing is compressed
   * (Workers: Cloudflare's edge compresses, and an encoded body would need `encodeBody: 'manual'`).
   */
  encoders?: readonly ContentEncoder[];
  /** Injected clock and fetch, for tests. */
  now?: () => Date;
  fetch?: typeof fetch;
  /** Schedules work after the response (Workers' `waitUntil`; on Node a detached promise). */
  waitUntil?: (promise: Promise<unknown>) => void;
}
