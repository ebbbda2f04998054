import { describe, expect, it } from 'vitest';
import { FuzzyVocabulary } from '../../src/retrieval/fuzzy.js';
import { analyzeQuery } from '../../src/retrieval/query.js';
import { WEIGHTS } from '../../src/retrieval/weights.js';
import { createDanishAnalyzer } from '../../src/text/index.js';
import { vocabularyIndex } from '../support/index-fixtures.js';

const analyzer = createDanishAnalyzer();
const vocabulary = new Set(analyzer.terms('Borgen i Aalborg. Kommunen tænker nyt. En part i sagen.'));
const index = vocabularyIndex(vocabulary);
const fuzzy = new FuzzyVocabulary(vocabulary);
const group = (question: string, token: string, isRealWord?: (t: string) => boolean) =>
  analyzeQuery(question, analyzer, index, fuzzy, { expand: false, ...(isRealWord ? { isRealWord } : {}) }).groups.find(
    (g) => g.token === token,
  )!;

describe('analyzeQuery typo tolerance', () => {
  it('matches a misspelt word to the corpus word one edit away', () => {
    expect(group('Hvad med borgn?', 'borgn').members.map((m) => m.term)).toContain('borg');
  });

  it('never matches a real word to an unrelated corpus word ("morgen" is not a typo of "borg")', () => {
    expect(group('Hvad sker der i morgen?', 'morgen', () => true).members.map((m) => m.term)).not.toContain('borg');
    expect(group('Hvad sker der i morgen?', 'morgen').members.map((m) => m.term)).toContain('borg');
  });

  it('does not take a short English word for a misspelt Danish one ("main" is no "mail"), a long one it may', () => {
    const own = new Set(analyzer.terms('Send en mail til Aalborg Kommune.'));
    const q = (question: string) =>
      analyzeQuery(question, analyzer, vocabularyIndex(own), new FuzzyVocabulary(own), {
        expand: false,
      });
    const main = q('What are the main goals of the municipality?').groups.find((g) => g.token === 'main')!;
    expect(main.members.map((m) => m.term)).not.toContain('mail');
    expect(main.known).toBe(false);
    // a name typed wrong in an English question is still found ("Aalbrog")
    const place = q('Where is the workshop in Aalbrog held?').groups.find((g) => g.token === 'aalbrog')!;
    expect(place.members.map((m) => m.term)).toContain('aalborg');
  });

  it('matches a real word only to another inflection of itself, not to a word sharing its first letters', () => {
    // "parkere" → "park" is one edit from "part" and shares "par": still not the same word
    expect(group('Hvor må jeg parkere?', 'parkere', () => true).members.map((m) => m.term)).not.toContain('part');
    expect(group('Hvor må jeg parkere?', 'parkere', () => true).known).toBe(false);
    // a misspelling keeps its tolerance
    expect(group('Hvem er parten?', 'parten', () => false).members.map((m) => m.term)).toContain('part');
  });
});

describe('analyzeQuery on a long question', () => {
  const story =
    'Jeg arbejder i en lille kommune på Fyn, og min chef har bedt mig skrive et notat til direktionen om cykler og borgere. Hvad tænker nytænkning om kommuner?';

  it('marks the words outside the clause that asks as story, and reads names and focus from that clause', () => {
    const q = analyzeQuery(story, analyzer, index, fuzzy, { expand: false });
    expect(q.long).toBe(true);
    expect(q.asking).toBe('Hvad tænker nytænkning om kommuner?');
    const byToken = new Map(q.groups.map((g) => [g.token, g]));
    expect(byToken.get('direktionen')?.story).toBe(true);
    expect(byToken.get('kommuner')?.story).toBeUndefined();
    expect(q.askingEntities).toEqual([]);
    expect(q.entities).toContain('Fyn');
  });

  it('leaves a short question without story words', () => {
    const q = analyzeQuery('Hvad tænker kommuner om cykler?', analyzer, index, fuzzy, { expand: false });
    expect(q.long).toBe(false);
    expect(q.groups.some((g) => g.story)).toBe(false);
  });
});

describe('analyzeQuery on particle verbs', () => {
  const words = new Set(analyzer.terms('Tilmelding sker på hjemmesiden. Et godt samarbejde kræver tid.'));
  const own = vocabularyIndex(words);
  const terms = (question: string, token: string) =>
    analyzeQuery(question, analyzer, own, new FuzzyVocabulary(words), { expand: false })
      .groups.find((g) => g.token === token)!
      .members.map((m) => m.term);

  it('matches a verb and its particle to the verb or its noun written as one word', () => {
    expect(terms('Hvornår kan man melde sig til?', 'melde')).toContain('tilmelding');
    expect(terms('Hvordan arbejder man sammen med firmaer?', 'arbejder')).toContain('samarbejd');
  });

  it('leaves a verb without a particle, or one the corpus has no glued word for, alone', () => {
    expect(terms('Hvornår kan man melde fra?', 'melde')).toEqual(['meld']);
    expect(terms('Hvordan arbejder man?', 'arbejder')).toEqual(['arbejd']);
  });
});

describe('analyzeQuery on spoken hedges', () => {
  it('leaves "egentlig", "faktisk" and "overhovedet" out of the words to match', () => {
    const q = analyzeQuery('Hvad tænker kommunen egentlig og faktisk overhovedet?', analyzer, index, fuzzy, {
      expand: false,
    });
    expect(q.groups.map((g) => g.token)).toEqual(['tænker', 'kommunen']);
  });
});

describe('analyzeQuery on a compound whose part has synonyms', () => {
  const withSynonyms = createDanishAnalyzer({ synonyms: { groups: [['bolig', 'husly']], glossary: [] } });
  const words = new Set(withSynonyms.terms('Hun fandt husly.'));
  const idx = vocabularyIndex(words);

  it('still matches the part synonym, but the corpus does not know the compound for it ("boligstøtte" ≠ "husly")', () => {
    const q = analyzeQuery('Hvordan søger man boligstøtte?', withSynonyms, idx, new FuzzyVocabulary(words), {
      expand: true,
    });
    const g = q.groups.find((x) => x.token === 'boligstøtte')!;
    expect(g.members.map((m) => m.term)).toContain(withSynonyms.stem('husly'));
    expect(g.known).toBe(false);
  });

  it('a synonym of the word itself still makes it known', () => {
    const q = analyzeQuery('Hvor er hans bolig?', withSynonyms, idx, new FuzzyVocabulary(words), { expand: true });
    expect(q.groups.find((x) => x.token === 'bolig')!.known).toBe(true);
  });
});

describe('analyzeQuery with a phrase synonym', () => {
  const withPhrase = createDanishAnalyzer({ synonyms: { groups: [['husly', 'tag over hovedet']], glossary: [] } });
  const words = new Set(withPhrase.terms('De fik husly.'));
  const idx = vocabularyIndex(words);

  it('makes the words of the phrase known, not the other unknown words of the question', () => {
    const q = analyzeQuery(
      'Hvor længe må man maksimalt have tag over hovedet?',
      withPhrase,
      idx,
      new FuzzyVocabulary(words),
      {
        expand: true,
      },
    );
    const byToken = new Map(q.groups.map((g) => [g.token, g]));
    expect(byToken.get('hovedet')?.known).toBe(true);
    expect(byToken.get('maksimalt')?.known).toBe(false);
  });
});

describe('analyzeQuery on a compound whose last part the corpus never uses', () => {
  const withSynonyms = createDanishAnalyzer({ synonyms: { groups: [['firma', 'virksomhed']], glossary: [] } });
  const words = new Set(withSynonyms.terms('En advokat fra en virksomhed kom til tilmeldingen.'));
  const idx = vocabularyIndex(words);
  const groupOf = (question: string, token: string) =>
    analyzeQuery(question, withSynonyms, idx, new FuzzyVocabulary(words), { expand: true }).groups.find(
      (g) => g.token === token,
    )!;

  it('marks its head as unknown ("tilmeldings|fristen")', () => {
    expect(groupOf('Hvornår er tilmeldingsfristen?', 'tilmeldingsfristen').unknownHead).toBe(true);
  });

  it('not when the corpus uses a synonym of the last part ("advokat|firma": a "virksomhed")', () => {
    expect(groupOf('Hvilket advokatfirma var med?', 'advokatfirma').unknownHead).toBeUndefined();
  });
});

describe('analyzeQuery with a synonym of several words', () => {
  const withSynonyms = createDanishAnalyzer({ synonyms: { groups: [['virksomhed', 'privat aktør']], glossary: [] } });
  const words = new Set(withSynonyms.terms('En privat aktør og en virksomhed.'));
  const idx = vocabularyIndex(words);

  it('marks each of its words as one word of the phrase ("privat" alone is no synonym of "virksomhed")', () => {
    const q = analyzeQuery('Hvilke virksomheder var med?', withSynonyms, idx, new FuzzyVocabulary(words), {
      expand: true,
    });
    const members = q.groups.find((g) => g.token === 'virksomheder')!.members;
    expect(members.find((m) => m.term === withSynonyms.stem('privat'))?.ofPhrase).toBe(true);
    expect(members.find((m) => m.term === withSynonyms.stem('virksomheder'))?.ofPhrase).toBeUndefined();
  });
});

describe('analyzeQuery on short stems', () => {
  const own = new Set(analyzer.terms('Dagen var lang. Gode råd. En dag.'));
  const shortIndex = vocabularyIndex(own);
  const shortGroup = (question: string, token: string) =>
    analyzeQuery(question, analyzer, shortIndex, new FuzzyVocabulary(own), { expand: false }).groups.find(
      (g) => g.token === token,
    )!;

  it('knows a regular inflection of a short word the corpus uses ("dagen", "rådene": "dag", "råd")', () => {
    expect(shortGroup('Hvad skete der på dagen?', 'dagen').known).toBe(true);
    expect(shortGroup('Hvad siger rådene?', 'rådene').known).toBe(true);
  });
});

describe('analyzeQuery on a long question with a story', () => {
  it('reads its type and sub-questions from the sentence that asks, not from the story', () => {
    const q = analyzeQuery(
      'Vi har møde med en leverandør i næste uge, og de har spurgt, hvordan kommunen hænger sammen. Jeg er ny i ' +
        'afdelingen og vil ikke sige noget forkert. Hvornår blev borgen i Aalborg bygget?',
      analyzer,
      index,
      fuzzy,
      { expand: false },
    );
    expect(q.long).toBe(true);
    expect(q.type).toBe('when');
    expect(q.parts.map((p) => p.type)).toEqual(['when']);
  });
});

describe('analyzeQuery names', () => {
  it('takes an English word the glossary translates to a Danish name as that name ("sweden" → "Sverige")', () => {
    const glossed = createDanishAnalyzer({
      synonyms: { groups: [], glossary: [{ from: 'sweden', to: ['sverige'] }] },
    });
    const names: Record<string, string> = { sverige: 'Sverige', aalborg: 'Aalborg' };
    const nameOf = (w: string) => names[w];
    const english = analyzeQuery('are there examples from sweden like the aalborg case?', glossed, index, fuzzy, {
      expand: true,
      nameOf,
    });
    // (an English word the glossary lacks is not read as a Danish name: "aalborg" stays a word here)
    expect(english.entities).toEqual(['Sverige']);
    const danish = analyzeQuery('er der eksempler fra sverige og aalborg?', glossed, index, fuzzy, {
      expand: true,
      nameOf,
    });
    expect(danish.entities).toEqual(['Sverige', 'Aalborg']);
  });
});

describe('analyzeQuery inflections the stemmer cuts apart', () => {
  it('knows an inflection whose stem differs from its base word\'s ("virksomhederne" → "virksomhed" → "virksom")', () => {
    const words = new Set(analyzer.terms('Virksomheden og kommunen samarbejder.'));
    const own = vocabularyIndex(words);
    // (Snowball cuts "virksomhederne" to "virksomhed" but "virksomhed" to "virksom")
    expect(analyzer.stem('virksomhederne')).not.toBe(analyzer.stem('virksomhed'));
    const q = analyzeQuery('Hvad vil virksomhederne?', analyzer, own, new FuzzyVocabulary(words), { expand: false });
    const g = q.groups.find((x) => x.token === 'virksomhederne')!;
    expect(g.known).toBe(true);
    expect(g.members.map((m) => m.term)).toContain(analyzer.stem('virksomhed'));
    // a word whose own stem is unknown and no shorter form is known stays unknown
    const other = analyzeQuery('Hvad med parkeringerne?', analyzer, own, new FuzzyVocabulary(words), { expand: false });
    expect(other.groups.find((x) => x.token === 'parkeringerne')!.known).toBe(false);
  });
});

describe('analyzeQuery referredPeople', () => {
  const analyze = (question: string, context?: string) =>
    analyzeQuery(question, analyzer, index, fuzzy, { expand: false, ...(context ? { context } : {}) });

  it("names the people a follow-up's personal pronoun may point at: the full names of the earlier turns", () => {
    const context = 'hvem ledede dagen? Det var Karen Holm fra Cykelfonden.';
    expect(analyze('hvad er hendes nummer?', context).referredPeople).toEqual(['Karen Holm']);
    // no personal pronoun, or no earlier turns: no one
    expect(analyze('hvad er nummeret?', context).referredPeople).toEqual([]);
    expect(analyze('hvad er hendes nummer?').referredPeople).toEqual([]);
  });
});

describe('isEnglish', () => {
  it('reads a Danish question with "for" in it as Danish, an English one as English', async () => {
    const { isEnglish } = await import('../../src/retrieval/query.js');
    expect(isEnglish(analyzer.tokens('Hvilket tema valgte Sorø Kommune for cykeldagen?'))).toBe(false);
    expect(isEnglish(analyzer.tokens('Hvorfor skal vi have jura med for at lave OPI?'))).toBe(false);
    expect(isEnglish(analyzer.tokens('What is the theme for the day in Sorø?'))).toBe(true);
  });
});

describe('analyzeQuery on a contact question', () => {
  it('asks for a number, not what the genitive before it is ("hvad er lottes telefonnummer")', () => {
    const q = analyzeQuery('hvad er lottes telefonnummer?', analyzer, index, fuzzy, { expand: false });
    expect(q.type).toBe('contact');
    expect(q.focus).toBeUndefined();
    // without the contact noun, "hvad er X" asks what X is
    expect(analyzeQuery('hvad er en borgkommune?', analyzer, index, fuzzy, { expand: false }).focus?.kind).toBe(
      'topic',
    );
  });
});

describe('analyzeQuery on a synonym of a phrase of stop words', () => {
  it('gives "have ud af" a group of its own, which no word of the question carries', () => {
    const withSynonyms = createDanishAnalyzer({ synonyms: { groups: [['incitament', 'have ud af']], glossary: [] } });
    const words = new Set(withSynonyms.terms('Virksomhedens incitament er økonomisk. Firmaet har en plan.'));
    const q = analyzeQuery(
      'hvad vil firmaet have ud af det?',
      withSynonyms,
      vocabularyIndex(words),
      new FuzzyVocabulary(words),
      {
        expand: true,
      },
    );
    const phrase = q.groups.find((g) => g.token === 'have ud af');
    expect(phrase?.known).toBe(true);
    expect(phrase?.members.map((m) => m.term)).toEqual(withSynonyms.terms('incitament'));
    // a phrase with a word of its own joins that word's group, as before
    const own = analyzeQuery('hvad er en plan?', withSynonyms, vocabularyIndex(words), new FuzzyVocabulary(words), {
      expand: true,
    });
    expect(own.groups.map((g) => g.token)).toEqual(['plan']);
  });
});

describe('analyzeQuery on a question asking whom a text is for', () => {
  const words = new Set(analyzer.terms('Målgruppen er ledere. Bogen er skrevet af Borgen.'));
  const ask = (question: string) =>
    analyzeQuery(question, analyzer, vocabularyIndex(words), new FuzzyVocabulary(words), { expand: false });

  it('asks for the readers ("målgruppe"), not for who wrote it', () => {
    const q = ask('hvem er bogen egentlig skrevet til?');
    expect(q.type).toBe('other');
    expect(q.groups.map((g) => g.token)).toEqual(['bogen', 'målgruppe']);
    // "skrevet af" asks for the author, as before
    const author = ask('hvem har skrevet bogen?');
    expect(author.type).toBe('who');
    expect(author.groups.map((g) => g.token)).not.toContain('målgruppe');
  });
});

describe('analyzeQuery on an everyday expression', () => {
  const withExpressions = createDanishAnalyzer({
    synonyms: {
      groups: [],
      glossary: [],
      expressions: [
        { from: 'gå i vasken', to: ['mislykkes', 'konflikt'] },
        { from: 'bøvlet', to: ['besværlig'] },
        { from: 'rådhuset', to: ['kommunalbestyrelse'] },
      ],
    },
  });
  const words = new Set(
    withExpressions.terms('Samarbejder kan mislykkes ved konflikter. Det er besværligt. Rådhuset. Kommunalbestyrelse.'),
  );
  const ask = (question: string, expand = true) =>
    analyzeQuery(question, withExpressions, vocabularyIndex(words), new FuzzyVocabulary(words), { expand });

  it('searches with the plain words of an expression of several words, never covering the question with them', () => {
    const q = ask('hvorfor går samarbejder nogle gange i vasken?');
    for (const plain of ['mislykkes', 'konflikt'])
      expect(q.lexicalTerms.find((t) => t.term === withExpressions.stem(plain))?.weight).toBe(
        WEIGHTS.credit.expression,
      );
    // its own words stay: "vasken" is still a word the corpus does not know, but a figure of speech, no topic
    expect(q.groups.find((g) => g.token === 'vasken')?.known).toBe(false);
    expect(q.groups.find((g) => g.token === 'vasken')?.figurative).toBe(true);
    expect(q.groups.find((g) => g.token === 'samarbejder')?.figurative).toBeUndefined();
    expect(q.groups.flatMap((g) => g.members.map((m) => m.term))).not.toContain(withExpressions.stem('mislykkes'));
    // without expansion, no plain words
    expect(ask('hvorfor går samarbejder nogle gange i vasken?', false).lexicalTerms.map((t) => t.term)).not.toContain(
      withExpressions.stem('mislykkes'),
    );
  });

  it('gives a one-word expression the corpus does not use its meaning; a word the corpus uses is read as written', () => {
    const g = ask('hvorfor er det så bøvlet?').groups.find((x) => x.token === 'bøvlet');
    expect(g?.known).toBe(true);
    expect(g?.members.map((m) => m.term)).toContain(withExpressions.stem('besværlig'));
    const town = ask('hvor ligger rådhuset?').groups.find((x) => x.token === 'rådhuset');
    expect(town?.members.map((m) => m.term)).not.toContain(withExpressions.stem('kommunalbestyrelse'));
  });
});

describe('analyzeQuery on a follow-up asking what abbreviations stand for', () => {
  it('asks for the expansion of the abbreviations the conversation named ("hvad står de forkortelser for?")', () => {
    const q = analyzeQuery('hvad står de forkortelser for?', analyzer, index, fuzzy, {
      expand: true,
      context: 'hvem stod bag dagen i aalborg Det gjorde CFIA og VTU.',
    });
    expect(q.focus).toEqual({ kind: 'expansion', words: ['CFIA', 'VTU'] });
    // without a conversation there is nothing to expand
    expect(
      analyzeQuery('hvad står de forkortelser for?', analyzer, index, fuzzy, { expand: true }).focus,
    ).toBeUndefined();
  });
});
