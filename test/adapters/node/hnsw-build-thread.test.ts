import { EventEmitter } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { HnswBuildThread, startHnswBuild } from '../../../src/adapters/node/hnsw-build-thread.js';
import { emptyStore, HNSW_FILES, HnswVectorStore } from '../../../src/adapters/node/hnsw-vector-store.js';
import { hnswVectorStores, hnswVectorStoresIn } from '../../../src/adapters/node/hnsw-vector-stores.js';
import { seededRandom as random } from '../../support/random.js';

function randomVectors(count: number, dims: number, seed: number): number[][] {
  const next = random(seed);
  return Array.from({ length: count }, () => Array.from({ length: dims }, () => next() * 2 - 1));
}

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'hnsw-build-test-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A stand-in for the worker that records what it is sent and answers only when told to. */
class QuietWorker extends EventEmitter {
  readonly sent: unknown[] = [];
  terminated = false;
  postMessage(message: unknown): void {
    this.sent.push(message);
  }
  async terminate(): Promise<number> {
    this.terminated = true;
    return 0;
  }
}

describe('HnswBuildThread', () => {
  it('builds the graph on a worker thread: settled, it saves the files a store filled on this thread saves', async () => {
    const dims = 16;
    const records = randomVectors(1500, dims, 9).map((vector, i) => ({ id: `doc#${i}`, vector }));
    // an id upserted twice: the second vector replaces the first, as in `HnswVectorStore`
    const again = { id: 'doc#7', vector: randomVectors(1, dims, 3)[0]! };
    const passing = await tempDir();
    const growing = startHnswBuild(dims, 10, { tempDir: passing });
    expect(growing).toBeInstanceOf(HnswBuildThread);
    const here = emptyStore(dims, 10);
    for (let i = 0; i < records.length; i += 100) {
      await growing.upsert(records.slice(i, i + 100));
      await here.upsert(records.slice(i, i + 100));
    }
    await growing.upsert([again]);
    await here.upsert([again]);
    const built = await growing.settle();
    expect(built).toBeInstanceOf(HnswVectorStore);
    expect(await built.size()).toBe(1500);
    expect((await built.query(again.vector, 1))[0]?.id).toBe('doc#7');
    const [a, b] = [await tempDir(), await tempDir()];
    await (built as HnswVectorStore).save(a);
    await (await here.settle()).save(b);
    expect(await readFile(join(a, HNSW_FILES.graph))).toEqual(await readFile(join(b, HNSW_FILES.graph)));
    expect(await readFile(join(a, HNSW_FILES.labels), 'utf8')).toBe(await readFile(join(b, HNSW_FILES.labels), 'utf8'));
    // the file that passed the graph over is gone; the store stays writable
    expect(await readdir(passing)).toEqual([]);
    const fresh = randomVectors(1, dims, 77)[0]!;
    await built.upsert([{ id: 'new', vector: fresh }]);
    expect((await built.query(fresh, 1))[0]?.id).toBe('new');
  }, 60_000);

  it('passes the graph through the folder it is given, made if missing, and leaves nothing there', async () => {
    const folder = join(await tempDir(), 'index', 'folder');
    const growing = hnswVectorStoresIn(folder).grow!(8, 100);
    expect(growing).toBeInstanceOf(HnswBuildThread);
    await growing.upsert(randomVectors(50, 8, 4).map((vector, i) => ({ id: `doc#${i}`, vector })));
    expect(await (await growing.settle()).size()).toBe(50);
    expect(await readdir(folder)).toEqual([]);
    // a folder that cannot be made: settle says why (the build then fills a store from its rows)
    const blocked = hnswVectorStoresIn(join(folder, 'x', 'y')).grow!(8, 100);
    await writeFile(join(folder, 'x'), 'a file');
    await blocked.upsert([{ id: 'a', vector: [1, 0, 0, 0, 0, 0, 0, 0] }]);
    await expect(blocked.settle()).rejects.toThrow(/ENOTDIR|EEXIST/);
  }, 60_000);

  it('is what the hnsw factory grows for a full build', async () => {
    const growing = hnswVectorStores.grow!(8, 100);
    expect(growing).toBeInstanceOf(HnswBuildThread);
    growing.abandon();
  });

  it('takes no more vectors and rejects settle when the thread stops', async () => {
    const worker = new Worker('process.exit(3)', { eval: true });
    const growing = new HnswBuildThread(4, worker);
    await new Promise((resolve) => worker.once('exit', resolve));
    expect(growing.failed).toBe(true);
    // the preparer's sink goes on: the build fills a store from its rows afterwards
    await expect(growing.upsert([{ id: 'a', vector: [1, 0, 0, 0] }])).resolves.toBeUndefined();
    await expect(growing.settle()).rejects.toThrow(/hnsw-tråden stoppede \(kode 3\)/);
  });

  it('rejects settle with what went wrong when the thread fails while settling', async () => {
    const worker = new QuietWorker();
    const growing = new HnswBuildThread(4, worker as unknown as Worker, { tempDir: await tempDir() });
    const settled = growing.settle();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(worker.sent).toEqual([{ kind: 'settle', path: expect.stringMatching(/\.[0-9a-f]{12}\.tmp$/) }]);
    worker.emit('message', { kind: 'error', message: 'no room' });
    await expect(settled).rejects.toThrow(/hnsw-tråden fejlede: no room/);
    expect(worker.terminated).toBe(true);
  });

  it('holds upsert back while more vector values than allowed are on their way to the thread', async () => {
    const worker = new QuietWorker();
    const growing = new HnswBuildThread(4, worker as unknown as Worker, { maxPendingValues: 8 });
    await growing.upsert([{ id: 'a', vector: [1, 0, 0, 0] }]);
    let done = false;
    const second = growing.upsert([
      { id: 'b', vector: [0, 1, 0, 0] },
      { id: 'c', vector: [0, 0, 1, 0] },
    ]);
    void second.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(done).toBe(false);
    expect(worker.sent).toHaveLength(2);
    worker.emit('message', { kind: 'added', values: 4 });
    await second;
    expect(done).toBe(true);
    growing.abandon();
  });
});
