import { describe, expect, it } from 'vitest';
import { danishRespellings } from '../../src/text/orthography.js';
import { createStemmer } from '../../src/text/stem.js';
import { createWordList } from '../../src/text/word-list.js';

describe('danishRespellings', () => {
  it('offers å, æ, ø for aa, ae, oe, fewest changes first', () => {
    expect(danishRespellings('hvornaar')[0]).toBe('hvornår');
    expect(danishRespellings('vaerksted')[0]).toBe('værksted');
    expect(danishRespellings('moede')[0]).toBe('møde');
  });

  it('offers å and ø where they were dropped', () => {
    expect(danishRespellings('abne')).toContain('åbne');
    expect(danishRespellings('kobenhavn')).toContain('københavn');
  });

  it('leaves words with Danish letters or digits alone and never returns the word itself', () => {
    expect(danishRespellings('påske')).toEqual([]);
    expect(danishRespellings('k2')).toEqual([]);
    expect(danishRespellings('paa')).not.toContain('paa');
  });

  it('stays bounded for a long word full of candidate places', () => {
    expect(danishRespellings('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa').length).toBeLessThanOrEqual(64);
  });
});

describe('createWordList', () => {
  it('knows base words and their inflected forms, and skips counts and comments', () => {
    const words = createWordList(createStemmer());
    words.addLines(['3', '# comment', 'kommune/1,2', 'parkere/5', 'Aalborg/9']);
    expect(words.size).toBe(3);
    expect(words.complete).toBe(false);
    words.finish();
    expect(words.complete).toBe(true);
    expect(words.has('kommunerne')).toBe(true);
    expect(words.has('aalborg')).toBe(true);
    expect(words.has('kommuen')).toBe(false);
  });
});

describe('nameSpellings and the regular-expression helpers', async () => {
  const { nameSpellings } = await import('../../src/text/orthography.js');
  const { escapeRegExp, wordIn } = await import('../../src/text/regexp.js');

  it('gives a name in its old and new spelling, itself first', () => {
    expect(nameSpellings('århus')).toEqual(['århus', 'aarhus']);
    expect(nameSpellings('aalborg')).toEqual(['aalborg', 'ålborg']);
    expect(nameSpellings('odense')).toEqual(['odense']);
  });

  it('finds a word as written where a word begins, special characters included', () => {
    expect(escapeRegExp('a.b(c)')).toBe('a\\.b\\(c\\)');
    expect(wordIn('om c++ og mere', 'c++', true)).toBe(true);
    expect(wordIn('kommunerne', 'kommune', false)).toBe(true);
    expect(wordIn('kommunerne', 'kommune', true)).toBe(false);
    expect(wordIn('storkommune', 'kommune', false)).toBe(false);
  });
});
