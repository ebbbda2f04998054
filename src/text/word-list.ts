/** Knows which words are real Danish words (a spelling dictionary), inflected forms included. */
export interface WordList {
  /**
   * True when the lower-case word, or a word with its stem, is in the list; a past tense or participle
   * (`startede`, `fungerede`) counts when its verb does, since the list's affix rules are not run.
   */
  has(word: string): boolean;
  /**
   * True when the word is a compound of real words (`prækommercielt` = `præ` + `kommercielt`,
   * `mødelokale` = `møde` + `lokale`), possibly with a linking `s` or `e`: a real word even if the list lacks it.
   */
  isCompound(word: string): boolean;
  /** True when the lower-case word is a base word of the list itself, not only an inflection it makes. */
  hasBase(word: string): boolean;
  /**
   * The name as the list writes it ("Odense") when a lower-case word is only a proper name there (no common
   * word "odense"); `undefined` otherwise ("skive" is a common word too, "projekt" no name).
   */
  nameOf(word: string): string | undefined;
  /** The number of base words in the list so far. */
  readonly size: number;
  /** False while the list is still loading: a word it lacks may yet be real. */
  readonly complete: boolean;
}

/**
 * What lines of a hunspell `.dic` file add to a word list, in their order: plain data, so it can be
 * made on another thread and sent.
 */
export interface DicEntries {
  /** Common words, lower-case. */
  words: string[];
  /** The stems of the common words (`readDicLines` gives one per word; a stem may be given once for several). */
  stems: string[];
  /** Proper names: the lower-case word and the name as the list writes it ("odense", "Odense"). */
  names: [string, string][];
}

/**
 * The entries of lines of a `.dic` file (`word/flags`; counts, comments and words with digits or
 * spaces are skipped).
 * @param stem the stemmer of the word list the entries go to
 */
export function readDicLines(lines: readonly string[], stem: (word: string) => string): DicEntries {
  const entries: DicEntries = { words: [], stems: [], names: [] };
  for (const line of lines) {
    const slash = line.indexOf('/');
    const raw = (slash >= 0 ? line.slice(0, slash) : line).trim();
    const word = raw.toLowerCase();
    if (word.length < 2 || /[\d\s#]/.test(word)) continue;
    // a proper name ("Abner") is not inflected: its stem would vouch for other words ("abne")
    if (CAPITAL.test(raw)) entries.names.push([word, raw]);
    else {
      entries.words.push(word);
      entries.stems.push(stem(word));
    }
  }
  return entries;
}

/** A word list that grows as the lines of a hunspell `.dic` file are added. */
export interface WordListBuilder extends WordList {
  /** Adds lines of a `.dic` file (`word/flags`; counts, comments and words with digits or spaces are skipped). */
  addLines(lines: readonly string[]): void;
  /** Adds what `readDicLines` (with this list's stemmer) made of lines of a `.dic` file. */
  addEntries(entries: DicEntries): void;
  /** Marks the list complete. */
  finish(): void;
  /** What the list holds so far, each word, stem and name once (to make the same list elsewhere: `wordListOf`). */
  contents(): DicEntries;
}

/**
 * Where a word list keeps its words: the common words and their stems, and the names by their lower-case
 * word. Sets and a map in `createWordList`; a read-only store shared between threads works as well.
 */
export interface WordTables {
  words: { has(word: string): boolean };
  stems: { has(stem: string): boolean };
  names: { get(word: string): string | undefined; has(word: string): boolean };
  /** Number of common words and names. */
  readonly size: number;
}

/**
 * Endings to try a word without, for the forms the list's unapplied affix rules would make: a verb's past tense
 * and participles (`startede`, `købte`, `fungerende`).
 */
const ENDINGS = ['ede', 'ende', 'te', 'de', 'et'];
/** Past-tense endings a verb on -ere never takes (`facilitere` → `faciliterede`, never `faciliterde`). */
const SHORT_PAST: ReadonlySet<string> = new Set(['te', 'de']);
/** Shortest stem that makes its inflected forms real words (`simple`). */
const MIN_STEM = 4;
/**
 * A word that starts with a capital letter (a name). One object: the bundler writes a `\p{…}` literal as
 * `new RegExp(…)`, which inside the loop over the dictionary's lines made a new one per line.
 */
const CAPITAL = /^\p{Lu}/u;
/** Shortest lower-case word taken for a name ("min", "bo" are words first). */
const MIN_NAME = 4;
/** Shortest part of a compound. */
const MIN_PART = 3;
/** Longest word tried as a compound (longer ones are not Danish words but noise). */
const MAX_COMPOUND = 48;
/** Bound prefixes that form words with a real word (`præ|kommerciel`, `post|nummer`). */
const PREFIXES: ReadonlySet<string> = new Set([
  'præ',
  'pre',
  'post',
  'anti',
  'mikro',
  'makro',
  'multi',
  'semi',
  'inter',
  'super',
  'ultra',
  'mini',
  'maxi',
  'tele',
  'auto',
  'bio',
  'øko',
  'neo',
  'non',
  'sub',
]);

/**
 * An empty word list to fill from a hunspell `.dic` file: its base words, and their stems so that
 * inflected forms count too.
 * @param stem the stemmer that maps an inflected form and its base word to the same stem
 */
export function createWordList(stem: (word: string) => string): WordListBuilder {
  const words = new Set<string>();
  const stems = new Set<string>();
  /** Words the list writes with a capital, lower-cased ("odense" → "Odense"); `words` holds the others. */
  const names = new Map<string, string>();
  let complete = false;
  const tables: WordTables = {
    words,
    stems,
    names,
    get size() {
      return words.size + names.size;
    },
  };
  const list = lookups(tables, stem);
  return {
    ...list,
    get size() {
      return tables.size;
    },
    get complete() {
      return complete;
    },
    finish() {
      complete = true;
    },
    addLines(lines) {
      this.addEntries(readDicLines(lines, stem));
    },
    addEntries(entries) {
      for (const word of entries.words) words.add(word);
      for (const s of entries.stems) stems.add(s);
      for (const [word, raw] of entries.names) names.set(word, raw);
    },
    contents() {
      return { words: [...words], stems: [...stems], names: [...names] };
    },
  };
}

/**
 * The complete word list kept in `tables` (e.g. what another list's `contents` were stored in): it
 * answers as that list does.
 * @param stem the stemmer of the list the tables were made from
 */
export function wordListOf(tables: WordTables, stem: (word: string) => string): WordList {
  return {
    ...lookups(tables, stem),
    get size() {
      return tables.size;
    },
    complete: true,
  };
}

/** The questions a word list answers, over its tables. */
function lookups(
  { words, stems, names }: WordTables,
  stem: (word: string) => string,
): Pick<WordList, 'has' | 'hasBase' | 'nameOf' | 'isCompound'> {
  // a stem of three letters or less is shared by too many words to vouch for one ("abne" → "abn"): such a word
  // counts when the stem, or the stem with an infinitive's -e, is a word of the list itself ("renere" → "ren")
  const simple = (word: string) => {
    if (words.has(word)) return true;
    const s = stem(word);
    return s.length >= MIN_STEM ? stems.has(s) : words.has(s) || words.has(`${s}e`);
  };
  /** A common word or an inflected form of one ("vilde", "tage": not the names Vilde and Tage). */
  const common = (word: string) =>
    simple(word) ||
    ENDINGS.some((e) => {
      if (word.length - e.length < 3 || !word.endsWith(e)) return false;
      const base = word.slice(0, -e.length);
      // a verb on -ere has its past tense on -erede ("faciliterede"): "faciliterde" is a typo, not "faciliter" + de
      return !(SHORT_PAST.has(e) && base.endsWith('er')) && simple(base);
    });
  const has = (word: string) => names.has(word) || common(word);
  // a part may also be an adjective's neuter (`præ|kommercielt`)
  const part = (word: string) =>
    word.length >= MIN_PART && (has(word) || (word.endsWith('t') && word.length > MIN_PART && has(word.slice(0, -1))));
  return {
    has,
    hasBase(word) {
      return words.has(word) || names.has(word);
    },
    nameOf(word) {
      // a common word, or one with an inflection's ending ("vilde" = "vild" + e, "tage" = "tag" + e) — not a word that
      // only shares its stem with a longer common word ("københavn" ~ "københavner")
      const inflected = [1, 2, 3].some((cut) => {
        const base = word.slice(0, -cut);
        return base.length >= MIN_PART && words.has(base) && stem(base) === stem(word);
      });
      return word.length < MIN_NAME || words.has(word) || inflected ? undefined : names.get(word);
    },
    isCompound(word) {
      if (word.length > MAX_COMPOUND) return false;
      // whether word[from..] is a real word or a compound of them, each suffix decided once (linear in splits)
      const memo = new Map<number, boolean>();
      const rest = (from: number): boolean => {
        const known = memo.get(from);
        if (known !== undefined) return known;
        const tail = word.slice(from);
        const ok = part(tail) || (tail.length > MIN_PART + 3 && splits(from));
        memo.set(from, ok);
        return ok;
      };
      const headOk = (head: string) =>
        PREFIXES.has(head) ||
        part(head) ||
        // a linking letter between the parts (`samarbejds|form`, `ældre|pleje`)
        ((head.endsWith('s') || head.endsWith('e')) && part(head.slice(0, -1)));
      const splits = (from: number): boolean => {
        for (let i = from + MIN_PART; i <= word.length - MIN_PART; i++) {
          if (headOk(word.slice(from, i)) && rest(i)) return true;
        }
        return false;
      };
      return splits(0);
    },
  };
}
