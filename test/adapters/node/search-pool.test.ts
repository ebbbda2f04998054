import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadDanishWordList } from '../../../src/adapters/node/danish-word-list.js';
import { IndexManager } from '../../../src/adapters/node/index-manager.js';
import type { HnswVectorStore } from '../../../src/adapters/node/hnsw-vector-store.js';
import { SearchPool } from '../../../src/adapters/node/search-pool.js';
import { SharedRetrievalIndex } from '../../../src/adapters/node/shared-retrieval-index.js';
import { type SharedWordListParts, shareWordList } from '../../../src/adapters/node/shared-word-list.js';
import { DEFAULT_SITE } from '../../../src/answer/site.js';
import { createHelpdesk } from '../../../src/core/create-helpdesk.js';
import { publicError } from '../../../src/http/errors.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { SearchIndex } from '../../../src/index/search-index.js';
import type { WordList } from '../../../src/text/word-list.js';
import { readEvalQuestions } from '../../../scripts/lib/eval-questions.js';
import { RecordingLogger } from '../../support/recording-logger.js';

const temps: string[] = [];
let corpusDir: string;
let indexDir: string;
let words: WordList;
let sharedWords: SharedWordListParts;
const pools: SearchPool[] = [];

/** A manager of the corpus copy over its own copy of the saved index (two managers never write one folder). */
function manager(pool?: SearchPool): IndexManager {
  const own = mkdtempSync(join(tmpdir(), 'opi-pool-index-'));
  temps.push(own);
  cpSync(indexDir, own, { recursive: true });
  return new IndexManager({
    corpusDir,
    indexDir: own,
    logger: new RecordingLogger(),
    baseUrl: '',
    embedder: (analyzer) => createLocalEmbedder(analyzer),
    words,
    ...(pool ? { pool } : {}),
  });
}

beforeAll(async () => {
  const tempDir = (prefix: string) => {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    temps.push(dir);
    return dir;
  };
  corpusDir = tempDir('opi-pool-corpus-');
  cpSync(resolve('corpus'), corpusDir, { recursive: true });
  indexDir = tempDir('opi-pool-index-');
  const spelling = loadDanishWordList();
  await spelling.ready;
  words = spelling.words;
  sharedWords = shareWordList(spelling.contents());
  // built and saved once; the managers below load it (their vector stores search the compact graph)
  await new IndexManager({
    corpusDir,
    indexDir,
    logger: new RecordingLogger(),
    baseUrl: '',
    embedder: (analyzer) => createLocalEmbedder(analyzer),
    words,
  }).open();
}, 120_000);

afterAll(async () => {
  await Promise.all(pools.map((p) => p.close()));
  for (const dir of temps.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('SearchPool', () => {
  it('retrieves exactly as this thread does, and a re-index reaches every worker', async () => {
    const pool = new SearchPool({ size: 2, logger: new RecordingLogger() });
    pools.push(pool);
    const here = manager();
    const pooled = manager(pool);
    await here.open();
    await pooled.open();
    const questions = (await readEvalQuestions(resolve('test/eval/questions.yaml'))).slice(0, 60);
    expect(await pool.workerGenerations()).toEqual([[1], [1]]);
    // a worker's index gives the chunk texts the relations stage mines, as the index it was made from
    const index = here.searchIndex()!;
    const vectors = (index.vectorStore as HnswVectorStore).shareable()!;
    const shared = new SharedRetrievalIndex({
      chunks: index.chunks.toParts(),
      lexical: index.state.lexical.toParts(),
      vectors,
    });
    expect([...shared.chunkTexts()]).toEqual([...index.chunks].map((c) => c.text));
    for (const { question } of questions) {
      const expected = await here.current()!.retriever.retrieve(question, { k: 8 });
      // both workers answer (the least busy takes each): asked twice at once
      const [a, b] = await Promise.all([
        pooled.current()!.retriever.retrieve(question, { k: 8 }),
        pooled.current()!.retriever.retrieve(question, { k: 8 }),
      ]);
      expect(a).toEqual(expected);
      expect(b).toEqual(expected);
    }

    // an index the workers cannot share (an exact vector store) is served here; the workers drop the last one
    expect(pool.serve(await SearchIndex.create(pooled.searchIndex()!.state), undefined)).toBeUndefined();
    expect(await pool.workerGenerations()).toEqual([[], []]);

    // a new document: served on this thread until it is saved, then by every worker
    writeFileSync(
      join(corpusDir, 'faq', 'zebrafinker.md'),
      [
        '---',
        'title: "Zebrafinker i kommunen"',
        'kind: faq',
        'summary: "Om kommunens zebrafinker."',
        'tags: [faq]',
        'source:',
        '  organisation: "Kommunen"',
        '  title: "Zebrafinker"',
        '  date: "2026-12-01"',
        'updated: "2026-12-01"',
        'language: da',
        '---',
        '',
        '## Holder kommunen zebrafinker?',
        '',
        'Ja, kommunen holder zebrafinker i biblioteket.',
        '',
      ].join('\n'),
    );
    expect((await pooled.reindex()).added).toEqual(['zebrafinker']);
    await here.reindex();
    expect(await pool.workerGenerations()).toEqual([[2], [2]]);
    const asked = 'Holder kommunen zebrafinker?';
    const found = await pooled.current()!.retriever.retrieve(asked, { k: 8 });
    expect(found.passages[0]!.chunk.docId).toBe('zebrafinker');
    expect(found).toEqual(await here.current()!.retriever.retrieve(asked, { k: 8 }));
  }, 120_000);

  it("makes /api/search's JSON and the extractive answer in the workers, as this thread makes them", async () => {
    // the workers read this thread's word list in shared memory
    const pool = new SearchPool({ size: 2, logger: new RecordingLogger(), words: Promise.resolve(sharedWords) });
    pools.push(pool);
    const here = manager();
    const pooled = manager(pool);
    await here.open();
    await pooled.open();
    const helpdesk = (m: IndexManager) =>
      createHelpdesk(
        { snapshot: () => m.current(), analyzer: () => m.queryAnalyzer, site: () => DEFAULT_SITE },
        { baseUrl: 'https://hjælp.example' },
      );
    const [local, remote] = [await helpdesk(here), await helpdesk(pooled)];
    // only the finished results cross back: the pooled retriever (the whole `Retrieval`) is not asked
    const retrieve = vi.spyOn(pooled.current()!.retriever, 'retrieve');
    const questions = (await readEvalQuestions(resolve('test/eval/questions.yaml'))).slice(0, 40);
    let answered = 0;
    for (const { question } of questions) {
      const expected = JSON.stringify(await local.search(question, 8));
      expect(await local.searchJson(question, 8)).toBe(expected);
      expect(await remote.searchJson(question, 8)).toBe(expected);
      const answer = await remote.ask({ question });
      expect(answer).toEqual(await local.ask({ question }));
      answered += answer.answered ? 1 : 0;
    }
    expect(answered).toBeGreaterThan(30);
    // streamed (the widget asks so): the same events
    const events = async (h: typeof local, question: string) => {
      const out: unknown[] = [];
      for await (const event of h.askStream({ question })) out.push(event);
      return out;
    };
    for (const { question } of questions.slice(0, 5)) {
      expect(await events(remote, question)).toEqual(await events(local, question));
    }
    // a follow-up: condensed here, the earlier turn's words retrieved with it there
    const history = [
      { role: 'user' as const, content: questions[0]!.question },
      { role: 'assistant' as const, content: 'Svar.' },
    ];
    const followUp = { question: 'Og hvem kan jeg kontakte om det?', history };
    expect(await remote.ask(followUp)).toEqual(await local.ask(followUp));
    // an unanswerable question: the same refusal with the site's texts
    // misspelled (the word list decides what is repaired)
    for (const question of ['Hvordan soeger jeg om stoette til et projekt?', 'hvem kan jeg kontakte om samarbeijde']) {
      expect(await remote.searchJson(question, 8)).toBe(await local.searchJson(question, 8));
      expect(await remote.ask({ question })).toEqual(await local.ask({ question }));
    }
    const refused = { question: 'Hvad koster en zebrafink i Tivoli om vinteren?' };
    const answer = await remote.ask(refused);
    expect(answer.answered).toBe(false);
    expect(answer).toEqual(await local.ask(refused));
    expect(retrieve).not.toHaveBeenCalled();
  }, 120_000);

  it('spells with the word list the pool shares, not one of its own', async () => {
    // an empty list: "kommunikere" is no known word then, and is taken for a typo of the corpus's "kommunsk"
    const empty = shareWordList({ words: [], stems: [], names: [] });
    const pool = new SearchPool({ size: 1, logger: new RecordingLogger(), words: Promise.resolve(empty) });
    pools.push(pool);
    const pooled = manager(pool);
    const here = manager();
    await pooled.open();
    await here.open();
    const asked = 'Må virksomheden selv kommunikere eksternt om samarbejdet?';
    expect((await here.current()!.retriever.retrieve(asked)).query.corrections).toEqual([]);
    expect((await pooled.current()!.retriever.retrieve(asked)).query.corrections).toEqual([
      { from: 'kommunikere', to: 'kommunsk', kind: 'typo' },
    ]);
  }, 60_000);

  it('replaces a worker that stops, failing its request with a 500 error instead of waiting', async () => {
    // stand-in workers that record the generations they get and stop on the first question
    let started = 0;
    const spawn = () => {
      started++;
      return new Worker(
        `const { parentPort } = require('node:worker_threads');
         parentPort.on('message', (m) => {
           if (m.type === 'retrieve') process.exit(3);
           if (m.type === 'ping') parentPort.postMessage({ type: 'pong', id: m.id, generations: ['seen'] });
         });`,
        { eval: true },
      );
    };
    const logger = new RecordingLogger();
    const pool = new SearchPool({ size: 1, logger, spawn });
    pools.push(pool);
    const loaded = manager(pool);
    await loaded.open();
    expect(started).toBe(1);
    const failed = loaded.current()!.retriever.retrieve('Hvad er OPI?');
    await expect(failed).rejects.toThrow(/En søgetråd stoppede, mens den søgte/);
    const error = await failed.catch((err: unknown) => err);
    expect(publicError(error)).toMatchObject({ status: 500, code: 'internal' });
    expect(started).toBe(2);
    expect(pool.size).toBe(1);
    expect(await pool.workerGenerations()).toEqual([['seen']]);
    expect(logger.at('error').map((l) => l.data?.event)).toContain('search_pool.worker_stopped');
  }, 60_000);

  it('fails a request a worker does not answer in time with a 504 error', async () => {
    const silent = () =>
      new Worker(`require('node:worker_threads').parentPort.on('message', () => {});`, { eval: true });
    const logger = new RecordingLogger();
    const pool = new SearchPool({ size: 1, logger, spawn: silent, timeoutMs: 200 });
    pools.push(pool);
    const loaded = manager(pool);
    await loaded.open();
    const failed = loaded.current()!.retriever.retrieve('Hvad er OPI?');
    await expect(failed).rejects.toThrow(/svarede ikke i tide/);
    expect(publicError(await failed.catch((err: unknown) => err))).toMatchObject({ status: 504, code: 'timeout' });
    expect(logger.at('error').map((l) => l.data?.event)).toContain('search_pool.timeout');
  }, 60_000);

  it('lets the process end while no request waits (its workers do not hold it open)', () => {
    const url = new URL('../../../src/adapters/node/search-pool.ts', import.meta.url).href;
    const code = `import(${JSON.stringify(url)}).then(({ SearchPool }) => {
      new SearchPool({ size: 2, logger: { debug() {}, info() {}, warn() {}, error() {} } });
    });`;
    const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe(0);
  }, 70_000);
});
