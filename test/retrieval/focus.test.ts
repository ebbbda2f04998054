import { describe, expect, it } from 'vitest';
import { answersFocus, hasExpansion, questionFocus, sentenceTokens } from '../../src/retrieval/focus.js';

describe('questionFocus', () => {
  it.each([
    ['Hvor mange medarbejdere har skolen?', { kind: 'count', words: ['medarbejdere'] }],
    ['Koster det noget at deltage i værkstedet?', { kind: 'amount', words: [] }],
    ['Does it cost anything to attend?', { kind: 'amount', words: [] }],
    ['Hvor mange nye boliger blev bygget?', { kind: 'count', words: ['boliger'] }],
    ['How many people came?', { kind: 'count', words: ['people'] }],
    ['Hvor mange af de 98 kommuner har en strategi?', { kind: 'count', words: ['kommuner'] }],
    ['Hvor mange deltager var der på dagen?', { kind: 'count', words: ['deltager'] }],
    ['Hvad hedder fonden, som kommunen arbejdede med?', { kind: 'name', words: ['fonden'] }],
    ['Hvilket forlag udgav bogen?', { kind: 'name', words: ['forlag'] }],
    ['Hvilken advokatvirksomhed deltog?', { kind: 'name', words: ['advokatvirksomhed'] }],
    ['Hvilke private virksomheder var med?', { kind: 'name', words: ['virksomheder'] }],
    ['Hvem er kontaktperson for projektet?', { kind: 'person', words: ['kontaktperson'] }],
    ['Hvad koster kurset?', { kind: 'amount', words: ['kurset'] }],
    ['How much did the school toilet cost?', { kind: 'amount', words: ['school'] }],
    ['Hvor mange slags aktører findes der?', { kind: 'count', words: ['slags', 'aktører'] }],
    ['How much money did they get?', { kind: 'amount', words: [] }],
    ['Hvad står forkortelserne ABC og DE for?', { kind: 'expansion', words: ['ABC', 'DE'] }],
    ['hvad står cfia for', { kind: 'expansion', words: ['CFIA'] }],
    ['what does abc stand for?', { kind: 'expansion', words: ['ABC'] }],
    ['hvad viste den rundspørge som coi afsluttede', { kind: 'result', words: ['rundspørge'] }],
    ["Hvad fandt COI's rundspørge blandt politikerne frem til?", { kind: 'result', words: ['rundspørge'] }],
    ['Hvad var konklusionen på værkstedet?', { kind: 'result', words: ['værkstedet'] }],
    ['What did the survey find?', { kind: 'result', words: ['survey'] }],
    // what came out of a meeting or a study is what it concluded
    ['hvad kom der egentlig ud af de åbne værksteder', { kind: 'result', words: ['værksteder'] }],
    ['What came out of the survey?', { kind: 'result', words: ['survey'] }],
    // typed without æ/ø/å
    ['hvad kom der ud af de aabne vaerksteder', { kind: 'result', words: ['vaerksteder'] }],
    ['Hvad er et socialt frikort?', { kind: 'topic', words: ['frikort'] }],
    ['hvem har udarbejdet den standardkontrakt', { kind: 'author', words: ['standardkontrakt'] }],
    ['Hvilken forsker står bag tabellen?', { kind: 'author', words: ['tabellen'] }],
    ['Who developed the toolkit?', { kind: 'author', words: ['toolkit'] }],
    ['who is the author of the article on the handbook', { kind: 'author', words: ['article'] }],
    ['Hvem har lavet værktøjet?', { kind: 'author', words: ['værktøjet'] }],
    ['Hvilke politikere deltog?', { kind: 'person', words: ['politikere'] }],
    // English roles are people too
    ['who is the mayor of the municipality', { kind: 'person', words: ['mayor'] }],
    ['which politicians took part in the workshop', { kind: 'person', words: ['politicians'] }],
    // one lawyer is a person; "hvilke advokater" may ask for the firm ("Lundgrens advokater")
    ['hvilken advokat fra lundgrens var med', { kind: 'person', words: ['advokat'] }],
    ['Hvilke skoler deltog i forsøget?', { kind: 'name', words: ['skoler'] }],
    ["Hvad menes der med 'kommunsk'?", { kind: 'topic', words: ['kommunsk'] }],
    ['hvad mener man med opi-mini', { kind: 'topic', words: ['opi-mini'] }],
    ['Hvornår er det næste møde?', { kind: 'future', words: [] }],
    ['Hvad er åbningstiderne i borgerservice?', { kind: 'topic', words: ['åbningstiderne'] }],
    ['Hvad står der i kontrakten om immaterielle rettigheder?', { kind: 'topic', words: ['rettigheder'] }],
    ['Hvad siger håndbogen om fonde?', { kind: 'topic', words: ['fonde'], source: ['håndbogen'] }],
    ['Hvad siger statsstøttereglerne om, hvor meget man må betale?', { kind: 'topic', words: ['statsstøttereglerne'] }],
    ['Hvem ejer rettighederne til løsningen?', { kind: 'topic', words: ['rettighederne'] }],
    // spoken: a demonstrative before the thing and "for noget" after it
    ['hvad er det der opi-tog for noget', { kind: 'topic', words: ['opi-tog'] }],
    ['Hvad er den her skabelon for en?', { kind: 'topic', words: ['skabelon'] }],
    ['Hvad sker der ved de enkelte stationer?', { kind: 'topic', words: ['stationer'] }],
    ['Hvilke faser eller trin består forløbet af?', { kind: 'topic', words: ['faser'] }],
  ])('%s', (q, focus) => {
    expect(questionFocus(q)).toEqual(focus);
  });

  it('has no focus for names, unnamed kinds of things, or open questions', () => {
    // a project's outcome may be told in any words: no finding is required of it
    expect(questionFocus('hvad kom der ud af projektet?')).toBeUndefined();
    expect(questionFocus('Hvem er Ole Hansen?')).toBeUndefined();
    // a lower-case word is an abbreviation only where it "stands for" something
    expect(questionFocus('Hvad betyder opi for os?')).toBeUndefined();
    expect(questionFocus('Hvad står der for?')).toBeUndefined();
    expect(questionFocus('Hvem er målgruppen for bogen?')).toBeUndefined();
    expect(questionFocus('Hvilken rolle spiller økonomien?')).toBeUndefined();
    // a cleft asks what the clause after it names, not what the word before "der" is
    expect(questionFocus('Hvad er det ifølge analysechefen der oftere er en hæmsko?')).toBeUndefined();
    expect(questionFocus('What is it according to the report that holds projects back?')).toBeUndefined();
    expect(questionFocus('Hvilke typer af samarbejde findes der?')).toBeUndefined();
    expect(questionFocus('Hvem underviste og hvorfor?')).toBeUndefined();
    expect(questionFocus('Hvor mange af os har fundet på noget nyt?')).toBeUndefined();
    // who stands behind "it" asks about the thing of an earlier clause, not a thing of its own
    expect(questionFocus('Hvem står bag det sammen med COI?')?.kind).not.toBe('author');
    // a verb names no thing counted
    expect(questionFocus('hvor mange dukkede op?')).toBeUndefined();
    expect(questionFocus('Hvor mange deltog?')).toBeUndefined();
    expect(questionFocus('Hvor mange af de nye ting er hentet fra andre?')).toBeUndefined();
    expect(questionFocus('Hvordan kommer man i gang?')).toBeUndefined();
    expect(questionFocus('Hvad er OPI?')).toBeUndefined();
    // a noun of discourse points back at what the question said ("…, hvad er hovedpointen?")
    expect(questionFocus('Hvad er hovedpointen?')).toBeUndefined();
  });
});

describe('answersFocus', () => {
  const head = (stem: string) => (token: string) => token.toLowerCase().startsWith(stem);
  const none = new Set<string>();

  it('takes "ifølge X" for a finding of what is, not of what will be ("… ville ifølge COI komme i august")', () => {
    const result = { kind: 'result' as const, words: ['værksteder'] };
    const plan = 'Programmet for de åbne værksteder ville ifølge COI komme i august.';
    expect(answersFocus(result, plan, head('værksted'), none)).toBe(false);
    expect(answersFocus(result, 'Ifølge COI samlede de åbne værksteder 40 deltagere.', head('værksted'), none)).toBe(
      true,
    );
    expect(
      answersFocus(result, 'De åbne værksteder viste, at politikerne vil noget nyt.', head('værksted'), none),
    ).toBe(true);
  });

  it('does not take a list item\'s number for a count ("1. Lær kommunen at kende")', () => {
    const count = { kind: 'count' as const, words: ['kommuner'] };
    expect(answersFocus(count, '1. Lær kommunen at kende.', head('kommun'), none)).toBe(false);
    expect(answersFocus(count, '2) Tal med kommunen.', head('kommun'), none)).toBe(false);
    expect(answersFocus(count, 'Der er 98 kommuner i Danmark.', head('kommun'), none)).toBe(true);
    // a number at the start that is no list marker is a count
    expect(answersFocus(count, '98 kommuner har samme regler.', head('kommun'), none)).toBe(true);
  });

  it('wants a number next to the counted noun, not elsewhere in the sentence', () => {
    const count = { kind: 'count' as const, words: ['unge'] };
    expect(answersFocus(count, 'Projektet gav 40 unge en bolig.', head('unge'), none)).toBe(true);
    expect(answersFocus(count, 'Der kom to ting ud af det: nye boliger til hjemløse unge.', head('unge'), none)).toBe(
      false,
    );
    expect(answersFocus(count, 'I 2019 fik hjemløse unge hjælp.', head('unge'), none)).toBe(false);
    const homes = { kind: 'count' as const, words: ['boliger'] };
    expect(answersFocus(homes, 'Det gav to ting: nye boliger og job.', head('bolig'), none)).toBe(false);
    expect(answersFocus(homes, 'Det gav 40 nye boliger.', head('bolig'), none)).toBe(true);
    // a share counts the noun too: "procent af de" adds no distance
    const workplaces = { kind: 'count' as const, words: ['arbejdspladser'] };
    const share = 'Her har 80 procent af de offentlige arbejdspladser indført noget nyt.';
    expect(answersFocus(workplaces, share, head('arbejdsplads'), none)).toBe(true);
    expect(
      answersFocus(
        workplaces,
        'Her var 80 gode og meget travle offentlige arbejdspladser.',
        head('arbejdsplads'),
        none,
      ),
    ).toBe(false);
    expect(answersFocus(homes, 'Antal boliger: 40.', head('bolig'), none)).toBe(true);
  });

  it('does not take a number after the head that counts the noun after it ("deltagerne så fire typer")', () => {
    const count = { kind: 'count' as const, words: ['deltagere'] };
    expect(answersFocus(count, 'Deltagerne så fire typer samarbejde.', head('deltag'), none)).toBe(false);
    expect(answersFocus(count, 'Deltagerne var 50 i alt.', head('deltag'), none)).toBe(true);
    expect(answersFocus(count, 'Der deltog 50 af de vigtigste aktører.', head('delt'), none)).toBe(true);
  });

  it('does not take a number the question gives for the count it asks ("hvor mange af de 98 kommuner …")', () => {
    const count = { kind: 'count' as const, words: ['kommuner'] };
    expect(answersFocus(count, 'Der er 98 kommuner i Danmark.', head('kommune'), new Set(['98']))).toBe(false);
    expect(answersFocus(count, 'Der er 98 kommuner i Danmark.', head('kommune'), none)).toBe(true);
    expect(answersFocus(count, 'Kun 12 af de 98 kommuner har en strategi.', head('kommune'), new Set(['98']))).toBe(
      true,
    );
  });

  it('wants a new name beside the head noun', () => {
    const name = { kind: 'name' as const, words: ['fonden'] };
    expect(answersFocus(name, 'Kommunen arbejdede med fonden Realdania om boliger.', head('fond'), none)).toBe(true);
    expect(
      answersFocus(name, 'Odense Kommune arbejdede med en fond om boliger.', head('fond'), new Set(['odense'])),
    ).toBe(false);
    const school = { kind: 'name' as const, words: ['skole'] };
    expect(
      answersFocus(
        school,
        'Vesthimmerlands Kommune har sammen med en skole udviklet et toilet.',
        head('skole'),
        new Set(['vesthimmerland']),
      ),
    ).toBe(false);
  });

  it('wants a full name beside a role noun', () => {
    const person = { kind: 'person' as const, words: ['kontaktperson'] };
    expect(answersFocus(person, 'Kontaktperson er Hanne Holm fra kommunen.', head('kontaktperson'), none)).toBe(true);
    expect(
      answersFocus(person, 'Udpeg en kontaktperson, som kan guide projekterne.', head('kontaktperson'), none),
    ).toBe(false);
  });

  it('wants a sum of money for amounts, and something to come for "næste"', () => {
    const amount = { kind: 'amount' as const, words: [] };
    expect(answersFocus(amount, 'Projektet kostede 2,5 mio. kr.', head('x'), none)).toBe(true);
    const book = { kind: 'amount' as const, words: ['bogen'] };
    expect(answersFocus(book, 'Bogen koster 299 kr.', head('bog'), none)).toBe(true);
    expect(answersFocus(book, 'Kurset koster 299 kr.', head('bog'), none)).toBe(false);
    expect(answersFocus(amount, 'Bogen kan downloades gratis.', head('x'), none)).toBe(true);
    expect(answersFocus(amount, '79 procent sker i samarbejde.', head('x'), none)).toBe(false);
    const future = { kind: 'future' as const, words: [] };
    expect(answersFocus(future, 'Det næste værksted afholdes 5. maj.', head('x'), none)).toBe(true);
    expect(answersFocus(future, 'Værkstedet blev holdt den 3. oktober.', head('x'), none)).toBe(false);
  });
});

describe('hasExpansion', () => {
  it('finds words with the acronym initials next to it', () => {
    expect(hasExpansion('COI', sentenceTokens('Center for Offentlig Innovation (COI) udgav bogen.'))).toBe(true);
    expect(hasExpansion('OPI', sentenceTokens('OPI står for offentlig-privat innovation.'))).toBe(true);
    expect(hasExpansion('VTU', sentenceTokens('Bag initiativet står CFIA og VTU.'))).toBe(false);
  });
});

describe('answersFocus for a person', () => {
  const isHead = (t: string) => t.toLowerCase().startsWith('underviser');

  it('counts the distance to the role from the name’s nearest word', () => {
    const focus = { kind: 'person' as const, words: ['underviser'] };
    expect(
      answersFocus(focus, 'Rikke Bastholm fra Innoba var underviser og facilitator på dagen.', isHead, new Set()),
    ).toBe(true);
    expect(
      answersFocus(focus, 'Rikke Bastholm kom fra et firma i byen og var senere underviser.', isHead, new Set()),
    ).toBe(false);
  });

  it('takes neither a person "sammen med" the role nor an organisation ("Aarhus Kommune") for the one in it', () => {
    const lawyer = { kind: 'person' as const, words: ['advokat'] };
    const isLawyer = (t: string) => /^(advokat|jura)/iu.test(t);
    const none = new Set<string>();
    expect(answersFocus(lawyer, 'Hanne Holm faciliterede dagen sammen med Lundgrens advokater.', isLawyer, none)).toBe(
      false,
    );
    expect(answersFocus(lawyer, 'Hanne Holm fra Lundgrens advokater faciliterede dagen.', isLawyer, none)).toBe(true);
    expect(answersFocus(lawyer, 'Derfor samlede Aarhus Kommune både indkøb og jura.', isLawyer, none)).toBe(false);
  });

  it('finds the subject named a few words before the second of two roles ("… var underviser og facilitator")', () => {
    const facilitator = { kind: 'person' as const, words: ['facilitator'] };
    const isFacilitator = (t: string) => t.toLowerCase().startsWith('facilitator');
    expect(
      answersFocus(
        facilitator,
        'Rikke Bastholm fra Innoba var underviser og facilitator på dagen.',
        isFacilitator,
        new Set(),
      ),
    ).toBe(true);
  });
});
