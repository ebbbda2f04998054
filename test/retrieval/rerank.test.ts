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

describe('rerankFeatures on a follow-up', () => {
  it("counts the conversation's topic in coverage: a passage on it beats one that only shares a common word", () => {
    // "hvorfor er det så vigtigt?" after a question about bicycles: the own word "vigtig" is in both passages
    const offTopic = makeChunk('Det er vigtigt at holde møder.', 'off-topic');
    const onTopic = makeChunk('Cykler er vigtige for skolens elever.', 'on-topic');
    const words = new Set(analyzer.terms(`${offTopic.text} ${onTopic.text}`));
    const q = analyzeQuery(
      'hvorfor er det så vigtigt?',
      analyzer,
      vocabularyIndex(words, 2),
      new FuzzyVocabulary(words),
      {
        expand: false,
        context: 'hvad siger de om cykler og elever?',
      },
    );
    expect(q.groups.some((g) => g.context)).toBe(true);
    const features = rerankFeatures(q);
    expect(features(cache.get(onTopic), 1).coverage).toBeGreaterThan(features(cache.get(offTopic), 1).coverage);
    // without history the two are equal on coverage: the own word alone decides
    const alone = analyzeQuery(
      'hvorfor er det så vigtigt?',
      analyzer,
      vocabularyIndex(words, 2),
      new FuzzyVocabulary(words),
      {
        expand: false,
      },
    );
    const plain = rerankFeatures(alone);
    expect(plain(cache.get(onTopic), 1).coverage).toBe(plain(cache.get(offTopic), 1).coverage);
  });
});
