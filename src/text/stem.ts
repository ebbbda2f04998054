import { stemmer } from '@orama/stemmers/danish';
import { memoise } from './memoise.js';

/** Snowball Danish stem of one lower-cased token (numbers and very short tokens come back unchanged). */
export function stemDanish(token: string): string {
  if (token.length < 3) return token;
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57) return token;
  return stemmer(token);
}

/** A memoising stemmer: the same token is stemmed once. The cache is bounded and cleared when full. */
export function createStemmer(maxEntries = 100_000): (token: string) => string {
  return memoise(stemDanish, maxEntries);
}
