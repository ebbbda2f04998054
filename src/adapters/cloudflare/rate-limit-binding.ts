import type { Logger } from '../../logger.js';
import type { RateLimiter } from '../../http/rate-limit.js';
import type { RateLimitBinding } from './bindings.js';

/** The binding's window: `simple.period` of `[[ratelimits]]` in wrangler.toml (10 or 60 seconds). */
const BINDING_PERIOD_SECONDS = 60;

/**
 * A `RateLimiter` over Cloudflare's rate-limiting binding (`env.RATE_LIMITER`, `[[ratelimits]]` in
 * wrangler.toml): one budget per client key across all isolates of a location, where an in-memory
 * counter would count per isolate only. The budget (`simple.limit`) is set in wrangler.toml. When
 * the binding throws, the request is counted by `fallback` (this isolate's memory) instead.
 */
export function bindingRateLimiter(binding: RateLimitBinding, fallback: RateLimiter, logger: Logger): RateLimiter {
  return {
    async limit(key) {
      try {
        const { success } = await binding.limit({ key });
        return success ? { success } : { success, retryAfter: BINDING_PERIOD_SECONDS };
      } catch (error) {
        logger.warn("The rate-limit binding failed; this isolate's own counter is used", {
          event: 'rate_limit.binding_failed',
          error: error instanceof Error ? error.message : String(error),
        });
        return fallback.limit(key);
      }
    },
  };
}
