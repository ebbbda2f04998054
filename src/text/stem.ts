import { stemmer } from '@orama/stemmers/danish';

/** Snowball Danish stem of one lower-cased token (numbers and very short tokens come back unchanged). */
export function stemDanish(token: string): string {
  if (token.length < 3) return token;
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57) return token;
  return stemmer(token);
}

/** A memoising stemmer: the same token is stemmed once. The cache is bounded and cleared when full. */
export function createStemmer(maxEntries = 100_000): (token: string) => string {
  const cache = new Map<string, string>();
  return (token: string): string => {
    const hit = cache.get(token);
    if (hit !== undefined) return hit;
    if (cache.size >= maxEntries) cache.clear();
    const stem = stemDanish(token);
    cache.set(token, stem);
    return stem;
  };
}
