import { describe, expect, it } from 'vitest';
import { questionType, typeFit } from '../../src/retrieval/question-type.js';

describe('questionType', () => {
  it.each([
    ['Hvor mange deltog?', 'count'],
    ['Hvad kostede projektet?', 'count'],
    ['How many actors are there?', 'count'],
    ['Hvornår blev bogen udgivet?', 'when'],
    ['When is the workshop?', 'when'],
    ['Hvem er direktør?', 'who'],
    ['Hvor ligger værkstedet?', 'where'],
    ['Hvad er telefonnummeret?', 'contact'],
    ['Hvilke typer findes der?', 'list'],
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
    expect(typeFit('who', 'Oplægget blev holdt af Rikke Hansen, direktør.')).toBe(1);
    expect(typeFit('contact', 'Ring på 12 34 56 78.')).toBe(1);
    expect(typeFit('list', 'Typer:\n- a\n- b')).toBe(1);
    expect(typeFit('other', 'hvad som helst')).toBe(0.5);
  });
});
