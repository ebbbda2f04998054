import { describe, expect, it } from 'vitest';
import type {
  CorpusEntry,
  CorpusSource,
  ForkedVectorStore,
  GrowingVectorStore,
  IndexStorage,
  Preparer,
  SavedArtifact,
  SavedIndex,
  VectorStoreFactory,
} from '../../src/core/index-ports.js';
import { IndexLifecycle } from '../../src/core/index-lifecycle.js';
import type { KnownFile } from '../../src/core/known-files.js';
import { chunkDocument } from '../../src/corpus/index.js';
import type { IndexState } from '../../src/index/artifact.js';
import { defaultEmbedText, type PreparedDocument } from '../../src/index/build.js';
import { allRows } from '../../src/index/vector-rows.js';
import { ExactVectorStore } from '../../src/index/exact-vector-store.js';
import type { VectorStore } from '../../src/index/vector-store.js';
import { createLocalEmbedder } from '../../src/index/local-embedder.js';
import { RecordingLogger } from '../support/recording-logger.js';

/** A valid guide document about `topic`. */
function guide(title: string, body: string): string {
  return `---
title: "${title}"
kind: guide
summary: "${title}."
tags: [test]
source:
  organisation: "Testkilde"
  title: "Test"
updated: "2026-01-01"
---

## Afsnit

${body}
`;
}

const BROKEN = '---\ntitle: "Uden kind"\n---\n\nTekst.\n';

/** An in-memory corpus that records which files were read; `now` is far past every mtime. */
class FakeCorpus implements CorpusSource {
  files = new Map<string, { content: string; mtimeMs: number }>();
  reads: string[] = [];
  private clock = 1;
  put(path: string, content: string): void {
    this.files.set(path, { content, mtimeMs: this.clock++ });
  }
  async list(): Promise<CorpusEntry[]> {
    return [...this.files]
      .map(([path, f]) => ({ path, size: f.content.length, mtimeMs: f.mtimeMs }))
      .sort((a, b) => (a.path < b.path ? -1 : 1));
  }
  async read(path: string): Promise<string> {
    this.reads.push(path);
    const file = this.files.get(path);
    if (!file) throw new Error(`${path} is gone`);
    return file.content;
  }
  /** `corpus/_meta/synonyms.yaml`, if the corpus has one. */
  synonymsText: string | undefined;
  async synonyms(): Promise<string | undefined> {
    return this.synonymsText;
  }
}

/** Storage in memory that records its calls; `failSaves` makes every save throw. */
class FakeStorage implements IndexStorage {
  saved: { state: IndexState; artifact: string; known: KnownFile[] } | undefined;
  calls: string[] = [];
  failSaves = false;
  async load(): Promise<SavedIndex | undefined> {
    this.calls.push('load');
    return this.saved && { state: this.saved.state, artifact: this.saved.artifact, known: this.saved.known };
  }
  async save(state: IndexState, _vectors: unknown, known: Iterable<KnownFile>): Promise<SavedArtifact> {
    this.calls.push('save');
    if (this.failSaves) throw new Error('disk full');
    const artifact = `a${this.calls.length}`;
    this.saved = { state, artifact, known: [...known] };
    return { artifact };
  }
  async saveVectors(): Promise<void> {
    this.calls.push('saveVectors');
  }
  async saveKnownFiles(artifact: string, known: Iterable<KnownFile>): Promise<void> {
    this.calls.push('saveKnownFiles');
    if (this.saved?.artifact === artifact) this.saved.known = [...known];
  }
  describeSaveFailure(error: unknown): string {
    return `kunne ikke gemme: ${String(error)}`;
  }
}

/** Exact stores that record what was asked of them; a fork copies the live store's vectors. */
class FakeVectors implements VectorStoreFactory {
  calls: string[] = [];
  private readonly vectors = new Map<VectorStore, Map<string, number[]>>();
  create(dimensions: number): VectorStore {
    this.calls.push('create');
    return this.track(new ExactVectorStore({ dimensions }), new Map());
  }
  fork(live: VectorStore): ForkedVectorStore | undefined {
    this.calls.push('fork');
    const copy = new Map(this.vectors.get(live));
    const store = this.track(new ExactVectorStore({ dimensions: live.dimensions }), copy);
    // the exact store copies synchronously inside its async upsert
    void store.upsert([...copy].map(([id, vector]) => ({ id, vector })));
    return Object.assign(store, { abandon: () => this.calls.push('abandon') });
  }
  private track(store: ExactVectorStore, vectors: Map<string, number[]>): ExactVectorStore {
    this.vectors.set(store, vectors);
    const upsert = store.upsert.bind(store);
    store.upsert = async (records) => {
      for (const r of records) vectors.set(r.id, Array.from(r.vector));
      return upsert(records);
    };
    return store;
  }
}

/**
 * `FakeVectors` whose stores can also grow (`grow`), recording `settle` and `abandon` too;
 * `failSettle` makes `settle` reject, as a store built on a thread that stopped does.
 */
class GrowingFakeVectors extends FakeVectors {
  constructor(private readonly failSettle = false) {
    super();
  }
  grow(dimensions: number): GrowingVectorStore {
    const store = this.create(dimensions);
    this.calls.splice(-1, 1, 'grow');
    const upsert = store.upsert.bind(store);
    store.upsert = async (records) => {
      this.calls.push(`upsert ${records.map((r) => r.id).join(' ')}`);
      return upsert(records);
    };
    return Object.assign(store, {
      settle: async () => {
        this.calls.push('settle');
        if (this.failSettle) throw new Error('hnsw-tråden stoppede');
        return store;
      },
      abandon: () => this.calls.push('abandon'),
    });
  }
}

/**
 * A preparer on this thread that records its calls: chunks and embeds every document it is given
 * and hands each to the sink; `decline` makes it leave the work to the build, `failAfterFirst`
 * throws after the first document, `shortVectorsOf` gives that document one vector value too few.
 */
function recordingPreparer(
  calls: string[],
  options: { decline?: boolean; failAfterFirst?: boolean; shortVectorsOf?: string } = {},
): Preparer {
  return async (documents, _previous, _analyzer, embedder, sink) => {
    if (options.decline) return undefined;
    const out = new Map<string, PreparedDocument>();
    for (const doc of documents) {
      const chunks = chunkDocument(doc);
      const vectors = new Float32Array(chunks.length * embedder.dimensions);
      (await embedder.embedDocuments(chunks.map(defaultEmbedText))).forEach((v, i) => {
        vectors.set(v, i * embedder.dimensions);
      });
      const prepared = {
        hash: doc.hash,
        chunks,
        vectors: doc.docId === options.shortVectorsOf ? vectors.subarray(1) : vectors,
      };
      out.set(doc.docId, prepared);
      await sink?.([[doc.docId, prepared]]);
      if (options.failAfterFirst) throw new Error('arbejdstråden stoppede');
    }
    calls.push('prepared');
    return out;
  };
}

function lifecycle(
  corpus: FakeCorpus,
  storage?: FakeStorage,
  logger = new RecordingLogger(),
  vectors?: FakeVectors,
  prepare?: Preparer,
) {
  return new IndexLifecycle({
    corpus,
    ...(storage ? { storage } : {}),
    ...(vectors ? { vectors } : {}),
    ...(prepare ? { prepare } : {}),
    logger,
    baseUrl: '',
    embedder: (analyzer) => createLocalEmbedder(analyzer, { dimensions: 64 }),
    now: () => 1e12,
  });
}

function corpusOfTwo(): FakeCorpus {
  const corpus = new FakeCorpus();
  corpus.put('guides/cykler.md', guide('Cykler', 'Cykelhjelme beskytter hovedet.'));
  corpus.put('guides/kaffe.md', guide('Kaffe', 'Kaffemaskinen står i køkkenet.'));
  return corpus;
}

describe('IndexLifecycle', () => {
  it('builds the first index from the corpus, serves it and saves it', async () => {
    const storage = new FakeStorage();
    const index = lifecycle(corpusOfTwo(), storage);
    expect(index.current()).toBeUndefined();
    const report = await index.open();
    expect(report).toMatchObject({ documents: 2, loadedFromDisk: false, added: ['cykler', 'kaffe'] });
    expect(index.current()?.stats.documents).toBe(2);
    expect(storage.calls).toEqual(['load', 'save']);
  });

  it('reads no file and builds nothing when the corpus did not change', async () => {
    const corpus = corpusOfTwo();
    const storage = new FakeStorage();
    const index = lifecycle(corpus, storage);
    await index.open();
    corpus.reads = [];
    const before = index.searchIndex();
    const report = await index.reindex();
    expect(report).toMatchObject({ filesRead: 0, added: [], changed: [], removed: [] });
    expect(corpus.reads).toEqual([]);
    expect(index.searchIndex()).toBe(before);
    expect(storage.calls).toEqual(['load', 'save']);
  });

  it('keeps the last good version of a document that became malformed, and reports the error', async () => {
    const corpus = corpusOfTwo();
    const logger = new RecordingLogger();
    const index = lifecycle(corpus, undefined, logger);
    await index.open();
    corpus.put('guides/kaffe.md', BROKEN);
    const report = await index.reindex();
    expect(report.issues.some((i) => i.path === 'guides/kaffe.md' && i.severity === 'error')).toBe(true);
    expect(report.removed).toEqual([]);
    expect(index.current()?.documents.has('kaffe')).toBe(true);
    const results = await index.current()!.retriever.retrieve('kaffemaskinen', { k: 3 });
    expect(results.passages[0]?.chunk.docId).toBe('kaffe');
    expect(logger.at('error').length).toBeGreaterThan(0);
  });

  it('drops a document whose file was removed', async () => {
    const corpus = corpusOfTwo();
    const index = lifecycle(corpus);
    await index.open();
    corpus.files.delete('guides/kaffe.md');
    const report = await index.reindex();
    expect(report.removed).toEqual(['kaffe']);
    expect(index.current()?.documents.has('kaffe')).toBe(false);
  });

  it('swaps a new snapshot in whole: the old one keeps answering from its own documents', async () => {
    const corpus = corpusOfTwo();
    const index = lifecycle(corpus);
    await index.open();
    const old = index.current()!;
    corpus.put('guides/te.md', guide('Te', 'Teen står ved siden af kaffen.'));
    await index.reindex();
    expect(index.current()).not.toBe(old);
    expect(old.documents.has('te')).toBe(false);
    expect(index.current()?.documents.has('te')).toBe(true);
  });

  it('serves the new index when saving fails, and says why in the report', async () => {
    const storage = new FakeStorage();
    storage.failSaves = true;
    const logger = new RecordingLogger();
    const index = lifecycle(corpusOfTwo(), storage, logger);
    const report = await index.open();
    expect(report.saveError).toBe('kunne ikke gemme: Error: disk full');
    expect(index.current()?.stats.documents).toBe(2);
    expect(logger.at('error').length).toBe(1);
  });

  it('loads the saved index and reads only the files that changed since', async () => {
    const corpus = corpusOfTwo();
    const storage = new FakeStorage();
    await lifecycle(corpus, storage).open();
    corpus.put('guides/kaffe.md', guide('Kaffe', 'Kaffemaskinen står nu i kantinen.'));
    corpus.reads = [];
    const report = await lifecycle(corpus, storage).open();
    expect(report).toMatchObject({ loadedFromDisk: true, changed: ['kaffe'], filesRead: 1 });
    expect(corpus.reads).toEqual(['guides/kaffe.md']);
  });

  it('serves a loaded index at once and catches up behind it, hiding documents whose files are gone', async () => {
    const corpus = corpusOfTwo();
    const storage = new FakeStorage();
    await lifecycle(corpus, storage).open();
    corpus.files.delete('guides/kaffe.md');
    const index = lifecycle(corpus, storage);
    const report = await index.open({ catchUp: 'background' });
    expect(report.loadedFromDisk).toBe(true);
    expect(index.catchingUp).toBe(true);
    expect(index.current()?.documents.has('kaffe')).toBe(false);
    expect(index.current()?.stats.documents).toBe(1);
    const caughtUp = await report.catchUp!;
    expect(caughtUp.removed).toEqual(['kaffe']);
    expect(index.catchingUp).toBe(false);
  });

  it("answers with the corpus's synonyms from the first question after a load, not only after the catch-up", async () => {
    const corpus = corpusOfTwo();
    corpus.synonymsText = 'synonyms:\n  - [kaffemaskine, espressomaskine]\n';
    const storage = new FakeStorage();
    await lifecycle(corpus, storage).open();
    const index = lifecycle(corpus, storage);
    const report = await index.open({ catchUp: 'background' });
    expect(index.catchingUp).toBe(true);
    const results = await index.current()!.retriever.retrieve('espressomaskinen', { k: 3 });
    const members = results.query.groups.flatMap((g) => g.members.map((m) => m.term));
    expect(members).toContain(index.queryAnalyzer.stem('kaffemaskine'));
    expect(results.passages[0]?.chunk.docId).toBe('kaffe');
    await report.catchUp;
  });

  it('shares one run between re-index calls made while it is queued', async () => {
    const corpus = corpusOfTwo();
    const index = lifecycle(corpus);
    const opening = index.open();
    const [a, b] = [index.reindex(), index.reindex()];
    expect(a).toBe(b);
    await Promise.all([opening, a]);
  });

  it('fills a new vector store for the first build and forks the live one for an incremental build', async () => {
    const corpus = corpusOfTwo();
    const vectors = new FakeVectors();
    const index = lifecycle(corpus, undefined, new RecordingLogger(), vectors);
    await index.open();
    expect(vectors.calls).toEqual(['create']);
    const first = index.searchIndex()!.vectorStore;
    corpus.put('guides/te.md', guide('Te', 'Teen står ved siden af kaffen.'));
    await index.reindex();
    expect(vectors.calls).toEqual(['create', 'fork']);
    expect(index.searchIndex()!.vectorStore).not.toBe(first);
    expect(await first.size()).toBe(2);
    expect(await index.searchIndex()!.vectorStore.size()).toBe(3);
  });

  it('fills the vector store of a full build while the documents are prepared, in row order', async () => {
    const corpus = corpusOfTwo();
    const vectors = new GrowingFakeVectors();
    const index = lifecycle(corpus, undefined, new RecordingLogger(), vectors, recordingPreparer(vectors.calls));
    await index.open();
    expect(vectors.calls).toEqual(['grow', 'upsert cykler#afsnit', 'upsert kaffe#afsnit', 'prepared', 'settle']);
    const served = index.searchIndex()!;
    expect(await served.vectorStore.size()).toBe(2);
    const [hit] = await served.vectorStore.query(allRows(served.state.vectors).subarray(64, 128), 1);
    expect(hit?.id).toBe('kaffe#afsnit');
    // an incremental build forks the live store as before
    corpus.put('guides/te.md', guide('Te', 'Teen står ved siden af kaffen.'));
    await index.reindex();
    expect(vectors.calls.slice(5)).toEqual(['prepared', 'fork']);
  });

  it('gives the growing store up and fills a new one when the preparer leaves the work to the build', async () => {
    const vectors = new GrowingFakeVectors();
    const preparer = recordingPreparer(vectors.calls, { decline: true });
    const index = lifecycle(corpusOfTwo(), undefined, new RecordingLogger(), vectors, preparer);
    await index.open();
    expect(vectors.calls).toEqual(['grow', 'abandon', 'create']);
    expect(await index.searchIndex()!.vectorStore.size()).toBe(2);
  });

  it('gives the growing store up and fills a new one when it cannot be settled (its thread stopped)', async () => {
    const vectors = new GrowingFakeVectors(true);
    const logger = new RecordingLogger();
    const index = lifecycle(corpusOfTwo(), undefined, logger, vectors, recordingPreparer(vectors.calls));
    await index.open();
    expect(logger.at('warn').map((line) => line.data)).toEqual([
      { event: 'index.vector_stream_failed', error: 'Error: hnsw-tråden stoppede' },
    ]);
    expect(vectors.calls).toEqual([
      'grow',
      'upsert cykler#afsnit',
      'upsert kaffe#afsnit',
      'prepared',
      'settle',
      'abandon',
      'create',
    ]);
    expect(await index.searchIndex()!.vectorStore.size()).toBe(2);
  });

  it('gives the growing store up when a prepared document has the wrong number of vector values', async () => {
    const vectors = new GrowingFakeVectors();
    const preparer = recordingPreparer(vectors.calls, { shortVectorsOf: 'kaffe' });
    const index = lifecycle(corpusOfTwo(), undefined, new RecordingLogger(), vectors, preparer);
    await index.open();
    expect(vectors.calls).toEqual(['grow', 'upsert cykler#afsnit', 'prepared', 'abandon', 'create']);
    expect(await index.searchIndex()!.vectorStore.size()).toBe(2);
  });

  it('gives the growing store up when the run fails half-way', async () => {
    const vectors = new GrowingFakeVectors();
    const preparer = recordingPreparer(vectors.calls, { failAfterFirst: true });
    const index = lifecycle(corpusOfTwo(), undefined, new RecordingLogger(), vectors, preparer);
    await expect(index.open()).rejects.toThrow(/arbejdstråden stoppede/);
    expect(vectors.calls).toEqual(['grow', 'upsert cykler#afsnit', 'abandon']);
  });
});
