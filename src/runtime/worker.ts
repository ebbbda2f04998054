/**
 * Cloudflare Workers entry point: the same HTTP app as on Node, wired with
 * Workers adapters (bundled index or Vectorize, Workers AI, D1). Everything is
 * built once per isolate on the first request and reused. The `scheduled` handler
 * runs the retention purge on the cron of `[triggers]`.
 */
import type { ExecutionContextLike, WorkerEnv } from '../adapters/cloudflare/bindings.js';
import { createWorkerApp, type WorkerApp } from '../adapters/cloudflare/worker-app.js';
import { runWorkerRetention } from '../adapters/cloudflare/worker-retention.js';
import { HelpdeskError } from '../errors.js';
import { errorBody } from '../http/errors.js';

let instance: Promise<WorkerApp> | undefined;

/** The isolate's app, built on first use; a failed build is retried by the next request. */
function workerApp(env: WorkerEnv): Promise<WorkerApp> {
  instance ??= createWorkerApp(env).catch((error: unknown) => {
    instance = undefined;
    throw error;
  });
  return instance;
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContextLike): Promise<Response> {
    let built: WorkerApp;
    const building = workerApp(env);
    try {
      built = await building;
    } catch (error) {
      console.error(
        JSON.stringify({
          level: 'error',
          event: 'worker.start_failed',
          msg: 'The Worker could not start',
          error: String(error),
        }),
      );
      const known = HelpdeskError.isInstance(error);
      const code = known ? error.code : 'internal';
      const message = known ? error.message : 'Tjenesten kunne ikke starte. Prøv igen om lidt.';
      // Whatever stopped the start (missing index, bad configuration), the service is unavailable.
      return Response.json(errorBody(code, message), { status: 503 });
    }
    const response = await built.app.fetch(request, env, ctx as never);
    // the index in D1 was filled again: the next request loads its vocabulary anew
    if (built.stale() && instance === building) instance = undefined;
    const pending = built.pending.drain();
    if (pending) ctx.waitUntil(pending);
    return response;
  },

  /** The `[triggers]` cron (wrangler.toml): the retention purge, as the Node server runs it every 6 hours. */
  async scheduled(controller: { scheduledTime: number }, env: WorkerEnv): Promise<void> {
    await runWorkerRetention(env, new Date(controller.scheduledTime));
  },
};
