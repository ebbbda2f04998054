import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RateLimitBinding, WorkerEnv } from '../../../src/adapters/cloudflare/bindings.js';
import { d1SyncLedger } from '../../../src/adapters/cloudflare/d1-sync-ledger.js';
import { createWorkerApp } from '../../../src/adapters/cloudflare/worker-app.js';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { createDanishAnalyzer } from '../../../src/text/index.js';
import { buildWorkerAssets } from '../../../scripts/build-worker-assets.js';
import { corpusChunks, deployIndex } from '../../../scripts/deploy-index.js';
import { FakeAi, FakeVectorize, fakeAssets } from '../../support/fake-bindings.js';

let dir: string;
let files: Record<string, Uint8Array>;
/** Workers AI and a Vectorize index filled by deploy:index, as in production. */
let ai: FakeAi;
let vectorize: FakeVectorize;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'worker-resilience-'));
  await buildWorkerAssets({ outDir: dir, widget: false });
  files = {};
  for (const name of await readdir(dir)) files[name] = new Uint8Array(await readFile(join(dir, name)));
  ai = new FakeAi(createLocalEmbedder(createDanishAnalyzer(), { dimensions: 1024 }));
  vectorize = new FakeVectorize(1024);
  await deployIndex({
    chunks: await corpusChunks('corpus'),
    stateFile: join(dir, 'state.json'),
    dryRun: false,
    target: { ai, vectorize, ledger: d1SyncLedger(sqliteDatabase(new Database(':memory:'))) },
    log: () => {},
  });
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUESTION = 'Hvem har udviklet OPI-toget?';
const request = (path: string, init: RequestInit = {}, ip = '203.0.113.9') =>
  new Request(`https://helpdesk.test${path}`, {
    ...init,
    headers: { 'Content-Type': 'application/json', 'CF-Connecting-IP': ip, ...(init.headers ?? {}) },
  });
const ask = (question: string, ip?: string) =>
  request('/api/ask', { method: 'POST', body: JSON.stringify({ question }) }, ip);

/** A logger's lines, as the Worker writes them to the console (one JSON object each). */
function captureConsole(): { lines: Record<string, unknown>[]; restore: () => void } {
  const lines: Record<string, unknown>[] = [];
  const original = console.log;
  console.log = (line: string) => void lines.push(JSON.parse(line) as Record<string, unknown>);
  return {
    lines,
    restore: () => {
      console.log = original;
    },
  };
}

interface Health {
  status: string;
  vectorFallback?: { reason: string; message: string; since: string };
}

describe('the Worker in vectorize mode when Workers AI fails', () => {
  it('answers /api/ask and /api/search from BM25 alone, says so in /healthz and logs it, and recovers', async () => {
    const failing = new FakeAi(createLocalEmbedder(createDanishAnalyzer(), { dimensions: 1024 }));
    const env: WorkerEnv = { ASSETS: fakeAssets(files), AI: failing, VECTORIZE: vectorize, LOG_LEVEL: 'info' };
    const log = captureConsole();
    try {
      const { app } = await createWorkerApp(env);
      expect(((await (await app.fetch(request('/healthz'))).json()) as Health).status).toBe('ok');

      failing.fail = new Error('AiError: 3040: Capacity temporarily exceeded');
      const queriesBefore = vectorize.callsOf('query').length;
      const res = await app.fetch(ask(QUESTION));
      expect(res.status).toBe(200);
      const body = (await res.json()) as { answered: boolean; answer: string; citations: unknown[] };
      expect(body.answered).toBe(true);
      expect(body.answer).toContain('Innoba');
      expect(body.citations.length).toBeGreaterThan(0);
      const search = await app.fetch(request('/api/search?q=OPI-toget'));
      expect(search.status).toBe(200);
      expect(((await search.json()) as { results: unknown[] }).results.length).toBeGreaterThan(0);
      expect(vectorize.callsOf('query').length).toBe(queriesBefore);

      const health = await app.fetch(request('/healthz'));
      expect(health.status).toBe(200);
      const h = (await health.json()) as Health;
      expect(h.status).toBe('degraded');
      expect(h.vectorFallback).toMatchObject({ reason: 'embeddings_failed', message: expect.stringMatching(/BM25/) });
      const warn = log.lines.find((l) => l.event === 'vector.fallback');
      expect(warn).toMatchObject({ level: 'warn', reason: 'embeddings_failed', error: expect.stringMatching(/3040/) });

      failing.fail = undefined;
      expect((await app.fetch(ask(QUESTION))).status).toBe(200);
      expect(vectorize.callsOf('query').length).toBe(queriesBefore + 1);
      expect(((await (await app.fetch(request('/healthz'))).json()) as Health).status).toBe('ok');
    } finally {
      log.restore();
    }
  });

  it('falls back the same way when the Vectorize query fails', async () => {
    const broken = Object.assign(Object.create(vectorize) as FakeVectorize, {
      query: async () => {
        throw new Error('VECTOR_QUERY_ERROR: service unavailable');
      },
    });
    const { app } = await createWorkerApp({
      ASSETS: fakeAssets(files),
      AI: ai,
      VECTORIZE: broken,
      LOG_LEVEL: 'silent',
    });
    const res = await app.fetch(ask(QUESTION));
    expect(res.status).toBe(200);
    expect(((await res.json()) as { answer: string }).answer).toContain('Innoba');
    expect(((await (await app.fetch(request('/healthz'))).json()) as Health).vectorFallback?.reason).toBe(
      'vectorize_failed',
    );
  });
});

describe('the Worker in vectorize mode with an index of other dimensions', () => {
  it('names both sizes and the fix at start, answers from BM25 alone, and /healthz answers 503 misconfigured', async () => {
    const small = new FakeVectorize(768);
    const log = captureConsole();
    try {
      const { app } = await createWorkerApp({
        ASSETS: fakeAssets(files),
        AI: ai,
        VECTORIZE: small,
        LOG_LEVEL: 'info',
      });
      expect(small.callsOf('describe')).toHaveLength(1);
      const error = log.lines.find((l) => l.event === 'vector.dimensions_mismatch');
      expect(error?.level).toBe('error');
      expect(error?.explanation).toMatch(/768 dimensioner.*@cf\/baai\/bge-m3 giver 1024/);
      expect(error?.explanation).toMatch(/npm run deploy:index/);
      expect(error?.explanation).toMatch(/WORKERS_AI_EMBEDDING_MODEL/);

      const health = await app.fetch(request('/healthz'));
      expect(health.status).toBe(503);
      const h = (await health.json()) as Health;
      expect(h.status).toBe('misconfigured');
      expect(h.vectorFallback).toMatchObject({ reason: 'dimensions_mismatch', message: expect.stringMatching(/768/) });

      const res = await app.fetch(ask(QUESTION));
      expect(res.status).toBe(200);
      expect(((await res.json()) as { answer: string }).answer).toContain('Innoba');
      expect(small.callsOf('query')).toHaveLength(0);
    } finally {
      log.restore();
    }
  });
});

/** Cloudflare's rate-limiting binding: a fixed budget per key, recording the keys it counted. */
function fakeRateLimiter(budget: number): RateLimitBinding & { keys: string[] } {
  const keys: string[] = [];
  return {
    keys,
    async limit({ key }) {
      keys.push(key);
      return { success: keys.filter((k) => k === key).length <= budget };
    },
  };
}

describe('the Worker rate limit', () => {
  const feedback = (ip: string) =>
    request(
      '/api/feedback',
      { method: 'POST', body: JSON.stringify({ question: 'Q', answer: 'A', rating: 'up' }) },
      ip,
    );
  const escalation = (ip: string) =>
    request('/api/escalations', { method: 'POST', body: JSON.stringify({ question: 'Kan I hjælpe?' }) }, ip);

  it('counts every public route against the RATE_LIMITER binding, one key per client', async () => {
    const limiter = fakeRateLimiter(3);
    const { app } = await createWorkerApp({
      ASSETS: fakeAssets(files),
      RATE_LIMITER: limiter,
      LOG_LEVEL: 'silent',
      INDEX_MODE: 'bundled',
    });
    expect((await app.fetch(ask(QUESTION, '198.51.100.1'))).status).toBe(200);
    expect((await app.fetch(request('/api/search?q=OPI', {}, '198.51.100.1'))).status).toBe(200);
    // No DB: 503, but counted first.
    expect((await app.fetch(feedback('198.51.100.1'))).status).toBe(503);
    const refused = await app.fetch(escalation('198.51.100.1'));
    expect(refused.status).toBe(429);
    expect(refused.headers.get('Retry-After')).toBe('60');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    expect((await app.fetch(ask(QUESTION, '198.51.100.2'))).status).toBe(200);
    expect(limiter.keys).toEqual(['198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.1', '198.51.100.2']);
  });

  it('without the binding keeps one in-isolate budget per client across ask, search, feedback and escalations', async () => {
    const { app } = await createWorkerApp({
      ASSETS: fakeAssets(files),
      LOG_LEVEL: 'silent',
      INDEX_MODE: 'bundled',
      RATE_LIMIT_PER_MINUTE: '3',
    });
    expect((await app.fetch(ask(QUESTION, '198.51.100.3'))).status).toBe(200);
    expect((await app.fetch(request('/api/search?q=OPI', {}, '198.51.100.3'))).status).toBe(200);
    expect((await app.fetch(feedback('198.51.100.3'))).status).toBe(503);
    expect((await app.fetch(escalation('198.51.100.3'))).status).toBe(429);
    expect((await app.fetch(feedback('198.51.100.4'))).status).toBe(503);
  });

  it('counts in the isolate when the binding fails', async () => {
    const { app } = await createWorkerApp({
      ASSETS: fakeAssets(files),
      LOG_LEVEL: 'silent',
      INDEX_MODE: 'bundled',
      RATE_LIMIT_PER_MINUTE: '1',
      RATE_LIMITER: {
        limit: async () => {
          throw new Error('rate limiter unavailable');
        },
      },
    });
    expect((await app.fetch(request('/api/search?q=OPI', {}, '198.51.100.5'))).status).toBe(200);
    expect((await app.fetch(request('/api/search?q=OPI', {}, '198.51.100.5'))).status).toBe(429);
  });
});
