/** How `withRetries` retries. */
export interface RetryOptions {
  /** Extra attempts after the first (0 = no retry). */
  maxRetries: number;
  /** First back-off delay in ms; doubles each retry (with jitter). Default 500. */
  baseDelayMs?: number;
  /** Upper bound of one delay, also for `Retry-After`. Default 8000. */
  maxDelayMs?: number;
}

/** True for statuses worth another attempt: rate limiting and server errors. */
export function isRetryableStatus(status: number): boolean {
  return status === 429 || status === 408 || status >= 500;
}

/**
 * A `fetch` that retries 429, 408 and 5xx responses and network failures with exponential
 * back-off (honouring `Retry-After`), and never retries once the request's signal is aborted.
 */
export function withRetries(fetchFn: typeof fetch, options: RetryOptions): typeof fetch {
  const base = options.baseDelayMs ?? 500;
  const cap = options.maxDelayMs ?? 8000;
  const retrying = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const signal = init?.signal ?? undefined;
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= options.maxRetries;
      let response: Response;
      try {
        response = await fetchFn(input, init);
      } catch (error) {
        if (last || signal?.aborted || isAbort(error)) throw error;
        await sleep(backoff(attempt, base, cap), signal);
        continue;
      }
      if (last || !isRetryableStatus(response.status)) return response;
      const delay = retryAfterMs(response.headers.get('retry-after')) ?? backoff(attempt, base, cap);
      await response.body?.cancel().catch(() => {});
      await sleep(Math.min(delay, cap), signal);
    }
  };
  return retrying as typeof fetch;
}

function backoff(attempt: number, base: number, cap: number): number {
  const exp = base * 2 ** attempt;
  return Math.min(cap, exp / 2 + Math.random() * (exp / 2));
}

function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
