import type {} from 'hono';

/** Per-request variables set by the app's middleware, readable with `c.get(...)` in any route. */
declare module 'hono' {
  interface ContextVariableMap {
    /** Aborted when the request times out (`REQUEST_TIMEOUT_MS`) or the client goes away. */
    signal: AbortSignal;
  }
}
