import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FileVectorRows } from '../../../src/adapters/node/file-vector-rows.js';
import { HnswVectorStore } from '../../../src/adapters/node/hnsw-vector-store.js';
import {
  INDEX_FILES,
  loadIndex,
  readIndexFile,
  saveIndex,
  writeIndexFile,
} from '../../../src/adapters/node/index-files.js';
import { artifactId, type IndexState, serializeIndex } from '../../../src/index/artifact.js';
import { buildIndex } from '../../../src/index/build.js';
import { fillVectorStore } from '../../../src/index/fill-vector-store.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { allRows } from '../../../src/index/vector-rows.js';
import { chunkByHeadings, makeDocument, sampleCorpus } from '../../support/index-fixtures.js';
import { createStandInAnalyzer } from '../../index/stand-in-analyzer.js';

const analyzer = createStandInAnalyzer();
const embedder = createLocalEmbedder(analyzer, { dimensions: 64 });
const expected = { analyzerId: analyzer.id, embedderId: embedder.id };

const dirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'index-files-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

async function built(documents = sampleCorpus()): Promise<{ state: IndexState; store: HnswVectorStore }> {
  const { state } = await buildIndex({ documents, chunk: chunkByHeadings, analyzer, embedder });
  const store = new HnswVectorStore({ dimensions: 64 });
  await fillVectorStore(store, state);
  return { state, store };
}

describe('saveIndex / loadIndex', () => {
  it('round-trips the state and the hnsw graph that belongs to it', async () => {
    const dir = join(await tempDir(), 'data', 'index');
    const { state, store } = await built();
    const saved = await saveIndex(dir, state, store);
    expect((await readdir(dir)).sort()).toEqual([INDEX_FILES.artifact, INDEX_FILES.graph, INDEX_FILES.labels].sort());
    const labels = JSON.parse(await readFile(join(dir, INDEX_FILES.labels), 'utf8'));
    expect(labels.artifact).toBe(saved.artifact);

    const loaded = await loadIndex(dir, expected);
    expect(loaded.vectorStoreRebuilt).toBe(false);
    expect(loaded.artifact).toBe(saved.artifact);
    expect(loaded.state.manifest).toEqual(state.manifest);
    expect([...loaded.state.chunks]).toEqual([...state.chunks]);
    const query = await embedder.embedQuery('markedsdialog før udbud');
    expect(await loaded.vectorStore.query(query, 3)).toEqual(await store.query(query, 3));
  });

  it('streams the artifact to disk byte for byte as serializeIndex builds it, and reads it back by pieces', async () => {
    const dir = await tempDir();
    const { state } = await built();
    const path = join(dir, INDEX_FILES.artifact);
    const written = await writeIndexFile(path, state);
    const bytes = await readFile(path);
    expect(new Uint8Array(bytes)).toEqual(serializeIndex(state));
    expect(written).toMatchObject({ artifact: artifactId(bytes), bytes: bytes.length });
    const read = readIndexFile(path);
    expect(read.artifact).toBe(written.artifact);
    expect([...read.state.chunks]).toEqual([...state.chunks]);
    expect(read.state.vectors).toEqual(state.vectors);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('leaves the vector rows of a loaded index in index.bin and reads them from there', async () => {
    const dir = await tempDir();
    const { state, store } = await built();
    await saveIndex(dir, state, store);
    const loaded = await loadIndex(dir, expected);
    expect(loaded.state.vectors).toBeInstanceOf(FileVectorRows);
    expect(loaded.state.vectors.read(0, state.chunks.length)).toEqual(allRows(state.vectors));
    expect(loaded.state.vectors.read(3, 2)).toEqual(state.vectors.read(3, 2));
  });

  it('returns the saved rows as rows read from the file, across vector sections', async () => {
    const dir = await tempDir();
    const { state, store } = await built();
    const saved = await saveIndex(dir, state, store);
    expect(saved.vectors.rows).toBe(state.chunks.length);
    const target = new Float32Array(5 * 64);
    saved.vectors.readInto(2, 3, target, 64);
    expect(target.subarray(64, 4 * 64)).toEqual(state.vectors.read(2, 3));
    expect(target.subarray(0, 64)).toEqual(new Float32Array(64));
    expect(() => saved.vectors.readInto(2, 3, target, 3 * 64)).toThrow(/passer ikke ind/);
    for (let first = 0; first < state.chunks.length; first++) {
      expect(saved.vectors.read(first, state.chunks.length - first)).toEqual(
        state.vectors.read(first, state.chunks.length - first),
      );
    }
  });

  it('refuses to read rows from an index.bin that was replaced by another artifact', async () => {
    const dir = await tempDir();
    const first = await built();
    const saved = await saveIndex(dir, first.state, first.store);
    const other = await built(sampleCorpus().slice(1));
    await saveIndex(dir, other.state, other.store);
    expect(() => saved.vectors.read(0, 1)).toThrow(/er ikke længere det indeks, vektorerne skulle læses fra/);
    expect(() => saved.vectors.read(0, 1)).toThrow(expect.objectContaining({ code: 'index_incompatible' }));
  });

  it('says there is no index when the directory is empty', async () => {
    const dir = await tempDir();
    await expect(loadIndex(dir, expected)).rejects.toMatchObject({ code: 'index_not_ready' });
    await expect(loadIndex(dir, expected)).rejects.toThrow(/intet indeks/);
  });

  it('refuses an index built with another embedder or analyzer, naming both', async () => {
    const dir = await tempDir();
    const { state, store } = await built();
    await saveIndex(dir, state, store);
    await expect(loadIndex(dir, { ...expected, embedderId: 'openai-text-embedding-3-small-1536' })).rejects.toThrow(
      `er bygget med embedder ${embedder.id}; forventet openai-text-embedding-3-small-1536 — bygger igen`,
    );
    await expect(loadIndex(dir, { ...expected, analyzerId: 'da-v9' })).rejects.toMatchObject({
      code: 'index_incompatible',
      message: expect.stringMatching(/bygget med analyzer stand-in-v1; forventet da-v9/),
    });
    await expect(loadIndex(dir, { ...expected, formatVersion: 4 })).rejects.toThrow(/formatversion 3; forventet 4/);
    await expect(loadIndex(dir, { ...expected, dimensions: 128 })).rejects.toThrow(/dimensioner 64; forventet 128/);
  });

  it('gives a clear index_incompatible error for a truncated artifact', async () => {
    const dir = await tempDir();
    const { state, store } = await built();
    await saveIndex(dir, state, store);
    const path = join(dir, INDEX_FILES.artifact);
    const bytes = await readFile(path);
    await writeFile(path, bytes.subarray(0, Math.floor(bytes.length / 2)));
    await expect(loadIndex(dir, expected)).rejects.toMatchObject({ code: 'index_incompatible' });
    await expect(loadIndex(dir, expected)).rejects.toThrow(
      /index\.bin kan ikke bruges: Indeksfilen er beskadiget eller afkortet/,
    );
    await writeFile(path, '');
    await expect(loadIndex(dir, expected)).rejects.toThrow(/beskadiget/);
  });

  it('ignores leftover temporary files from an interrupted save and loads the last good artifact', async () => {
    const dir = await tempDir();
    const { state, store } = await built();
    await saveIndex(dir, state, store);
    const good = await readFile(join(dir, INDEX_FILES.artifact));
    // an interrupted save: half-written temporaries that were never renamed
    await writeFile(join(dir, `${INDEX_FILES.artifact}.deadbeef0000.tmp`), good.subarray(0, 100));
    await writeFile(join(dir, `${INDEX_FILES.graph}.deadbeef0000.tmp`), 'garbage');
    const loaded = await loadIndex(dir, expected);
    expect(loaded.state.chunks).toHaveLength(7);
    expect(loaded.vectorStoreRebuilt).toBe(false);
    // the next save clears them away
    await saveIndex(dir, loaded.state, loaded.vectorStore);
    expect((await readdir(dir)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('replaces the artifact on a second save and keeps it loadable', async () => {
    const dir = await tempDir();
    const first = await built();
    await saveIndex(dir, first.state, first.store);
    const docs = [...sampleCorpus(), makeDocument('ny', 'Ny vejledning', 'Om licenser.')];
    const second = await built(docs);
    await saveIndex(dir, second.state, second.store);
    const loaded = await loadIndex(dir, expected);
    expect(loaded.state.manifest.documents.map((d) => d.docId)).toContain('ny');
    expect(loaded.vectorStoreRebuilt).toBe(false);
    expect(await loaded.vectorStore.size()).toBe(8);
  });

  it('rebuilds the graph from the artifact when it belongs to another artifact', async () => {
    const dir = await tempDir();
    const first = await built();
    await saveIndex(dir, first.state, first.store);
    // a crash between writing the new artifact and the new graph leaves the old graph behind
    const second = await built([...sampleCorpus(), makeDocument('ny', 'Ny', 'Om licenser.')]);
    await saveIndex(dir, second.state);
    const loaded = await loadIndex(dir, expected);
    expect(loaded.vectorStoreRebuilt).toBe(true);
    expect(loaded.vectorStoreReason).toMatch(/andet indeks/);
    expect(await loaded.vectorStore.size()).toBe(8);
    const hits = await loaded.vectorStore.query(await embedder.embedQuery('licenser'), 1);
    expect(hits[0]?.id).toBe('ny#intro');
    // persisting the rebuilt graph makes the next load use it directly
    await loaded.vectorStore.save(dir, loaded.artifact);
    expect((await loadIndex(dir, expected)).vectorStoreRebuilt).toBe(false);
  });

  it('rebuilds the graph when it is missing or damaged, without crashing', async () => {
    const dir = await tempDir();
    const { state, store } = await built();
    await saveIndex(dir, state);
    const missing = await loadIndex(dir, expected);
    expect(missing.vectorStoreRebuilt).toBe(true);
    expect(missing.vectorStoreReason).toMatch(/mangler/);

    await saveIndex(dir, state, store);
    const graphPath = join(dir, INDEX_FILES.graph);
    const graph = await readFile(graphPath);
    await writeFile(graphPath, graph.subarray(0, 64));
    const damaged = await loadIndex(dir, expected);
    expect(damaged.vectorStoreRebuilt).toBe(true);
    expect(damaged.vectorStoreReason).toMatch(/beskadiget/);
    expect(await damaged.vectorStore.size()).toBe(7);
  });

  it('refuses to save a vector store that does not match the state', async () => {
    const dir = await tempDir();
    const { state } = await built();
    const empty = new HnswVectorStore({ dimensions: 64 });
    await expect(saveIndex(dir, state, empty)).rejects.toThrow(/passer ikke til indekset/);
  });
});
