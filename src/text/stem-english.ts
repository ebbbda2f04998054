import { stemmer } from '@orama/stemmers/english';

/** Snowball English stem of one lower-cased token (numbers and very short tokens come back unchanged). */
export function stemEnglish(token: string): string {
  if (token.length < 3) return token;
  const c = token.charCodeAt(0);
  if (c >= 48 && c <= 57) return token;
  return stemmer(token);
}
