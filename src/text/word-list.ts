/** Knows which words are real Danish words (a spelling dictionary), inflected forms included. */
export interface WordList {
  /** True when the lower-case word, or a word with its stem, is in the list. */
  has(word: string): boolean;
  /** The number of base words in the list so far. */
  readonly size: number;
  /** False while the list is still loading: a word it lacks may yet be real. */
  readonly complete: boolean;
}

/** A word list that grows as the lines of a hunspell `.dic` file are added. */
export interface WordListBuilder extends WordList {
  /** Adds lines of a `.dic` file (`word/flags`; counts, comments and words with digits or spaces are skipped). */
  addLines(lines: readonly string[]): void;
  /** Marks the list complete. */
  finish(): void;
}

/**
 * An empty word list to fill from a hunspell `.dic` file: its base words, and their stems so that
 * inflected forms count too.
 * @param stem the stemmer that maps an inflected form and its base word to the same stem
 */
export function createWordList(stem: (word: string) => string): WordListBuilder {
  const words = new Set<string>();
  const stems = new Set<string>();
  let complete = false;
  return {
    has: (word) => words.has(word) || stems.has(stem(word)),
    get size() {
      return words.size;
    },
    get complete() {
      return complete;
    },
    finish() {
      complete = true;
    },
    addLines(lines) {
      for (const line of lines) {
        const slash = line.indexOf('/');
        const word = (slash >= 0 ? line.slice(0, slash) : line).trim().toLowerCase();
        if (word.length < 2 || /[\d\s#]/.test(word)) continue;
        words.add(word);
        stems.add(stem(word));
      }
    },
  };
}
