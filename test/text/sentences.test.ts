import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';

describe('splitSentences', () => {
  it('splits on . ! ? before a capital letter or digit, and at the end', () => {
    expect(splitSentences('Kommunen søgte. Virksomheden svarede! Hvem betalte? 2019 var året.')).toEqual([
      'Kommunen søgte.',
      'Virksomheden svarede!',
      'Hvem betalte?',
      '2019 var året.',
    ]);
  });

  it.each([
    'fx.',
    'f.eks.',
    'bl.a.',
    'mv.',
    'm.v.',
    'ca.',
    'kl.',
    'tlf.',
    'nr.',
    'dvs.',
    'jf.',
    'mio.',
    'mia.',
    'osv.',
    'evt.',
    'inkl.',
    'ekskl.',
  ])('does not split after %s before a lower-case word', (abbr) => {
    expect(splitSentences(`Der kom ${abbr} tre kommuner med. Så gik vi.`)).toEqual([
      `Der kom ${abbr} tre kommuner med.`,
      'Så gik vi.',
    ]);
  });

  it('does not split after abbreviations that never end a sentence, even before a capital', () => {
    expect(
      splitSentences('Deltagerne var bl.a. Aarhus Kommune og f.eks. Region Midt. Ring på tlf. 70 20 30 40.'),
    ).toEqual(['Deltagerne var bl.a. Aarhus Kommune og f.eks. Region Midt.', 'Ring på tlf. 70 20 30 40.']);
    expect(splitSentences('Det kostede 2 mio. Kr. blev betalt.')).toHaveLength(1);
  });

  it('splits after osv., mv. and kr. when a capital letter follows', () => {
    expect(splitSentences('Vi købte senge, stole osv. Det tog tid.')).toEqual([
      'Vi købte senge, stole osv.',
      'Det tog tid.',
    ]);
  });

  it('keeps ordinal dates together', () => {
    expect(splitSentences('Mødet var den 3. oktober. Rådene kom 20. januar 2019 og igen 10. Oktober.')).toEqual([
      'Mødet var den 3. oktober.',
      'Rådene kom 20. januar 2019 og igen 10. Oktober.',
    ]);
  });

  it('does not split decimals, times or initials', () => {
    expect(splitSentences('Prisen steg 2.5 procent kl. 10.30. H.C. Andersen var der.')).toEqual([
      'Prisen steg 2.5 procent kl. 10.30.',
      'H.C. Andersen var der.',
    ]);
  });

  it('splits after a number that ends a sentence', () => {
    expect(splitSentences('Projektet startede i 2019. Det sluttede i 2021.')).toEqual([
      'Projektet startede i 2019.',
      'Det sluttede i 2021.',
    ]);
  });

  it('splits list items and does not split their numbers', () => {
    expect(splitSentences('Fem råd:\n- Lær kommunen at kende\n- husk formålet\n1. Første trin\n2. Andet trin')).toEqual(
      ['Fem råd:', '- Lær kommunen at kende', '- husk formålet', '1. Første trin', '2. Andet trin'],
    );
  });

  it('splits at blank lines and joins soft-wrapped lines', () => {
    expect(
      splitSentences('En sætning der\nfortsætter her\n\nNyt afsnit uden punktum\nKommune: Aarhus; År: 2019'),
    ).toEqual(['En sætning der\nfortsætter her', 'Nyt afsnit uden punktum', 'Kommune: Aarhus; År: 2019']);
  });

  it('keeps closing quotes and brackets with their sentence', () => {
    expect(splitSentences('Han sagde: "Det virker." (Det gjorde det.) Slut.')).toEqual([
      'Han sagde: "Det virker."',
      '(Det gjorde det.)',
      'Slut.',
    ]);
  });

  it('returns sentences that are trimmed substrings of the input, in order', () => {
    const pieces = fc.constantFrom(
      'Kommunen',
      'bl.a.',
      'f.eks.',
      '3.',
      'oktober',
      '2019.',
      'Det',
      'virker!',
      'Hvem?',
      '-',
      '\n',
      '\n\n',
      '1.',
      'ca.',
      'osv.',
      'Aarhus',
      ' ',
      '"',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 40 }), (parts) => {
        const text = parts.join(' ');
        let from = 0;
        for (const s of splitSentences(text)) {
          expect(s).toBe(s.trim());
          expect(s.length).toBeGreaterThan(0);
          const at = text.indexOf(s, from);
          expect(at).toBeGreaterThanOrEqual(from);
          from = at + s.length;
        }
        const joined = splitSentences(text).join('').replace(/\s/g, '');
        expect(joined).toBe(text.replace(/\s/g, ''));
      }),
    );
  });
});
