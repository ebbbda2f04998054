import type { Context } from 'hono';
import type { Logger } from '../../logger.js';
import type { AppDeps } from '../../http/deps.js';

/** Tuning of the channel routes; the defaults are the production values. */
export interface ChannelOptions {
  /**
   * Origins a Slack `response_url` may point to. Default `['https://hooks.slack.com']`;
   * tests add a local stand-in (e.g. `http://127.0.0.1:1234`). Anything else is refused (no SSRF).
   */
  slackResponseUrlOrigins?: string[];
  /** How long a Slack `event_id` is remembered for de-duplication (ms). Default 1 hour. */
  slackDedupeTtlMs?: number;
  /** Time budget for the synchronous Teams outgoing-webhook answer (ms). Default 4500 (Teams waits 5 s). */
  teamsWebhookTimeoutMs?: number;
  /** How long the Bot Framework signing keys are cached (ms). Default 6 hours. */
  teamsKeysTtlMs?: number;
}

/** What every channel handler works with: the app's dependencies plus resolved options. */
export interface ChannelContext {
  deps: AppDeps;
  logger: Logger;
  fetch: typeof fetch;
  now: () => Date;
  options: Required<ChannelOptions>;
  /**
   * Runs `task` after the response has been sent, kept alive with the request's
   * `executionCtx.waitUntil` (Workers) or else `deps.waitUntil`; failures are logged, never thrown.
   */
  background(c: Context, label: string, task: () => Promise<void>): void;
}

/** Builds the shared channel context from the app's dependencies. */
export function createChannelContext(deps: AppDeps, options: ChannelOptions = {}): ChannelContext {
  const logger = deps.logger;
  const fetchImpl: typeof fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const background = (c: Context, label: string, task: () => Promise<void>) => {
    const promise = Promise.resolve()
      .then(task)
      .catch((error: unknown) => {
        logger.error('A channel task failed', {
          event: 'channel.task_failed',
          task: label,
          error: error instanceof Error ? error.message : String(error),
        });
      });
    const executionCtx = requestExecutionCtx(c);
    if (executionCtx) executionCtx.waitUntil(promise);
    else if (deps.waitUntil) deps.waitUntil(promise);
  };
  return {
    deps,
    logger,
    fetch: fetchImpl,
    now: deps.now ?? (() => new Date()),
    background,
    options: {
      slackResponseUrlOrigins: options.slackResponseUrlOrigins ?? ['https://hooks.slack.com'],
      slackDedupeTtlMs: options.slackDedupeTtlMs ?? 60 * 60 * 1000,
      teamsWebhookTimeoutMs: options.teamsWebhookTimeoutMs ?? 4500,
      teamsKeysTtlMs: options.teamsKeysTtlMs ?? 6 * 60 * 60 * 1000,
    },
  };
}

/** The Workers execution context of a request, if the runtime has one (Hono throws when absent). */
function requestExecutionCtx(c: Context): { waitUntil(promise: Promise<unknown>): void } | undefined {
  try {
    return c.executionCtx;
  } catch {
    return undefined;
  }
}
