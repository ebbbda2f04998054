import { describe, expect, it } from 'vitest';
import {
  type Entry,
  lastCitedChunkIds,
  loadEntries,
  saveEntries,
  storageKey,
  toTurns,
} from '../../src/widget/history.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem(k: string) {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.items.set(k, v);
  }
}

const answer = (text: string) => ({ answer: text, answered: true, citations: [] });

describe('conversation history', () => {
  it('round-trips entries through storage, keeping feedback', () => {
    const storage = new MemoryStorage() as unknown as Storage;
    const entries: Entry[] = [
      { role: 'user', content: 'Hvad er OPI?' },
      { role: 'assistant', question: 'Hvad er OPI?', answer: answer('Et samarbejde [1].'), feedback: 'up' },
    ];
    saveEntries(storage, storageKey('https://h.example/'), entries);
    expect(loadEntries(storage, 'opi-helpdesk:https://h.example/')).toEqual(entries);
  });

  it('gives an empty conversation for garbage, blocked storage or malformed entries', () => {
    const storage = new MemoryStorage();
    storage.setItem('k', '{not json');
    expect(loadEntries(storage as unknown as Storage, 'k')).toEqual([]);
    storage.setItem('k', JSON.stringify([{ role: 'user' }, { role: 'assistant', question: 'q' }, { role: 'x' }]));
    expect(loadEntries(storage as unknown as Storage, 'k')).toEqual([]);
    const blocked = {
      getItem() {
        throw new Error('SecurityError');
      },
      setItem() {
        throw new Error('QuotaExceededError');
      },
    } as unknown as Storage;
    expect(loadEntries(blocked, 'k')).toEqual([]);
    expect(() => saveEntries(blocked, 'k', [])).not.toThrow();
  });

  it('sends the last turns as history, answers as their text, each cut to 8000 characters', () => {
    const entries: Entry[] = [];
    for (let i = 1; i <= 8; i++) {
      entries.push({ role: 'user', content: `spørgsmål ${i}` });
      entries.push({ role: 'assistant', question: `spørgsmål ${i}`, answer: answer(`svar ${i}`) });
    }
    const turns = toTurns(entries, 10);
    expect(turns).toHaveLength(10);
    expect(turns[0]).toEqual({ role: 'user', content: 'spørgsmål 4' });
    expect(turns.at(-1)).toEqual({ role: 'assistant', content: 'svar 8' });
    expect(toTurns([{ role: 'user', content: 'x'.repeat(9000) }], 10)[0]!.content).toHaveLength(8000);
  });

  it('gives the chunk ids the last answer cited, for the escalation', () => {
    const cited = (chunkId: string) => ({
      id: 1,
      docId: 'd',
      chunkId,
      title: 't',
      section: 's',
      text: 'x',
      url: '/docs/d',
    });
    const entries: Entry[] = [
      { role: 'user', content: 'a' },
      { role: 'assistant', question: 'a', answer: { answer: 'A', answered: true, citations: [cited('d#old')] } },
      { role: 'user', content: 'b' },
      {
        role: 'assistant',
        question: 'b',
        answer: { answer: 'B', answered: true, citations: [cited('d#ny'), cited('e#to')] },
      },
      { role: 'user', content: 'c' },
    ];
    expect(lastCitedChunkIds(entries)).toEqual(['d#ny', 'e#to']);
    expect(lastCitedChunkIds([{ role: 'user', content: 'a' }])).toEqual([]);
  });
});
