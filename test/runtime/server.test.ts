import { readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AnswerResponse, SearchResult } from '../../src/answer/types.js';
import type { Logger } from '../../src/logger.js';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { copyCorpus, removeTemps, tempDir } from './helpers.js';
import { RecordingLogger } from '../support/recording-logger.js';

const CORPUS = resolve('corpus');
const ADMIN_TOKEN = 'test-admin-token-0123456789';
const SLOW = 180_000;

/** Markdown documents of the real corpus (what `/healthz` should count). */
function corpusDocuments(): number {
  let n = 0;
  for (const kind of readdirSync(CORPUS, { withFileTypes: true })) {
    if (!kind.isDirectory() || kind.name.startsWith('_') || kind.name.startsWith('.')) continue;
    n += readdirSync(join(CORPUS, kind.name)).filter((f) => f.endsWith('.md')).length;
  }
  return n;
}

function start(dataDir: string, logger: Logger): Promise<RunningServer> {
  return startServer({
    env: {
      CORPUS_DIR: CORPUS,
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH_CORPUS: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      ADMIN_TOKEN,
    },
    logger,
  });
}

function readyReport(logger: RecordingLogger) {
  return logger.lines.find((l) => l.data?.event === 'index.ready')?.data;
}

/** True when nothing listens on the port any more (we can bind it ourselves). */
function portIsFree(port: number): Promise<boolean> {
  return new Promise((done) => {
    const probe = createServer();
    probe.once('error', () => done(false));
    probe.listen(port, '127.0.0.1', () => probe.close(() => done(true)));
  });
}

const postJson = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });

describe('startServer on the real corpus', () => {
  const dataDir = tempDir('opi-server-data-');
  let server: RunningServer;
  let logger: RecordingLogger;
  let firstHealth: { documents: number; chunks: number; indexBuiltAt: string };

  beforeAll(async () => {
    logger = new RecordingLogger();
    server = await start(dataDir, logger);
  }, SLOW);

  afterAll(async () => {
    await server?.close();
    removeTemps();
  });

  it('builds the index on first start', () => {
    expect(readyReport(logger)).toMatchObject({ loadedFromDisk: false, documents: corpusDocuments() });
    const ready = readyReport(logger)!;
    expect(ready.embedded).toBe(ready.chunks);
    expect(server.url).toBe(`http://127.0.0.1:${server.port}`);
    expect(server.port).toBeGreaterThan(0);
  });

  it('answers /healthz with the index statistics', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; documents: number; chunks: number; indexBuiltAt: string };
    expect(body.status).toBe('ok');
    expect(body.documents).toBe(corpusDocuments());
    expect(body.chunks).toBeGreaterThan(body.documents);
    expect(Number.isNaN(Date.parse(body.indexBuiltAt))).toBe(false);
    firstHealth = body;
  });

  it('answers /api/ask with citations whose links open the cited passage', async () => {
    const res = await postJson(`${server.url}/api/ask`, { question: 'Hvad står forkortelsen OPI for?' });
    expect(res.status).toBe(200);
    const answer = AnswerResponse.parse(await res.json());
    expect(answer.answered).toBe(true);
    expect(answer.answer.toLowerCase()).toContain('offentlig-privat innovation');
    expect(answer.citations.length).toBeGreaterThan(0);
    for (const citation of answer.citations) {
      const url = new URL(citation.url, server.url);
      expect(url.pathname).toBe(`/docs/${encodeURIComponent(citation.docId)}`);
      const anchor = decodeURIComponent(url.hash.slice(1));
      expect(anchor).not.toBe('');
      expect(citation.chunkId).toBe(`${citation.docId}#${anchor}`);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      const html = await page.text();
      expect(html).toContain(`id="${anchor}"`);
      expect(html).toContain(citation.title);
    }
  });

  it('streams /api/ask as server-sent events ending with the full answer', async () => {
    const res = await fetch(`${server.url}/api/ask`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ question: 'Hvad står forkortelsen OPI for?' }),
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const text = await res.text();
    const events = [...text.matchAll(/^event: (\w+)$/gm)].map((m) => m[1]);
    expect(events[0]).toBe('citations');
    expect(events.at(-1)).toBe('done');
    expect(events).toContain('delta');
  });

  it('answers /api/search with results of the corpus', async () => {
    const res = await fetch(`${server.url}/api/search?q=${encodeURIComponent('OPI-toget Innoba')}&k=5`);
    expect(res.status).toBe(200);
    const { results } = (await res.json()) as { results: unknown[] };
    expect(results.length).toBeGreaterThan(0);
    expect(results.length).toBeLessThanOrEqual(5);
    for (const r of results) SearchResult.parse(r);
  });

  it('serves the widget script and the OpenAPI document', async () => {
    const widget = await fetch(`${server.url}/widget.js`);
    expect(widget.status).toBe(200);
    expect(widget.headers.get('content-type')).toMatch(/javascript/);
    expect((await widget.text()).length).toBeGreaterThan(1000);
    const openapi = await fetch(`${server.url}/openapi.json`);
    expect(openapi.status).toBe(200);
    expect(((await openapi.json()) as { paths: Record<string, unknown> }).paths).toHaveProperty('/api/ask');
  });

  it('answers errors as JSON', async () => {
    const res = await postJson(`${server.url}/api/ask`, { question: '' });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBeTruthy();
    expect(body.error.message).toBeTruthy();
  });

  it('re-indexes on request without changes', async () => {
    const report = await server.reindex();
    expect(report.added).toEqual([]);
    expect(report.changed).toEqual([]);
    expect(report.removed).toEqual([]);
    expect(report.embedded).toBe(0);
  });

  it(
    'frees the port on close, then loads the index from disk and keeps stored feedback after a restart',
    async () => {
      const question = `Testspørgsmål om genstart ${Date.now()}`;
      const saved = await postJson(`${server.url}/api/feedback`, {
        question,
        answer: 'Et svar',
        rating: 'up',
        citedChunkIds: ['hvad-er-opi#afsnit'],
      });
      expect(saved.status).toBe(201);
      const { id } = (await saved.json()) as { id: string };
      expect(id).toBeTruthy();

      const { port, url } = server;
      await server.close();
      await expect(fetch(`${url}/healthz`)).rejects.toThrow();
      expect(await portIsFree(port)).toBe(true);

      const again = new RecordingLogger();
      server = await start(dataDir, again);
      expect(readyReport(again)).toMatchObject({ loadedFromDisk: true, embedded: 0, documents: firstHealth.documents });

      const health = (await (await fetch(`${server.url}/healthz`)).json()) as typeof firstHealth;
      expect(health.documents).toBe(firstHealth.documents);
      expect(health.chunks).toBe(firstHealth.chunks);
      expect(health.indexBuiltAt).toBe(firstHealth.indexBuiltAt);

      const res = await fetch(`${server.url}/api/admin/feedback?limit=100`, {
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      });
      expect(res.status).toBe(200);
      const { feedback } = (await res.json()) as { feedback: { id: string; question: string; rating: string }[] };
      expect(feedback).toEqual(expect.arrayContaining([expect.objectContaining({ id, question, rating: 'up' })]));

      const answer = AnswerResponse.parse(
        await (await postJson(`${server.url}/api/ask`, { question: 'Hvad står forkortelsen OPI for?' })).json(),
      );
      expect(answer.answered).toBe(true);
    },
    SLOW,
  );
});

describe('startServer when the port is taken', () => {
  it(
    'rejects with a Danish message instead of crashing, and releases what it opened',
    async () => {
      const blocker = createServer();
      await new Promise<void>((ok) => blocker.listen(0, '127.0.0.1', () => ok()));
      const { port } = blocker.address() as { port: number };
      const dataDir = tempDir('opi-server-busy-');
      try {
        await expect(
          startServer({
            env: {
              CORPUS_DIR: copyCorpus(),
              DATA_DIR: dataDir,
              PORT: String(port),
              HOST: '127.0.0.1',
              WATCH_CORPUS: 'true',
            },
            logger: new RecordingLogger(),
          }),
        ).rejects.toThrow(new RegExp(`Port ${port} på 127\\.0\\.0\\.1 er optaget`));
      } finally {
        await new Promise<void>((ok) => blocker.close(() => ok()));
      }
      // the SQLite store was closed: a new server opens the same data directory (the port is taken
      // before anything is built, so this start builds the index)
      const logger = new RecordingLogger();
      const server = await startServer({
        env: { CORPUS_DIR: copyCorpus(), DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', WATCH_CORPUS: 'false' },
        logger,
      });
      try {
        expect(readyReport(logger)).toMatchObject({ loadedFromDisk: false });
        expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      } finally {
        await server.close();
      }
    },
    SLOW,
  );
});
