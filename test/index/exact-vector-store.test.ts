import { describe, expect, it } from 'vitest';
import { ExactVectorStore } from '../../src/index/exact-vector-store.js';
import { vectorStoreContract } from './vector-store-contract.js';

vectorStoreContract('ExactVectorStore', (dimensions) => new ExactVectorStore({ dimensions, maxBatch: 500 }));

describe('ExactVectorStore', () => {
  it('returns no hits for a zero query vector', async () => {
    const store = new ExactVectorStore({ dimensions: 2 });
    await store.upsert([{ id: 'a', vector: [1, 0] }]);
    expect(await store.query([0, 0], 3)).toEqual([]);
  });

  it('keeps the remaining vectors intact after deleting from the middle', async () => {
    const store = new ExactVectorStore({ dimensions: 2 });
    await store.upsert([
      { id: 'a', vector: [1, 0] },
      { id: 'b', vector: [0, 1] },
      { id: 'c', vector: [-1, 0] },
    ]);
    await store.delete(['a']);
    expect((await store.query([-1, 0], 1))[0]).toEqual({ id: 'c', score: 1 });
    expect((await store.query([0, 1], 1))[0]).toEqual({ id: 'b', score: 1 });
  });

  it('refuses a non-positive dimension count', () => {
    expect(() => new ExactVectorStore({ dimensions: 0 })).toThrow(/dimensioner/);
  });
});
