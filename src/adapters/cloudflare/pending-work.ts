/**
 * Work scheduled after a response by code that has no request context
 * (`deps.waitUntil`). The Worker hands everything still pending to the
 * execution context of each request that finishes, so the runtime keeps the
 * isolate alive until it settles.
 */
export class PendingWork {
  private readonly pending = new Set<Promise<unknown>>();

  constructor(private readonly onError: (error: unknown) => void = () => {}) {}

  /** Schedules a promise (use as `deps.waitUntil`). */
  readonly add = (promise: Promise<unknown>): void => {
    const tracked = promise.catch(this.onError).finally(() => this.pending.delete(tracked));
    this.pending.add(tracked);
  };

  /** Everything still pending, as one promise for `ctx.waitUntil`; undefined when nothing is. */
  drain(): Promise<unknown> | undefined {
    return this.pending.size > 0 ? Promise.allSettled([...this.pending]) : undefined;
  }
}
