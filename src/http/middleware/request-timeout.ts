import type { MiddlewareHandler } from 'hono';
import { HelpdeskError } from '../../errors.js';
import type {} from '../app-env.js';

/** The error a timed-out request fails with. */
export function timeoutError(): HelpdeskError {
  return new HelpdeskError(
    'timeout',
    'Svaret tog for lang tid. Prøv igen om lidt, eventuelt med et kortere spørgsmål.',
  );
}

/**
 * Fails the request with `timeout` (504) when the handler has not produced a response
 * within `ms`. Sets `c.var.signal`, aborted on timeout or when the client goes away.
 * A streaming body is limited separately by its route (the handler has returned by then).
 */
export function requestTimeout(ms: number): MiddlewareHandler {
  return async (c, next) => {
    const controller = new AbortController();
    c.set('signal', anySignal([controller.signal, c.req.raw.signal]));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = timeoutError();
        controller.abort(error);
        reject(error);
      }, ms);
    });
    const handled = next();
    handled.catch(() => {});
    try {
      await Promise.race([handled, expired]);
    } finally {
      if (timer !== undefined) clearTimeout(timer);
    }
  };
}

/** A signal aborted when any of `signals` is. */
export function anySignal(signals: AbortSignal[]): AbortSignal {
  if (typeof AbortSignal.any === 'function') return AbortSignal.any(signals);
  const controller = new AbortController();
  for (const s of signals) {
    if (s.aborted) {
      controller.abort(s.reason);
      break;
    }
    s.addEventListener('abort', () => controller.abort(s.reason), { once: true });
  }
  return controller.signal;
}
