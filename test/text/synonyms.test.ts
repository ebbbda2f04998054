import { describe, expect, it } from 'vitest';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';
import { parseSynonyms } from '../../src/text/synonyms.js';

const YAML = `
synonyms:          # groups of Danish words/phrases that match each other
  - [opi, offentlig-privat innovation]
  - [aktør, interessent]
glossary:          # English term/phrase → Danish term/phrase
  municipality: kommune
  external: ekstern
  actor: aktør
  public procurement: offentligt indkøb
  companies: [virksomhed, erhvervsliv]
`;

describe('parseSynonyms', () => {
  it('reads groups and glossary, lower-cased', () => {
    const table = parseSynonyms(YAML, 'corpus/_meta/synonyms.yaml');
    expect(table.groups).toEqual([
      ['opi', 'offentlig-privat innovation'],
      ['aktør', 'interessent'],
    ]);
    expect(table.glossary).toContainEqual({ from: 'municipality', to: ['kommune'] });
    expect(table.glossary).toContainEqual({ from: 'companies', to: ['virksomhed', 'erhvervsliv'] });
  });

  it('accepts an empty file and a file with only one section', () => {
    expect(parseSynonyms('', 'x.yaml')).toEqual({ groups: [], glossary: [] });
    expect(parseSynonyms('glossary:\n  city: by\n').groups).toEqual([]);
  });

  it('names the file and the line on a YAML syntax error', () => {
    expect(() => parseSynonyms('synonyms:\n  - [opi, "ulukket\n', 'corpus/_meta/synonyms.yaml')).toThrow(
      /corpus\/_meta\/synonyms\.yaml: YAML-syntaksfejl/,
    );
  });

  it('names the file and the failing entry when the shape is wrong', () => {
    expect(() => parseSynonyms('synonyms:\n  - opi\n', 'corpus/_meta/synonyms.yaml')).toThrow(
      /corpus\/_meta\/synonyms\.yaml: `synonyms\.0`/,
    );
    expect(() => parseSynonyms('synonyms:\n  - [opi]\n', 'syn.yaml')).toThrow(
      /syn\.yaml: `synonyms\.0` en gruppe skal/,
    );
    expect(() => parseSynonyms('glossary:\n  city: {a: 1}\n', 'syn.yaml')).toThrow(/`glossary\.city`/);
  });

  it('throws a HelpdeskError with code corpus_invalid', () => {
    expect(() => parseSynonyms('synonyms: 5', 'syn.yaml')).toThrow(expect.objectContaining({ code: 'corpus_invalid' }));
  });
});

describe('query expansion', () => {
  const analyzer = createDanishAnalyzer({ synonyms: parseSynonyms(YAML) });
  const weightOf = (terms: ReturnType<typeof analyzer.queryTerms>, term: string) =>
    terms.find((t) => t.term === term)?.weight;

  it('adds the other members of a synonym group with a lower weight', () => {
    const terms = analyzer.queryTerms('Hvad er OPI?');
    expect(weightOf(terms, 'opi')).toBe(1);
    expect(terms).toContainEqual(expect.objectContaining({ term: 'innovation', weight: 0.6, origin: 'synonym' }));
    expect(terms).toContainEqual(expect.objectContaining({ term: 'privat', weight: 0.6, origin: 'synonym' }));
  });

  it('matches multi-word phrases on token sequences, hyphenated or not', () => {
    for (const q of ['offentlig-privat innovation', 'offentlig privat innovation']) {
      expect(analyzer.queryTerms(q)).toContainEqual(
        expect.objectContaining({ term: 'opi', weight: 0.6, origin: 'synonym' }),
      );
    }
    expect(analyzer.queryTerms('privat innovation').some((t) => t.term === 'opi')).toBe(false);
  });

  it('matches a single-word synonym inside a compound or hyphenated word', () => {
    expect(analyzer.queryTerms('OPI-projekter').some((t) => t.term === 'innovation')).toBe(true);
  });

  it('turns an English question into Danish terms through the glossary', () => {
    const terms = analyzer.queryTerms('Which external actors worked with the municipalities?');
    expect(terms).toContainEqual(
      expect.objectContaining({ term: analyzer.stem('ekstern'), weight: 0.8, origin: 'glossary' }),
    );
    expect(terms).toContainEqual(
      expect.objectContaining({ term: analyzer.stem('aktør'), weight: 0.8, origin: 'glossary' }),
    );
    expect(terms).toContainEqual(
      expect.objectContaining({ term: analyzer.stem('kommune'), weight: 0.8, origin: 'glossary' }),
    );
    // Synonyms of glossary terms come in at glossary × synonym weight.
    expect(weightOf(terms, analyzer.stem('interessent'))).toBeCloseTo(0.48);
    expect(terms.some((t) => t.term === 'which')).toBe(false);
  });

  it('matches multi-word glossary phrases and lists of Danish terms', () => {
    const terms = analyzer.queryTerms('public procurement for companies');
    expect(terms).toContainEqual(
      expect.objectContaining({ term: analyzer.stem('indkøb'), weight: 0.8, origin: 'glossary' }),
    );
    expect(terms).toContainEqual(
      expect.objectContaining({ term: analyzer.stem('erhvervsliv'), weight: 0.8, origin: 'glossary' }),
    );
  });

  it('keeps the highest weight when a term arrives several ways', () => {
    const terms = analyzer.queryTerms('aktør actor');
    expect(terms.filter((t) => t.term === analyzer.stem('aktør'))).toEqual([
      { term: analyzer.stem('aktør'), weight: 1, origin: 'query' },
    ]);
  });

  it('changes the analyzer id with the synonym table', () => {
    expect(analyzer.id).not.toBe(createDanishAnalyzer().id);
    expect(analyzer.id).toBe(createDanishAnalyzer({ synonyms: parseSynonyms(YAML) }).id);
    expect(createDanishAnalyzer().id).toBe(createDanishAnalyzer().id);
  });
});

describe('everyday expressions', () => {
  const table = parseSynonyms(
    `expressions:
  gå i vasken: [mislykkes, fejle]
  styre slagets gang: lede
  holde folk til ilden: [motivere, engagement]
  gå i: begynde
  bøvlet: besværlig
`,
    'corpus/_meta/synonyms.yaml',
  );
  const analyzer = createDanishAnalyzer({ synonyms: table });
  const found = (question: string) =>
    (analyzer.expressions?.(analyzer.tokens(question)) ?? []).map((m) => [m.phrase, m.positions]);

  it('reads expressions one way: expression → plain words', () => {
    expect(table.expressions).toContainEqual({ from: 'gå i vasken', to: ['mislykkes', 'fejle'] });
    expect(table.expressions).toContainEqual({ from: 'styre slagets gang', to: ['lede'] });
    expect(() => parseSynonyms('expressions:\n  gå i vasken: {a: 1}\n', 'syn.yaml')).toThrow(
      /`expressions\.gå i vasken`/,
    );
  });

  it('finds an expression in any tense, with words between its verb and the rest', () => {
    expect(found('hvorfor går samarbejderne nogle gange i vasken')).toEqual([['gå i vasken', [1, 5, 6]]]);
    expect(found('projektet gik i vasken')).toEqual([['gå i vasken', [1, 2, 3]]]);
    expect(found('hvem styrede slagets gang')).toEqual([['styre slagets gang', [1, 2, 3]]]);
    expect(found('hvordan holder man folk til ilden')).toEqual([['holde folk til ilden', [1, 3, 4, 5]]]);
    expect(found('hvorfor er det så bøvlet')).toEqual([['bøvlet', [4]]]);
  });

  it('prefers the longest expression and finds none where its words are apart or missing', () => {
    // "gå i" is part of "gå i vasken": one expression, not two
    expect(found('det gik i vasken')).toEqual([['gå i vasken', [1, 2, 3]]]);
    expect(found('vi gik i gang')).toEqual([['gå i', [1, 2]]]);
    expect(found('vasken i køkkenet')).toEqual([]);
    expect(found('slagets forløb og gang i sagen')).toEqual([]);
  });
});
