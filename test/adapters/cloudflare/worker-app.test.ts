import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WorkerEnv } from '../../../src/adapters/cloudflare/bindings.js';
import { createWorkerApp } from '../../../src/adapters/cloudflare/worker-app.js';
import { createNodeHelpdesk } from '../../../src/runtime/node-helpdesk.js';
import { loadConfig } from '../../../src/config.js';
import { silentLogger } from '../../../src/logger.js';
import { createLocalEmbedder } from '../../../src/index/local-embedder.js';
import { createDanishAnalyzer } from '../../../src/text/index.js';
import { buildWorkerAssets } from '../../../scripts/build-worker-assets.js';
import { corpusChunks, deployIndex } from '../../../scripts/deploy-index.js';
import { FakeAi, FakeVectorize, fakeAssets } from '../../support/fake-bindings.js';
import { fakeOidcProvider } from '../../support/fake-oidc-provider.js';
import { memoryD1 } from '../../support/memory-d1.js';
import { d1IndexStatements } from '../../../src/adapters/cloudflare/d1-index-sql.js';
import { d1SyncLedger } from '../../../src/adapters/cloudflare/d1-sync-ledger.js';
import { deserializeIndex } from '../../../src/index/artifact.js';
import { sqliteDatabase } from '../../../src/adapters/node/sqlite-database.js';
import Database from 'better-sqlite3';

let dir: string;
let files: Record<string, Uint8Array>;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'worker-assets-'));
  await buildWorkerAssets({ outDir: dir, widget: false });
  files = {};
  for (const name of await readdir(dir)) files[name] = new Uint8Array(await readFile(join(dir, name)));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const QUESTION = 'Hvem har udviklet OPI-toget?';
const ask = (question: string, headers: Record<string, string> = {}) =>
  new Request('https://helpdesk.test/api/ask', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ question }),
  });
const ctx = () => {
  const scheduled: Promise<unknown>[] = [];
  return { scheduled, waitUntil: (p: Promise<unknown>) => void scheduled.push(p) };
};

describe('createWorkerApp (Node, with binding stand-ins)', () => {
  it('in bundled mode answers exactly like the Node runtime over the same corpus', async () => {
    const { app, mode } = await createWorkerApp({
      ASSETS: fakeAssets(files),
      LOG_LEVEL: 'silent',
      INDEX_MODE: 'bundled',
    });
    expect(mode).toBe('bundled');
    const worker = (await (await app.fetch(ask(QUESTION))).json()) as {
      answer: string;
      citations: { chunkId: string }[];
    };

    const { helpdesk, manager } = await createNodeHelpdesk({
      config: loadConfig({ LOG_LEVEL: 'silent' }),
      logger: silentLogger,
      inMemory: true,
      vectorStore: 'exact',
    });
    await manager.open();
    const node = await helpdesk.ask({ question: QUESTION });
    expect(worker.answer).toBe(node.answer);
    expect(worker.citations.map((c) => c.chunkId)).toEqual(node.citations.map((c) => c.chunkId));
    expect(worker.answer).toContain('Innoba');
  });

  it('defaults to bundled mode when VECTORIZE is not bound', async () => {
    expect((await createWorkerApp({ ASSETS: fakeAssets(files), LOG_LEVEL: 'silent' })).mode).toBe('bundled');
  });

  it('in vectorize mode searches Vectorize with Workers AI query embeddings filled by deploy:index', async () => {
    const embeddings = createLocalEmbedder(createDanishAnalyzer(), { dimensions: 1024 });
    const ai = new FakeAi(embeddings);
    const vectorize = new FakeVectorize(1024);
    const chunks = await corpusChunks('corpus');
    await deployIndex({
      chunks,
      stateFile: join(dir, 'state.json'),
      dryRun: false,
      target: { ai, vectorize, ledger: d1SyncLedger(sqliteDatabase(new Database(':memory:'))) },
      log: () => {},
    });
    expect(vectorize.vectors.size).toBe(chunks.length);

    const env: WorkerEnv = { ASSETS: fakeAssets(files), AI: ai, VECTORIZE: vectorize, LOG_LEVEL: 'silent' };
    const { app, mode } = await createWorkerApp(env);
    expect(mode).toBe('vectorize');
    const before = ai.callsOf('bge').length;
    const body = (await (await app.fetch(ask(QUESTION))).json()) as {
      answered: boolean;
      answer: string;
      citations: unknown[];
    };
    expect(body.answered).toBe(true);
    expect(body.answer).toContain('Innoba');
    expect(ai.callsOf('bge').length).toBe(before + 1);
    const query = vectorize.callsOf('query').at(-1)!;
    expect(query.options).toMatchObject({ returnMetadata: 'none' });
    expect(vectorize.callsOf('getByIds')).toHaveLength(0);
  });

  it('in vectorize mode with LEXICAL_INDEX=d1: Vectorize for vectors, D1 for the lexical index and the chunks', async () => {
    const embeddings = createLocalEmbedder(createDanishAnalyzer(), { dimensions: 1024 });
    const ai = new FakeAi(embeddings);
    const vectorize = new FakeVectorize(1024);
    const chunks = await corpusChunks('corpus');
    await deployIndex({
      chunks,
      stateFile: join(dir, 'state-d1.json'),
      dryRun: false,
      target: { ai, vectorize, ledger: d1SyncLedger(sqliteDatabase(new Database(':memory:'))) },
      log: () => {},
    });
    const sqlite = new Database(':memory:');
    for (const statement of d1IndexStatements(deserializeIndex(files['index.bin']!))) sqlite.exec(statement);
    // the Worker does not need index.bin with the index in D1
    const { 'index.bin': _bundled, ...withoutIndex } = files;
    const env: WorkerEnv = {
      ASSETS: fakeAssets(withoutIndex),
      AI: ai,
      VECTORIZE: vectorize,
      DB: memoryD1(sqlite),
      LEXICAL_INDEX: 'd1',
      LOG_LEVEL: 'silent',
    };
    const { app, mode } = await createWorkerApp(env);
    expect(mode).toBe('vectorize');
    const before = vectorize.callsOf('query').length;
    const body = (await (await app.fetch(ask(QUESTION))).json()) as {
      answered: boolean;
      answer: string;
      citations: { chunkId: string }[];
    };
    expect(body.answered).toBe(true);
    expect(body.answer).toContain('Innoba');
    expect(vectorize.callsOf('query').length).toBe(before + 1);
    // the same answer as with the lexical index in index.bin
    const bundled = await createWorkerApp({ ...env, ASSETS: fakeAssets(files), LEXICAL_INDEX: 'asset' });
    const fromAsset = (await (await bundled.app.fetch(ask(QUESTION))).json()) as typeof body;
    expect(body.answer).toBe(fromAsset.answer);
    expect(body.citations.map((c) => c.chunkId)).toEqual(fromAsset.citations.map((c) => c.chunkId));
    // and without DB the configuration is refused with a Danish message
    await expect(createWorkerApp({ ...env, DB: undefined })).rejects.toThrow(/LEXICAL_INDEX=d1 kræver/);
  });

  it('answers with the Workers AI chat model when CHAT_PROVIDER=workers-ai', async () => {
    const ai = new FakeAi().script({ response: 'OPI-toget er udviklet af Innoba [1].' });
    const { app } = await createWorkerApp({
      ASSETS: fakeAssets(files),
      AI: ai,
      LOG_LEVEL: 'silent',
      CHAT_PROVIDER: 'workers-ai',
      CHAT_MODEL: '@cf/meta/llama-3.1-8b-instruct',
    });
    const body = (await (await app.fetch(ask(QUESTION))).json()) as { answer: string; citations: unknown[] };
    expect(ai.calls.some((c) => c.model === '@cf/meta/llama-3.1-8b-instruct')).toBe(true);
    expect(body.answer).toMatch(/Innoba \[1\]/);
    expect(body.citations.length).toBeGreaterThan(0);
  });

  it('refuses INDEX_MODE=vectorize without the bindings, and CHAT_PROVIDER=workers-ai without AI', async () => {
    await expect(createWorkerApp({ ASSETS: fakeAssets(files), INDEX_MODE: 'vectorize' })).rejects.toThrow(
      /VECTORIZE og AI/,
    );
    await expect(createWorkerApp({ ASSETS: fakeAssets(files), CHAT_PROVIDER: 'workers-ai' })).rejects.toThrow(
      /AI-bindingen/,
    );
  });
});

describe('the Worker entry (src/runtime/worker.ts)', () => {
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('answers 503 JSON while the index asset is missing, and recovers once it is there', async () => {
    vi.resetModules();
    const worker = (await import('../../../src/runtime/worker.js')).default;
    const empty = await worker.fetch(
      new Request('https://helpdesk.test/healthz'),
      { ASSETS: fakeAssets({}), LOG_LEVEL: 'silent' },
      ctx(),
    );
    expect(empty.status).toBe(503);
    expect(((await empty.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: 'index_not_ready',
      message: expect.stringMatching(/build:worker/),
    });
    const ok = await worker.fetch(
      new Request('https://helpdesk.test/healthz'),
      { ASSETS: fakeAssets(files), LOG_LEVEL: 'silent' },
      ctx(),
    );
    expect(ok.status).toBe(200);
  });

  it('answers 503 JSON for an invalid configuration', async () => {
    vi.resetModules();
    const worker = (await import('../../../src/runtime/worker.js')).default;
    const res = await worker.fetch(
      new Request('https://helpdesk.test/healthz'),
      { ASSETS: fakeAssets(files), LOG_LEVEL: 'loud' },
      ctx(),
    );
    expect(res.status).toBe(503);
    expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/LOG_LEVEL/);
  });

  it('hands work scheduled without a request context (escalation notices) to the request ctx', async () => {
    vi.resetModules();
    const worker = (await import('../../../src/runtime/worker.js')).default;
    const sent: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((ok) => {
      release = ok;
    });
    const realFetch = globalThis.fetch;
    // The webhook answers only after the response was returned: the notice must outlive the request.
    globalThis.fetch = (async (input: RequestInfo | URL) => {
      sent.push(String(input));
      await held;
      return new Response('ok');
    }) as typeof fetch;
    try {
      const env: WorkerEnv = {
        ASSETS: fakeAssets(files),
        LOG_LEVEL: 'silent',
        ESCALATION_WEBHOOK_URL: 'https://hooks.example.test/escalation',
        DB: memoryD1(),
      };
      const c = ctx();
      const res = await worker.fetch(
        new Request('https://helpdesk.test/api/escalations', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ question: 'Kan I hjælpe mig?', email: 'a@example.dk' }),
        }),
        env,
        c,
      );
      expect(res.status).toBeLessThan(300);
      expect(c.scheduled.length).toBe(1);
      release();
      await Promise.all(c.scheduled);
      expect(sent).toContain('https://hooks.example.test/escalation');
    } finally {
      globalThis.fetch = realFetch;
    }
  });

  it('serves the console on D1 (sign-in, escalations), while its document routes answer 501 pointing at npm run deploy:index', async () => {
    const token = 'worker-console-token-0123456789';
    const { app } = await createWorkerApp({
      ASSETS: fakeAssets({ ...files, 'admin.js': new TextEncoder().encode('console();') }),
      LOG_LEVEL: 'silent',
      ADMIN_TOKEN: token,
      DB: memoryD1(),
    });
    expect(await (await app.fetch(new Request('https://helpdesk.test/admin.js'))).text()).toBe('console();');
    const signIn = await app.fetch(
      new Request('https://helpdesk.test/api/admin/session', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: 'https://helpdesk.test' },
        body: JSON.stringify({ token, name: 'Mette' }),
      }),
    );
    expect(signIn.status).toBe(200);
    const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0]!;
    expect(signIn.headers.get('set-cookie')).toMatch(/Secure/);
    const get = (path: string) => app.fetch(new Request(`https://helpdesk.test${path}`, { headers: { cookie } }));
    expect((await get('/api/admin/escalations')).status).toBe(200);
    const documents = await get('/api/admin/documents');
    expect(documents.status).toBe(501);
    expect(((await documents.json()) as { error: { message: string } }).error.message).toMatch(/npm run deploy:index/);
  });

  it('signs in to the console with OpenID Connect (fetch and WebCrypto only), and a sign-out kept in D1 holds in another isolate', async () => {
    const provider = await fakeOidcProvider();
    const realFetch = globalThis.fetch;
    globalThis.fetch = provider.fetch;
    try {
      const env = {
        ASSETS: fakeAssets(files),
        LOG_LEVEL: 'silent',
        ADMIN_TOKEN: 'worker-console-token-0123456789',
        ADMIN_OIDC_ISSUER: provider.issuer,
        ADMIN_OIDC_CLIENT_ID: provider.clientId,
        ADMIN_OIDC_CLIENT_SECRET: provider.clientSecret,
        DB: memoryD1(),
      };
      const { app } = await createWorkerApp(env);
      const { app: otherIsolate } = await createWorkerApp(env);
      const login = await app.fetch(new Request('https://helpdesk.test/api/admin/oidc/login'));
      expect(login.status).toBe(302);
      const transaction = (login.headers.get('set-cookie') ?? '').split(';')[0]!;
      const authorize = await provider.fetch(login.headers.get('location')!);
      const callback = await app.fetch(
        new Request(authorize.headers.get('location')!, { headers: { cookie: transaction } }),
      );
      expect(callback.headers.get('location')).toBe('/admin');
      const cookie = callback.headers
        .getSetCookie()
        .find((c) => c.startsWith('helpdesk_admin='))!
        .split(';')[0]!;
      const who = await otherIsolate.fetch(
        new Request('https://helpdesk.test/api/admin/session', { headers: { cookie } }),
      );
      expect(await who.json()).toMatchObject({ name: 'Mette Hansen', via: 'session' });
      const out = await app.fetch(
        new Request('https://helpdesk.test/api/admin/session', {
          method: 'DELETE',
          headers: { cookie, origin: 'https://helpdesk.test' },
        }),
      );
      expect(out.status).toBe(204);
      const after = await otherIsolate.fetch(
        new Request('https://helpdesk.test/api/admin/stats', { headers: { cookie } }),
      );
      expect(after.status).toBe(401);
    } finally {
      globalThis.fetch = realFetch;
    }
  });
});
