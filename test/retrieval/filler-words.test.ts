import { describe, expect, it } from 'vitest';
import { FuzzyVocabulary } from '../../src/retrieval/fuzzy.js';
import { analyzeQuery } from '../../src/retrieval/query.js';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';
import { vocabularyIndex } from '../support/index-fixtures.js';

describe('analyzeQuery on everyday light verbs', () => {
  const analyzer = createDanishAnalyzer();
  const words = new Set(
    analyzer.terms('Private aktører har lav risikovillighed. Kommunen tager beslutninger langsomt.'),
  );
  const index = vocabularyIndex(words);
  const tokens = (question: string) =>
    analyzeQuery(question, analyzer, index, new FuzzyVocabulary(words), { expand: true }).groups.map((g) => g.token);

  it('does not match "laver", "tager" or "siger" (their stems meet "lav", "tag", "sig"): the nouns carry the topic', () => {
    expect(tokens('hvorfor tager det så lang tid før kommunen siger ja')).toEqual(['lang', 'tid', 'kommunen']);
    expect(tokens('hvad laver private aktører')).toEqual(['private', 'aktører']);
  });

  it('takes "folk" and "ting" for people and things in general, not for a topic to find', () => {
    expect(tokens('hvorfor er folk i kommunen bange for ting med private aktører')).toEqual([
      'kommunen',
      'bange',
      'private',
      'aktører',
    ]);
  });

  it('takes the verbs of chat around a question ("gider", "kigge", "fundet på") for no topic the corpus lacks', () => {
    expect(tokens('hvorfor gider de overhovedet kigge på private aktører')).toEqual(['private', 'aktører']);
    expect(tokens('har kommunen fundet på noget med private aktører')).toEqual(['kommunen', 'private', 'aktører']);
  });
});
