import { describe, expect, it } from 'vitest';
import { tokenize, tokenizeDetailed } from '../../src/text/tokenize.js';

describe('tokenize', () => {
  it('lower-cases words and keeps æ, ø, å and other letters', () => {
    expect(tokenize('Ærø, Øster Åby og café Über')).toEqual(['ærø', 'øster', 'åby', 'og', 'café', 'über']);
  });

  it('normalises to NFC so decomposed letters match composed ones', () => {
    expect(tokenize('A\u030Arhus')).toEqual(['århus']);
    expect(tokenize('Café')).toEqual(tokenize('Cafe\u0301'));
  });

  it('strips punctuation', () => {
    expect(tokenize('Hvem? (Kommunen!) "OPI" – ja.')).toEqual(['hvem', 'kommunen', 'opi', 'ja']);
  });

  it('keeps numbers whole, including years and decimals', () => {
    expect(tokenize('I 2015 deltog 61 kommuner; 79 sagde ja, 2,5 mio. kr. kl. 10.30')).toEqual([
      'i',
      '2015',
      'deltog',
      '61',
      'kommuner',
      '79',
      'sagde',
      'ja',
      '2,5',
      'mio',
      'kr',
      'kl',
      '10.30',
    ]);
  });

  it('drops Danish thousands separators', () => {
    expect(tokenize('1.000.000 kroner og 1.500,50')).toEqual(['1000000', 'kroner', 'og', '1500,50']);
  });

  it('turns a per cent sign into the word procent', () => {
    expect(tokenize('61% og 12 %')).toEqual(['61', 'procent', 'og', '12', 'procent']);
  });

  it('splits number ranges into their numbers without a glued form', () => {
    expect(tokenize('15-16 år, 13–16-årige')).toEqual(['15', '16', 'år', '13', '16', 'årige', '1316årige']);
  });

  it('gives the parts of a hyphenated word and then its glued form, flagged as joined', () => {
    expect(tokenizeDetailed('OPI-mini')).toEqual([
      { text: 'opi', joined: false },
      { text: 'mini', joined: false },
      { text: 'opimini', joined: true },
    ]);
    expect(tokenize('offentlig-privat e-mail')).toEqual([
      'offentlig',
      'privat',
      'offentligprivat',
      'e',
      'mail',
      'email',
    ]);
  });

  it('separates at apostrophes and abbreviation dots', () => {
    expect(tokenize("OPI'en bl.a. f.eks.")).toEqual(['opi', 'en', 'bl', 'a', 'f', 'eks']);
  });

  it('breaks URLs and e-mail addresses into their words', () => {
    expect(tokenize('Skriv til info@opi.dk eller se https://www.opi.dk/guide')).toEqual([
      'skriv',
      'til',
      'info',
      'opi',
      'dk',
      'eller',
      'se',
      'https',
      'www',
      'opi',
      'dk',
      'guide',
    ]);
  });

  it('returns nothing for text without words', () => {
    expect(tokenize('')).toEqual([]);
    expect(tokenize(' — !? ')).toEqual([]);
  });
});
