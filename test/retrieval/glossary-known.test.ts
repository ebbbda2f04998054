import { describe, expect, it } from 'vitest';
import { FuzzyVocabulary } from '../../src/retrieval/fuzzy.js';
import { analyzeQuery } from '../../src/retrieval/query.js';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';
import { vocabularyIndex } from '../support/index-fixtures.js';

describe('analyzeQuery on an English word the glossary translates to a short Danish word', () => {
  const analyzer = createDanishAnalyzer({ synonyms: { groups: [], glossary: [{ from: 'advice', to: ['råd'] }] } });
  const words = new Set(analyzer.terms('Fem gode råd til virksomheder. En bager bag disken.'));
  const index = vocabularyIndex(words);
  const groupOf = (question: string, token: string) =>
    analyzeQuery(question, analyzer, index, new FuzzyVocabulary(words), { expand: true }).groups.find(
      (g) => g.token === token,
    )!;

  it('counts the translation as the word the corpus knows, although its stem has three letters ("råd")', () => {
    expect(groupOf('What advice do companies get?', 'advice').known).toBe(true);
  });

  it('still does not take a short stem of another word for the word itself ("bageren" is not "bag")', () => {
    expect(groupOf('Hvor er bagerens butik?', 'bagerens').known).toBe(false);
  });
});

describe('analyzeQuery on an English word whose translation has the same stem as the word ("types" → "typer")', () => {
  const analyzer = createDanishAnalyzer({ synonyms: { groups: [], glossary: [{ from: 'types', to: ['typer'] }] } });
  const words = new Set(analyzer.terms('Der er fire typer samarbejde.'));
  const index = vocabularyIndex(words);
  const groupOf = (question: string, token: string, expand = true) =>
    analyzeQuery(question, analyzer, index, new FuzzyVocabulary(words), { expand }).groups.find(
      (g) => g.token === token,
    )!;

  it('counts the word as known through its translation, although the shared stem has three letters ("typ")', () => {
    expect(groupOf('What types of collaboration are there?', 'types').known).toBe(true);
  });

  it('leaves it unknown without the glossary (the expansion stage off)', () => {
    expect(groupOf('What types of collaboration are there?', 'types', false).known).toBe(false);
  });
});
