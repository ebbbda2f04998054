/** One part of a text cut by `capLength`. */
export interface CappedPart {
  text: string;
  /** The whitespace the cut removed before this part (`''` for the first part and after a cut inside a word). */
  sep: string;
}

/**
 * Cut `text` into parts of at most `max` characters: at the last whitespace in the second half of
 * the allowed length, else (one word longer than half of `max`) inside the word, never between the
 * two halves of a surrogate pair. Parts that are only whitespace are left out. A text of at most
 * `max` characters comes back whole.
 */
export function capLength(text: string, max: number): CappedPart[] {
  const limit = Math.max(2, Math.floor(max));
  if (text.length <= limit) return [{ text, sep: '' }];
  const parts: CappedPart[] = [];
  let start = 0;
  let sep = '';
  while (start < text.length) {
    if (text.length - start <= limit) {
      keep(parts, text.slice(start), sep);
      break;
    }
    let cut = lastWhitespace(text, start + limit, start + Math.floor(limit / 2));
    if (cut >= 0) {
      keep(parts, text.slice(start, cut), sep);
      sep = text[cut]!;
      start = cut + 1;
      continue;
    }
    cut = start + limit;
    if (isHighSurrogate(text.charCodeAt(cut - 1))) cut--;
    keep(parts, text.slice(start, cut), sep);
    sep = '';
    start = cut;
  }
  return parts;
}

function keep(parts: CappedPart[], text: string, sep: string): void {
  if (text.trim() !== '') parts.push({ text, sep: parts.length === 0 ? '' : sep });
}

/** Index of the last whitespace character at or before `from` and not before `floor`, or -1. */
function lastWhitespace(text: string, from: number, floor: number): number {
  for (let i = from; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 9 || c === 13) return i;
  }
  return -1;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}
