import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CheckOptions, checkAnswer as check, createStreamCheck } from '../../../src/answer/chat/check.js';
import { createDanishAnalyzer } from '../../../src/text/index.js';
import { aalborg, advice, partnership, poisoned } from './fixtures.js';

const passages = [partnership, aalborg, advice];

const analyzer = createDanishAnalyzer();
const variants: [string, CheckOptions][] = [
  ['built-in terms', {}],
  ['Danish analyzer terms', { terms: (t) => analyzer.terms(t) }],
];

describe.each(variants)('checkAnswer with %s', (_name, options) => {
  const checkAnswer = (text: string, ps: Parameters<typeof check>[1]) => check(text, ps, options);

  it('keeps a fully supported answer as written', () => {
    const text =
      'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen [1]. Proceduren blev indført med udbudsloven i 2016 [1].';
    const result = checkAnswer(text, passages);
    expect(result.text).toBe(text);
    expect(result.usedPassageIndexes).toEqual([0]);
    expect(result.droppedSentences).toEqual([]);
    expect(result.supported).toBe(true);
  });

  it('removes markers that point at no passage and re-points the sentence to its support', () => {
    const result = checkAnswer('Proceduren blev indført med udbudsloven i 2016 [7].', passages);
    expect(result.removedMarkers).toEqual([7]);
    expect(result.text).toBe('Proceduren blev indført med udbudsloven i 2016 [1].');
    expect(result.usedPassageIndexes).toEqual([0]);
  });

  it('removes a dangling marker from a sentence that also cites a real passage', () => {
    const result = checkAnswer('Lav en skriftlig samarbejdsaftale, før projektet går i gang [3][9].', passages);
    expect(result.removedMarkers).toEqual([9]);
    expect(result.text).toBe('Lav en skriftlig samarbejdsaftale, før projektet går i gang [1].');
    expect(result.usedPassageIndexes).toEqual([2]);
  });

  it('renumbers markers 1..m in order of first use and reports exactly the used passages', () => {
    const result = checkAnswer(
      'Afklar tidligt, hvem der ejer de immaterielle rettigheder [3]. Et innovationspartnerskab er en udbudsprocedure [1]. Lav en skriftlig samarbejdsaftale [3].',
      passages,
    );
    expect(result.text).toBe(
      'Afklar tidligt, hvem der ejer de immaterielle rettigheder [1]. Et innovationspartnerskab er en udbudsprocedure [2]. Lav en skriftlig samarbejdsaftale [1].',
    );
    expect(result.usedPassageIndexes).toEqual([2, 0]);
  });

  it('drops a sentence no passage supports and keeps the rest', () => {
    const result = checkAnswer(
      'Aalborg Kommune samarbejdede med tre virksomheder om digital medicinhåndtering på plejecentre [2]. Projektet blev støttet med 2,5 mio. kr. fra Markedsmodningsfonden [2]. Løsningen er nu udbredt til hele landet og vandt en international designpris [2].',
      passages,
    );
    expect(result.droppedSentences).toEqual([
      'Løsningen er nu udbredt til hele landet og vandt en international designpris.',
    ]);
    expect(result.text).not.toMatch(/designpris/);
    expect(result.supported).toBe(true);
    expect(result.usedPassageIndexes).toEqual([1]);
  });

  it('drops a sentence whose number is not in the cited passage', () => {
    const result = checkAnswer(
      'Aalborg Kommune samarbejdede med tre virksomheder om medicinhåndtering [2]. Projektet varede 24 måneder [2].',
      passages,
    );
    expect(result.droppedSentences).toEqual(['Projektet varede 24 måneder.']);
    expect(result.text).toBe('Aalborg Kommune samarbejdede med tre virksomheder om medicinhåndtering [1].');
  });

  it('accepts a digit for a number word in the passage', () => {
    const result = checkAnswer('Aalborg Kommune samarbejdede med 3 virksomheder om medicinhåndtering [2].', passages);
    expect(result.droppedSentences).toEqual([]);
    expect(result.supported).toBe(true);
  });

  it('re-points a sentence that cites the wrong passage', () => {
    const result = checkAnswer('Projektet varede 18 måneder og blev støttet af Markedsmodningsfonden [1].', passages);
    expect(result.text).toBe('Projektet varede 18 måneder og blev støttet af Markedsmodningsfonden [1].');
    expect(result.usedPassageIndexes).toEqual([1]);
  });

  it('gives a supported sentence without a marker the marker of its passage', () => {
    const result = checkAnswer('Lav en skriftlig samarbejdsaftale, før projektet går i gang.', passages);
    expect(result.text).toBe('Lav en skriftlig samarbejdsaftale, før projektet går i gang [1].');
    expect(result.usedPassageIndexes).toEqual([2]);
  });

  it('reads [1, 2], [1][2] and markers written after the full stop', () => {
    const result = checkAnswer(
      'Proceduren blev indført med udbudsloven i 2016. [1] Lav en skriftlig samarbejdsaftale [3, 1]. Aalborg Kommune samarbejdede med tre virksomheder [2][3].',
      passages,
    );
    expect(result.text).toBe(
      'Proceduren blev indført med udbudsloven i 2016 [1]. Lav en skriftlig samarbejdsaftale [2]. Aalborg Kommune samarbejdede med tre virksomheder [3].',
    );
    expect(result.usedPassageIndexes).toEqual([0, 2, 1]);
  });

  it('keeps list lines and their prefixes', () => {
    const result = checkAnswer(
      'To gode råd:\n- Afklar tidligt, hvem der ejer de immaterielle rettigheder [3].\n- Lav en skriftlig samarbejdsaftale [3].\n- Hold altid møderne om tirsdagen [3].',
      passages,
    );
    expect(result.text).toBe(
      '- Afklar tidligt, hvem der ejer de immaterielle rettigheder [1].\n- Lav en skriftlig samarbejdsaftale [1].',
    );
    expect(result.droppedSentences).toContain('Hold altid møderne om tirsdagen.');
  });

  it('does not split at Danish abbreviations', () => {
    const result = checkAnswer(
      'Partnerskabet kan omfatte bl.a. udvikling og efterfølgende indkøb af løsningen [1].',
      passages,
    );
    expect(result.text).toBe('Partnerskabet kan omfatte bl.a. udvikling og efterfølgende indkøb af løsningen [1].');
  });

  it('marks an answer that is mostly invented as unsupported', () => {
    const result = checkAnswer(
      'Proceduren blev indført i 2016 [1]. Derudover kræver alle kommuner en særlig licens fra Erhvervsstyrelsen, som koster 40.000 kr. om året og skal fornyes hvert andet år ved ansøgning [1]. Licensen gælder også for regioner og statslige styrelser i hele Norden [2].',
      passages,
    );
    expect(result.droppedSentences).toHaveLength(2);
    expect(result.supported).toBe(false);
  });

  it('marks an answer with no supported sentence as unsupported', () => {
    const result = checkAnswer('Det ved jeg ikke noget om, men prøv at spørge din leder [1].', passages);
    expect(result.supported).toBe(false);
    expect(result.text).toBe('');
    expect(result.usedPassageIndexes).toEqual([]);
  });

  it('never accepts instruction-like passage text as support', () => {
    const result = checkAnswer(
      'Borgerne var tilfredse med den nye løsning [1]. Alle OPI-projekter får automatisk 10 mio. kr. i støtte og skal kontakte gevinst@example.com [1].',
      [poisoned],
    );
    expect(result.text).toBe('Borgerne var tilfredse med den nye løsning [1].');
    expect(result.droppedSentences).toHaveLength(1);
    expect(result.supported).toBe(false);
  });
});

describe('createStreamCheck', () => {
  const sentences = [
    'Et innovationspartnerskab er en udbudsprocedure, hvor en ordregiver og virksomheder udvikler en ny løsning sammen',
    'Proceduren blev indført med udbudsloven i 2016',
    'Alle kommuner skal søge en særlig OPI-licens hos Erhvervsstyrelsen',
    'Lav en skriftlig [samarbejdsaftale](https://evil.example/x "t. Y"), før projektet går i gang',
    'Se <a href="https://evil.example/a. B">udbudsloven</a> og www.evil.example',
    'Projektet varede 18 måneder ![](https://evil.example/p.png)',
  ];
  const piece = fc.oneof(
    fc.constantFrom(...sentences),
    fc.constantFrom('. ', '.\n', ' [1]', ' [2]', '[3]', ' [1, 3]', '\n- ', '\n1. ', ' ', ' IKKE_I_VIDENSBASEN'),
  );

  it('never shows text that the check of the whole answer removes: what it shows only grows', () => {
    const checked = createStreamCheck(passages);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 16 }), fc.array(fc.nat(), { maxLength: 8 }), (pieces, cuts) => {
        const whole = pieces.join('');
        const final = checked(whole, true);
        let shown = '';
        for (const cut of [...cuts.map((c) => c % (whole.length + 1))].sort((a, b) => a - b)) {
          const now = checked(whole.slice(0, cut), false);
          expect(now.startsWith(shown)).toBe(true);
          shown = now;
        }
        expect(final.startsWith(shown)).toBe(true);
        expect(final).not.toMatch(/evil|</);
        // The same sentences as checkAnswer keeps, numbered as the passages are.
        const unnumbered = (t: string) => t.replace(/\s*\[\d+\]/g, '');
        expect(unnumbered(final)).toBe(unnumbered(check(whole, passages).text));
      }),
      { numRuns: 300 },
    );
  });
});
