import { describe, expect, it } from 'vitest';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';
import type { Analyzer } from '../../src/text/types.js';

describe('createDanishAnalyzer', () => {
  const analyzer: Analyzer = createDanishAnalyzer();

  it('turns text into stemmed content terms without stop words', () => {
    expect(analyzer.terms('Hvordan samarbejder kommunerne med virksomhederne?')).toEqual([
      'samarbejd',
      'kommun',
      'virksomhed',
    ]);
  });

  it('keeps numbers and repeated terms (term frequency matters for indexing)', () => {
    expect(analyzer.terms('61 kommuner i 2015 og 61 kommuner i 2016')).toEqual([
      '61',
      'kommun',
      '2015',
      '61',
      'kommun',
      '2016',
    ]);
  });

  it('indexes hyphenated words by their parts and their glued form', () => {
    expect(analyzer.terms('OPI-mini')).toEqual(['opi', 'mini', 'opimini']);
  });

  it('gives query terms weights and origins, without duplicates', () => {
    const terms = analyzer.queryTerms('Hvad er innovationsindkøb og indkøb?');
    expect(terms).toEqual([
      { term: 'innovationsindkøb', weight: 1, origin: 'query' },
      { term: 'innovation', weight: 0.7, origin: 'compound' },
      { term: 'indkøb', weight: 1, origin: 'query' },
    ]);
  });

  it('matches a number in digits, Danish or English words as the same number ("5" = "fem" = "five")', () => {
    const of = (q: string) => analyzer.queryTerms(q).map((t) => t.term);
    expect(of('5 råd')).toContain(analyzer.stem('fem'));
    expect(of('de fem råd')).toContain('5');
    expect(of('the five tips')).toEqual(expect.arrayContaining([analyzer.stem('fem'), '5']));
    // "to" is a preposition too: two and one are left alone
    expect(of('2 råd')).not.toContain('to');
  });

  it('returns nothing for a question of stop words only', () => {
    expect(analyzer.queryTerms('Hvad er det?')).toEqual([]);
    expect(analyzer.terms('')).toEqual([]);
  });

  it('exposes tokens, stop words and stems consistent with terms', () => {
    expect(analyzer.tokens('Kommunerne, OPI!')).toEqual(['kommunerne', 'opi']);
    expect(analyzer.isStopWord('og')).toBe(true);
    expect(analyzer.isStopWord('kommune')).toBe(false);
    expect(analyzer.stem('kommunerne')).toBe('kommun');
  });

  it('has an id that is stable for the same options and changes with the lexicon', () => {
    const a = createDanishAnalyzer({ lexicon: ['støvsuger', 'robotarm'] });
    const b = createDanishAnalyzer({ lexicon: ['robotarm', 'Støvsuger', 'støvsuger'] });
    expect(a.id).toMatch(/^da-v\d+-[0-9a-f]+$/);
    expect(a.id).toBe(b.id);
    expect(a.id).not.toBe(analyzer.id);
    // Words that cannot change the output (too short, stop words, already known) do not change the id.
    expect(createDanishAnalyzer({ lexicon: ['og', 'hus', 'kommune'] }).id).toBe(analyzer.id);
  });

  it('analyses the same text the same way every time', () => {
    const text = 'Velfærdsteknologi på plejehjem: 15-16 medarbejdere, 61 % tilfredshed.';
    expect(analyzer.terms(text)).toEqual(createDanishAnalyzer().terms(text));
    expect(analyzer.terms(text)).toEqual(analyzer.terms(text));
  });
});
