import { describe, expect, it } from 'vitest';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { embedderContract } from './embedder-contract.js';
import { createStandInAnalyzer } from './stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();

embedderContract('local hashed n-grams', () => createLocalEmbedder(analyzer));
embedderContract('local hashed n-grams, 128 dimensions', () => createLocalEmbedder(analyzer, { dimensions: 128 }));

function cosine(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i]!, 0);
}

describe('createLocalEmbedder', () => {
  const embedder = createLocalEmbedder(analyzer);

  it('names itself honestly, with dimensions and analyzer', () => {
    expect(embedder.id).toBe('local-hashed-ngrams-v1-512-stand-in-v1');
    expect(embedder.dimensions).toBe(512);
  });

  it('matches a misspelt word better than an unrelated one', async () => {
    const [right, typo, other] = await embedder.embedDocuments([
      'innovationspartnerskab',
      'inovationspartnerskab',
      'kaffemaskine',
    ]);
    expect(cosine(right!, typo!)).toBeGreaterThan(0.5);
    expect(cosine(right!, typo!)).toBeGreaterThan(cosine(right!, other!) + 0.3);
  });

  it('gives the zero vector for text with no terms', async () => {
    const v = await embedder.embedQuery('og i at');
    expect(v.every((x) => x === 0)).toBe(true);
  });

  it('refuses an unusable dimension count', () => {
    expect(() => createLocalEmbedder(analyzer, { dimensions: 3 })).toThrow(/16–8192/);
  });
});
