import { stemmer } from '@orama/stemmers/danish';

/** Turns text into comparable content terms (stemmed, without stop words). */
export type TermsFn = (text: string) => string[];

/** Danish and English function words that carry no claim. */
const STOP = new Set(
  (
    'og i at er det en et den de til af på for med som har ikke der kan om var vil skal være blive bliver blev ' +
    'man sig sin sit sine jeg du mig dig min mit mine din dit dine os vores jeres han hun vi jer dem deres dens dets denne dette disse her så også men eller hvis når ' +
    'fra ved under over efter før mellem mod uden hos ad ud op ind end fordi mens hvor hvad hvem hvilken hvilket ' +
    'hvilke hvordan hvorfor meget mere mest nogle noget nogen alle alt andre anden andet kun kan kunne skulle ' +
    'ville må må have havde hvis jo nu da dog vel både enten sådan således samt bl f eks a the of and to in is ' +
    'are was be for on with as by it that this at from or an not can will'
  ).split(/\s+/),
);
const NUMBER_WORDS: Record<string, string> = {
  to: '2',
  tre: '3',
  fire: '4',
  fem: '5',
  seks: '6',
  syv: '7',
  otte: '8',
  ni: '9',
  ti: '10',
  elleve: '11',
  tolv: '12',
};

/** The built-in terms: lower-cased words, stop words and numbers left out, Snowball-Danish stemmed. */
export function defaultTerms(text: string): string[] {
  const out: string[] = [];
  for (const token of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    if (token.length < 2 || STOP.has(token) || /^\d+$/.test(token)) continue;
    out.push(stemmer(token));
  }
  return out;
}

/** Numbers written in a text, normalised (`1.000` → `1000`, `2,5` → `2.5`). */
export function numbersIn(text: string, withWords = false): string[] {
  const out = (text.match(/\d+(?:[.,]\d+)*/g) ?? []).map((n) =>
    /^\d{1,3}(\.\d{3})+$/.test(n) ? n.replace(/\./g, '') : n.replace(/\.$/, '').replace(',', '.'),
  );
  if (withWords) {
    for (const token of text.toLowerCase().match(/\p{L}+/gu) ?? []) {
      const digit = NUMBER_WORDS[token];
      if (digit) out.push(digit);
    }
  }
  return out;
}

/** What a passage offers as support: its terms and numbers. */
export interface SupportText {
  terms: Set<string>;
  numbers: Set<string>;
}

/** Prepares a passage's text for support checks. */
export function supportText(text: string, terms: TermsFn): SupportText {
  return { terms: new Set(terms(text)), numbers: new Set(numbersIn(text, true)) };
}

/** How well a passage supports a sentence. */
export interface Support {
  /** Share of the sentence's content terms found in the passage, in [0, 1]. */
  coverage: number;
  /** Content terms found. */
  matched: number;
  /** Every number of the sentence appears in the passage. */
  numbersOk: boolean;
}

/** Lexical support of a sentence (its terms and numbers) by a passage. */
export function supportOf(sentenceTerms: string[], sentenceNumbers: string[], passage: SupportText): Support {
  const unique = [...new Set(sentenceTerms)];
  let matched = 0;
  for (const t of unique) if (hasTerm(passage.terms, t)) matched++;
  return {
    coverage: unique.length === 0 ? 0 : matched / unique.length,
    matched,
    numbersOk: sentenceNumbers.every((n) => passage.numbers.has(n)),
  };
}

/** Exact term, or a shared stem of at least 5 letters, or a compound containing the other term. */
function hasTerm(terms: Set<string>, t: string): boolean {
  if (terms.has(t)) return true;
  for (const p of terms) {
    const short = p.length < t.length ? p : t;
    const long = p.length < t.length ? t : p;
    if (short.length >= 5 && long.startsWith(short)) return true;
    if (short.length >= 6 && long.includes(short)) return true;
  }
  return false;
}
