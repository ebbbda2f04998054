import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { STOPWORDS_ISO_DA, STOPWORDS_ISO_EN } from '../../src/text/stopwords-iso-data.js';
import {
  danishStopWords,
  englishStopWords,
  findQuestionWords,
  isStopWord,
  questionWords,
} from '../../src/text/stopwords.js';

const require = createRequire(import.meta.url);
const iso = require('stopwords-iso') as Record<string, string[]>;

describe('stop words', () => {
  it('ship the stopwords-iso da and en lists unchanged', () => {
    expect(STOPWORDS_ISO_DA.trim().split(/\s+/)).toEqual(iso.da);
    expect(STOPWORDS_ISO_EN.trim().split(/\s+/)).toEqual(iso.en);
  });

  it.each(['og', 'i', 'at', 'det', 'som', 'på', 'der', 'er', 'hvilke', 'samt', 'eks', 'bl', 'the', 'and', 'which'])(
    '%s is a stop word',
    (w) => {
      expect(isStopWord(w)).toBe(true);
    },
  );

  it.each(['kommune', 'opi', 'innovation', 'fem', 'tre', 'stor', 'ny', 'case', 'system', 'test', '2019', '61', '3'])(
    '%s is not a stop word',
    (w) => {
      expect(isStopWord(w)).toBe(false);
    },
  );

  it('treats single letters, but not single digits, as stop words', () => {
    expect(isStopWord('a')).toBe(true);
    expect(isStopWord('x')).toBe(true);
    expect(isStopWord('7')).toBe(false);
  });

  it('keeps numerals out of the Danish list and numbers out of the English one', () => {
    expect(danishStopWords.has('fem')).toBe(false);
    expect(englishStopWords.has('10')).toBe(false);
    expect(englishStopWords.has('research')).toBe(false);
  });

  it('exposes question words, which are stop words but detectable', () => {
    for (const w of ['hvem', 'hvad', 'hvornår', 'hvor', 'hvilke', 'hvordan', 'hvorfor', 'mange', 'who', 'when']) {
      expect(questionWords.has(w)).toBe(true);
      expect(isStopWord(w)).toBe(true);
    }
    expect(findQuestionWords(['hvor', 'mange', 'kommuner', 'deltog'])).toEqual(['hvor', 'mange']);
  });
});
