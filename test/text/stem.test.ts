import { describe, expect, it } from 'vitest';
import { createStemmer, stemDanish } from '../../src/text/stem.js';

describe('stemDanish', () => {
  it.each([
    ['samarbejdet', 'samarbejd'],
    ['samarbejder', 'samarbejd'],
    ['kommunerne', 'kommun'],
    ['kommunens', 'kommun'],
    ['virksomhederne', 'virksomhed'],
    ['samarbejdsformen', 'samarbejdsform'],
  ])('%s → %s (Snowball Danish)', (word, stem) => {
    expect(stemDanish(word)).toBe(stem);
  });

  it('folds acute, grave and circumflex accents, never æ, ø or å ("idéen" = "ideen")', () => {
    expect(stemDanish('idéen')).toBe(stemDanish('ideen'));
    expect(stemDanish('idé')).toBe('ide');
    expect(stemDanish('café')).toBe('cafe');
    expect(stemDanish('rådene')).toBe(stemDanish('rådene').normalize('NFC'));
    expect(stemDanish('rådene')).toMatch(/^råd/u);
    expect(stemDanish('fødsel')).toMatch(/^fød/u);
  });

  it('leaves numbers and very short tokens alone', () => {
    expect(stemDanish('2019')).toBe('2019');
    expect(stemDanish('61')).toBe('61');
    expect(stemDanish('år')).toBe('år');
  });
});

describe('createStemmer', () => {
  it('gives the same stems as stemDanish', () => {
    const stem = createStemmer();
    for (const w of ['kommunerne', 'kommunerne', 'samarbejdet']) expect(stem(w)).toBe(stemDanish(w));
  });

  it('keeps working after its cache fills up', () => {
    const stem = createStemmer(2);
    expect(['kommunerne', 'samarbejdet', 'virksomhederne', 'kommunerne'].map(stem)).toEqual([
      'kommun',
      'samarbejd',
      'virksomhed',
      'kommun',
    ]);
  });
});
