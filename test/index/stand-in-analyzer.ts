import type { Analyzer, WeightedTerm } from '../../src/text/types.js';

const STOP = new Set([
  'og',
  'i',
  'at',
  'en',
  'et',
  'den',
  'det',
  'de',
  'til',
  'med',
  'for',
  'af',
  'på',
  'er',
  'om',
  'hvordan',
  'hvad',
]);
const SUFFIXES = ['erne', 'ene', 'ers', 'er', 'en', 'et', 'e', 's'];

/**
 * A tiny stand-in for the Danish analyzer: lower-case word split, a handful of
 * stop words, and crude suffix stripping. Enough to test the index layer.
 */
export function createStandInAnalyzer(): Analyzer {
  const tokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  const stem = (token: string): string => {
    for (const suffix of SUFFIXES) {
      if (token.length - suffix.length >= 3 && token.endsWith(suffix)) return token.slice(0, -suffix.length);
    }
    return token;
  };
  const isStopWord = (token: string): boolean => STOP.has(token);
  const terms = (text: string): string[] =>
    tokens(text)
      .filter((t) => !isStopWord(t))
      .map(stem);
  return {
    id: 'stand-in-v1',
    terms,
    queryTerms: (text: string): WeightedTerm[] => terms(text).map((term) => ({ term, weight: 1, origin: 'query' })),
    tokens,
    isStopWord,
    stem,
    englishTerm: (token: string) => (isStopWord(token) ? undefined : stem(token)),
  };
}
