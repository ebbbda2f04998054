import { describe, expect, it } from 'vitest';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';
import { createDecompounder } from '../../src/text/decompound.js';
import { BASE_LEXICON } from '../../src/text/lexicon-da.js';
import { stemDanish } from '../../src/text/stem.js';
import { isStopWord } from '../../src/text/stopwords.js';

const decompounder = createDecompounder({ words: BASE_LEXICON, stem: stemDanish, isStopWord });

describe('createDecompounder', () => {
  it.each([
    ['innovationsindkøb', ['innovation', 'indkøb']],
    ['samarbejdsformen', ['samarbejde', 'formen']],
    ['velfærdsteknologi', ['velfærd', 'teknologi']],
    ['skoletoilet', ['skole', 'toilet']],
    ['medarbejdertilfredshed', ['medarbejder', 'tilfredshed']],
    ['plejehjem', ['pleje', 'hjem']],
    ['løsningsmodellen', ['løsning', 'modellen']],
    ['driftsomkostninger', ['drift', 'omkostninger']],
  ])('%s → %j', (word, parts) => {
    expect(decompounder.split(word)).toEqual(parts);
  });

  it.each(['billede', 'måltid', 'partnerskab', 'virksomhed', 'forslag', 'udvikling', 'kommunikation', 'tilfredshed'])(
    'does not over-split %s',
    (word) => {
      expect(decompounder.split(word)).toEqual([]);
    },
  );

  it('does not split lexicalised compounds or at suffix-like endings, even with corpus words added', () => {
    const d = createDecompounder({
      words: [...BASE_LEXICON, 'spørge', 'skaber', 'løse', 'stilling', 'målet'],
      stem: stemDanish,
      isStopWord,
    });
    for (const w of ['spørgsmålet', 'fællesskaber', 'hjemløse', 'problemstilling', 'arbejdsløshed']) {
      expect(d.split(w)).toEqual([]);
    }
    expect(d.split('udviklingsfællesskaber')).toEqual(['udvikling', 'fællesskaber']);
  });

  it('splits nested compounds into all their known parts', () => {
    const d = createDecompounder({ words: [...BASE_LEXICON, 'velfærdsteknologi'], stem: stemDanish, isStopWord });
    expect(d.split('velfærdsteknologiprojekt')).toEqual(['velfærdsteknologi', 'velfærd', 'teknologi', 'projekt']);
  });

  it('never uses stop words or parts shorter than three letters', () => {
    expect(decompounder.split('indkøb')).toEqual([]); // ind + køb: `ind` is a stop word
    expect(decompounder.split('byrådet')).toEqual([]); // by is too short
  });

  it('is deterministic', () => {
    const other = createDecompounder({ words: [...BASE_LEXICON].reverse(), stem: stemDanish, isStopWord });
    for (const w of ['samarbejdsformen', 'innovationsindkøb', 'plejehjem']) {
      expect(other.split(w)).toEqual(decompounder.split(w));
    }
  });
});

describe('compounds through the analyzer', () => {
  const analyzer = createDanishAnalyzer();
  const pairs: Array<[string, string]> = [
    ['innovationsindkøb', 'indkøb'],
    ['innovationsindkøb', 'innovation'],
    ['samarbejdsformen', 'samarbejde'],
    ['velfærdsteknologi', 'teknologi'],
    ['skoletoilet', 'toilet'],
    ['medarbejdertilfredshed', 'tilfredshed'],
    ['plejehjem', 'hjem'],
  ];

  it.each(pairs)('a document with "%s" is found by a query for "%s"', (compound, part) => {
    const docTerms = new Set(analyzer.terms(`Vi taler om ${compound} i dag.`));
    const query = analyzer.queryTerms(part);
    expect(query.some((q) => docTerms.has(q.term))).toBe(true);
  });

  it.each(pairs)('a query for "%s" finds a document with "%s"', (compound, part) => {
    const docTerms = new Set(analyzer.terms(`Her står der ${part}.`));
    const query = analyzer.queryTerms(compound);
    expect(query.some((q) => docTerms.has(q.term) && q.origin === 'compound')).toBe(true);
  });

  it("keeps the compound's own stem first, then its parts' stems", () => {
    expect(analyzer.terms('samarbejdsformen')).toEqual(['samarbejdsform', 'samarbejd', 'form']);
  });

  it('learns compounds of words added at run time', () => {
    expect(analyzer.compoundParts('robotstøvsugeren')).toEqual([]);
    const extended = analyzer.withLexicon(['Støvsuger']);
    expect(extended.compoundParts('robotstøvsugeren')).toEqual(['robot', 'støvsugeren']);
    expect(extended.terms('robotstøvsugeren')).toContain(analyzer.stem('støvsuger'));
    expect(extended.id).not.toBe(analyzer.id);
  });
});
