/** Value at quantile `q` (0–1) of `sorted` (ascending), nearest rank; NaN when empty. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

/** Median of unsorted values. */
export function median(values: readonly number[]): number {
  return quantile(
    [...values].sort((a, b) => a - b),
    0.5,
  );
}

/** Latency summary in milliseconds. */
export interface LatencySummary {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Summarise latencies (ms). */
export function summarise(latencies: readonly number[]): LatencySummary {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1]! : Number.NaN,
  };
}

/**
 * Memory growth after warm-up, in per cent: median of the last window of samples against the median
 * of the first window after warm-up (each a fifth of the measured samples, at least one).
 */
export function growthPercent(samples: readonly number[]): number {
  if (samples.length < 2) return 0;
  const w = Math.max(1, Math.floor(samples.length / 5));
  const first = median(samples.slice(0, w));
  const last = median(samples.slice(-w));
  return ((last - first) / first) * 100;
}
