import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AnswerResponse } from '../../src/answer/types.js';
import { type RunningServer, startServer } from '../../src/runtime/node.js';
import { RecordingLogger } from '../support/recording-logger.js';
import { copyCorpus, removeTemps, tempDir } from './helpers.js';

const SLOW = 120_000;

afterAll(() => removeTemps());

function start(dataDir: string, logger: RecordingLogger): Promise<RunningServer> {
  return startServer({
    env: {
      CORPUS_DIR: copyCorpus(),
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      WATCH_CORPUS: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
    },
    logger,
  });
}

const post = (url: string, body: unknown) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

describe('startServer with a bad data folder', () => {
  it(
    'keeps answering questions when helpdesk.sqlite is not a database; feedback and escalations get 503 store_unavailable and the log names the file and what to do',
    async () => {
      const dataDir = tempDir('opi-bad-db-');
      const path = join(dataDir, 'helpdesk.sqlite');
      writeFileSync(path, 'ikke en database '.repeat(200));
      const logger = new RecordingLogger();
      const server = await start(dataDir, logger);
      try {
        const ask = await post(`${server.url}/api/ask`, { question: 'Hvad er OPI?' });
        expect(ask.status).toBe(200);
        AnswerResponse.parse(await ask.json());
        for (const [route, body] of [
          ['/api/feedback', { question: 'Hvad er OPI?', answer: 'Et svar', rating: 'up' }],
          ['/api/escalations', { question: 'Hvem kan hjælpe?' }],
        ] as const) {
          const res = await post(`${server.url}${route}`, body);
          expect(res.status, route).toBe(503);
          expect(((await res.json()) as { error: { code: string } }).error.code).toBe('store_unavailable');
        }
        const line = logger.at('error').find((l) => JSON.stringify(l).includes(path));
        expect(line?.data?.error).toMatch(/ikke en gyldig SQLite-database.*Stop serveren, flyt filen/);
      } finally {
        await server.close();
      }
    },
    SLOW,
  );

  it(
    'serves the index it built when DATA_DIR/index is a file, and the log names that path',
    async () => {
      const dataDir = tempDir('opi-index-file-');
      const indexPath = join(dataDir, 'index');
      writeFileSync(indexPath, 'en fil, ikke en mappe');
      const logger = new RecordingLogger();
      const server = await start(dataDir, logger);
      try {
        const health = (await (await fetch(`${server.url}/healthz`)).json()) as { status: string; documents: number };
        expect(health.documents).toBeGreaterThan(0);
        expect((await post(`${server.url}/api/ask`, { question: 'Hvad er OPI?' })).status).toBe(200);
        const messages = logger.at('error').map((l) => JSON.stringify(l));
        expect(messages).toContainEqual(expect.stringContaining(`${indexPath} er ikke en mappe`));
      } finally {
        await server.close();
      }
    },
    SLOW,
  );
});
