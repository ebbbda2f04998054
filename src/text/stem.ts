import { stemmer } from '@orama/stemmers/danish';
import { memoise } from './memoise.js';

/** Accented vowels written or left out at will ("idé"/"ide", "allé"/"alle"); æ, ø and å are letters of their own. */
const ACCENTED = /[àáâèéêìíîòóôùúû]/u;

/**
 * Snowball Danish stem of one lower-cased token (numbers and very short tokens come back unchanged), with acute,
 * grave and circumflex accents folded away: "idéen" and "ideen" are one term, at index and at query time.
 */
export function stemDanish(token: string): string {
  if (token.length < 3) return token;
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57) return token;
  const stem = stemmer(token);
  return ACCENTED.test(stem)
    ? stem
        .normalize('NFD')
        .replace(/[\u0300-\u0302]/gu, '')
        .normalize('NFC')
    : stem;
}

/** A memoising stemmer: the same token is stemmed once. The cache is bounded and cleared when full. */
export function createStemmer(maxEntries = 100_000): (token: string) => string {
  return memoise(stemDanish, maxEntries);
}
