import { describe, expect, it } from 'vitest';
import type { VectorRecord, VectorStore } from '../../src/index/vector-store.js';
import { seededRandom as random } from '../support/random.js';

export interface VectorStoreContractOptions {
  /** Awaited after every write, for stores whose writes become visible later. */
  settle?: () => Promise<void>;
  /** Skip the over-the-limit batch test when `maxBatch` is larger than this (default 20 000). */
  largestBatchToTest?: number;
}

function unit(dimensions: number, axis: number, tilt = 0): number[] {
  const v = new Array<number>(dimensions).fill(0);
  v[axis % dimensions] = 1;
  v[(axis + 1) % dimensions] = tilt;
  return v;
}

/**
 * The behaviour every `VectorStore` adapter must show. `makeStore(dimensions)`
 * returns a fresh, empty store.
 */
export function vectorStoreContract(
  name: string,
  makeStore: (dimensions: number) => VectorStore | Promise<VectorStore>,
  options: VectorStoreContractOptions = {},
): void {
  const settle = options.settle ?? (async () => {});
  const dims = 8;

  describe(`VectorStore contract: ${name}`, () => {
    it('starts empty and answers queries with no hits', async () => {
      const store = await makeStore(dims);
      expect(store.dimensions).toBe(dims);
      expect(Number.isInteger(store.maxBatch) && store.maxBatch >= 1).toBe(true);
      expect(await store.size()).toBe(0);
      expect(await store.query(unit(dims, 0), 5)).toEqual([]);
    });

    it('returns the nearest vectors best first, with cosine scores', async () => {
      const store = await makeStore(dims);
      await store.upsert([
        { id: 'far', vector: unit(dims, 4) },
        { id: 'exact', vector: unit(dims, 0) },
        { id: 'near', vector: unit(dims, 0, 0.5) },
        { id: 'nearer', vector: unit(dims, 0, 0.2) },
      ]);
      await settle();
      expect(await store.size()).toBe(4);
      const hits = await store.query(unit(dims, 0), 3);
      expect(hits.map((h) => h.id)).toEqual(['exact', 'nearer', 'near']);
      expect(hits[0]!.score).toBeCloseTo(1, 4);
      expect(hits[1]!.score).toBeCloseTo(1 / Math.sqrt(1.04), 4);
      expect(hits[2]!.score).toBeCloseTo(1 / Math.sqrt(1.25), 4);
    });

    it('scores by angle, not length, and accepts Float32Array vectors', async () => {
      const store = await makeStore(dims);
      await store.upsert([{ id: 'long', vector: Float32Array.from(unit(dims, 2).map((x) => x * 10)) }]);
      await settle();
      const [hit] = await store.query(Float32Array.from(unit(dims, 2).map((x) => x * 0.1)), 1);
      expect(hit?.id).toBe('long');
      expect(hit!.score).toBeCloseTo(1, 4);
    });

    it('replaces a vector when the same id is upserted again', async () => {
      const store = await makeStore(dims);
      await store.upsert([
        { id: 'a', vector: unit(dims, 0) },
        { id: 'b', vector: unit(dims, 3) },
      ]);
      await settle();
      await store.upsert([{ id: 'a', vector: unit(dims, 5) }]);
      await settle();
      expect(await store.size()).toBe(2);
      const hits = await store.query(unit(dims, 5), 2);
      expect(hits[0]).toMatchObject({ id: 'a' });
      expect(hits[0]!.score).toBeCloseTo(1, 4);
      const old = await store.query(unit(dims, 0), 2);
      expect(old.every((h) => h.score < 0.5)).toBe(true);
    });

    it('deletes vectors by id and ignores unknown ids', async () => {
      const store = await makeStore(dims);
      await store.upsert([
        { id: 'a', vector: unit(dims, 0) },
        { id: 'b', vector: unit(dims, 1) },
        { id: 'c', vector: unit(dims, 2) },
      ]);
      await settle();
      await store.delete(['b', 'nope']);
      await settle();
      expect(await store.size()).toBe(2);
      const hits = await store.query(unit(dims, 1), 10);
      expect(hits.map((h) => h.id).sort()).toEqual(['a', 'c']);
      await store.delete([]);
      expect(await store.size()).toBe(2);
    });

    it('returns every vector when k exceeds the size, and nothing for k = 0', async () => {
      const store = await makeStore(dims);
      await store.upsert([0, 1, 2].map((i) => ({ id: `v${i}`, vector: unit(dims, i) })));
      await settle();
      expect(await store.query(unit(dims, 0), 20)).toHaveLength(3);
      expect(await store.query(unit(dims, 0), 0)).toEqual([]);
    });

    it('finds each stored vector as its own nearest neighbour among many', async () => {
      const store = await makeStore(dims);
      const next = random(7);
      const records: VectorRecord[] = Array.from({ length: 300 }, (_, i) => ({
        id: `r${i}`,
        vector: Array.from({ length: dims }, () => next() * 2 - 1),
      }));
      for (let i = 0; i < records.length; i += store.maxBatch) await store.upsert(records.slice(i, i + store.maxBatch));
      await settle();
      expect(await store.size()).toBe(300);
      for (const probe of [records[0]!, records[150]!, records[299]!]) {
        const hits = await store.query(probe.vector, 5);
        expect(hits[0]?.id).toBe(probe.id);
        for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      }
    });

    it('rejects vectors and queries of another dimension', async () => {
      const store = await makeStore(dims);
      await expect(store.upsert([{ id: 'x', vector: [1, 0, 0] }])).rejects.toThrow(/dimensioner/);
      await expect(store.query([1, 0, 0], 1)).rejects.toThrow(/dimensioner/);
      expect(await store.size()).toBe(0);
    });

    it('rejects an upsert larger than maxBatch and accepts one of exactly maxBatch', async () => {
      const store = await makeStore(dims);
      const limit = options.largestBatchToTest ?? 20_000;
      if (store.maxBatch > limit) return;
      const records = (n: number): VectorRecord[] =>
        Array.from({ length: n }, (_, i) => ({ id: `b${i}`, vector: unit(dims, i, (i % 97) / 97) }));
      await expect(store.upsert(records(store.maxBatch + 1))).rejects.toThrow(/højst/);
      await store.upsert(records(store.maxBatch));
      await settle();
      expect(await store.size()).toBe(store.maxBatch);
    });
  });
}
