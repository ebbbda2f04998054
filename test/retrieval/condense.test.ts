import { describe, expect, it } from 'vitest';
import { condenseQuestion } from '../../src/retrieval/condense.js';
import { createDanishAnalyzer } from '../../src/text/index.js';

const analyzer = createDanishAnalyzer();

describe('condenseQuestion', () => {
  it('leaves a question that stands alone as it is', () => {
    const q = 'Hvilke råd gives virksomheder om implementering af offentlig-privat innovation?';
    expect(condenseQuestion(q, [{ role: 'user', content: 'Hej' }], analyzer)).toEqual({ standalone: q });
  });

  it('carries the earlier question into an elliptic follow-up', () => {
    const c = condenseQuestion(
      'og hvor mange var med?',
      [{ role: 'user', content: 'Hvem holdt OPI-dagen i Aarhus?' }],
      analyzer,
    );
    expect(c.context).toBe('Hvem holdt OPI-dagen i Aarhus?');
  });

  it('asks the last question again about the other party of "og hos X?" (the earlier party and its answer left out)', () => {
    const history = [
      { role: 'user' as const, content: 'Hvor hurtigt beslutter man hos virksomheder i OPI?' },
      { role: 'assistant' as const, content: 'Hurtigt: beslutningsvejen er kort.' },
    ];
    const c = condenseQuestion('og hos kommunerne?', history, analyzer);
    expect(c.rewritten).toBe('Hvor hurtigt beslutter man hos kommunerne i OPI?');
    expect(c.context).toBeUndefined();
    // a place replaces a place ("i Aalborg"), never the topic ("i OPI"): with none, it is added
    expect(condenseQuestion('hvad med i Odense?', history, analyzer).rewritten).toBe(
      'Hvor hurtigt beslutter man hos virksomheder i OPI i Odense',
    );
    const held = [{ role: 'user' as const, content: 'Hvornår var værkstedet i Aalborg?' }];
    expect(condenseQuestion('og i København?', held, analyzer).rewritten).toBe('Hvornår var værkstedet i København?');
  });

  it('asks the last question again about a party named without a preposition ("og kommunerne?", "and the public side?")', () => {
    const ask = (last: string, question: string) =>
      condenseQuestion(question, [{ role: 'user', content: last }], analyzer).rewritten;
    expect(ask('hvor hurtigt beslutter virksomhederne?', 'og kommunerne?')).toBe('hvor hurtigt beslutter kommunerne?');
    expect(ask('What kind of organisation is a private company, according to the table?', 'and the public side?')).toBe(
      'What kind of organisation is a public side, according to the table?',
    );
    // an adjective alone keeps the noun; an adjective with its noun after a preposition is one party
    expect(ask('Hvad er målet for private aktører?', 'hvad med de offentlige?')).toBe(
      'Hvad er målet for offentlige aktører?',
    );
    expect(ask('Hvordan er risikovilligheden hos offentlige aktører i OPI?', 'og hos virksomhederne?')).toBe(
      'Hvordan er risikovilligheden hos virksomhederne i OPI?',
    );
    // not a party, or no party in the last question: the follow-up keeps the earlier turns as context
    expect(ask('Hvad er OPI?', 'og hvad med økonomien?')).toBeUndefined();
    expect(ask('Hvad er OPI?', 'og kommunerne?')).toBeUndefined();
  });

  it('asks about the person "den første af dem" points at, by the name the last answer gave first', () => {
    const history = [
      { role: 'user' as const, content: 'Hvem kan jeg kontakte?' },
      { role: 'assistant' as const, content: 'Kontakt Lotte Rømer Grove eller Lene Krogh Jeppesen i COI.' },
    ];
    expect(condenseQuestion('hvad er nummeret til den første af dem?', history, analyzer).rewritten).toBe(
      'hvad er nummeret til Lotte Rømer Grove?',
    );
    expect(condenseQuestion('og den sidste?', history, analyzer).rewritten).toBe('og Lene Krogh Jeppesen?');
  });

  it('resolves a personal pronoun to the person the last answer named', () => {
    const c = condenseQuestion(
      'hvad er hendes nummer?',
      [
        { role: 'user', content: 'Hvem er innovationskonsulent i COI?' },
        { role: 'assistant', content: 'Det er Lotte Rømer Grove.' },
      ],
      analyzer,
    );
    expect(c.context).toContain('Lotte Rømer Grove');
    expect(c.standalone).toContain('Lotte Rømer Grove');
  });

  it("carries the last answer's first sentence, without its citation markers or preface, into a follow-up", () => {
    const c = condenseQuestion(
      'hvilke afdelinger kom folk fra?',
      [
        { role: 'user', content: 'Hvem holdt dagen i Aarhus?' },
        {
          role: 'assistant',
          content:
            '(Answered from Danish sources.)\nCFIA og VTU samlede de vigtigste aktører. [1] Dagen blev holdt i december. [1]',
        },
      ],
      analyzer,
    );
    expect(c.context).toBe('Hvem holdt dagen i Aarhus? CFIA og VTU samlede de vigtigste aktører.');
  });
});
