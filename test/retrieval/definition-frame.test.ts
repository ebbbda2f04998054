import { describe, expect, it } from 'vitest';
import { definitionFrame } from '../../src/retrieval/query.js';
import { isOrdinal, questionType } from '../../src/retrieval/question-type.js';
import { createDanishAnalyzer } from '../../src/text/analyzer.js';

const analyzer = createDanishAnalyzer();
/** The words of a question that `definitionFrame` marks as its frame. */
const frameWords = (question: string) => {
  const tokens = analyzer.tokens(question);
  return [...definitionFrame(tokens)].map((at) => tokens[at]);
};

describe('definitionFrame', () => {
  it('marks the verb and its particles of a question asking what something is', () => {
    expect(frameWords('hvad går opi egentlig ud på?')).toEqual(['går', 'ud', 'på']);
    expect(frameWords('Hvad handler casen fra Odense om?')).toEqual(['handler', 'om']);
    expect(frameWords('hvad dækker begrebet over')).toEqual(['dækker', 'over']);
    expect(frameWords('Hvad betyder kommunsk?')).toEqual(['betyder']);
    expect(frameWords('What does OPI mean?')).toEqual(['mean']);
  });

  it('marks the words that ask for a time of day ("hvad tid på dagen", "hvilket tidspunkt")', () => {
    expect(frameWords('og hvad tid på dagen?')).toEqual(['tid', 'dagen']);
    expect(frameWords('Hvilket tidspunkt starter det?')).toEqual(['tidspunkt']);
    expect(frameWords('Hvor lang tid tager det?')).toEqual([]);
  });

  it('marks the verb of a question asking whom to turn to, and the wish to learn more', () => {
    expect(frameWords('hvem skal jeg ringe til om værkstedet?')).toEqual(['ringe']);
    expect(frameWords('hvor kan man henvende sig med spørgsmål?')).toEqual(['henvende']);
    expect(frameWords('Who should I contact about the workshops?')).toEqual(['contact']);
    expect(frameWords('hvis jeg vil høre mere om værkstederne')).toEqual(['høre', 'mere']);
    // a verb that is what the question is about stays content
    expect(frameWords('hvorfor skal kommunen skrive kontrakten tidligt?')).toEqual([]);
    expect(frameWords('hvad skal vi høre om på dagen?')).toEqual([]);
  });

  it('leaves the verb as content without its particles or without the question word', () => {
    expect(frameWords('hvad går galt i samarbejdet?')).toEqual([]);
    expect(frameWords('hvad står der i rådene om kommunikation?')).toEqual([]);
    expect(frameWords('projektet går ud på at samle erfaringer')).toEqual([]);
    expect(frameWords('Hvilke borgere betyder projektet noget for?')).toEqual([]);
  });
});

describe('questionType', () => {
  it('reads "hvor tit" as how often, not as where', () => {
    expect(questionType('hvor tit skal man mødes?')).not.toBe('where');
    expect(questionType('hvor holdes mødet?')).toBe('where');
  });
});

describe('isOrdinal', () => {
  it('knows ordinal words, which name a position and not a topic', () => {
    expect(['første', 'Tredje', 'third'].map(isOrdinal)).toEqual([true, true, true]);
    expect(['først', 'råd', 'fem'].map(isOrdinal)).toEqual([false, false, false]);
  });
});
