import { Worker } from 'node:worker_threads';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadDanishWordList } from '../../../src/adapters/node/danish-word-list.js';
import {
  type SharedWordListParts,
  shareWordList,
  sharedWordList,
} from '../../../src/adapters/node/shared-word-list.js';
import { stemDanish } from '../../../src/text/stem.js';
import type { WordList } from '../../../src/text/word-list.js';

let loaded: ReturnType<typeof loadDanishWordList>;
let parts: SharedWordListParts;

beforeAll(async () => {
  loaded = loadDanishWordList({ thread: false });
  await loaded.ready;
  parts = shareWordList(loaded.contents());
}, 60_000);

/** Words to ask both lists about: a sample of the list's own, inflected, compounded, capitalised and made up. */
function probes(): string[] {
  const { words, stems, names } = loaded.contents();
  const sample = [...words.filter((_, i) => i % 97 === 0), ...stems.filter((_, i) => i % 89 === 0)];
  const made = sample.flatMap((w, i) => [
    w,
    `${w}ede`,
    `${w}t`,
    `${w}s${sample[(i * 7) % sample.length]}`,
    `${w}${sample[(i * 13) % sample.length]}`,
    w.slice(0, -1),
    w.slice(1),
  ]);
  return [
    ...made,
    ...names.filter((_, i) => i % 7 === 0).flatMap(([word, raw]) => [word, raw, `${word}s`]),
    'odense',
    'skive',
    'vilde',
    'københavn',
    'prækommercielt',
    'samarbejdsform',
    'xqzvæ',
    '',
  ];
}

function answers(list: WordList, words: string[]) {
  return words.map((w) => [w, list.has(w), list.hasBase(w), list.nameOf(w), list.isCompound(w)]);
}

describe('sharedWordList', () => {
  it('answers as the word list it was shared from', () => {
    const shared = sharedWordList(parts, stemDanish);
    const words = probes();
    expect(words.length).toBeGreaterThan(10_000);
    expect(answers(shared, words)).toEqual(answers(loaded.words, words));
    expect(shared.size).toBe(loaded.words.size);
    expect(shared.complete).toBe(true);
    expect(shared.nameOf('odense')).toBe('Odense');
  });

  it('is read in place on another thread: its parts are shared memory, not copies', async () => {
    for (const payload of Object.values(parts)) expect(payload.buffer).toBeInstanceOf(SharedArrayBuffer);
    // the worker writes a byte into its view of the words; this thread then reads that byte
    const worker = new Worker(
      `const { parentPort, workerData } = require('node:worker_threads');
       workerData.words[workerData.words.length - 1] ^= 0xff;
       parentPort.postMessage('done');`,
      { eval: true, workerData: { words: parts.words } },
    );
    const last = parts.words[parts.words.length - 1]!;
    await new Promise((resolve) => worker.once('message', resolve));
    await worker.terminate();
    expect(parts.words[parts.words.length - 1]).toBe(last ^ 0xff);
    parts.words[parts.words.length - 1] = last;
  });
});
