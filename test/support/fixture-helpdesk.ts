import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/logger.js';
import type { RetrievalStages } from '../../src/retrieval/retriever.js';
import { createNodeHelpdesk } from '../../src/runtime/node-helpdesk.js';

/** A copy of the small test corpus in a temp dir (tests may edit it). */
export function copyFixtureCorpus(): string {
  const dir = mkdtempSync(join(tmpdir(), 'opi-corpus-'));
  cpSync(resolve('test/fixtures/helpdesk-corpus'), dir, { recursive: true });
  return dir;
}

/** An in-memory help desk over a corpus directory (the small fixture by default). */
export async function fixtureHelpdesk(corpusDir = resolve('test/fixtures/helpdesk-corpus'), stages?: RetrievalStages) {
  const config = loadConfig({ CORPUS_DIR: corpusDir, WATCH_CORPUS: 'false' });
  const made = await createNodeHelpdesk({
    config,
    logger: silentLogger,
    inMemory: true,
    ...(stages ? { stages } : {}),
  });
  await made.manager.open();
  return made;
}
