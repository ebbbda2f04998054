import { memoise } from './memoise.js';

/** What a decompounder needs: the known words, a stemmer and the stop-word test. */
export interface DecompounderOptions {
  /** Known lower-case words (base lexicon plus any words seen standalone). */
  words: Iterable<string>;
  stem: (token: string) => string;
  isStopWord: (token: string) => boolean;
}

/** Splits Danish compounds into known words. */
export interface Decompounder {
  /**
   * The parts of a compound, in order, as words (heads in their dictionary form, the last part as written):
   * `samarbejdsformen` → `['samarbejde', 'formen']`; nested compounds also give their own parts.
   * Empty when the token is not a compound of known words.
   */
  split(token: string): string[];
}

const MIN_PART = 3;
const MIN_WORD = 6;
const MAX_WORD = 48;
/** A known word is split only into parts at least this long (keeps `billede` ≠ `bil` + `lede`). */
const MIN_PART_OF_KNOWN = 4;
/** Danish inflection endings of nouns, verbs and adjectives, longest first. */
const INFLECTIONS = [
  'ernes',
  'erne',
  'enes',
  'ende',
  'ens',
  'ets',
  'ene',
  'ers',
  'er',
  'en',
  'et',
  'es',
  'ne',
  'ns',
  'e',
  'r',
  'n',
  't',
  's',
];
/** Endings that look like words but work as suffixes (`fællesskab`, `hjemløs`, `mulig`): never a compound's last part. */
const SUFFIX_LIKE_RE =
  /^(?:skab|løs(?:e|t|hed)?$|mæssig|agtig|artet|bar(?:e|t|hed)?$|lig(?:e|t|hed)?$|fuld(?:e|t)?$|værdig)/;
/** Lexicalised compounds whose parts would mislead (`spørgsmål` is not about `mål`). */
const NEVER_SPLIT: ReadonlySet<string> = new Set([
  'spørgsmål',
  'håndbog',
  'problemstilling',
  'måltid',
  'billede',
  'forslag',
  'landsby',
  'hverdag',
  'grundlag',
  'baggrund',
  'sammenhæng',
  'forudsætning',
  'hovedstad',
  'virksomhed',
  'fællesskab',
  'selskab',
  'videnskab',
  'hjemløs',
  'arbejdsløs',
]);
const LETTERS_RE = /^\p{L}+$/u;

interface Segmentation {
  parts: string[];
  /** Linking morphemes and dropped e's used: fewer is better. */
  joints: number;
}

/**
 * A decompounder over a lexicon: recursive splitting with the Danish linking morphemes `-s-` and `-e-`
 * (and `-e` dropped before `-s-`: `samarbejde` → `samarbejds-`), preferring the fewest parts, then the
 * fewest linking morphemes, then the longest head. Heads must be known words; the last part must be
 * a known word or an inflection of one (same stem). Results are cached; the output is deterministic.
 */
export function createDecompounder(options: DecompounderOptions): Decompounder {
  const { stem, isStopWord } = options;
  const words = new Set<string>();
  const stems = new Set<string>();
  for (const w of options.words) {
    if (w.length < MIN_PART || isStopWord(w) || !LETTERS_RE.test(w)) continue;
    words.add(w);
    const s = stem(w);
    if (s.length >= MIN_PART) stems.add(s);
  }

  const isTail = (t: string): boolean =>
    t.length >= MIN_PART && !isStopWord(t) && !SUFFIX_LIKE_RE.test(t) && isInflectionOf(t, words);

  function segment(word: string, minPart: number): Segmentation | undefined {
    const memo = new Map<number, Segmentation | null>();
    const from = (start: number): Segmentation | null => {
      const known = memo.get(start);
      if (known !== undefined) return known;
      let best: Segmentation | null = null;
      for (let i = start + minPart; i <= word.length - minPart; i++) {
        const head = word.slice(start, i);
        for (const [base, restAt, joints] of heads(word, head, i)) {
          if (word.length - restAt < minPart) continue;
          const tail = word.slice(restAt);
          if (isTail(tail)) best = better(best, { parts: [base, tail], joints });
          const rest = from(restAt);
          if (rest) best = better(best, { parts: [base, ...rest.parts], joints: joints + rest.joints });
        }
      }
      memo.set(start, best);
      return best;
    };
    return from(0) ?? undefined;
  }

  /** Head readings at `head` ending before index `i`: [dictionary form, where the rest starts, joints]. */
  function heads(word: string, head: string, i: number): Array<[string, number, number]> {
    const out: Array<[string, number, number]> = [];
    const next = word[i];
    if (words.has(head) && !isStopWord(head)) {
      out.push([head, i, 0]);
      if (next === 's' || (next === 'e' && !head.endsWith('e'))) out.push([head, i + 1, 1]);
    }
    const withE = `${head}e`;
    if (next === 's' && !head.endsWith('e') && words.has(withE)) out.push([withE, i + 1, 1]);
    return out;
  }

  function splitUncached(token: string): string[] {
    if (token.length < MIN_WORD || token.length > MAX_WORD || isStopWord(token) || !LETTERS_RE.test(token)) return [];
    if (isInflectionOf(token, NEVER_SPLIT)) return [];
    const known = words.has(token) || stems.has(stem(token));
    const seg = segment(token, known ? MIN_PART_OF_KNOWN : MIN_PART);
    if (!seg) return [];
    const out: string[] = [];
    for (const part of seg.parts) {
      out.push(part);
      for (const sub of split(part)) out.push(sub);
    }
    return [...new Set(out)];
  }

  const split = memoise(splitUncached, 50_000);
  return { split };
}

/** `t` is a word of `set`, or one plus a Danish inflection ending (`formen`, `skoler`, `toiletter`). */
function isInflectionOf(t: string, set: ReadonlySet<string>): boolean {
  if (set.has(t)) return true;
  for (const suffix of INFLECTIONS) {
    if (t.length - suffix.length < MIN_PART || !t.endsWith(suffix)) continue;
    const base = t.slice(0, -suffix.length);
    if (set.has(base)) return true;
    if (base[base.length - 1] === base[base.length - 2] && set.has(base.slice(0, -1))) return true;
  }
  return false;
}

function better(a: Segmentation | null, b: Segmentation): Segmentation {
  if (!a) return b;
  if (b.parts.length !== a.parts.length) return b.parts.length < a.parts.length ? b : a;
  if (b.joints !== a.joints) return b.joints < a.joints ? b : a;
  const ha = a.parts[0]!.length;
  const hb = b.parts[0]!.length;
  return hb > ha ? b : a;
}
