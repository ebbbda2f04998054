import { describe, expect, it } from 'vitest';
import { editDistance, FuzzyVocabulary, foldAccents } from '../../src/retrieval/fuzzy.js';

describe('editDistance', () => {
  it('counts substitutions, insertions, deletions and transpositions', () => {
    expect(editDistance('kommune', 'kommune', 2)).toBe(0);
    expect(editDistance('kommune', 'komune', 2)).toBe(1);
    expect(editDistance('innovation', 'innovaiton', 2)).toBe(1);
    expect(editDistance('abc', 'xyzuvw', 2)).toBe(3);
  });
});

describe('FuzzyVocabulary', () => {
  const vocab = new FuzzyVocabulary(['innovation', 'kommun', 'virksomhed', 'plejehjem', 'to']);
  it('finds known terms one edit away', () => {
    expect(vocab.near('inovation')).toEqual(['innovation']);
    expect(vocab.near('virksomhd')).toEqual(['virksomhed']);
  });
  it('finds transpositions and refuses two edits in short words', () => {
    expect(vocab.near('plejhjm')).toEqual([]);
    expect(vocab.near('innovatino')).toEqual(['innovation']);
  });
  it('finds a long word two letters too long (both edits on the typed side)', () => {
    expect(new FuzzyVocabulary(['chefkonsulent']).near('chefkonsulenetn')).toEqual(['chefkonsulent']);
    expect(vocab.near('virksommheed')).toEqual(['virksomhed']);
  });
  it('ignores short words, numbers and exact hits', () => {
    expect(vocab.near('tp')).toEqual([]);
    expect(vocab.near('2019')).toEqual([]);
    expect(vocab.near('kommun')).toEqual([]);
    expect(vocab.has('kommun')).toBe(true);
  });
});

describe('accents', () => {
  it('folds acute, grave and circumflex accents but keeps æ, ø and å', () => {
    expect(foldAccents('idé')).toBe('ide');
    expect(foldAccents('blåbær')).toBe('blåbær');
  });
  it('finds the accented spelling of a word, however short', () => {
    const vocab = new FuzzyVocabulary(['idé', 'kommun']);
    expect(vocab.near('ide')).toEqual(['idé']);
    expect(vocab.near('ido')).toEqual([]);
  });
});
