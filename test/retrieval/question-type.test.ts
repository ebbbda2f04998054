import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  askingClause,
  ordinalReference,
  questionType,
  subQuestions,
  typeFit,
} from '../../src/retrieval/question-type.js';

describe('questionType', () => {
  it.each([
    ['Hvor mange deltog?', 'count'],
    ['Hvad kostede projektet?', 'count'],
    ['How many actors are there?', 'count'],
    ['Hvor gammel er direktøren?', 'count'],
    ['Hvor lang tid tager et projekt?', 'count'],
    ['How long does a project take?', 'count'],
    ['Hvad er hendes nummer?', 'contact'],
    // a possessive pronoun makes "mail" somebody's address ("mail" alone may be any e-mail)
    ['hvad er hendes mail så jeg kan skrive til hende?', 'contact'],
    ['hvad er rikke bastholms mail', 'contact'],
    ['Hvad står der i punkt nummer tre?', 'other'],
    ['Hvornår blev bogen udgivet?', 'when'],
    ['When is the workshop?', 'when'],
    ['In which year did the workshops start?', 'when'],
    // a keyword question names the kind of answer as a noun
    ['opi dag cfia vtu tidspunkt', 'when'],
    // "hvor" before an adjective asks how much, not where
    ['hvor risikovillige er de offentlige aktører?', 'other'],
    ['hvor hurtigt beslutter kommunen?', 'other'],
    ['hvor henne var værkstedet?', 'where'],
    ['hvor holdt de værkstedet i Aalborg?', 'where'],
    ['åbne værksteder dato', 'when'],
    // … also as the last part of a compound
    ['nyt sammen bedre udgivelsesdato', 'when'],
    ['værkstedets starttidspunkt', 'when'],
    ['Hvilket tidsrum foregik mødet i?', 'time'],
    ['Hvorfor går det så langsomt?', 'why'],
    ['Og hvorfor?', 'why'],
    ['What time does it start?', 'time'],
    ['Hvem er direktør?', 'who'],
    ['Hvad hedder fonden?', 'name'],
    ['Hvor ligger værkstedet?', 'where'],
    // "hvor for" asks a reason, "hvor foregår" a place
    ['Hvor foregår værkstedet?', 'where'],
    ['Hvad er telefonnummeret?', 'contact'],
    // whom to turn to asks for a contact too
    ['hvem skal jeg ringe til om værkstederne?', 'contact'],
    ['Hvem kan man skrive til hvis man vil vide mere?', 'contact'],
    ['hvor kan jeg henvende mig med spørgsmål?', 'contact'],
    ['hvem er kontaktperson for projektet?', 'contact'],
    ['Who should I contact about the workshops?', 'contact'],
    ['hvem ringede til borgmesteren?', 'who'],
    ['Hvilke typer findes der?', 'list'],
    // a source named, not a list asked for
    ['Hvordan er økonomien opdelt ifølge rådene?', 'other'],
    ['Hvad er rådene?', 'list'],
    ['Hvad er OPI?', 'other'],
  ])('%s → %s', (q, type) => {
    expect(questionType(q)).toBe(type);
  });
});

describe('typeFit', () => {
  it('wants digits for counts, dates for when, names for who', () => {
    expect(typeFit('count', 'Der var 50 deltagere.')).toBe(1);
    expect(typeFit('count', 'Der var mange deltagere.')).toBe(0);
    expect(typeFit('when', 'Det skete den 3. oktober.')).toBe(1);
    expect(typeFit('when', 'Det skete engang.')).toBe(0);
    expect(typeFit('time', 'Mødet var den 3. oktober kl. 13-16.')).toBe(1);
    expect(typeFit('time', 'Mødet var den 3. oktober 2018.')).toBe(0);
    expect(typeFit('why', 'Det lykkes kun, hvis driften er med.')).toBe(1);
    expect(typeFit('why', 'Driften er med.')).toBe(0.5);
    // a reason named by a noun: the motive itself is the answer
    expect(typeFit('why', 'Virksomhedens incitament er økonomisk.')).toBe(1);
    expect(typeFit('why', 'Årsagen er manglende tid.')).toBe(1);
    expect(typeFit('who', 'Oplægget blev holdt af Rikke Hansen, direktør.')).toBe(1);
    // an organisation named by its acronym answers "who" in part; a title in capitals does not
    expect(typeFit('who', 'Arrangører var CFIA og VTU.')).toBeGreaterThan(0);
    expect(typeFit('who', 'Tallet stammer fra håndbogen "NYT SAMMEN BEDRE".')).toBe(0);
    expect(typeFit('contact', 'Ring på 12 34 56 78.')).toBe(1);
    expect(typeFit('list', 'Typer:\n- a\n- b')).toBe(1);
    expect(typeFit('other', 'hvad som helst')).toBe(0.5);
  });
});

describe('typeFit for counts ignores dates, years, times and phone numbers', () => {
  it.each([
    ['Værkstedet var den 3. oktober 2018 kl. 13-16.', 0],
    ['Ring på 61 81 31 05.', 0],
    ['Artiklen er fra 22/10/2018.', 0],
    ['Der deltog 50 personer.', 1],
    ['79 procent af innovationerne sker sammen med andre.', 1],
  ])('%s → %d', (text, fit) => {
    expect(typeFit('count', text)).toBe(fit);
  });
});

describe('question types in English need the interrogative use', () => {
  it('does not read "when" inside a clause as a date question', () => {
    expect(questionType('What are the main challenges when innovating with others?')).toBe('list');
    expect(questionType('When was the handbook published?')).toBe('when');
  });
  it('finds ordered lists and enumerations for list questions', () => {
    expect(typeFit('list', '1. OPI-mini\n2. Innovationsindkøb')).toBe(1);
    expect(
      typeFit('list', 'Typerne er OPI-mini, eksplorativt samarbejde, innovationsindkøb og strategisk partnerskab.'),
    ).toBe(1);
  });
});

describe('typeFit for counts ignores time ranges and street numbers', () => {
  it.each([
    ['Værkstedet varede 13-16.', 0],
    ['Stedet var Halmtorvet 27 i København.', 0],
    ['Der var 240 elever.', 1],
  ])('%s → %d', (text, fit) => {
    expect(typeFit('count', text)).toBe(fit);
  });
});

describe('ordinalReference', () => {
  it.each([
    ['Hvad siger råd nummer to?', 2],
    ['Hvad går det tredje råd ud på?', 3],
    ['What is step 4 about?', 4],
    ['Hvad står der i punkt nr. 5?', 5],
    ['Hvilke fem råd findes der?', undefined],
    ['Hvad er OPI?', undefined],
  ])('%s → %s', (q, n) => {
    expect(ordinalReference(q)).toBe(n);
  });

  it('makes a question about one numbered item a non-list question', () => {
    expect(questionType('Hvilke råd gives der?')).toBe('list');
    expect(questionType('Hvad er formålet ifølge råd nummer to?')).toBe('other');
  });
});

describe('subQuestions', () => {
  it('splits before each interrogative after a comma or "og"', () => {
    expect(subQuestions('Hvornår udkom den, og på hvilket forlag?')).toEqual([
      'Hvornår udkom den, og på',
      'hvilket forlag?',
    ]);
    expect(subQuestions('Hvad er bogen, hvem er den skrevet til, og kan man få den gratis?')).toHaveLength(3);
  });

  it('keeps a single question whole', () => {
    expect(subQuestions('Hvor mange kommuner er der i Danmark?')).toEqual(['Hvor mange kommuner er der i Danmark?']);
  });
});

describe('askingClause', () => {
  it('is the part after the last dash or ", men" when it asks something', () => {
    expect(askingClause('Vi ved ikke, hvem vi skal spørge – hvordan har andre grebet det an?')).toBe(
      'hvordan har andre grebet det an?',
    );
    expect(askingClause('Vi har hørt meget om det, men hvad er de vigtigste forskelle?')).toBe(
      'hvad er de vigtigste forskelle?',
    );
  });

  it('is undefined without such a clause', () => {
    expect(askingClause('Hvem står bag håndbogen?')).toBeUndefined();
    expect(askingClause('Hvad er OPI – kort fortalt.')).toBeUndefined();
  });
});

describe('typeFit for list questions', () => {
  // the enumeration pattern as first written: three or more items, commas and a final og/eller/and/or
  const ENUMERATION = /[^,.;]+,[^,.;]+(,[^,.;]+)*\s(og|eller|and|or)\s[^,.;]+/iu;
  const reference = (text: string) =>
    /^\s*([-*•]|\d+[.)])\s/m.test(text) || ENUMERATION.test(text) || /\b\d\)/.test(text) ? 1 : 0.3;

  it('finds an enumeration exactly where the plain pattern does', () => {
    const piece = fc.constantFrom(
      'a',
      'B',
      ' ',
      ',',
      '.',
      ';',
      'og',
      'OG',
      'or',
      'eller',
      'and',
      '\n',
      '\t',
      'æ',
      '1',
      ')',
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 25 }), (parts) => {
        const text = parts.join('');
        expect(typeFit('list', text)).toBe(reference(text));
      }),
      { numRuns: 5000 },
    );
  });

  it('stays fast on a long passage without an enumeration', () => {
    const text = 'Lorem ipsum dolor sit amet consectetur adipiscing elit sed, tempor incididunt ut labore '.repeat(80);
    const started = performance.now();
    expect(typeFit('list', text)).toBe(0.3);
    expect(performance.now() - started).toBeLessThan(50);
  });
});

describe('askingPart', async () => {
  const { askingPart } = await import('../../src/retrieval/question-type.js');

  it('is the last sentence with a question word after a story', () => {
    expect(
      askingPart('Vi er en lille afdeling i Børn og Unge. Min chef er usikker. Hvad siger håndbogen om fonde?'),
    ).toBe('Hvad siger håndbogen om fonde?');
  });

  it('is the sentence with the question mark even when the story comes after it', () => {
    expect(
      askingPart('Hvad afgør valget af samarbejde? Jeg spørger, fordi min chef er i tvivl om, hvor bindende det er.'),
    ).toBe('Hvad afgør valget af samarbejde?');
    // without a question mark, the last sentence with a question word
    expect(askingPart('Vi har et projekt. Hvilke råd findes der. Vi mødes i morgen.')).toBe('Hvilke råd findes der.');
  });

  it('takes in the sentence before when the asking one points into it ("… mellem dem?")', () => {
    expect(
      askingPart(
        'Vi har en leverandør. Min leder nævnte forskellige slags opi. Hvilke findes der, og hvordan vælger man mellem dem?',
      ),
    ).toBe('Min leder nævnte forskellige slags opi. Hvilke findes der, og hvordan vælger man mellem dem?');
    expect(askingPart('Vi har en leverandør. Min leder nævnte OPI. Hvad siger håndbogen om fonde?')).toBe(
      'Hvad siger håndbogen om fonde?',
    );
  });

  it('is the asking clause after a dash, or the whole question when it is one sentence', () => {
    expect(askingPart('Vi har travlt – hvordan kommer vi i gang?')).toBe('hvordan kommer vi i gang?');
    expect(askingPart('Hvad er OPI?')).toBe('Hvad er OPI?');
  });
});

describe('askedList', async () => {
  const { askedList } = await import('../../src/retrieval/question-type.js');

  it('reads how many items a question asks to have listed, and of what', () => {
    expect(askedList('Hvad er de 8 myter om den offentlige sektor?')).toEqual({ size: 8, noun: 'myter om' });
    expect(askedList('What are the four types of OPI collaboration?')).toEqual({ size: 4, noun: 'types of' });
    expect(askedList('Hvilke 8 myter om den offentlige sektor er der tale om?')).toEqual({ size: 8, noun: 'myter om' });
    expect(askedList('Hvad er det første af de fem råd?')).toBeUndefined();
    expect(askedList('Hvem står bag de fem gode råd?')).toBeUndefined();
  });
});
