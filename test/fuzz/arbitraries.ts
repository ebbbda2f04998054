import fc from 'fast-check';

/** Danish words that exercise stemming, compounds, hyphens, numbers and abbreviations. */
export const DANISH_WORDS = [
  'samarbejdet',
  'kommunerne',
  'virksomhederne',
  'bestemmelse',
  'velfærdsteknologi',
  'innovationspartnerskab',
  'udbudsloven',
  'OPI-projekt',
  'offentlig-privat',
  '1.000.000',
  '2,5',
  '15-16',
  'bl.a.',
  'f.eks.',
  'OPI’en',
  'info@opi.dk',
  'https://opi.dk/x?y=1',
  '%',
  'Æblet',
  'ØRESUND',
  'århus',
  'İstanbul',
  'ﬁnans',
  'Straße',
  'e\u0301',
  'ǅ',
];

/** Strings likely to break text handling: control characters, lone surrogates, BOMs, odd line breaks. */
export const NASTY = [
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDFFF',
  '\r\n',
  '\r',
  '\u2028',
  '\u00A0',
  '\u200B',
  '\t',
  '\\',
  '`',
  '<script>alert(1)</script>',
  '<!--',
  '-->',
  '{{',
  '$(',
  '🙂',
  '👩‍👩‍👧',
];

/** Arbitrary text: binary junk, full Unicode, and Danish-looking word salad with nasty pieces. */
export const anyText = (maxLength = 200): fc.Arbitrary<string> =>
  fc.oneof(
    fc.string({ unit: 'binary', maxLength }),
    fc.string({ unit: 'grapheme', maxLength }),
    fc
      .array(fc.oneof(fc.constantFrom(...DANISH_WORDS), fc.constantFrom(...NASTY), fc.string({ maxLength: 6 })), {
        maxLength: Math.max(1, Math.floor(maxLength / 6)),
      })
      .map((parts) => parts.join(' ')),
  );

/** A lower-case Danish-ish word with no Markdown meaning (letters only). */
export const word: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'samarbejde',
    'kommune',
    'virksomhed',
    'borger',
    'indkøb',
    'innovation',
    'løsning',
    'behov',
    'aftale',
  ),
  fc.stringMatching(/^[a-zæøå]{1,10}$/),
);
