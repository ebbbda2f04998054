/**
 * Danish orthography as staff type it without a Danish keyboard: æ, ø and å written as ae, oe and aa,
 * or dropped to a and o, and accents left off (idé → ide).
 */

/** Most respellings tried for one word (2^k grows fast; real words have few candidate places). */
const MAX_VARIANTS = 64;

/**
 * Danish spellings a word typed in ASCII may stand for, the word itself excluded: each `aa`, `ae`, `oe`
 * may be å, æ, ø; each lone `a`/`o` may be a dropped å/ø; each `e` may be a dropped é. Fewest changes first.
 * @param word a lower-case token
 */
export function danishRespellings(word: string): string[] {
  if (!/^[a-z]+$/.test(word)) return [];
  // places where a Danish letter may have been folded: [start, length, replacements, cost]; a typed-out
  // aa/ae/oe is likelier than a dropped letter, so it costs less
  const places: [number, number, string[], number][] = [];
  for (let i = 0; i < word.length; i++) {
    const two = word.slice(i, i + 2);
    if (two === 'aa') places.push([i, 2, ['å'], 1]);
    else if (two === 'ae') places.push([i, 2, ['æ'], 1]);
    else if (two === 'oe') places.push([i, 2, ['ø'], 1]);
    if (word[i] === 'a') places.push([i, 1, ['å', 'æ'], 2]);
    else if (word[i] === 'o') places.push([i, 1, ['ø'], 2]);
    else if (word[i] === 'e' && i === word.length - 1) places.push([i, 1, ['é'], 2]);
  }
  const out: { text: string; cost: number }[] = [];
  const seen = new Set<string>([word]);
  const walk = (from: number, text: string, shift: number, cost: number, limit: number) => {
    for (let p = from; p < places.length && out.length < MAX_VARIANTS; p++) {
      const [at, len, reps, price] = places[p]!;
      const pos = at + shift;
      if (cost + price > limit || text.slice(pos, pos + len) !== word.slice(at, at + len)) continue;
      for (const rep of reps) {
        const next = text.slice(0, pos) + rep + text.slice(pos + len);
        if (out.length >= MAX_VARIANTS) return;
        if (!seen.has(next)) {
          seen.add(next);
          out.push({ text: next, cost: cost + price });
        }
        walk(p + 1, next, shift + rep.length - len, cost + price, limit);
      }
    }
  };
  // cheapest first: a cap never drops a cheap respelling for a dear one
  for (let limit = 1; limit <= 4 && out.length < MAX_VARIANTS; limit++) walk(0, word, 0, 0, limit);
  return out.sort((a, b) => a.cost - b.cost).map((v) => v.text);
}

/**
 * A lower-case name in its old and new spelling, itself first: "århus" and "aarhus", "ålborg" and "aalborg" are the
 * same place.
 */
export function nameSpellings(name: string): string[] {
  return [...new Set([name, name.replace(/å/gu, 'aa'), name.replace(/aa/gu, 'å')])];
}
