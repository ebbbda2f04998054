import { fnv1a } from '../text/hash.js';

/** Terms a `FuzzyVocabulary` can hold: the term's position shares a float64 with a 32-bit hash. */
const MAX_TERMS = 2 ** 21;

/**
 * Longest term looked up for typos: no word of a corpus is longer, and a long word's two-deletion variants grow with
 * the square of its length (a 2,000-letter token of a fuzzed question made gigabytes of variants).
 */
const MAX_TYPO_TERM = 40;

/**
 * Typo tolerance over an index vocabulary: finds known terms within one edit
 * (two for long words) of an unknown term, SymSpell-style (deletion variants).
 * The variants are kept as 32-bit hashes beside the term's position, sorted in one
 * Float64Array (8 bytes a variant instead of a map entry and an array each, so a
 * vocabulary of 50,000 terms costs a few MB): a hash hit is confirmed against the
 * term's own variants, so the terms found are exactly those a map would find.
 */
export class FuzzyVocabulary {
  /** `hash × MAX_TERMS + term position` of every deletion variant, ascending. */
  private readonly variants: Float64Array;
  private readonly terms: string[] = [];
  /** Terms written with an accent, by their unaccented form ("ide" → "idé"). */
  private readonly accented = new Map<string, string[]>();
  private readonly known: Set<string>;

  /** `vocabulary` is every analyzed term of the index. */
  constructor(vocabulary: Iterable<string>) {
    this.known = new Set(vocabulary);
    let count = 0;
    for (const term of this.known) {
      const folded = foldAccents(term);
      if (folded !== term) this.accented.set(folded, [...(this.accented.get(folded) ?? []), term]);
      if (term.length < 4 || /\d/.test(term)) continue;
      this.terms.push(term);
      count += term.length;
    }
    if (this.terms.length >= MAX_TERMS) throw new RangeError(`FuzzyVocabulary holds at most ${MAX_TERMS - 1} terms`);
    this.variants = new Float64Array(count);
    let at = 0;
    this.terms.forEach((term, position) => {
      for (const variant of deletions(term)) this.variants[at++] = hashOf(variant) * MAX_TERMS + position;
    });
    this.variants.sort();
  }

  has(term: string): boolean {
    return this.known.has(term);
  }

  /** Known terms close to `term` (excluding itself), closest first: the same word with accents, then typos of longer words. */
  near(term: string, limit = 3): string[] {
    const accented = this.accented.get(foldAccents(term))?.filter((t) => t !== term) ?? [];
    if (accented.length > 0) return accented.slice(0, limit);
    if (term.length < 4 || term.length > MAX_TYPO_TERM || /\d/.test(term)) return [];
    const found = new Map<string, number>();
    const consider = (candidate: string) => {
      if (candidate === term || found.has(candidate)) return;
      const d = editDistance(term, candidate, 2);
      const allowed = term.length >= 8 ? 2 : 1;
      if (d <= allowed) found.set(candidate, d);
    };
    const variants = [term, ...deletions(term)];
    // two edits for long words may both fall on the typed side ("chefkonsulenetn" → "chefkonsulent")
    if (term.length >= 8) for (const d of deletions(term)) variants.push(...deletions(d));
    for (const variant of variants) {
      if (this.known.has(variant)) consider(variant);
      for (const candidate of this.withVariant(variant)) consider(candidate);
    }
    return [...found.entries()]
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([t]) => t);
  }

  /** The terms one of whose deletion variants is `variant`. */
  private withVariant(variant: string): string[] {
    const low = hashOf(variant) * MAX_TERMS;
    const v = this.variants;
    let lo = 0;
    let hi = v.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (v[mid]! < low) lo = mid + 1;
      else hi = mid;
    }
    const out: string[] = [];
    for (let i = lo; i < v.length && v[i]! < low + MAX_TERMS; i++) {
      const term = this.terms[v[i]! - low]!;
      // another variant with the same hash is not a match
      if (term.length === variant.length + 1 && deletions(term).includes(variant)) out.push(term);
    }
    return out;
  }
}

/** 32-bit FNV-1a of a variant (unsigned). */
function hashOf(text: string): number {
  return fnv1a(text) >>> 0;
}

/** The word without acute, grave or circumflex accents ("idé" → "ide"); æ, ø and å are letters of their own and stay. */
export function foldAccents(term: string): string {
  return term
    .normalize('NFD')
    .replace(/[\u0300-\u0302]/gu, '')
    .normalize('NFC');
}

function deletions(term: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < term.length; i++) out.push(term.slice(0, i) + term.slice(i + 1));
  return out;
}

/** Levenshtein distance with transpositions, capped: returns `cap + 1` when larger. */
export function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const prev2 = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = new Array<number>(b.length + 1).fill(0);
    cur[0] = i;
    let rowMin = cur[0];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
    for (let j = 0; j <= b.length; j++) prev2[j] = prev[j]!;
    prev = cur;
  }
  return prev[b.length]!;
}
