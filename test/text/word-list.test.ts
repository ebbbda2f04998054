import { describe, expect, it } from 'vitest';
import { stemDanish } from '../../src/text/stem.js';
import { createWordList } from '../../src/text/word-list.js';

const words = createWordList(stemDanish);
words.addLines([
  '3',
  'starte/1',
  'fungere/2',
  'kommerciel/3',
  'møde/4',
  'lokale/5',
  'samarbejde/6',
  'form/7',
  'købe/8',
  'Abner/9',
  'Odense/10',
  'vild/11',
  'Vilde/12',
  'Skive/13',
  'skive/14',
  'Bo/15',
  'København/16',
  'københavner/17',
]);
words.finish();

describe('createWordList', () => {
  it('knows base words and their inflections through the stem', () => {
    expect(words.has('møde')).toBe(true);
    expect(words.has('møder')).toBe(true);
    expect(words.has('lokalet')).toBe(true);
  });

  it('knows a proper name as it is, but not words sharing its stem ("Abner" does not make "abne" a word)', () => {
    expect(words.has('abner')).toBe(true);
    expect(words.has('abne')).toBe(false);
  });

  it('gives the name a lower-case word stands for only when it is no common word or inflection of one', () => {
    expect(words.nameOf('odense')).toBe('Odense');
    // a longer common word sharing the name's stem does not make the name a common word
    expect(words.nameOf('københavn')).toBe('København');
    // "vilde" is the plural of "vild", "skive" a common noun too, "bo" too short to tell
    expect(words.nameOf('vilde')).toBeUndefined();
    expect(words.nameOf('skive')).toBeUndefined();
    expect(words.nameOf('bo')).toBeUndefined();
    expect(words.nameOf('møde')).toBeUndefined();
    expect(words.has('odense')).toBe(true);
  });

  it("knows a verb's past tense and participle though the affix rules are not run", () => {
    expect(words.has('startede')).toBe(true);
    expect(words.has('fungerede')).toBe(true);
    expect(words.has('købte')).toBe(true);
    expect(words.has('strtede')).toBe(false);
  });

  it('does not take a verb on -ere with a short past tense for a word ("fungerde" is a typo of "fungerede")', () => {
    expect(words.has('fungerede')).toBe(true);
    expect(words.has('fungerde')).toBe(false);
    expect(words.has('fungerte')).toBe(false);
  });

  it('tells a compound of real words (with a prefix or a linking letter) from a misspelling', () => {
    expect(words.isCompound('prækommercielt')).toBe(true);
    expect(words.isCompound('mødelokale')).toBe(true);
    expect(words.isCompound('samarbejdsform')).toBe(true);
    expect(words.isCompound('mødelokalesamarbejde')).toBe(true);
    expect(words.isCompound('kommunikaiton')).toBe(false);
    expect(words.isCompound('mødxlokale')).toBe(false);
  });
});

describe('createWordList with short stems', () => {
  const short = createWordList(stemDanish);
  short.addLines(['abner/1', 'ren/2', 'åbne/3']);
  short.finish();

  it('does not vouch for a word only because another word shares its stem of three letters ("abne" ≠ "abner")', () => {
    expect(short.has('abne')).toBe(false);
    expect(short.has('abner')).toBe(true);
  });

  it("still knows the inflections of a short word and of a verb's infinitive", () => {
    expect(short.has('renere')).toBe(true);
    expect(short.has('åbner')).toBe(true);
  });
});

describe('createWordList.isCompound on a long non-word', () => {
  it('tries each split once (a budget of stemmer calls, not a timer), so no input can make it hang', () => {
    let calls = 0;
    const counted = createWordList((w) => {
      if (++calls > 20_000) throw new Error(`isCompound called the stemmer ${calls} times`);
      return stemDanish(w);
    });
    counted.addLines(['abe/1', 'abc/2', 'aaa/3']);
    counted.finish();
    calls = 0;
    expect(counted.isCompound(`${'abc'.repeat(15)}abq`)).toBe(false);
    expect(counted.isCompound('x'.repeat(47))).toBe(false);
    expect(counted.isCompound('abcabe')).toBe(true);
  });
});
