import { describe, expect, it } from 'vitest';
import { fitRerankWeights } from '../../src/retrieval/fit-rerank.js';
import { RERANK_WEIGHTS, type RerankWeights } from '../../src/retrieval/rerank.js';

const sum = (w: RerankWeights) => Object.values(w).reduce((a, b) => a + b, 0);

describe('fitRerankWeights', () => {
  it('keeps the weights when no change scores better', async () => {
    const fit = await fitRerankWeights(async () => 0.5);
    expect(fit).toEqual({ weights: RERANK_WEIGHTS, before: 0.5, after: 0.5 });
  });

  it('climbs towards better scores, keeping the weights summing to 1', async () => {
    const seen: RerankWeights[] = [];
    const fit = await fitRerankWeights(async (w) => {
      seen.push(w);
      return -((w.numbers - 0.3) ** 2);
    });
    expect(fit.after).toBeGreaterThan(fit.before);
    expect(fit.weights.numbers).toBeGreaterThan(RERANK_WEIGHTS.numbers);
    expect(sum(fit.weights)).toBeCloseTo(1, 2);
    // the start, then 4 scalings of each of the 8 weights in each of 2 passes
    expect(seen).toHaveLength(1 + 2 * 8 * 4);
  });
});
