import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadIndex } from '../../src/adapters/node/index-files.js';
import { silentLogger } from '../../src/logger.js';
import { deserializeIndex } from '../../src/index/artifact.js';
import { startServer } from '../../src/runtime/node.js';
import { between, kill, sleep, spawnTsx } from '../support/child-process.js';
import { writeCorpus } from '../support/crash-corpus.js';

const root = mkdtempSync(join(tmpdir(), 'crash-index-'));
const corpus = join(root, 'corpus');
const data = join(root, 'data');
const indexDir = join(data, 'index');
const env = { CORPUS_DIR: corpus, DATA_DIR: data, WATCH_CORPUS: 'false' };
afterAll(() => rmSync(root, { recursive: true, force: true }));

const ITERATIONS = 5;
const DOCS = 60;

/** Kill when the child starts writing a file into the index directory, plus a little. */
async function killWhenWriting(child: ReturnType<typeof spawnTsx>, extraMs: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (child.proc.exitCode === null && Date.now() < deadline) {
    if (existsSync(indexDir) && readdirSync(indexDir).some((n) => n.endsWith('.tmp'))) {
      await sleep(extraMs);
      break;
    }
    await sleep(2);
  }
  await kill(child);
}

/** Document ids of the corpus as it is now. */
function corpusIds(): string[] {
  return readdirSync(join(corpus, 'guide'))
    .map((n) => n.replace(/\.md$/, ''))
    .sort();
}

describe('index build under SIGKILL', () => {
  it(`leaves a loadable last good index after ${ITERATIONS} kills during indexing, and the next start serves`, async () => {
    writeCorpus(corpus, DOCS);
    const first = spawnTsx(['src/runtime/node.ts', 'index'], env);
    expect((await first.exited).code).toBe(0);
    /** Every corpus state an index may legitimately hold: the document ids of each version. */
    const states = [corpusIds().join(',')];
    const kinds: string[] = [];

    for (let i = 0; i < ITERATIONS; i++) {
      // change the corpus so the next run has a full re-index to do: new text everywhere, one document more, one fewer
      writeCorpus(corpus, DOCS, i + 1, i + 1);
      writeCorpus(corpus, 1, i + 1, DOCS + i);
      unlinkSync(join(corpus, 'guide', `dok-${i}.md`));
      states.push(corpusIds().join(','));

      const child = spawnTsx(['src/runtime/node.ts', 'index'], env);
      if (i % 2 === 0) {
        kinds.push('while writing');
        await killWhenWriting(child, between(0, 40));
      } else {
        kinds.push('at a random moment');
        await sleep(between(800, 5000));
        await kill(child);
      }

      // what is on disk is a complete index of some corpus state (checksummed), never a torn one
      const bytes = readFileSync(join(indexDir, 'index.bin'));
      const state = deserializeIndex(bytes);
      expect(states, `iteration ${i}`).toContain(
        state.documents
          .map((d) => d.docId)
          .sort()
          .join(','),
      );
      const loaded = await loadIndex(indexDir, {
        analyzerId: state.manifest.analyzerId,
        embedderId: state.manifest.embedderId,
      });
      expect(await loaded.vectorStore.size()).toBe(state.chunks.length);

      // the next start loads or rebuilds without error and serves the current corpus
      const server = await startServer({
        env: { ...env, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent' },
        logger: silentLogger,
      });
      try {
        // a loaded index catches up with the corpus behind it (documents deleted meanwhile are hidden at once)
        let health = await (await fetch(`${server.url}/healthz`)).json();
        for (let wait = 0; health.catchingUp && wait < 600; wait++) {
          await sleep(50);
          health = await (await fetch(`${server.url}/healthz`)).json();
        }
        expect(health).toMatchObject({ status: 'ok', documents: corpusIds().length, catchingUp: false });
        const search = await (await fetch(`${server.url}/api/search?q=samarbejde%20kommune`)).json();
        expect(search.results.length).toBeGreaterThan(0);
      } finally {
        await server.close();
      }
    }
    expect(kinds).toContain('while writing');
  }, 180_000);
});
