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
