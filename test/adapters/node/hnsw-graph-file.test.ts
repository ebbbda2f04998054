import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import hnswlib from 'hnswlib-node';
import { afterEach, describe, expect, it } from 'vitest';
import { readHnswGraphFile } from '../../../src/adapters/node/hnsw-graph-file.js';
import { readHnswGraphOffThread } from '../../../src/adapters/node/hnsw-graph-thread.js';
import { HNSW_FILES, HnswVectorStore } from '../../../src/adapters/node/hnsw-vector-store.js';
import { hnswVectorStores } from '../../../src/adapters/node/hnsw-vector-stores.js';
import { HelpdeskError } from '../../../src/errors.js';
import { type CompactHnswBuffers, CompactHnswGraph } from '../../../src/index/compact-hnsw.js';
import { MemoryRows } from '../../../src/index/vector-rows.js';
import { seededRandom as random } from '../../support/random.js';

function randomVectors(count: number, dims: number, seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: dims }, () => next() * 2 - 1));
}

function unit(v: number[]): Float32Array {
  const length = Math.hypot(...v);
  return Float32Array.from(v, (x) => x / length);
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hnsw-file-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A graph hnswlib builds and saves: `count` random vectors with labels 3i + 7, one of them marked deleted. */
async function savedGraph(count: number, dims: number) {
  const data = randomVectors(count, dims, 11);
  const index = new hnswlib.HierarchicalNSW('cosine', dims);
  index.initIndex({ maxElements: count + 10, m: 8, efConstruction: 100, randomSeed: 100 });
  for (const [i, v] of data.entries()) index.addPoint(v, 3 * i + 7, false);
  index.markDelete(3 * 5 + 7);
  const path = join(await tempDir(), 'graph.hnsw');
  index.writeIndexSync(path);
  return { data, index, path };
}

describe('readHnswGraphFile', () => {
  it('reads the labels, deleted marks and links of a graph hnswlib saved', async () => {
    const { path } = await savedGraph(300, 16);
    const graph = readHnswGraphFile(path, 16);
    expect(graph.count).toBe(300);
    expect(graph.dimensions).toBe(16);
    expect(Array.from(graph.labels.subarray(0, 4))).toEqual([7, 10, 13, 16]);
    expect(graph.deletedElements).toBe(1);
    // level 0 (links, 2M = 16 each) and the int8 codes: ~16 + 1 + 16 + 4 + 8 + 1 + 4 bytes per element,
    // plus, for the SIMD distance, the rest of a 64 KiB WebAssembly page and the query slots
    expect(graph.bytes).toBeGreaterThan(300 * 40);
    expect(graph.bytes).toBeLessThan(300 * 120 + 2 * 65_536);
  });

  // 48 dimensions use the SIMD distance (WebAssembly), 24 (not a multiple of 16) the JavaScript one
  it.each([48, 24])(
    'finds, after re-ranking with the exact vectors, the same top 10 as hnswlib at the same ef (%i dimensions)',
    async (dims) => {
      const { data, index, path } = await savedGraph(2000, dims);
      const graph = readHnswGraphFile(path, dims);
      const queries = randomVectors(200, dims, 12);
      index.setEf(64);
      let same = 0;
      for (const q of queries) {
        const expected = index.searchKnn(q, 10).neighbors;
        const query = unit(q);
        const { ids } = graph.search(query, 64);
        const exact = Array.from(ids, (e) => {
          const label = graph.labels[e]!;
          const v = unit(data[(label - 7) / 3]!);
          return { label, score: v.reduce((s, x, i) => s + x * query[i]!, 0) };
        });
        exact.sort((a, b) => b.score - a.score);
        if (JSON.stringify(exact.slice(0, 10).map((h) => h.label)) === JSON.stringify(expected)) same++;
      }
      expect(same / queries.length).toBeGreaterThanOrEqual(0.99);
    },
  );

  it('finds the same candidates with the SIMD distance as with the JavaScript one', async () => {
    const dims = 32;
    const { path } = await savedGraph(1000, dims);
    const simd = readHnswGraphFile(path, dims);
    expect(simd.buffers.memory).toBeInstanceOf(WebAssembly.Memory);
    const plain = CompactHnswGraph.fromBuffers({ ...simd.buffers, memory: undefined });
    for (const q of randomVectors(50, dims, 15).map(unit)) {
      const a = simd.search(q, 40);
      const b = plain.search(q, 40);
      expect(Array.from(a.ids)).toEqual(Array.from(b.ids));
      for (let i = 0; i < a.ids.length; i++) expect(a.distances[i]).toBeCloseTo(b.distances[i]!, 5);
    }
  });

  it('keeps the graph in SharedArrayBuffers that a worker thread searches as the same memory', async () => {
    const dims = 16;
    const { path } = await savedGraph(500, dims);
    const graph = readHnswGraphFile(path, dims);
    const buffers = graph.buffers;
    for (const key of ['level0', 'upperStart', 'upper', 'codes', 'scales', 'labels', 'deleted'] as const) {
      expect(buffers[key]).toBeInstanceOf(SharedArrayBuffer);
    }
    const queries = randomVectors(20, dims, 13).map(unit);
    const here = queries.map((q) => Array.from(graph.search(q, 32).ids));
    const there = await searchInWorker(buffers, queries, 32);
    expect(there.ids).toEqual(here);
    // the worker's view is the same memory, not a copy: a byte written here is read there
    expect(there.sharedByte).toBe(77);
  });

  it('reads the graph on a worker thread into shared memory, and reports its errors from there', async () => {
    const { path } = await savedGraph(300, 16);
    const here = readHnswGraphFile(path, 16);
    const read = await readHnswGraphOffThread(path, undefined, 0);
    expect(read.bytes).toBe((await readFile(path)).length);
    expect(read.sha256).toMatch(/^[0-9a-f]{64}$/);
    const there = read.graph;
    expect(there.dimensions).toBe(16);
    expect(there.buffers.codes).toBeInstanceOf(SharedArrayBuffer);
    const query = unit(randomVectors(1, 16, 14)[0]!);
    expect(Array.from(there.search(query, 20).ids)).toEqual(Array.from(here.search(query, 20).ids));
    await truncate(path, 500);
    const error = await readHnswGraphOffThread(path, 16, 0).catch((e: unknown) => e);
    expect(HelpdeskError.isInstance(error) && error.code).toBe('index_incompatible');
    expect(String(error)).toMatch(/graph\.hnsw er beskadiget: filen slutter/);
  });

  it('refuses a truncated file, naming it', async () => {
    const { path } = await savedGraph(200, 16);
    const full = (await readFile(path)).length;
    await truncate(path, full - 100);
    expect(() => readHnswGraphFile(path, 16)).toThrow(HelpdeskError);
    expect(() => readHnswGraphFile(path, 16)).toThrow(/hnsw-grafen .*graph\.hnsw er beskadiget: filen slutter/);
    await truncate(path, 40);
    expect(() => readHnswGraphFile(path, 16)).toThrow(/afkortet/);
  });

  it('refuses a file of other dimensions, a damaged header, a link to no element and bytes after the graph', async () => {
    const { path } = await savedGraph(100, 16);
    expect(() => readHnswGraphFile(path, 32)).toThrow(/har ikke 32 dimensioner/);
    const bytes = await readFile(path);
    const header = Buffer.from(bytes);
    header.writeUInt32LE(5000, 64); // maxM0
    await writeFile(path, header);
    expect(() => readHnswGraphFile(path, 16)).toThrow(/urimelige nabotal/);
    const link = Buffer.from(bytes);
    link.writeUInt16LE(1, 96); // element 0: one link …
    link.writeUInt32LE(100_000, 100); // … to an element that does not exist
    await writeFile(path, link);
    expect(() => readHnswGraphFile(path, 16)).toThrow(/peger på element 100000, som ikke findes/);
    await writeFile(path, Buffer.concat([bytes, Buffer.alloc(8)]));
    expect(() => readHnswGraphFile(path, 16)).toThrow(/8 byte for mange/);
    expect(errorOf(() => readHnswGraphFile(path, 16))).toMatchObject({ code: 'index_incompatible' });
  });
});

describe('HnswVectorStore in its compact form', () => {
  const dims = 16;

  /** A store of `count` vectors saved into a folder with the rows it re-ranks with. */
  async function compactStore(count: number) {
    const dir = await tempDir();
    const data = randomVectors(count, dims, 21);
    const ids = data.map((_, i) => `doc#${i}`);
    const store = new HnswVectorStore({ dimensions: dims, initialCapacity: count });
    await store.upsert(data.map((vector, i) => ({ id: ids[i]!, vector })));
    const rows = new MemoryRows(Float32Array.from(data.flat()), dims);
    await store.save(dir, 'artifact-1', { rows, chunkIds: ids });
    return { dir, data, ids, store, rows };
  }

  it('answers as hnswlib does over the same saved graph, scores included', async () => {
    const { dir, store } = await compactStore(1500);
    expect(store.searchesCompact).toBe(true);
    const native = await HnswVectorStore.load(dir, { dimensions: dims, compact: false });
    expect(native.searchesCompact).toBe(false);
    const queries = randomVectors(150, dims, 22);
    let same = 0;
    for (const q of queries) {
      const a = await native.query(q, 10);
      const b = await store.query(q, 10);
      if (a.map((h) => h.id).join() === b.map((h) => h.id).join()) same++;
      for (let i = 0; i < Math.min(a.length, b.length); i++) {
        if (a[i]!.id === b[i]!.id) expect(b[i]!.score).toBeCloseTo(a[i]!.score, 5);
      }
    }
    expect(same / queries.length).toBeGreaterThanOrEqual(0.99);
  });

  it('loads straight into the compact form, and hides the labels the saved view did not own', async () => {
    const { dir, data, ids, store } = await compactStore(300);
    const next = store.fork();
    await next.upsert([{ id: 'doc#3', vector: data[100]! }]);
    await next.delete(['doc#4']);
    const nextIds = ids.filter((id) => id !== 'doc#4');
    const nextData = data.filter((_, i) => i !== 4).map((v, i) => (nextIds[i] === 'doc#3' ? data[100]! : v));
    await next.save(dir, 'artifact-2', {
      rows: new MemoryRows(Float32Array.from(nextData.flat()), dims),
      chunkIds: nextIds,
    });
    const loaded = await HnswVectorStore.load(dir, { dimensions: dims, compact: true });
    loaded.attachRows(new MemoryRows(Float32Array.from(nextData.flat()), dims), nextIds);
    expect(loaded.searchesCompact).toBe(true);
    expect(await loaded.size()).toBe(299);
    const hits = (await loaded.query(data[4]!, 299)).map((h) => h.id);
    expect(hits).not.toContain('doc#4');
    expect(new Set(hits).size).toBe(hits.length);
    expect((await loaded.query(data[100]!, 2)).map((h) => h.id).sort()).toEqual(['doc#100', 'doc#3']);
    // the view it was forked from still finds its own doc#3 and doc#4
    expect((await store.query(data[4]!, 1))[0]?.id).toBe('doc#4');
    expect((await store.query(data[3]!, 1))[0]?.id).toBe('doc#3');
  });

  it('reads the native graph again for changes, leaving the compact view it was forked from as it was', async () => {
    const { data, store } = await compactStore(200);
    const next = store.fork();
    expect(next.searchesCompact).toBe(false);
    await next.upsert([{ id: 'doc#0', vector: data[50]! }]);
    expect((await next.query(data[0]!, 1))[0]?.id).not.toBe('doc#0');
    expect((await store.query(data[0]!, 1))[0]).toMatchObject({ id: 'doc#0' });
    // a change on the compact store itself takes it back to hnswlib
    await store.upsert([{ id: 'extra', vector: data[7]! }]);
    expect(store.searchesCompact).toBe(false);
    expect((await store.query(data[7]!, 2)).map((h) => h.id).sort()).toEqual(['doc#7', 'extra']);
  });

  it('leaves the hnswlib graph alone for the view it came from when a fork that shares it goes compact', async () => {
    const dir = await tempDir();
    const data = randomVectors(100, dims, 23);
    const ids = data.map((_, i) => `doc#${i}`);
    const base = new HnswVectorStore({ dimensions: dims, initialCapacity: 128 });
    await base.upsert(data.map((vector, i) => ({ id: ids[i]!, vector })));
    const next = base.fork();
    await next.save(dir, 'a', { rows: new MemoryRows(Float32Array.from(data.flat()), dims), chunkIds: ids });
    expect(next.searchesCompact).toBe(true);
    expect(base.searchesCompact).toBe(false);
    for (const i of [0, 42, 99]) expect((await base.query(data[i]!, 1))[0]?.id).toBe(`doc#${i}`);
  });

  it('frees the hnswlib graph of a given-up fork of a compact view, and the view answers as before', async () => {
    const { data, store } = await compactStore(200);
    const before = await store.query(data[3]!, 5);
    const next = store.fork();
    await next.delete(['doc#3']);
    next.abandon();
    expect(await store.query(data[3]!, 5)).toEqual(before);
    // the next fork reads its own graph again, with doc#3
    const again = store.fork();
    expect((await again.query(data[3]!, 1))[0]?.id).toBe('doc#3');
  });

  it('keeps serving when its saved graph file is damaged behind it; a fork then fails clearly', async () => {
    const { dir, data, store } = await compactStore(200);
    const before = await store.query(data[9]!, 5);
    await truncate(join(dir, HNSW_FILES.graph), 1000);
    expect(await store.query(data[9]!, 5)).toEqual(before);
    expect(() => store.fork()).toThrow(/vectors\.hnsw er ændret, siden den blev læst/);
    // the lifecycle's factory then fills a new store from the index rows instead
    expect(hnswVectorStores.fork(store)).toBeUndefined();
  });

  it('refuses to load a damaged graph file with a clear error', async () => {
    const { dir } = await compactStore(100);
    const graphPath = join(dir, HNSW_FILES.graph);
    await truncate(graphPath, 5000);
    await expect(HnswVectorStore.load(dir, { dimensions: dims, compact: true })).rejects.toThrow(
      /vectors\.hnsw passer ikke med vectors\.json/,
    );
    // a file that matches its label file but is damaged inside is refused by the reader
    const sidecar = JSON.parse(await readFile(join(dir, HNSW_FILES.labels), 'utf8'));
    const { hashFile } = await import('../../../src/adapters/node/hash-file.js');
    const hashed = await hashFile(graphPath);
    await writeFile(
      join(dir, HNSW_FILES.labels),
      JSON.stringify({ ...sidecar, graphBytes: hashed.bytes, graphSha256: hashed.sha256 }),
    );
    const error = await HnswVectorStore.load(dir, { dimensions: dims, compact: true }).catch((e: unknown) => e);
    expect(HelpdeskError.isInstance(error) && error.code).toBe('index_incompatible');
    expect(String(error)).toMatch(/hnsw-grafen .*vectors\.hnsw er beskadiget: filen slutter/);
  });
});

/** What `run` throws (undefined when it returns). */
function errorOf(run: () => unknown): unknown {
  try {
    run();
  } catch (err) {
    return err;
  }
  return undefined;
}

/** Searches `queries` in a worker thread over a view made from `buffers`, then reads its first code after it was set to 77 here. */
function searchInWorker(
  buffers: CompactHnswBuffers,
  queries: Float32Array[],
  ef: number,
): Promise<{ ids: number[][]; sharedByte: number }> {
  const module = pathToFileURL(join(import.meta.dirname, '../../../src/index/compact-hnsw.ts')).href;
  const code = `
    const { parentPort, workerData } = require('node:worker_threads');
    import('tsx/esm/api').then((m) => m.register()).then(() => import(${JSON.stringify(module)})).then(({ CompactHnswGraph }) => {
      const graph = CompactHnswGraph.fromBuffers(workerData.buffers);
      const ids = workerData.queries.map((q) => Array.from(graph.search(q, workerData.ef).ids));
      parentPort.postMessage({ ids });
      parentPort.once('message', () => parentPort.postMessage({ sharedByte: new Int8Array(workerData.buffers.codes)[workerData.buffers.codesOffset] }));
    });`;
  const worker = new Worker(code, { eval: true, workerData: { buffers, queries, ef } });
  return new Promise((resolve, reject) => {
    let ids: number[][] = [];
    worker.on('error', reject);
    worker.on('message', (message: { ids?: number[][]; sharedByte?: number }) => {
      if (message.ids) {
        ids = message.ids;
        const codes = new Int8Array(buffers.codes, buffers.codesOffset);
        const saved = codes[0]!;
        codes[0] = 77;
        worker.postMessage('read');
        worker.once('message', (m: { sharedByte: number }) => {
          codes[0] = saved;
          void worker.terminate();
          resolve({ ids, sharedByte: m.sharedByte });
        });
      }
    });
  });
}
