import { describe, expect, it } from 'vitest';
import { FuzzyVocabulary } from '../../src/retrieval/fuzzy.js';
import { respell } from '../../src/retrieval/spelling.js';
import { createDanishAnalyzer } from '../../src/text/index.js';
import { createStemmer } from '../../src/text/stem.js';
import { createWordList } from '../../src/text/word-list.js';

const analyzer = createDanishAnalyzer();
const corpusText = 'Åbne værksteder for virksomheder og kommuner. Samarbejdet skal være svært og råd hjælper. Et møde.';
const vocabulary = new Set(analyzer.terms(corpusText));
const words = createWordList(createStemmer());
words.addLines(['parkere/1', 'kantine/2', 'møde/3', 'raad/4', 'mode/5']);
words.finish();
const sources = {
  analyzer,
  documentFrequency: (t: string) => (vocabulary.has(t) ? 1 : 0),
  fuzzy: new FuzzyVocabulary(vocabulary),
  words,
};

describe('respell', () => {
  it('restores æ, ø and å typed as ae, oe and aa, in corpus words and in question words', () => {
    const r = respell('hvornaar er de aabne vaerksteder', sources);
    expect(r.text).toBe('hvornår er de åbne værksteder');
    expect(r.corrections.map((c) => c.kind)).toEqual(['orthography', 'orthography', 'orthography']);
  });

  it('restores å typed as aa even when the dictionary also knows the old spelling ("raad")', () => {
    expect(respell('gode raad til virksomheder', sources).text).toBe('gode råd til virksomheder');
  });

  it('leaves a real word whose only variant is a dropped letter ("mode" is not "møde")', () => {
    expect(respell('hvad er mode', sources).text).toBe('hvad er mode');
  });

  it('restores å in a word the dictionary knows only as an inflection ("formalet" of "formale"), not in a base word', () => {
    const own = new Set(analyzer.terms('Formålet med samarbejdet. Et møde.'));
    const list = createWordList(createStemmer());
    list.addLines(['formale/1', 'mode/2']);
    list.finish();
    const r = respell('hvad er formalet med samarbejdet og mode', {
      ...sources,
      words: list,
      documentFrequency: (t: string) => (own.has(t) ? 1 : 0),
      fuzzy: new FuzzyVocabulary(own),
    });
    expect(r.text).toBe('hvad er formålet med samarbejdet og mode');
  });

  it('restores å and ø that were dropped', () => {
    expect(respell('hvornar er de abne vaerksteder', sources).text).toBe('hvornår er de åbne værksteder');
  });

  it('corrects swapped letters to the corpus word, keeping the inflection typed and a capital', () => {
    const r = respell('Samarbjedet og kommuner', sources);
    expect(r.text).toBe('Samarbejdet og kommuner');
    expect(r.corrections).toEqual([{ from: 'samarbjedet', to: 'samarbejdet', kind: 'typo' }]);
  });

  it('restores a dropped letter whose stem is two edits from the corpus stem ("deltagrne": deltagrn ≠ deltag)', () => {
    const own = new Set(analyzer.terms('Deltagerne efterlyste et sted at spørge.'));
    const r = respell('hvad efterlyste deltagrne', {
      ...sources,
      documentFrequency: (t: string) => (own.has(t) ? 1 : 0),
      fuzzy: new FuzzyVocabulary(own),
    });
    expect(r.text).toBe('hvad efterlyste deltagerne');
  });

  it('falls back to the corpus term one edit away (analysis reads stems) for other typos', () => {
    const r = respell('Samarbajdet og kommuner', sources);
    expect(r.text).toBe('Samarbejd og kommuner');
  });

  it('edits at most a few words of one question letter by letter (a long question of non-words stays cheap)', () => {
    const typos = Array.from({ length: 10 }, () => 'virksomhder').join(' ');
    const calls: string[] = [];
    const counting = {
      ...sources,
      documentFrequency: (t: string) => {
        calls.push(t);
        return vocabulary.has(t) ? 1 : 0;
      },
    };
    const r = respell(typos, counting);
    // six are edited letter by letter (keeping the inflection); the rest only get the cheap lookup of the stem
    expect(r.text.split(' ')).toEqual([...Array(6).fill('virksomheder'), ...Array(4).fill('virksom')]);
    expect(calls.length).toBeLessThan(7 * 30 * 'virksomhder'.length);
  });

  it('puts the typed ending back when the bare term would stem to something else ("arbejdsplads" → "arbejdsplad")', () => {
    const own = new Set(analyzer.terms('Offentlige arbejdspladser'));
    const r = respell('Hvor mange arbejdspldser?', {
      ...sources,
      documentFrequency: (t: string) => (own.has(t) ? 1 : 0),
      fuzzy: new FuzzyVocabulary(own),
    });
    expect(r.text).toBe('Hvor mange arbejdspladser?');
    expect(analyzer.stem('arbejdspladser')).toBe(analyzer.stem(r.corrections[0]!.to));
  });

  it('corrects a mistyped question word', () => {
    expect(respell('hivlke virksomheder', sources).text).toBe('hvilke virksomheder');
  });

  it('corrects a mistyped filler even when its stem is a corpus word ("egenlig" stems to "egen"), not a real word', () => {
    const own = new Set(analyzer.terms('Samarbejdet uden for egen organisation. Virkelige resultater.'));
    const list = createWordList(createStemmer());
    list.addLines(['egen/1', 'virkelig/2']);
    list.finish();
    const r = respell('hvad er egenlig samarbejdet og virkelig egen', {
      ...sources,
      words: list,
      documentFrequency: (t: string) => (own.has(t) ? 1 : 0),
      fuzzy: new FuzzyVocabulary(own),
    });
    expect(r.text).toBe('hvad er egentlig samarbejdet og virkelig egen');
    expect(r.corrections).toEqual([{ from: 'egenlig', to: 'egentlig', kind: 'typo' }]);
  });

  it('never changes a real word the corpus lacks, and lists uncorrectable words as unrecognised', () => {
    const r = respell('Hvor kan jeg parkere ved kantinen? xqzzy', sources);
    expect(r.text).toBe('Hvor kan jeg parkere ved kantinen? xqzzy');
    expect(r.unrecognised).toEqual(['xqzzy']);
  });

  it('without a dictionary still respells against the corpus and the stop words', () => {
    const { words: _none, ...corpusOnly } = sources;
    expect(respell('hvad er svaert', corpusOnly).text).toBe('hvad er svært');
  });

  it('does not edit a token longer than any word letter by letter (a fuzzed 2,000-letter token ran out of memory)', () => {
    let calls = 0;
    const counting = {
      ...sources,
      documentFrequency: (t: string) => {
        calls++;
        return vocabulary.has(t) ? 1 : 0;
      },
    };
    respell('virksomhed'.repeat(30), counting);
    expect(calls).toBeLessThan(200);
  });
});
