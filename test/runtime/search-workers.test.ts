import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readEvalQuestions } from '../../scripts/lib/eval-questions.js';
import { type ChildServer, startChildServer } from '../../scripts/bench/server.js';
import { defaultSearchWorkers } from '../../src/runtime/node-helpdesk.js';
import { copyCorpus, removeTemps, tempDir, waitFor } from './helpers.js';

/** Starting on a busy 2-core machine can take many seconds. */
const SLOW = 120_000;

const servers: ChildServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.stop()));
  removeTemps();
});

describe('SEARCH_WORKERS: the bundled server searching in worker threads', () => {
  it(
    'answers /api/search and /api/ask exactly as the server without workers, from the workers once the index is saved',
    async () => {
      const corpus = copyCorpus('corpus');
      const start = (workers: string) =>
        startChildServer({
          corpusDir: corpus,
          dataDir: tempDir(`opi-rt-workers${workers}-`),
          env: { SEARCH_WORKERS: workers, LOG_LEVEL: 'debug', RATE_LIMIT_PER_MINUTE: '0' },
          timeoutMs: SLOW - 10_000,
        });
      const [plain, pooled] = await Promise.all([start('0'), start('2')]);
      servers.push(plain, pooled);
      // the index built at the start is served by the workers once it is saved
      await waitFor('the first generation in the workers', () => pooled.output().includes('search_pool.generation'));
      expect(plain.output()).not.toContain('search_pool.generation');
      const questions = (await readEvalQuestions(resolve('test/eval/questions.yaml'))).slice(0, 25);
      for (const { question } of questions) {
        const path = `/api/search?q=${encodeURIComponent(question)}&k=8`;
        const [a, b] = await Promise.all([fetch(`${plain.url}${path}`), fetch(`${pooled.url}${path}`)]);
        expect(b.status).toBe(200);
        // the same bytes: the workers' JSON is written as it comes
        expect(await b.text()).toBe(await a.text());
        const ask = {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ question }),
        };
        const [c, d] = await Promise.all([fetch(`${plain.url}/api/ask`, ask), fetch(`${pooled.url}/api/ask`, ask)]);
        expect(d.status).toBe(200);
        expect(await d.json()).toEqual(await c.json());
      }
    },
    SLOW,
  );
});

describe('SEARCH_WORKERS unset', () => {
  it('searches in one worker per core, at most four, and in none on a single core', () => {
    expect(defaultSearchWorkers(1)).toBe(0);
    expect(defaultSearchWorkers(2)).toBe(2);
    expect(defaultSearchWorkers(3)).toBe(3);
    expect(defaultSearchWorkers(16)).toBe(4);
  });
});
