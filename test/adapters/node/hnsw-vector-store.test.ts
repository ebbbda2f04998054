import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { emptyStore, HNSW_FILES, HnswVectorStore } from '../../../src/adapters/node/hnsw-vector-store.js';
import { hnswVectorStores, hnswVectorStoresIn } from '../../../src/adapters/node/hnsw-vector-stores.js';
import { ExactVectorStore } from '../../../src/index/exact-vector-store.js';
import { vectorStoreContract } from '../../index/vector-store-contract.js';
import { seededRandom as random } from '../../support/random.js';

vectorStoreContract(
  'HnswVectorStore',
  (dimensions) => new HnswVectorStore({ dimensions, maxBatch: 500, initialCapacity: 16 }),
);

function randomVectors(count: number, dims: number, seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: dims }, () => next() * 2 - 1));
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hnsw-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

describe('HnswVectorStore', () => {
  it('reaches recall@10 ≥ 0.95 against exact search on random vectors', async () => {
    const dims = 32;
    const data = randomVectors(3000, dims, 1);
    const hnsw = new HnswVectorStore({ dimensions: dims, maxBatch: 5000 });
    const exact = new ExactVectorStore({ dimensions: dims });
    const records = data.map((vector, i) => ({ id: `v${i}`, vector }));
    await hnsw.upsert(records);
    await exact.upsert(records);
    const queries = randomVectors(100, dims, 2);
    let found = 0;
    for (const q of queries) {
      const truth = new Set((await exact.query(q, 10)).map((h) => h.id));
      for (const hit of await hnsw.query(q, 10)) if (truth.has(hit.id)) found++;
    }
    const recall = found / (queries.length * 10);
    expect(recall).toBeGreaterThanOrEqual(0.95);
  });

  it('builds the graph of a full build with efConstruction 72, on this thread and on the build thread, at recall@10 ≥ 0.95', async () => {
    // clustered vectors, as embeddings of texts on a few topics are: 40 centres, 3 000 points around them
    const dims = 64;
    const next = random(5);
    const centres = randomVectors(40, dims, 6);
    const point = () => centres[Math.floor(next() * centres.length)]!.map((x) => x + (next() * 2 - 1) * 0.6);
    const records = Array.from({ length: 3000 }, (_, i) => ({ id: `doc#${i}`, vector: point() }));
    const queries = Array.from({ length: 100 }, point);
    const exact = new ExactVectorStore({ dimensions: dims });
    await exact.upsert(records);
    const made = hnswVectorStores.create(dims, records.length);
    await made.upsert(records);
    const growing = hnswVectorStoresIn(await tempDir()).grow!(dims, records.length);
    for (let i = 0; i < records.length; i += 500) await growing.upsert(records.slice(i, i + 500));
    for (const store of [made as HnswVectorStore, (await growing.settle()) as HnswVectorStore]) {
      const dir = await tempDir();
      await store.save(dir);
      // what hnswlib built the graph with, from its own file (the header's ef_construction_, a size_t at byte 88)
      expect(Number((await readFile(join(dir, HNSW_FILES.graph))).readBigUInt64LE(88))).toBe(72);
      expect(JSON.parse(await readFile(join(dir, HNSW_FILES.labels), 'utf8')).efConstruction).toBe(72);
      let found = 0;
      for (const q of queries) {
        const truth = new Set((await exact.query(q, 10)).map((h) => h.id));
        for (const hit of await store.query(q, 10)) if (truth.has(hit.id)) found++;
      }
      expect(found / (queries.length * 10)).toBeGreaterThanOrEqual(0.95);
    }
  }, 60_000);

  it('keeps working after many replacements reuse deleted slots', async () => {
    const store = new HnswVectorStore({ dimensions: 4, initialCapacity: 16 });
    const data = randomVectors(40, 4, 3);
    for (let round = 0; round < 5; round++) {
      await store.upsert(data.map((vector, i) => ({ id: `v${i}`, vector: vector.map((x) => x + round * 0.01) })));
    }
    expect(await store.size()).toBe(40);
    const hits = await store.query(data[7]!, 3);
    expect(hits[0]?.id).toBe('v7');
  });

  it('saves and loads the graph with its labels and artifact id', async () => {
    const dir = await tempDir();
    const dims = 16;
    const data = randomVectors(200, dims, 4);
    const store = new HnswVectorStore({ dimensions: dims });
    await store.upsert(data.map((vector, i) => ({ id: `doc#${i}`, vector })));
    await store.delete(['doc#5']);
    await store.save(dir, 'artifact-1');

    const loaded = await HnswVectorStore.load(dir, { dimensions: dims });
    expect(loaded.artifact).toBe('artifact-1');
    expect(await loaded.size()).toBe(199);
    expect(await loaded.query(data[10]!, 5)).toEqual(await store.query(data[10]!, 5));
    expect((await loaded.query(data[5]!, 10)).map((h) => h.id)).not.toContain('doc#5');
    // the loaded store stays writable
    await loaded.upsert([{ id: 'new', vector: data[5]! }]);
    expect((await loaded.query(data[5]!, 1))[0]?.id).toBe('new');
  });

  it('grows past the room it started with and, settled, saves the graph a store made for its size saves', async () => {
    const dims = 16;
    const records = randomVectors(1500, dims, 9).map((vector, i) => ({ id: `doc#${i}`, vector }));
    const growing = emptyStore(dims, 10);
    for (let i = 0; i < records.length; i += 100) await growing.upsert(records.slice(i, i + 100));
    const grown = await growing.settle();
    const made = hnswVectorStores.create(dims, records.length);
    await made.upsert(records);
    const [a, b] = [await tempDir(), await tempDir()];
    await grown.save(a);
    await (made as HnswVectorStore).save(b);
    expect(await readFile(join(a, HNSW_FILES.graph))).toEqual(await readFile(join(b, HNSW_FILES.graph)));
    expect(await readFile(join(a, HNSW_FILES.labels), 'utf8')).toBe(await readFile(join(b, HNSW_FILES.labels), 'utf8'));
  });

  it('keeps the string share gives for each saved label, asking in saved order', async () => {
    const dir = await tempDir();
    const data = randomVectors(20, 8, 5);
    const store = new HnswVectorStore({ dimensions: 8 });
    await store.upsert(data.map((vector, i) => ({ id: `doc#${i}`, vector })));
    await store.save(dir);
    const asked: string[] = [];
    const loaded = await HnswVectorStore.load(dir, {
      share: (id) => {
        asked.push(id);
        return id;
      },
    });
    expect(asked).toEqual(data.map((_, i) => `doc#${i}`));
    expect(await loaded.query(data[3]!, 4)).toEqual(await store.query(data[3]!, 4));
  });

  it('refuses to load a graph that does not match its label file', async () => {
    const dir = await tempDir();
    const store = new HnswVectorStore({ dimensions: 4 });
    await store.upsert(randomVectors(20, 4, 5).map((vector, i) => ({ id: `v${i}`, vector })));
    await store.save(dir);
    const graph = await readFile(join(dir, HNSW_FILES.graph));
    await writeFile(join(dir, HNSW_FILES.graph), graph.subarray(0, graph.length - 100));
    await expect(HnswVectorStore.load(dir)).rejects.toThrow(/beskadiget/);
  });

  it('refuses a label file that is not JSON, and other dimensions', async () => {
    const dir = await tempDir();
    const store = new HnswVectorStore({ dimensions: 4 });
    await store.upsert([{ id: 'a', vector: [1, 0, 0, 0] }]);
    await store.save(dir);
    await expect(HnswVectorStore.load(dir, { dimensions: 8 })).rejects.toThrow(/4 dimensioner; forventet 8/);
    await writeFile(join(dir, HNSW_FILES.labels), '{"formatVersion":');
    await expect(HnswVectorStore.load(dir)).rejects.toMatchObject({ code: 'index_incompatible' });
  });

  it('refuses a label file whose labels are not [label, id] pairs', async () => {
    const dir = await tempDir();
    const store = new HnswVectorStore({ dimensions: 4 });
    await store.upsert([{ id: 'a', vector: [1, 0, 0, 0] }]);
    await store.save(dir);
    const sidecar = JSON.parse(await readFile(join(dir, HNSW_FILES.labels), 'utf8'));
    for (const labels of [[[0, 1]], [[-1, 'a']], [[0.5, 'a']], [['0', 'a']], [[0]], 'a']) {
      await writeFile(join(dir, HNSW_FILES.labels), JSON.stringify({ ...sidecar, labels }));
      await expect(HnswVectorStore.load(dir)).rejects.toThrow(/vectors.json har et ugyldigt indhold/);
    }
  });

  it('says the store is missing when there are no files', async () => {
    const dir = await tempDir();
    await expect(HnswVectorStore.load(dir)).rejects.toMatchObject({ code: 'index_not_ready' });
  });
});

describe('HnswVectorStore.fork', () => {
  const dims = 8;
  const records = (ids: string[], seed: number) =>
    randomVectors(ids.length, dims, seed).map((vector, i) => ({ id: ids[i]!, vector }));

  it('changes the fork only: the original view keeps finding exactly its own vectors', async () => {
    const base = new HnswVectorStore({ dimensions: dims, initialCapacity: 16 });
    const old = records(['a', 'b', 'c', 'd'], 1);
    await base.upsert(old);
    const next = base.fork();
    const fresh = records(['b', 'e'], 2);
    await next.upsert(fresh);
    await next.delete(['c']);

    expect(await base.size()).toBe(4);
    expect(await next.size()).toBe(4);
    // each view finds its own version of "b" first and never an id it does not hold
    const fromBase = await base.query(old[1]!.vector, 4);
    expect(fromBase[0]).toMatchObject({ id: 'b' });
    expect(fromBase[0]!.score).toBeCloseTo(1, 5);
    expect(fromBase.map((h) => h.id).sort()).toEqual(['a', 'b', 'c', 'd']);
    const fromNext = await next.query(fresh[0]!.vector, 4);
    expect(fromNext[0]).toMatchObject({ id: 'b' });
    expect(fromNext[0]!.score).toBeCloseTo(1, 5);
    expect(fromNext.map((h) => h.id).sort()).toEqual(['a', 'b', 'd', 'e']);
  });

  it('saves a fork that loads with only its own vectors', async () => {
    const dir = await tempDir();
    const base = new HnswVectorStore({ dimensions: dims, initialCapacity: 16 });
    await base.upsert(records(['a', 'b', 'c'], 3));
    const next = base.fork();
    const fresh = records(['a'], 4);
    await next.upsert(fresh);
    await next.delete(['b']);
    await next.save(dir, 'x');
    const loaded = await HnswVectorStore.load(dir, { dimensions: dims });
    expect(await loaded.size()).toBe(2);
    const hits = await loaded.query(fresh[0]!.vector, 5);
    expect(hits.map((h) => h.id).sort()).toEqual(['a', 'c']);
    expect(hits[0]).toMatchObject({ id: 'a' });
  });
});

describe('HnswVectorStore.abandon', () => {
  it('keeps the vectors a given-up fork dropped alive for the view it came from and the next fork', async () => {
    const dims = 8;
    const base = new HnswVectorStore({ dimensions: dims, initialCapacity: 16 });
    const vectors = randomVectors(3, dims, 5);
    await base.upsert(vectors.map((vector, i) => ({ id: `v${i}`, vector })));
    const failed = base.fork();
    await failed.delete(['v0']);
    failed.abandon();
    const next = base.fork(); // would mark v0 deleted in the graph without abandon()
    for (const view of [base, next]) {
      const hits = await view.query(vectors[0]!, 3);
      expect(hits[0]).toMatchObject({ id: 'v0' });
    }
  });
});
