import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  readdirSync,
  statSync,
  truncateSync,
  unlinkSync,
  utimesSync,
  watch,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { INDEX_FILE, IndexManager, type IndexManagerOptions } from '../../../src/adapters/node/index-manager.js';
import { FileVectorRows } from '../../../src/adapters/node/file-vector-rows.js';
import { HNSW_FILES, HnswVectorStore } from '../../../src/adapters/node/hnsw-vector-store.js';
import type { HelpdeskService } from '../../../src/answer/helpdesk-service.js';
import { DEFAULT_SITE, withContact } from '../../../src/answer/site.js';
import { createHelpdesk } from '../../../src/core/create-helpdesk.js';
import type { Logger } from '../../../src/logger.js';
import type { Embedder } from '../../../src/index/embedder.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { allRows, MemoryRows } from '../../../src/index/vector-rows.js';
import type { RetrievalStages } from '../../../src/retrieval/retriever.js';
import { RecordingLogger } from '../../support/recording-logger.js';

/** Every fs.watch watcher created, so a test can make one fail. */
const watchers = vi.hoisted(() => [] as import('node:fs').FSWatcher[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const watch = ((...args: Parameters<typeof fs.watch>) => {
    const watcher = fs.watch(...args);
    watchers.push(watcher);
    return watcher;
  }) as typeof fs.watch;
  return { ...fs, default: { ...fs, watch }, watch };
});

const FIXTURE = resolve('test/fixtures/helpdesk-corpus');
const VECTOR_ONLY: RetrievalStages = { lexical: false, vector: true, rerank: false, expand: false };

const temps: string[] = [];
afterEach(() => {
  vi.restoreAllMocks();
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  temps.push(dir);
  return dir;
}

/** A copy of the fixture corpus (3 documents) and an empty data directory. */
function setup(): { corpus: string; indexDir: string } {
  const corpus = tempDir('opi-im-corpus-');
  cpSync(FIXTURE, corpus, { recursive: true });
  return { corpus, indexDir: join(tempDir('opi-im-data-'), 'index') };
}

/** The local embedder, recording every document text it embeds; `holdQueries` parks `embedQuery` until released. */
class RecordingEmbedder {
  texts: string[] = [];
  private held: (() => void)[] = [];
  holdQueries = false;
  holdDocuments = false;
  /** Called each time a call is parked. */
  onHeld: (() => void) | undefined;

  factory = (analyzer: Parameters<IndexManagerOptions['embedder']>[0]): Embedder => {
    const inner = createLocalEmbedder(analyzer);
    return {
      id: inner.id,
      dimensions: inner.dimensions,
      maxBatch: inner.maxBatch,
      embedDocuments: async (texts) => {
        this.texts.push(...texts);
        if (this.holdDocuments) await this.park();
        return inner.embedDocuments(texts);
      },
      embedQuery: async (text) => {
        if (this.holdQueries) await this.park();
        return inner.embedQuery(text);
      },
    };
  };

  /** A promise that resolves when the next call is parked. */
  nextHeld(): Promise<void> {
    return new Promise<void>((ok) => {
      this.onHeld = ok;
    });
  }

  private park(): Promise<void> {
    return new Promise<void>((go) => {
      this.held.push(go);
      this.onHeld?.();
    });
  }

  release(): void {
    this.holdQueries = false;
    this.holdDocuments = false;
    for (const go of this.held.splice(0)) go();
  }

  take(): string[] {
    return this.texts.splice(0);
  }
}

function makeManager(
  corpus: string,
  indexDir: string | undefined,
  extra: { embedder?: RecordingEmbedder; logger?: Logger; stages?: RetrievalStages; parallelFrom?: number } = {},
) {
  const embedder = extra.embedder ?? new RecordingEmbedder();
  const logger = extra.logger ?? new RecordingLogger();
  const manager = new IndexManager({
    corpusDir: corpus,
    ...(indexDir ? { indexDir } : {}),
    logger,
    baseUrl: '',
    embedder: embedder.factory,
    ...(extra.stages ? { stages: extra.stages } : {}),
    ...(extra.parallelFrom === undefined ? {} : { parallelFrom: extra.parallelFrom }),
  });
  return { manager, embedder, logger };
}

/** The help desk over a manager, assembled by the core's `createHelpdesk` (extractive composer). */
function helpdeskOver(manager: IndexManager): Promise<HelpdeskService> {
  const site = withContact(DEFAULT_SITE, 'Kontakt sekretariatet.');
  return createHelpdesk(
    { snapshot: () => manager.current(), analyzer: () => manager.queryAnalyzer, site: () => site },
    { baseUrl: '' },
  );
}

/** Adds `robotstoevsugere` and removes `forskelle` in the corpus, and re-indexes live. */
async function addOneRemoveOne(manager: IndexManager, corpus: string): Promise<void> {
  writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
  unlinkSync(join(corpus, 'guide', 'forskelle.md'));
  const report = await manager.reindex();
  expect(report.added).toEqual(['robotstoevsugere']);
  expect(report.removed).toEqual(['forskelle']);
}

/** The edit of `addOneRemoveOne` is searched: the added document first, the removed one nowhere. */
async function expectFindsTheEdit(manager: IndexManager): Promise<void> {
  const hits = await (await helpdeskOver(manager)).search('robotstøvsugere plejecentre rengøringstiden', 10);
  expect(hits[0]?.docId).toBe('robotstoevsugere');
  expect(hits.map((h) => h.docId)).not.toContain('forskelle');
}

function chunksOf(manager: IndexManager, docId: string): number {
  return manager.current()?.documents.get(docId)?.chunks?.length ?? 0;
}

function edit(corpus: string, path: string, change: (text: string) => string): void {
  const file = join(corpus, path);
  writeFileSync(file, change(readFileSync(file, 'utf8')));
}

const NEW_DOC = `---
title: "Test af robotstøvsugere i Fredensborg"
kind: case
summary: "Fredensborg Kommune afprøvede robotstøvsugere på plejecentre."
tags: [case, robotter]
source:
  organisation: "Testkilde"
  title: "Testcase om robotstøvsugere"
updated: "2026-11-02"
---

## Forløb

Fredensborg Kommune afprøvede i 2021 robotstøvsugere fra firmaet Støvfri på fire plejecentre. Rengøringstiden faldt med 17 minutter pr. bolig.
`;

describe('IndexManager', () => {
  it('builds everything on the first open and saves the index files', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    const report = await manager.open();
    expect(report.fullRebuild).toBe(true);
    expect(report.loadedFromDisk).toBe(false);
    expect(report.documents).toBe(3);
    expect([...report.added].sort()).toEqual(['cykelhjelm', 'forskelle', 'samarbejdsformer']);
    expect(report.chunks).toBeGreaterThanOrEqual(6);
    expect(report.embedded).toBe(report.chunks);
    expect(embedder.take()).toHaveLength(report.chunks);
    expect(report.issues).toEqual([]);
    for (const file of [INDEX_FILE, HNSW_FILES.graph, HNSW_FILES.labels]) {
      expect(existsSync(join(indexDir, file)), file).toBe(true);
    }
    expect(manager.current()?.stats).toMatchObject({ documents: 3, chunks: report.chunks });
  });

  it('loads a second manager from disk without embedding anything', async () => {
    const { corpus, indexDir } = setup();
    const first = makeManager(corpus, indexDir).manager;
    const built = await first.open();
    const { manager, embedder } = makeManager(corpus, indexDir);
    const report = await manager.open();
    expect(report.loadedFromDisk).toBe(true);
    expect(report.fullRebuild).toBe(false);
    expect(report.embedded).toBe(0);
    expect(embedder.take()).toEqual([]);
    expect(report.added).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.chunks).toBe(built.chunks);
    expect(manager.current()?.stats).toEqual(first.current()?.stats);
    const hits = await (await helpdeskOver(manager)).search('cykelhjelm skolebørn', 3);
    expect(hits[0]?.docId).toBe('cykelhjelm');
  });

  it('sweeps temp files a killed writer left in the index directory when it loads, and keeps the rest', async () => {
    const { corpus, indexDir } = setup();
    await makeManager(corpus, indexDir).manager.open();
    const leftovers = [`${INDEX_FILE}.0a1b2c3d4e5f.tmp`, `${HNSW_FILES.graph}.ffffffffffff.tmp`];
    for (const name of leftovers) writeFileSync(join(indexDir, name), 'half written');
    writeFileSync(join(indexDir, 'notes.tmp'), 'not ours'); // not the atomic writer's pattern
    const before = readdirSync(indexDir).filter((n) => !leftovers.includes(n));
    const logger = new RecordingLogger();
    const { manager } = makeManager(corpus, indexDir, { logger });
    const report = await manager.open();
    expect(report.loadedFromDisk).toBe(true);
    expect(readdirSync(indexDir).sort()).toEqual(before.sort());
    expect(logger.lines.find((l) => l.data?.files)?.data?.files).toEqual(expect.arrayContaining(leftovers));
  });

  it('re-embeds only the chunks of an edited document', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    await manager.open();
    embedder.take();
    edit(corpus, 'case/cykelhjelm.md', (t) => t.replace('240 elever', '310 elever'));
    const report = await manager.reindex();
    expect(report.changed).toEqual(['cykelhjelm']);
    expect(report.added).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.fullRebuild).toBe(false);
    expect(report.embedded).toBe(chunksOf(manager, 'cykelhjelm'));
    const texts = embedder.take();
    expect(texts).toHaveLength(report.embedded);
    for (const text of texts) expect(text).toContain('Cykelhjelme til skolebørn i Sorø');
    const answer = await (await helpdeskOver(manager)).ask({ question: 'Hvor mange elever testede cykelhjelmen?' });
    expect(answer.answered).toBe(true);
    expect(answer.answer).toContain('310 elever');
    expect(answer.answer).not.toContain('240');

    // the saved index holds the edit: a fresh manager loads it without embedding
    const again = makeManager(corpus, indexDir);
    const loaded = await again.manager.open();
    expect(loaded.loadedFromDisk).toBe(true);
    expect(loaded.embedded).toBe(0);
    expect(
      again.manager
        .current()
        ?.documents.get('cykelhjelm')
        ?.chunks?.map((c) => c.text)
        .join(' '),
    ).toContain('310 elever');
  });

  it('adds a new document and embeds only its chunks', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    const first = await manager.open();
    embedder.take();
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    const report = await manager.reindex();
    expect(report.added).toEqual(['robotstoevsugere']);
    expect(report.changed).toEqual([]);
    expect(report.documents).toBe(4);
    expect(report.embedded).toBe(chunksOf(manager, 'robotstoevsugere'));
    expect(report.chunks).toBe(first.chunks + report.embedded);
    expect(embedder.take()).toHaveLength(report.embedded);
    const answer = await (await helpdeskOver(manager)).ask({
      question: 'Hvor meget faldt rengøringstiden med robotstøvsugerne?',
    });
    expect(answer.answer).toContain('17 minutter');
    expect(answer.citations.map((c) => c.docId)).toContain('robotstoevsugere');
  });

  it('removes a deleted document from search, answers and the document list', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    await manager.open();
    const helpdesk = await helpdeskOver(manager);
    const question = 'Hvorfor beslutter offentlige organisationer langsomt?';
    expect((await helpdesk.ask({ question })).citations.map((c) => c.docId)).toContain('forskelle');
    embedder.take();

    unlinkSync(join(corpus, 'guide', 'forskelle.md'));
    const report = await manager.reindex();
    expect(report.removed).toEqual(['forskelle']);
    expect(report.embedded).toBe(0);
    expect(embedder.take()).toEqual([]);
    expect(report.documents).toBe(2);

    const hits = await helpdesk.search('beslutningshastighed offentlige organisationer beslutter langsomt', 10);
    expect(hits.length).toBeGreaterThan(0);
    expect(hits.map((h) => h.docId)).not.toContain('forskelle');
    expect((await helpdesk.ask({ question })).citations.map((c) => c.docId)).not.toContain('forskelle');
    expect(helpdesk.documents().map((d) => d.docId)).not.toContain('forskelle');
    expect(await helpdesk.document('forskelle')).toBeUndefined();
    expect(helpdesk.stats().documents).toBe(2);
  });

  it('keeps serving the last good version of a document that becomes malformed', async () => {
    const { corpus, indexDir } = setup();
    const { manager } = makeManager(corpus, indexDir);
    await manager.open();
    const helpdesk = await helpdeskOver(manager);
    const question = 'Hvor mange elever testede cykelhjelmen?';

    edit(corpus, 'case/cykelhjelm.md', (t) =>
      t.replace('kind: case', 'kind: projekt').replace('240 elever', '999 elever'),
    );
    const report = await manager.reindex();
    const issue = report.issues.find((i) => i.path === 'case/cykelhjelm.md');
    expect(issue).toMatchObject({ path: 'case/cykelhjelm.md', field: 'kind', severity: 'error' });
    expect(issue?.message).toMatch(/kind/);
    expect(report.removed).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.documents).toBe(3);
    expect((await helpdesk.document('cykelhjelm'))?.title).toBe('Cykelhjelme til skolebørn i Sorø');
    const answer = await helpdesk.ask({ question });
    expect(answer.answer).toContain('240 elever');
    expect(answer.answer).not.toContain('999');

    // a restart while the file is still broken keeps the saved good version too
    const restarted = makeManager(corpus, indexDir);
    const reopened = await restarted.manager.open();
    expect(reopened.issues.some((i) => i.path === 'case/cykelhjelm.md' && i.field === 'kind')).toBe(true);
    expect(reopened.documents).toBe(3);
    expect(restarted.manager.current()?.documents.has('cykelhjelm')).toBe(true);

    // fixing the file brings the new text in
    edit(corpus, 'case/cykelhjelm.md', (t) => t.replace('kind: projekt', 'kind: case'));
    const fixed = await manager.reindex();
    expect(fixed.issues).toEqual([]);
    expect(fixed.changed).toEqual(['cykelhjelm']);
    expect((await helpdesk.ask({ question })).answer).toContain('999 elever');
  });

  it('leaves out a document that is malformed from the start and reports it', async () => {
    const { corpus, indexDir } = setup();
    edit(corpus, 'guide/forskelle.md', (t) => t.replace(/^title: .*$/m, ''));
    const { manager } = makeManager(corpus, indexDir);
    const report = await manager.open();
    expect(report.documents).toBe(2);
    expect(report.issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'guide/forskelle.md', field: 'title', severity: 'error' }),
      ]),
    );
    expect(manager.current()?.documents.has('forskelle')).toBe(false);
  });

  it.each([
    ['truncated', (file: string) => truncateSync(file, Math.floor(statSync(file).size / 2))],
    ['empty', (file: string) => truncateSync(file, 0)],
    ['garbage', (file: string) => writeFileSync(file, 'dette er ikke et indeks\n'.repeat(50))],
  ])('refuses a %s index file with a warning and rebuilds it', async (_name, damage) => {
    const { corpus, indexDir } = setup();
    const built = await makeManager(corpus, indexDir).manager.open();
    damage(join(indexDir, INDEX_FILE));

    const logger = new RecordingLogger();
    const { manager, embedder } = makeManager(corpus, indexDir, { logger });
    const report = await manager.open();
    expect(report.loadedFromDisk).toBe(false);
    expect(report.fullRebuild).toBe(true);
    expect(report.embedded).toBe(built.chunks);
    expect(embedder.take()).toHaveLength(built.chunks);
    expect(logger.lines.some((l) => l.level === 'warn' && l.data?.event === 'index.unusable')).toBe(true);
    const hits = await (await helpdeskOver(manager)).search('cykelhjelm skolebørn', 3);
    expect(hits[0]?.docId).toBe('cykelhjelm');

    // the rebuilt file is good again
    const next = await makeManager(corpus, indexDir).manager.open();
    expect(next.loadedFromDisk).toBe(true);
    expect(next.embedded).toBe(0);
  });

  it('refuses an index built with another embedder and rebuilds', async () => {
    const { corpus, indexDir } = setup();
    await makeManager(corpus, indexDir).manager.open();
    const logger = new RecordingLogger();
    const other = new IndexManager({
      corpusDir: corpus,
      indexDir,
      logger,
      baseUrl: '',
      embedder: (analyzer) => createLocalEmbedder(analyzer, { dimensions: 256 }),
    });
    const report = await other.open();
    expect(report.loadedFromDisk).toBe(false);
    expect(report.fullRebuild).toBe(true);
    expect(logger.lines.some((l) => l.level === 'warn' && l.data?.event === 'index.incompatible')).toBe(true);
    expect(other.current()?.stats.documents).toBe(3);
  });

  it.each([
    ['both vector files', [HNSW_FILES.graph, HNSW_FILES.labels]],
    ['only vectors.json', [HNSW_FILES.labels]],
  ])('refills the vectors when %s belong to another index', async (_name, files) => {
    // corpus A has all three documents; corpus B lacks `forskelle`
    const a = setup();
    const b = setup();
    unlinkSync(join(b.corpus, 'guide', 'forskelle.md'));
    await makeManager(a.corpus, a.indexDir).manager.open();
    await makeManager(b.corpus, b.indexDir).manager.open();
    for (const file of files) cpSync(join(b.indexDir, file), join(a.indexDir, file));

    const logger = new RecordingLogger();
    const { manager, embedder } = makeManager(a.corpus, a.indexDir, { stages: VECTOR_ONLY, logger });
    const report = await manager.open();
    expect(report.loadedFromDisk).toBe(true);
    expect(report.embedded).toBe(0);
    expect(embedder.take()).toEqual([]);
    expect(logger.lines.some((l) => l.level === 'warn' && l.data?.event === 'index.vectors_rebuilt')).toBe(true);
    // the refilled graph, once saved, is searched in its compact form like any saved one
    expect((manager.searchIndex()!.vectorStore as HnswVectorStore).searchesCompact).toBe(true);
    // vector search alone finds every chunk of A, including those B never had
    const helpdesk = await helpdeskOver(manager);
    for (const { chunks } of manager.current()!.documents.values()) {
      for (const chunk of chunks ?? []) {
        const hits = await helpdesk.search(`${chunk.title}\n${chunk.section}\n${chunk.text}`, 3);
        expect(hits[0]?.chunkId, chunk.id).toBe(chunk.id);
      }
    }

    // and the next incremental re-index still works
    edit(a.corpus, 'guide/forskelle.md', (t) => t.replace('kort', 'meget kort'));
    const changed = await manager.reindex();
    expect(changed.changed).toEqual(['forskelle']);
    const hits = await helpdesk.search(
      'Private virksomheder beslutter hurtigt, fordi beslutningsvejen er meget kort.',
      3,
    );
    expect(hits[0]?.docId).toBe('forskelle');

    // the replaced vector files are used as they are on the next start
    const upsert = vi.spyOn(HnswVectorStore.prototype, 'upsert');
    const next = makeManager(a.corpus, a.indexDir, { stages: VECTOR_ONLY });
    expect((await next.manager.open()).loadedFromDisk).toBe(true);
    expect(upsert).not.toHaveBeenCalled();
    expect((await (await helpdeskOver(next.manager)).search('beslutningsvejen er meget kort', 3))[0]?.docId).toBe(
      'forskelle',
    );
  });

  it('syncs the saved vectors incrementally after loading from disk', async () => {
    const { corpus, indexDir } = setup();
    await makeManager(corpus, indexDir).manager.open();
    const { manager } = makeManager(corpus, indexDir, { stages: VECTOR_ONLY });
    await manager.open();
    await addOneRemoveOne(manager, corpus);
    const helpdesk = await helpdeskOver(manager);
    const hits = await helpdesk.search('robotstøvsugere plejecentre rengøringstiden', 10);
    expect(hits[0]?.docId).toBe('robotstoevsugere');
    const all = await helpdesk.search('beslutter langsomt beslutningsvejen', 10);
    expect(all.map((h) => h.docId)).not.toContain('forskelle');

    // a fresh manager loads the synced vectors and finds the same
    const fresh = makeManager(corpus, indexDir, { stages: VECTOR_ONLY });
    expect((await fresh.manager.open()).loadedFromDisk).toBe(true);
    await expectFindsTheEdit(fresh.manager);
  });

  it('passes the graph built on its own thread through the index folder, not the system temp folder', async () => {
    const { corpus, indexDir } = setup();
    mkdirSync(indexDir, { recursive: true });
    const seen = new Set<string>();
    const watcher = watch(indexDir, (_event, name) => {
      if (name) seen.add(name);
    });
    try {
      const logger = new RecordingLogger();
      const { manager } = makeManager(corpus, indexDir, { logger, parallelFrom: 1 });
      await manager.open();
      expect(logger.lines.filter((line) => line.data?.event === 'index.vector_stream_failed')).toEqual([]);
    } finally {
      watcher.close();
    }
    expect([...seen].filter((name) => name.startsWith('vectors-built.'))).toEqual([
      expect.stringMatching(/^vectors-built\.hnsw\.[0-9a-f]{12}\.tmp$/),
    ]);
    // and gone again
    expect(readdirSync(indexDir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 60_000);

  it('edits live and restarts over a graph built on its own thread (a parallel full build)', async () => {
    const { corpus, indexDir } = setup();
    const { manager } = makeManager(corpus, indexDir, { stages: VECTOR_ONLY, parallelFrom: 1 });
    await manager.open();
    await addOneRemoveOne(manager, corpus);
    await expectFindsTheEdit(manager);
    // a restart loads the saved graph and finds the same
    const fresh = makeManager(corpus, indexDir, { stages: VECTOR_ONLY, parallelFrom: 1 });
    expect((await fresh.manager.open()).loadedFromDisk).toBe(true);
    await expectFindsTheEdit(fresh.manager);
  }, 60_000);

  it('updates the saved vectors in place instead of refilling them after a load from disk', async () => {
    const { corpus, indexDir } = setup();
    const built = await makeManager(corpus, indexDir).manager.open();
    const { manager } = makeManager(corpus, indexDir);
    await manager.open();
    const upserted: string[] = [];
    const upsert = HnswVectorStore.prototype.upsert;
    vi.spyOn(HnswVectorStore.prototype, 'upsert').mockImplementation(async function (this: HnswVectorStore, records) {
      upserted.push(...records.map((r) => r.id));
      return upsert.call(this, records);
    });
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    const report = await manager.reindex();
    expect(report.added).toEqual(['robotstoevsugere']);
    expect(upserted.sort()).toEqual(report.chunkIdsAdded.sort());
    expect(upserted.length).toBeLessThan(built.chunks);
  });

  it('keeps the vectors of a saved or loaded index in index.bin, and an incremental build after a load reads them right', async () => {
    const { corpus, indexDir } = setup();
    const saver = makeManager(corpus, indexDir).manager;
    await saver.open();
    expect(saver.searchIndex()?.state.vectors).toBeInstanceOf(FileVectorRows);

    const { manager } = makeManager(corpus, indexDir);
    expect((await manager.open()).loadedFromDisk).toBe(true);
    expect(manager.searchIndex()?.state.vectors).toBeInstanceOf(FileVectorRows);
    edit(corpus, 'guide/forskelle.md', (text) => `${text}\nEn ny sætning om beslutningsveje i kommunerne.\n`);
    const report = await manager.reindex();
    expect(report.changed).toEqual(['forskelle']);
    expect(report.unchanged).toBe(2);
    const state = manager.searchIndex()!.state;
    expect(state.vectors).toBeInstanceOf(FileVectorRows);

    // the same corpus built from scratch in memory has the same chunks and, bit for bit, the same vectors
    const fresh = makeManager(corpus, undefined).manager;
    await fresh.open();
    const expected = fresh.searchIndex()!.state;
    expect(expected.vectors).toBeInstanceOf(MemoryRows);
    expect([...state.chunks]).toEqual([...expected.chunks]);
    expect(allRows(state.vectors)).toEqual(allRows(expected.vectors));
  });

  it('builds everything again when the live index.bin was replaced behind it, instead of failing every run', async () => {
    const { corpus, indexDir } = setup();
    const logger = new RecordingLogger();
    const { manager } = makeManager(corpus, indexDir, { logger });
    await manager.open();
    // another writer (here a second manager over a larger copy of the corpus) replaces index.bin
    const other = setup();
    writeFileSync(join(other.corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    await makeManager(other.corpus, indexDir).manager.open();

    edit(corpus, 'guide/forskelle.md', (text) => `${text}\nEn ny sætning om beslutningsveje i kommunerne.\n`);
    const report = await manager.reindex();
    expect(report.fullRebuild).toBe(true);
    expect(logger.lines.some((l) => l.level === 'warn' && l.data?.event === 'index.vectors_unreadable')).toBe(true);
    const fresh = makeManager(corpus, undefined).manager;
    await fresh.open();
    expect(allRows(manager.searchIndex()!.state.vectors)).toEqual(allRows(fresh.searchIndex()!.state.vectors));
    expect(manager.searchIndex()?.document('robotstoevsugere')).toBeUndefined();
  });

  it('keeps serving its chunks when the chunk section of index.bin is damaged; a new start names it and rebuilds', async () => {
    const { corpus, indexDir } = setup();
    const { manager } = makeManager(corpus, indexDir);
    await manager.open();
    const helpdesk = await helpdeskOver(manager);
    const before = await helpdesk.search('cykelhjelm skolebørn', 3);
    const document = await helpdesk.document('cykelhjelm');
    // flip one byte inside the chunk table (section kind 6): its checksum no longer holds
    const path = join(indexDir, INDEX_FILE);
    const bytes = readFileSync(path);
    let at = 8;
    while (bytes.readUInt32LE(at) !== 6) at += 12 + ((bytes.readUInt32LE(at + 4) + 3) & ~3);
    bytes[at + 12 + 100]! ^= 0x20;
    writeFileSync(path, bytes);

    // the running manager holds its chunk table in memory: searches and documents are as before
    expect(await helpdesk.search('cykelhjelm skolebørn', 3)).toEqual(before);
    expect(await helpdesk.document('cykelhjelm')).toEqual(document);

    const logger = new RecordingLogger();
    const next = makeManager(corpus, indexDir, { logger });
    const report = await next.manager.open();
    expect(report.loadedFromDisk).toBe(false);
    expect(report.fullRebuild).toBe(true);
    const warning = logger.lines.find((l) => l.data?.event === 'index.unusable');
    expect(String(warning?.data?.error)).toMatch(
      /index\.bin kan ikke bruges: Indeksfilen er beskadiget eller afkortet \(kontrolsummen passer ikke \(tekststykkerne\)\)/,
    );
    expect(await (await helpdeskOver(next.manager)).search('cykelhjelm skolebørn', 3)).toEqual(before);
  });

  it('searches the compact graph after a save and after a load, and after an incremental re-index', async () => {
    const { corpus, indexDir } = setup();
    const { manager } = makeManager(corpus, indexDir);
    await manager.open();
    const compact = () => (manager.searchIndex()!.vectorStore as HnswVectorStore).searchesCompact;
    expect(compact()).toBe(true);
    const loaded = makeManager(corpus, indexDir).manager;
    expect((await loaded.open()).loadedFromDisk).toBe(true);
    expect((loaded.searchIndex()!.vectorStore as HnswVectorStore).searchesCompact).toBe(true);
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    expect((await manager.reindex()).added).toEqual(['robotstoevsugere']);
    expect(compact()).toBe(true);
  });

  it('keeps serving when vectors.hnsw is damaged behind the live index, and the next re-index builds the graph anew', async () => {
    const { corpus, indexDir } = setup();
    const { manager } = makeManager(corpus, indexDir, { stages: VECTOR_ONLY });
    await manager.open();
    const helpdesk = await helpdeskOver(manager);
    const before = await helpdesk.search('cykelhjelm skole', 8);
    expect(before.length).toBeGreaterThan(0);
    truncateSync(join(indexDir, HNSW_FILES.graph), 100);
    expect(await helpdesk.search('cykelhjelm skole', 8)).toEqual(before);

    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    const report = await manager.reindex();
    expect(report.added).toEqual(['robotstoevsugere']);
    const after = await (await helpdeskOver(manager)).search('robotstøvsugere plejecentre rengøringstiden', 8);
    expect(after[0]?.docId).toBe('robotstoevsugere');
    // the graph was written again whole: a fresh manager loads it
    const fresh = makeManager(corpus, indexDir, { stages: VECTOR_ONLY });
    expect((await fresh.manager.open()).loadedFromDisk).toBe(true);
    expect((fresh.manager.searchIndex()!.vectorStore as HnswVectorStore).searchesCompact).toBe(true);
  });

  it('answers searches from a loaded index exactly as from the index it was built as', async () => {
    const { corpus, indexDir } = setup();
    const built = makeManager(corpus, indexDir).manager;
    await built.open();
    const loaded = makeManager(corpus, indexDir).manager;
    expect((await loaded.open()).loadedFromDisk).toBe(true);
    const a = await helpdeskOver(built);
    const b = await helpdeskOver(loaded);
    for (const q of ['cykelhjelm skole', 'hvordan beslutter kommuner', 'samarbejdsformer offentlig privat']) {
      expect(await b.search(q, 8)).toEqual(await a.search(q, 8));
    }
  });

  it('coalesces concurrent reindex calls into one run', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    await manager.open();
    embedder.take();
    edit(corpus, 'case/cykelhjelm.md', (t) => t.replace('240 elever', '250 elever'));
    const calls = [manager.reindex(), manager.reindex(), manager.reindex()];
    expect(calls[1]).toBe(calls[0]);
    expect(calls[2]).toBe(calls[0]);
    const reports = await Promise.all(calls);
    expect(reports[0]?.changed).toEqual(['cykelhjelm']);
    expect(embedder.take()).toHaveLength(chunksOf(manager, 'cykelhjelm'));
    // once a run is over, the next call starts a new one that sees nothing new
    const later = await manager.reindex();
    expect(later.changed).toEqual([]);
    expect(later.embedded).toBe(0);
  });

  it('runs a change made during a re-index in the next run', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    await manager.open();
    edit(corpus, 'case/cykelhjelm.md', (t) => t.replace('240 elever', '250 elever'));
    embedder.holdDocuments = true;
    const parked = embedder.nextHeld();
    const first = manager.reindex();
    await parked; // the first run has read the corpus and is embedding
    edit(corpus, 'guide/forskelle.md', (t) => t.replace('kort', 'meget kort'));
    const second = manager.reindex();
    const third = manager.reindex();
    expect(second).not.toBe(first);
    expect(third).toBe(second);
    embedder.release();
    const [a, b] = await Promise.all([first, second]);
    expect(a.changed).toEqual(['cykelhjelm']);
    expect(b.changed).toEqual(['forskelle']);
  });

  it('idle() waits for a running re-index to finish', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    await manager.open();
    await manager.idle(); // nothing running
    edit(corpus, 'case/cykelhjelm.md', (t) => t.replace('240 elever', '250 elever'));
    embedder.holdDocuments = true;
    const parked = embedder.nextHeld();
    const run = manager.reindex();
    await parked;
    let idle = false;
    const waiting = manager.idle().then(() => {
      idle = true;
    });
    await new Promise((r) => setTimeout(r, 50));
    expect(idle).toBe(false);
    embedder.release();
    await waiting;
    expect(idle).toBe(true);
    // the run is complete, its index saved
    expect((await run).changed).toEqual(['cykelhjelm']);
    const fresh = await makeManager(corpus, indexDir).manager.open();
    expect(fresh.loadedFromDisk).toBe(true);
    expect(fresh.embedded).toBe(0);
  });

  it('lets a query that started before a swap finish on the old snapshot', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir);
    await manager.open();
    const helpdesk = await helpdeskOver(manager);
    const question = 'Hvorfor beslutter offentlige organisationer langsomt?';
    const before = manager.current();

    embedder.holdQueries = true;
    const parked = embedder.nextHeld();
    const inFlight = helpdesk.ask({ question });
    await parked; // the question is inside retrieval on the old snapshot

    unlinkSync(join(corpus, 'guide', 'forskelle.md'));
    const report = await manager.reindex();
    expect(report.removed).toEqual(['forskelle']);
    expect(manager.current()).not.toBe(before);
    expect(manager.current()?.documents.has('forskelle')).toBe(false);
    expect(before?.documents.has('forskelle')).toBe(true);

    embedder.release();
    const old = await inFlight;
    expect(old.answered).toBe(true);
    expect(old.citations.length).toBeGreaterThan(0);
    expect(old.citations.every((c) => before?.documents.has(c.docId))).toBe(true);
    expect(old.citations.map((c) => c.docId)).toContain('forskelle');

    const now = await helpdesk.ask({ question });
    expect(now.citations.map((c) => c.docId)).not.toContain('forskelle');
  });

  it('never changes the vectors under a search that started before a swap', async () => {
    const { corpus, indexDir } = setup();
    const { manager, embedder } = makeManager(corpus, indexDir, { stages: VECTOR_ONLY });
    await manager.open();
    const helpdesk = await helpdeskOver(manager);
    const query = 'Private virksomheder beslutter hurtigt, fordi beslutningsvejen er kort.';
    expect((await helpdesk.search(query, 3))[0]?.docId).toBe('forskelle');

    embedder.holdQueries = true;
    const parked = embedder.nextHeld();
    const inFlight = helpdesk.search(query, 3);
    await parked;
    unlinkSync(join(corpus, 'guide', 'forskelle.md'));
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    const report = await manager.reindex();
    expect(report.removed).toEqual(['forskelle']);
    embedder.release();

    // the old snapshot still holds its own vectors: the deleted document is found, the new one is not
    const old = await inFlight;
    expect(old[0]?.docId).toBe('forskelle');
    expect(old.map((h) => h.docId)).not.toContain('robotstoevsugere');
    const now = await helpdesk.search(query, 3);
    expect(now.map((h) => h.docId)).not.toContain('forskelle');
  });

  it('keeps the index in memory when no index directory is given', async () => {
    const { corpus } = setup();
    const { manager } = makeManager(corpus, undefined);
    const first = await manager.open();
    expect(first.fullRebuild).toBe(true);
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
    const report = await manager.reindex();
    expect(report.added).toEqual(['robotstoevsugere']);
    expect((await (await helpdeskOver(manager)).search('robotstøvsugere plejecentre', 3))[0]?.docId).toBe(
      'robotstoevsugere',
    );
  });

  it('re-indexes when a file under the corpus changes while watching', async () => {
    const { corpus, indexDir } = setup();
    const logger = new RecordingLogger();
    const { manager } = makeManager(corpus, indexDir, { logger });
    await manager.open();
    const stop = manager.watch(50);
    try {
      writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);
      await expect
        .poll(() => manager.current()?.documents.has('robotstoevsugere'), { timeout: 15_000, interval: 50 })
        .toBe(true);
      rmSync(join(corpus, 'guide'), { recursive: true });
      await expect
        .poll(() => manager.current()?.documents.has('forskelle'), { timeout: 15_000, interval: 50 })
        .toBe(false);
      expect(manager.current()?.documents.has('samarbejdsformer')).toBe(false);
      expect(logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    } finally {
      stop();
    }
  });

  it('logs a failing watcher instead of crashing, and keeps serving', async () => {
    const { corpus, indexDir } = setup();
    const logger = new RecordingLogger();
    const { manager } = makeManager(corpus, indexDir, { logger });
    await manager.open();
    const before = watchers.length;
    const stop = manager.watch(50);
    try {
      expect(watchers.length).toBe(before + 1);
      watchers.at(-1)!.emit('error', new Error('EMFILE: too many open files, watch'));
      expect(logger.lines.some((l) => l.level === 'warn' && l.data?.event === 'corpus.watch_stopped')).toBe(true);
      expect(manager.current()?.stats.documents).toBe(3);
    } finally {
      stop();
    }
  });
});

/** Set the mtime of every corpus file `secondsAgo` back (files older than the racy window). */
function ageCorpus(corpus: string, secondsAgo: number): void {
  const when = Date.now() / 1000 - secondsAgo;
  for (const folder of readdirSync(corpus, { withFileTypes: true })) {
    if (!folder.isDirectory()) continue;
    for (const name of readdirSync(join(corpus, folder.name))) {
      if (name.endsWith('.md')) utimesSync(join(corpus, folder.name, name), when, when);
    }
  }
}

describe('IndexManager: reading only what changed', () => {
  it('reads only files whose size or mtime changed, and after a restart none', async () => {
    const { corpus, indexDir } = setup();
    ageCorpus(corpus, 3600);
    const { manager } = makeManager(corpus, indexDir);
    const first = await manager.open();
    expect(first.filesRead).toBe(3);

    const again = await manager.reindex();
    expect(again.filesRead).toBe(0);
    expect([again.added, again.changed, again.removed]).toEqual([[], [], []]);

    const path = join(corpus, 'guide', 'forskelle.md');
    writeFileSync(path, `${readFileSync(path, 'utf8')}\nEn ny sætning om beslutningsveje.\n`);
    ageCorpus(corpus, 1800);
    const edited = await manager.reindex();
    expect(edited.filesRead).toBe(3); // every mtime moved; only one text differs
    expect(edited.changed).toEqual(['forskelle']);
    expect(edited.liveMs).toBeLessThanOrEqual(edited.totalMs);

    const restarted = makeManager(corpus, indexDir);
    const reopened = await restarted.manager.open();
    expect(reopened.loadedFromDisk).toBe(true);
    expect(reopened.filesRead).toBe(0);
    expect([reopened.added, reopened.changed, reopened.removed]).toEqual([[], [], []]);
    expect(restarted.embedder.texts).toEqual([]);
    const hits = await (await helpdeskOver(restarted.manager)).search('beslutningsveje', 3);
    expect(hits.map((h) => h.docId)).toContain('forskelle');
  });

  it('reads a file again that was edited within the racy window even if size and mtime are unchanged', async () => {
    const { corpus, indexDir } = setup();
    const path = join(corpus, 'guide', 'forskelle.md');
    const { manager } = makeManager(corpus, indexDir);
    await manager.open();
    const before = statSync(path);
    const text = readFileSync(path, 'utf8');
    const swapped = text.replace('kort', 'lang'.slice(0, 4)).replace('hurtigt', 'hurtigT');
    expect(Buffer.byteLength(swapped)).toBe(before.size);
    writeFileSync(path, swapped);
    utimesSync(path, before.atime, before.mtime);
    const report = await manager.reindex();
    expect(report.changed).toEqual(['forskelle']);
  });

  it('keeps serving a document file that is broken and unchanged since the last run', async () => {
    const { corpus, indexDir } = setup();
    ageCorpus(corpus, 3600);
    const { manager } = makeManager(corpus, indexDir);
    await manager.open();
    const path = join(corpus, 'guide', 'forskelle.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace(/^---\n/, ''));
    ageCorpus(corpus, 1800);
    const broken = await manager.reindex();
    expect(broken.issues.map((i) => i.path)).toEqual(['guide/forskelle.md']);
    const unchanged = await manager.reindex();
    expect(unchanged.filesRead).toBe(0);
    expect(unchanged.issues.map((i) => i.path)).toEqual(['guide/forskelle.md']);
    expect(manager.searchIndex()?.document('forskelle')).toBeDefined();
  });

  it('with catchUp: background, serves the loaded index at once and catches up with the corpus behind it', async () => {
    const { corpus, indexDir } = setup();
    await makeManager(corpus, indexDir).manager.open();
    writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_DOC);

    const { manager } = makeManager(corpus, indexDir);
    const report = await manager.open({ catchUp: 'background' });
    expect(report.loadedFromDisk).toBe(true);
    expect(report.added).toEqual([]);
    expect(manager.current()).toBeDefined();
    expect(manager.searchIndex()?.document('robotstoevsugere')).toBeUndefined();

    const caughtUp = await report.catchUp;
    expect(caughtUp?.added).toEqual(['robotstoevsugere']);
    expect(manager.searchIndex()?.document('robotstoevsugere')).toBeDefined();
  });

  it('waits for the first build even with catchUp: background when nothing is saved', async () => {
    const { corpus, indexDir } = setup();
    const { manager } = makeManager(corpus, indexDir);
    const report = await manager.open({ catchUp: 'background' });
    expect(report.loadedFromDisk).toBe(false);
    expect(report.catchUp).toBeUndefined();
    expect(report.documents).toBe(3);
  });

  it('chunks and embeds on worker threads from parallelFrom documents, giving the same index', async () => {
    const a = setup();
    const b = setup();
    const inline = makeManager(a.corpus, a.indexDir, { parallelFrom: Number.POSITIVE_INFINITY });
    const parallel = makeManager(b.corpus, b.indexDir, { parallelFrom: 1 });
    await inline.manager.open();
    await parallel.manager.open();
    expect(inline.embedder.texts.length).toBeGreaterThan(0);
    expect(parallel.embedder.texts).toEqual([]); // the main thread embedded nothing
    const x = inline.manager.searchIndex()!.state;
    const y = parallel.manager.searchIndex()!.state;
    expect([...y.chunks]).toEqual([...x.chunks]);
    expect(allRows(y.vectors)).toEqual(allRows(x.vectors));
    expect(y.lexical.serialize()).toEqual(x.lexical.serialize());
    // the parallel build filled its graph as the workers delivered: the same graph, byte for byte
    expect(readFileSync(join(b.indexDir, HNSW_FILES.graph))).toEqual(readFileSync(join(a.indexDir, HNSW_FILES.graph)));
    // the labels file names the artifact, whose checksum covers the build time
    const labels = (dir: string) => ({
      ...JSON.parse(readFileSync(join(dir, HNSW_FILES.labels), 'utf8')),
      artifact: undefined,
    });
    expect(labels(b.indexDir)).toEqual(labels(a.indexDir));
  }, 60_000);
});
