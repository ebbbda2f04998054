import { describe, expect, it } from 'vitest';
import { ChunkTermCache } from '../../src/retrieval/chunk-terms.js';
import { analyzeQuery } from '../../src/retrieval/query.js';
import { FuzzyVocabulary } from '../../src/retrieval/fuzzy.js';
import { rerankFeatures } from '../../src/retrieval/rerank.js';
import { createDanishAnalyzer } from '../../src/text/index.js';
import { makeChunk, vocabularyIndex } from '../support/index-fixtures.js';

const analyzer = createDanishAnalyzer();
const story = makeChunk('Direktionen læser notater om cykler.', 'story');
const answer = makeChunk('Nytænkning i kommuner handler om at prøve nyt.', 'answer');
const vocabulary = new Set(analyzer.terms(`${story.text} ${answer.text}`));
const index = vocabularyIndex(vocabulary, 2);
const fuzzy = new FuzzyVocabulary(vocabulary);
const cache = new ChunkTermCache(analyzer);

describe('rerankFeatures on a long question', () => {
  it('counts the words of the clause that asks above the story around it', () => {
    const question =
      'Jeg arbejder på Fyn, og direktionen har bedt mig skrive notater om cykler og borgere til næste møde. Hvad betyder nytænkning i kommuner?';
    const long = analyzeQuery(question, analyzer, index, fuzzy, { expand: false });
    expect(long.groups.some((g) => g.story)).toBe(true);
    const features = rerankFeatures(long);
    // the story passage holds more of the question's words, the answer passage the words that ask
    expect(features(cache.get(answer), 1).coverage).toBeGreaterThan(features(cache.get(story), 1).coverage);
    // without the discount the story passage would win
    const flat = { ...long, groups: long.groups.map((g) => ({ ...g, story: false })) };
    const unweighted = rerankFeatures(flat);
    expect(unweighted(cache.get(story), 1).coverage).toBeGreaterThan(unweighted(cache.get(answer), 1).coverage);
  });
});
