import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/adapters/node/sqlite-store.js';
import { between, kill, sleep, spawnTsx } from '../support/child-process.js';
import { writeCorpus } from '../support/crash-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'crash-serve-'));
const corpus = join(root, 'corpus');
const data = join(root, 'data');
const ADMIN_TOKEN = 'crash-test-admin-token';
const env = {
  CORPUS_DIR: corpus,
  DATA_DIR: data,
  PORT: '0',
  HOST: '127.0.0.1',
  WATCH_CORPUS: 'false',
  RATE_LIMIT_PER_MINUTE: '0',
  ADMIN_TOKEN,
};
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ITERATIONS = 3;

/** POSTs JSON and returns the created id, or undefined when the server did not acknowledge it. */
async function create(url: string, body: unknown): Promise<string | undefined> {
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (res.status !== 201) return undefined;
    return ((await res.json()) as { id: string }).id;
  } catch {
    return undefined; // connection reset by the kill: not acknowledged
  }
}

describe('server under SIGKILL during store writes and re-indexing', () => {
  it(`loses no acknowledged feedback or escalation and starts again after ${ITERATIONS} kills`, async () => {
    writeCorpus(corpus, 30);
    const acked = { feedback: [] as string[], escalations: [] as string[] };
    for (let i = 0; i <= ITERATIONS; i++) {
      const child = spawnTsx(['src/runtime/node.ts', 'serve'], env);
      const line = await child.waitFor(/kører på http:\/\//, 60_000);
      const base = /(http:\/\/[^\s)]+)/.exec(line)![1]!;
      const health = await (await fetch(`${base}/healthz`)).json();
      expect(health, `start ${i}`).toMatchObject({ status: 'ok', documents: 30 });
      if (i === ITERATIONS) {
        await kill(child);
        break;
      }

      writeCorpus(corpus, 30, i + 1); // new text: the re-index below has work to do
      let stop = false;
      const writer = async (w: number) => {
        for (let n = 0; !stop; n++) {
          if ((n + w) % 3 === 0) {
            const id = await create(`${base}/api/escalations`, {
              question: `Hjælp ${w}-${n}`,
              email: `b${w}x${n}@example.dk`,
            });
            if (id) acked.escalations.push(id);
          } else {
            const id = await create(`${base}/api/feedback`, {
              question: `Spm ${w}-${n}`,
              answer: 'Svar [1]',
              rating: 'up',
            });
            if (id) acked.feedback.push(id);
          }
        }
      };
      const writers = [0, 1, 2, 3].map(writer);
      const reindex = fetch(`${base}/api/admin/reindex`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
      }).catch(() => undefined);
      await sleep(between(100, 1500));
      await kill(child);
      stop = true;
      await Promise.all(writers);
      await reindex;

      const store = await openSqliteStore(join(data, 'helpdesk.sqlite'));
      const feedback = new Set((await store.listFeedback({ limit: 1_000_000 })).map((f) => f.id));
      const escalations = new Set((await store.listEscalations({ limit: 1_000_000 })).map((e) => e.id));
      await store.close();
      expect(
        acked.feedback.filter((id) => !feedback.has(id)),
        `kill ${i}`,
      ).toEqual([]);
      expect(
        acked.escalations.filter((id) => !escalations.has(id)),
        `kill ${i}`,
      ).toEqual([]);
    }
    expect(acked.feedback.length).toBeGreaterThan(0);
    expect(acked.escalations.length).toBeGreaterThan(0);
  }, 180_000);
});
