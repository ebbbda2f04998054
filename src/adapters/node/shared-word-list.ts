import { StringColumn } from '../../index/string-column.js';
import { type DicEntries, type WordList, type WordTables, wordListOf } from '../../text/word-list.js';

/**
 * A complete word list's words in shared memory (`StringColumn` payloads, `SharedArrayBuffer`s), so that
 * the search workers read one copy instead of each loading the dictionary into sets of its own.
 */
export interface SharedWordListParts {
  words: Uint8Array;
  stems: Uint8Array;
  /** The names' lower-case words; `spellings` holds each one as the list writes it, in the same order. */
  names: Uint8Array;
  spellings: Uint8Array;
}

/** The shared parts of a word list's `contents()` (each word, stem and name once). */
export function shareWordList(contents: DicEntries): SharedWordListParts {
  return {
    words: StringColumn.from(contents.words).payload,
    stems: StringColumn.from(contents.stems).payload,
    names: StringColumn.from(contents.names.map(([word]) => word)).payload,
    spellings: StringColumn.from(contents.names.map(([, raw]) => raw)).payload,
  };
}

/**
 * The word list held in `parts` (from `shareWordList`, possibly on another thread; read in place): it
 * answers as the list they were made from.
 * @param stem the stemmer of that list
 */
export function sharedWordList(parts: SharedWordListParts, stem: (word: string) => string): WordList {
  const words = StringColumn.fromPayload(parts.words);
  const stems = StringColumn.fromPayload(parts.stems);
  const names = StringColumn.fromPayload(parts.names);
  const spellings = StringColumn.fromPayload(parts.spellings);
  const tables: WordTables = {
    words: { has: (word) => words.indexOf(word) >= 0 },
    stems: { has: (s) => stems.indexOf(s) >= 0 },
    names: {
      has: (word) => names.indexOf(word) >= 0,
      get: (word) => {
        const at = names.indexOf(word);
        return at < 0 ? undefined : spellings.at(at);
      },
    },
    size: words.length + names.length,
  };
  return wordListOf(tables, stem);
}
