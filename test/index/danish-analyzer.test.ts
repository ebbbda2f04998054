import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/build.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { SearchIndex } from '../../src/index/search-index.js';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';
import { embedderContract } from './embedder-contract.js';
import { chunkByHeadings, sampleCorpus } from '../support/index-fixtures.js';

// The index layer with the real Danish analyzer (the other tests use a stand-in to stay independent of its rules).
const analyzer = createDanishAnalyzer();
const embedder = createLocalEmbedder(analyzer);

embedderContract('local hashed n-grams with the Danish analyzer', () => embedder);

function cosine(a: number[], b: number[]): number {
  return a.reduce((s, x, i) => s + x * b[i]!, 0);
}

async function sampleIndex(): Promise<SearchIndex> {
  const { state } = await buildIndex({ documents: sampleCorpus(), chunk: chunkByHeadings, analyzer, embedder });
  return SearchIndex.create(state);
}

describe('local embedder with the Danish analyzer', () => {
  it('includes the analyzer id in its own id', () => {
    expect(embedder.id).toBe(`local-hashed-ngrams-v1-512-${analyzer.id}`);
  });

  it('relates a compound to its parts and a misspelling to the word', async () => {
    const [compound, parts, other] = await embedder.embedDocuments([
      'velfærdsteknologi',
      'teknologi til velfærd',
      'udbudsregler',
    ]);
    expect(cosine(compound!, parts!)).toBeGreaterThan(0.6);
    expect(cosine(compound!, other!)).toBeLessThan(0.2);
    const [word, typo] = await embedder.embedDocuments(['innovationspartnerskab', 'inovationspartnerskab']);
    expect(cosine(word!, typo!)).toBeGreaterThan(0.4);
  });
});

describe('search over the sample corpus with the Danish analyzer', () => {
  it('finds inflected forms and compounds lexically', async () => {
    const index = await sampleIndex();
    expect(index.lexicalSearch(analyzer.queryTerms('samarbejdsaftaler'), 1)[0]?.id).toBe('opi-guide#aftalen');
    expect(index.lexicalSearch(analyzer.queryTerms('kommunerne'), 1)[0]?.id).toBe('velfaerd-case#intro');
  });

  it('finds a misspelt compound by vector when the lexical leg finds nothing', async () => {
    const index = await sampleIndex();
    expect(index.lexicalSearch(analyzer.queryTerms('inovationspartnerskab'), 3)).toEqual([]);
    const hits = await index.vectorSearch(await embedder.embedQuery('inovationspartnerskab'), 1);
    expect(hits[0]?.id).toBe('udbud#intro');
  });
});
