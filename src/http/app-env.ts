/** Hono environment of the app: per-request variables set by the middleware. */
export type AppEnv = {
  Variables: {
    /** Request id (also sent back as `X-Request-Id`). */
    requestId: string;
    /** Aborted when the request times out or the client goes away. */
    signal: AbortSignal;
  };
};
