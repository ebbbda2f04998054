import { unlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { type OpenAIStub, startOpenAIStub, toyEmbedding } from '../support/openai-stub-server.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { copyCorpus, removeTemps, tempDir, waitFor } from './helpers.js';
import { NEW_CASE_DOCUMENT, NEW_CASE_MARKER } from '../support/new-case-document.js';

const SLOW = 120_000;
/** An embeddings endpoint that holds every text with `NEW_CASE_MARKER` until `release()`. */
async function gatedEmbeddings() {
  let open!: () => void;
  let gate = new Promise<void>((ok) => {
    open = ok;
  });
  let held = 0;
  const stub = await startOpenAIStub({
    embed: async (text) => {
      if (text.includes(NEW_CASE_MARKER)) {
        held++;
        await gate;
      }
      return toyEmbedding(text);
    },
  });
  return {
    stub,
    held: () => held,
    release: () => open(),
    rearm: () => {
      gate = new Promise<void>((ok) => {
        open = ok;
      });
    },
  };
}

/** A port nothing listens on right now. */
function freePort(): Promise<number> {
  return new Promise((done) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });
}

const running: RunningServer[] = [];
const stubs: OpenAIStub[] = [];
afterEach(async () => {
  for (const s of running.splice(0)) await s.close();
  for (const s of stubs.splice(0)) await s.close();
});
afterAll(() => removeTemps());

function env(corpus: string, data: string, stub: OpenAIStub, port = 0) {
  return {
    CORPUS_DIR: corpus,
    DATA_DIR: data,
    PORT: String(port),
    HOST: '127.0.0.1',
    WATCH_CORPUS: 'false',
    RATE_LIMIT_PER_MINUTE: '0',
    EMBEDDER: 'openai',
    EMBEDDINGS_BASE_URL: stub.baseUrl,
    EMBEDDINGS_MODEL: 'toy',
    EMBEDDINGS_DIMENSIONS: '8',
  };
}

const ask = (url: string, question: string) =>
  fetch(`${url}/api/ask`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ question }),
  });

describe('startServer while the index is not ready yet', () => {
  it(
    'answers 503 JSON on /healthz and /api/ask during the very first build instead of refusing connections',
    async () => {
      const embeddings = await gatedEmbeddings();
      stubs.push(embeddings.stub);
      const corpus = copyCorpus();
      writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_CASE_DOCUMENT);
      const port = await freePort();
      const starting = startServer({
        env: env(corpus, tempDir('opi-first-'), embeddings.stub, port),
        logger: new RecordingLogger(),
      });
      starting.then((s) => running.push(s)).catch(() => {});
      await waitFor('the first build to embed the held document', () => embeddings.held() > 0);

      const health = await fetch(`http://127.0.0.1:${port}/healthz`);
      expect(health.status).toBe(503);
      expect(await health.json()).toEqual({ status: 'starting' });
      const res = await ask(`http://127.0.0.1:${port}`, 'Hvad er OPI?');
      expect(res.status).toBe(503);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('index_not_ready');

      embeddings.release();
      const server = await starting;
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    },
    SLOW,
  );
});

describe('startServer after files changed while it was down', () => {
  it(
    'never cites or lists a document deleted while it was down, and /healthz says catchingUp until the catch-up is done',
    async () => {
      const embeddings = await gatedEmbeddings();
      stubs.push(embeddings.stub);
      embeddings.release();
      const corpus = copyCorpus();
      const data = tempDir('opi-catch-up-');
      const first = await startServer({ env: env(corpus, data, embeddings.stub), logger: new RecordingLogger() });
      await first.close();

      // while it is down: one document deleted, one added (its embedding is held, so the catch-up takes a while)
      unlinkSync(join(corpus, 'guide', 'forskelle.md'));
      writeFileSync(join(corpus, 'case', 'robotstoevsugere.md'), NEW_CASE_DOCUMENT);
      embeddings.rearm();
      const server = await startServer({ env: env(corpus, data, embeddings.stub), logger: new RecordingLogger() });
      running.push(server);
      await waitFor('the catch-up to embed the added document', () => embeddings.held() > 0);

      const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; catchingUp: boolean };
      expect(health).toMatchObject({ status: 'ok', catchingUp: true });
      const question = 'Hvorfor beslutter offentlige organisationer langsomt?';
      const answer = (await (await ask(server.url, question)).json()) as { citations: { docId: string }[] };
      expect(answer.citations.map((c) => c.docId)).not.toContain('forskelle');
      const search = (await (
        await fetch(`${server.url}/api/search?q=${encodeURIComponent('offentlige organisationer beslutter langsomt')}`)
      ).json()) as { results: { docId: string }[] };
      expect(search.results.map((r) => r.docId)).not.toContain('forskelle');
      const documents = (await (await fetch(`${server.url}/api/documents`)).json()) as
        | { docId: string }[]
        | {
            documents: { docId: string }[];
          };
      expect(JSON.stringify(documents)).not.toContain('"forskelle"');
      expect((await fetch(`${server.url}/api/documents/forskelle`)).status).toBe(404);

      embeddings.release();
      await waitFor('the catch-up to finish', async () => {
        const body = (await (await fetch(`${server.url}/healthz`)).json()) as { catchingUp: boolean };
        return body.catchingUp === false;
      });
      const after = (await (
        await fetch(`${server.url}/api/search?q=${encodeURIComponent('robotstøvsugere plejecentre')}`)
      ).json()) as { results: { docId: string }[] };
      expect(after.results.map((r) => r.docId)).toContain('robotstoevsugere');
    },
    SLOW,
  );
});
