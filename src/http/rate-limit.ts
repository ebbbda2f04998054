import type { Context, MiddlewareHandler } from 'hono';
import { jsonError } from './errors.js';

/** Options of the per-client rate limit. */
export interface RateLimitOptions {
  /** Requests allowed per client per minute; 0 disables the limit. */
  perMinute: number;
  /** Milliseconds since the epoch (tests inject a clock). */
  now?: () => number;
  /** Most clients tracked at once; the oldest window is dropped beyond it (default 10 000). */
  maxClients?: number;
  /**
   * Reverse proxies in front of the server that append to `X-Forwarded-For` (nginx
   * `$proxy_add_x_forwarded_for`, IIS ARR, a load balancer). With n > 0 the client is the n-th
   * address from the right: the one the outermost trusted proxy saw. Addresses further left were
   * written by the client and are never used. Default 0: the header is ignored.
   */
  proxyHops?: number;
  /**
   * Trust `CF-Connecting-IP` (set by Cloudflare, which strips a client's own). Default: only
   * where there is no socket address (Workers); on Node the socket address wins, so a client
   * cannot pick its own key with the header. Set true for a Node server fronted only by Cloudflare.
   */
  trustCloudflare?: boolean;
  /**
   * The budget to count against (shared by every route given the same one, e.g. Cloudflare's
   * rate-limiting binding); default a new in-memory one of `perMinute` requests per minute.
   */
  limiter?: RateLimiter;
}

/** The outcome of counting one request against a client's budget. */
export interface RateLimitOutcome {
  success: boolean;
  /** The budget per window and what is left of it, when the limiter knows (sent as `RateLimit-*` headers). */
  limit?: number;
  remaining?: number;
  /** Seconds until the window restarts, when refused (default 60). */
  retryAfter?: number;
}

/** A per-client request budget: in this process's memory, or Cloudflare's rate-limiting binding. */
export interface RateLimiter {
  /** Counts one request of the client `key` and says whether it is within the budget. */
  limit(key: string): Promise<RateLimitOutcome>;
}

const WINDOW_MS = 60_000;

interface Window {
  start: number;
  count: number;
}

/**
 * Per-client fixed-window request budget (one-minute windows) kept in this process's memory.
 * On Workers each isolate has its own: use Cloudflare's rate-limiting binding there.
 */
export function memoryRateLimiter(options: Pick<RateLimitOptions, 'perMinute' | 'now' | 'maxClients'>): RateLimiter {
  const limit = Math.max(0, Math.floor(options.perMinute));
  const now = options.now ?? Date.now;
  const maxClients = Math.max(1, options.maxClients ?? 10_000);
  const windows = new Map<string, Window>();
  return {
    async limit(key) {
      const t = now();
      let w = windows.get(key);
      if (!w || t - w.start >= WINDOW_MS) {
        if (w) windows.delete(key);
        w = { start: t, count: 0 };
        makeRoom(windows, maxClients, t);
        windows.set(key, w);
      }
      w.count++;
      return {
        success: w.count <= limit,
        limit,
        remaining: Math.max(0, limit - w.count),
        retryAfter: Math.max(1, Math.ceil((w.start + WINDOW_MS - t) / 1000)),
      };
    },
  };
}

/**
 * Per-client rate limit: counts each request against `options.limiter` (default a new
 * in-memory budget). Over the limit it answers 429 `{"error":{"code":"rate_limited",…}}` with
 * `Retry-After` in seconds. `perMinute: 0` disables it.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const perMinute = Math.max(0, Math.floor(options.perMinute));
  const limiter = options.limiter ?? memoryRateLimiter(options);

  return async (c, next) => {
    if (perMinute === 0) return next();
    const key = clientKey(c, {
      proxyHops: options.proxyHops ?? 0,
      ...(options.trustCloudflare === undefined ? {} : { trustCloudflare: options.trustCloudflare }),
    });
    const outcome = await limiter.limit(key);
    if (outcome.limit !== undefined) c.header('RateLimit-Limit', String(outcome.limit));
    if (outcome.remaining !== undefined) c.header('RateLimit-Remaining', String(outcome.remaining));
    if (!outcome.success) {
      const retryAfter = outcome.retryAfter ?? 60;
      c.header('Retry-After', String(retryAfter));
      return jsonError(c, 'rate_limited', `For mange forespørgsler. Vent ${retryAfter} sekunder, og prøv igen.`);
    }
    return next();
  };
}

/** Drops expired windows, then the oldest ones, until one more client fits. */
function makeRoom(windows: Map<string, Window>, maxClients: number, t: number): void {
  if (windows.size < maxClients) return;
  for (const [key, w] of windows) if (t - w.start >= WINDOW_MS) windows.delete(key);
  // Map iteration is insertion order, and a window is re-inserted when it restarts: the first is the oldest.
  for (const key of windows.keys()) {
    if (windows.size < maxClients) break;
    windows.delete(key);
  }
}

/**
 * Who the client is: Cloudflare's `CF-Connecting-IP` (if trusted; by default only when there is
 * no Node socket, i.e. on Workers), then (behind `proxyHops` trusted proxies) the address the
 * outermost of them saw in `X-Forwarded-For`, then the Node socket's remote address, else `anonymous`.
 */
export function clientKey(c: Context, trust: { proxyHops?: number; trustCloudflare?: boolean } = {}): string {
  const socket = remoteAddress(c.env);
  if (trust.trustCloudflare ?? socket === undefined) {
    const cf = c.req.header('cf-connecting-ip')?.trim();
    if (cf) return cf;
  }
  const hops = Math.max(0, Math.floor(trust.proxyHops ?? 0));
  if (hops > 0) {
    const chain = (c.req.header('x-forwarded-for') ?? '')
      .split(',')
      .map((hop) => hop.trim())
      .filter((hop) => hop !== '');
    // Fewer entries than trusted proxies: the leftmost is still one a trusted proxy wrote.
    const client = chain[Math.max(0, chain.length - hops)];
    if (client) return client;
  }
  return socket ?? 'anonymous';
}

/** `@hono/node-server` puts the `IncomingMessage` at `env.incoming` (or `env.server.incoming`). */
function remoteAddress(env: unknown): string | undefined {
  if (!env || typeof env !== 'object') return undefined;
  const bindings = (env as { server?: unknown }).server ?? env;
  const incoming = (bindings as { incoming?: { socket?: { remoteAddress?: unknown } } }).incoming;
  const address = incoming?.socket?.remoteAddress;
  return typeof address === 'string' && address !== '' ? address : undefined;
}
