import { describe, expect, it } from 'vitest';
import { vectorIdOf } from '../../../src/adapters/cloudflare/vector-ids.js';
import { VectorizeVectorStore } from '../../../src/adapters/cloudflare/vectorize-vector-store.js';
import { vectorStoreContract } from '../../index/vector-store-contract.js';
import { FakeVectorize } from '../../support/fake-bindings.js';

vectorStoreContract(
  'VectorizeVectorStore',
  (dimensions) => new VectorizeVectorStore({ index: new FakeVectorize(dimensions), dimensions }),
);

const unit = (dims: number, axis: number) => Array.from({ length: dims }, (_, i) => (i === axis % dims ? 1 : 0));
const LONG_ID = `et-meget-langt-dokumentnavn-om-offentlig-privat-innovation#${'afsnit-'.repeat(6)}slut`;

describe('VectorizeVectorStore', () => {
  it('stores ids over 64 bytes under a hashed id with the real id in metadata, and maps them back', async () => {
    const index = new FakeVectorize(4);
    const store = new VectorizeVectorStore({
      index,
      dimensions: 4,
      metadataOf: (id) => ({ docId: id.split('#')[0]! }),
    });
    await store.upsert([
      { id: LONG_ID, vector: unit(4, 0) },
      { id: 'kort#id', vector: unit(4, 1) },
    ]);
    const hashed = await vectorIdOf(LONG_ID);
    expect(new TextEncoder().encode(hashed).length).toBeLessThanOrEqual(64);
    expect(index.vectors.get(hashed)?.metadata).toEqual({ id: LONG_ID, docId: LONG_ID.split('#')[0] });
    expect(index.vectors.get('kort#id')?.metadata).toEqual({ id: 'kort#id', docId: 'kort' });
    expect((await store.query(unit(4, 0), 1))[0]?.id).toBe(LONG_ID);
  });

  it('resolves hashed ids it has not seen through getByIds, once', async () => {
    const index = new FakeVectorize(4);
    await new VectorizeVectorStore({ index, dimensions: 4 }).upsert([{ id: LONG_ID, vector: unit(4, 2) }]);
    const fresh = new VectorizeVectorStore({ index, dimensions: 4 });
    expect((await fresh.query(unit(4, 2), 3)).map((h) => h.id)).toEqual([LONG_ID]);
    expect((await fresh.query(unit(4, 2), 3)).map((h) => h.id)).toEqual([LONG_ID]);
    expect(index.callsOf('getByIds')).toHaveLength(1);
  });

  it('needs no getByIds when the chunk ids are known (the bundled index)', async () => {
    const index = new FakeVectorize(4);
    await new VectorizeVectorStore({ index, dimensions: 4 }).upsert([{ id: LONG_ID, vector: unit(4, 3) }]);
    const store = new VectorizeVectorStore({ index, dimensions: 4, knownIds: [LONG_ID, 'andet#id'] });
    expect((await store.query(unit(4, 3), 2))[0]?.id).toBe(LONG_ID);
    expect(index.callsOf('getByIds')).toHaveLength(0);
  });

  it('queries without values or metadata and caps topK at 100', async () => {
    const index = new FakeVectorize(4);
    const store = new VectorizeVectorStore({ index, dimensions: 4 });
    await store.upsert([{ id: 'a', vector: unit(4, 0) }]);
    await store.query(unit(4, 0), 500);
    expect(index.callsOf('query')[0]?.options).toMatchObject({
      topK: 100,
      returnValues: false,
      returnMetadata: 'none',
    });
  });

  it('caps maxBatch at the binding limit of 1000 and splits large deletes', async () => {
    const index = new FakeVectorize(4);
    const store = new VectorizeVectorStore({ index, dimensions: 4, maxBatch: 5000 });
    expect(store.maxBatch).toBe(1000);
    await store.delete(Array.from({ length: 2500 }, (_, i) => `id${i}`));
    expect(index.callsOf('deleteByIds').map((c) => c.size)).toEqual([1000, 1000, 500]);
  });

  it('refuses metadata over 10 KiB and more than 1536 dimensions', async () => {
    const store = new VectorizeVectorStore({
      index: new FakeVectorize(4),
      dimensions: 4,
      metadataOf: () => ({ text: 'x'.repeat(11 * 1024) }),
    });
    await expect(store.upsert([{ id: 'a', vector: unit(4, 0) }])).rejects.toThrow(/højst 10240/);
    expect(() => new VectorizeVectorStore({ index: new FakeVectorize(2048), dimensions: 2048 })).toThrow(/1536/);
  });

  it('reports the size from describe()', async () => {
    const index = new FakeVectorize(4);
    const store = new VectorizeVectorStore({ index, dimensions: 4 });
    await store.upsert([0, 1, 2].map((i) => ({ id: `v${i}`, vector: unit(4, i) })));
    expect(await store.size()).toBe(3);
  });
});
